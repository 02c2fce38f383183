// Applies a lifecycle fact (app/domain/lifecycle.ts) to a worker inside the caller's transaction:
// conditional update on the status read (a concurrent change wins, never a lost update), one
// WorkerStatusEvent row, a version bump and an outbox row so search and matching see the change.
// A fact that does not move the status (e.g. "accept" while in training) changes nothing and says so.
import { lifecycleTransition, type LifecycleEvent, type WorkerStatus } from "~/domain/lifecycle";
import type { Db } from "~/services/db.server";
import { writeOutbox } from "~/services/outbox.server";

type Tx = Pick<Db, "worker" | "workerStatusEvent" | "outbox">;

export type LifecycleResult = { changed: true; from: WorkerStatus; to: WorkerStatus } | { changed: false; status: WorkerStatus | null };

export async function applyLifecycle(
  tx: Tx,
  workerId: string,
  event: LifecycleEvent,
  opts: { actorId?: string | null; reason?: string | null; at?: Date } = {},
): Promise<LifecycleResult> {
  const worker = await tx.worker.findUnique({ where: { id: workerId }, select: { status: true } });
  if (!worker) return { changed: false, status: null };
  const step = lifecycleTransition(worker.status, event);
  if (!step.ok) return { changed: false, status: worker.status };
  const at = opts.at ?? new Date();
  const updated = await tx.worker.updateMany({
    where: { id: workerId, status: worker.status },
    data: { status: step.to, statusChangedAt: at, version: { increment: 1 } },
  });
  if (updated.count === 0) return { changed: false, status: worker.status };
  const { version } = await tx.worker.findUniqueOrThrow({ where: { id: workerId }, select: { version: true } });
  await tx.workerStatusEvent.create({
    data: { workerId, from: worker.status, to: step.to, event, reason: opts.reason ?? null, actorId: opts.actorId ?? null, at },
  });
  await writeOutbox(tx, { topic: "search-index", entityType: "worker", entityId: workerId, entityVersion: version });
  return { changed: true, from: worker.status, to: step.to };
}
