// A class moving along and carrying its training order with it: the class starts (by hand, on its
// first attendance, or when it finishes without having started) and its order follows; shared by
// classes.server.ts, class-finishing.server.ts and attendance.server.ts.
import type { Principal } from "~/domain/access";
import { auditIndexedChange } from "~/services/audit.server";
import type { Tx } from "./class-access.server";

/** Marks the class running (idempotent) and its order IN_PROGRESS when this is the order's first class to start. */
export async function markStarted(tx: Tx, p: Principal, cls: { id: string; regionCode: string; trainingOrderId: string | null }, ip: string | null) {
  const started = await tx.trainingClass.updateMany({ where: { id: cls.id, status: "PLANNED" }, data: { status: "RUNNING", version: { increment: 1 } } });
  if (started.count === 0) return;
  const { version } = await tx.trainingClass.findUniqueOrThrow({ where: { id: cls.id }, select: { version: true } });
  await auditIndexedChange(tx, { type: "trainingClass", id: cls.id, version, regionCode: cls.regionCode }, { actor: p, action: "trainingClass.start", ip });
  if (cls.trainingOrderId) await moveOrderWithClass(tx, p, { id: cls.id, trainingOrderId: cls.trainingOrderId }, "start", ip);
}
export { markStarted as startClassInTx };

const ORDER_STEPS = {
  start: { from: "APPROVED", to: "IN_PROGRESS" },
  complete: { from: "IN_PROGRESS", to: "COMPLETED" },
} as const;

/**
 * A class carries its training order along: `start` (APPROVED → IN_PROGRESS, the order's first class
 * starts) or `complete` (IN_PROGRESS → COMPLETED, its last class finishes), with the order's index
 * job and audit entry. Nothing when the order is not in the step's starting status.
 */
export async function moveOrderWithClass(
  tx: Tx,
  p: Principal,
  cls: { id: string; trainingOrderId: string },
  step: keyof typeof ORDER_STEPS,
  ip: string | null,
) {
  const { from, to } = ORDER_STEPS[step];
  const moved = await tx.trainingOrder.updateMany({ where: { id: cls.trainingOrderId, status: from }, data: { status: to, version: { increment: 1 } } });
  if (moved.count === 0) return;
  const order = await tx.trainingOrder.findUniqueOrThrow({ where: { id: cls.trainingOrderId }, select: { version: true, locationRegionCode: true } });
  await auditIndexedChange(
    tx,
    { type: "trainingOrder", id: cls.trainingOrderId, version: order.version, regionCode: order.locationRegionCode },
    { actor: p, action: `trainingOrder.${step}`, detail: { from, to, classId: cls.id }, ip },
  );
}
