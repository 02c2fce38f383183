// Placements: the fraud flags of a placement, recomputed from the current facts on creation and on
// every change (the rules are in app/domain/placement.ts).
import { calendarDayOrNull as isoDay } from "~/platform/china-time";
import { placementFlags, readFlags, statusAfterFlags, type PlacementFlag } from "~/domain/placement";
import type { Prisma } from "~/generated/prisma/client";
import { minimumWagesWithOverrides } from "~/services/reference.server";
import { sameValueHashes } from "~/services/pii.server";
import { changePlacement } from "./placement-change.server";

type Tx = Prisma.TransactionClient;

// ───────────── flags ─────────────

/**
 * Recomputes the fraud flags of one placement from the current facts and stores them (with the
 * status they imply while undecided). Returns the flags. Called on creation and on every change,
 * and for a worker's other placements when one of theirs changes (overlap is mutual).
 */
export async function refreshFlags(tx: Tx, placementId: string): Promise<PlacementFlag[]> {
  const pl = await tx.placement.findUniqueOrThrow({
    where: { id: placementId },
    select: {
      id: true,
      workerId: true,
      employerId: true,
      startDate: true,
      endDate: true,
      monthlyWage: true,
      workRegionCode: true,
      verification: true,
      flags: true,
      matchId: true,
      employer: { select: { name: true, status: true } },
      worker: { select: { id: true, idNumberHash: true, phoneHash: true, idNumberCipher: true, phoneCipher: true } },
      trainingClass: { select: { providerId: true, trainingOrder: { select: { title: true, kind: true, commitWage: true } } } },
    },
  });
  // One after another: a transaction is one connection, and pg warns (pg@9 will refuse) when a
  // client is given a query while another is still running on it (Promise.all over `tx` did that).
  const others = await tx.placement.findMany({
    where: { workerId: pl.workerId, id: { not: pl.id }, verification: { not: "REJECTED" } },
    select: { id: true, startDate: true, endDate: true, employer: { select: { name: true } } },
  });
  const match = pl.matchId
    ? await tx.match.findUnique({
        where: { id: pl.matchId },
        select: { trainingOrder: { select: { title: true, kind: true, commitWage: true, providerId: true } } },
      })
    : null;
  const minimumWages = await minimumWagesWithOverrides(tx);
  const order = pl.trainingClass?.trainingOrder ?? match?.trainingOrder ?? null;
  const providerId = pl.trainingClass?.providerId ?? match?.trainingOrder?.providerId ?? null;
  // The same person as staff: an account with their ID number or phone (blind index), or their own account.
  // During a key rotation either side may still hold the previous key's hash: both are compared.
  const idHashes = sameValueHashes("resident-id", pl.worker.idNumberHash, pl.worker.idNumberCipher);
  const phoneHashes = pl.worker.phoneHash && pl.worker.phoneCipher ? sameValueHashes("phone", pl.worker.phoneHash, pl.worker.phoneCipher) : [];
  const samePerson: Prisma.UserWhereInput[] = [{ idNumberHash: { in: idHashes } }, { workerId: pl.worker.id }];
  if (phoneHashes.length) samePerson.push({ phoneHash: { in: phoneHashes } });
  const staff = await tx.user.findMany({
    where: { OR: samePerson, AND: [{ OR: [{ employerId: pl.employerId }, ...(providerId ? [{ providerId }] : [])] }] },
    select: { employerId: true, providerId: true, idNumberHash: true, phoneHash: true, workerId: true },
  });
  const via = (u: (typeof staff)[number]) =>
    (u.idNumberHash && idHashes.includes(u.idNumberHash) ? "idNumber" : u.phoneHash && phoneHashes.includes(u.phoneHash) ? "phone" : "account") as
      "idNumber" | "phone" | "account";
  const staffLinks = [
    ...staff.filter((u) => u.employerId === pl.employerId).map((u) => ({ kind: "employer" as const, via: via(u) })),
    ...staff.filter((u) => providerId && u.providerId === providerId).map((u) => ({ kind: "provider" as const, via: via(u) })),
  ];
  const flags = placementFlags({
    placement: { id: pl.id, startDate: isoDay(pl.startDate)!, endDate: isoDay(pl.endDate), monthlyWage: pl.monthlyWage, workRegionCode: pl.workRegionCode },
    otherPlacements: others.map((o) => ({ id: o.id, startDate: isoDay(o.startDate)!, endDate: isoDay(o.endDate), employerName: o.employer.name })),
    employer: pl.employer,
    order: order && order.kind === "ORDER_BASED" ? { title: order.title, commitWage: order.commitWage } : null,
    staffLinks,
    minimumWages,
  });
  const status = statusAfterFlags(pl.verification, flags);
  if (JSON.stringify(flags) !== JSON.stringify(readFlags(pl.flags)) || status !== pl.verification) {
    await changePlacement(tx, pl.id, { flags, verification: status });
  }
  return flags;
}

/** A placement and every other (non-rejected) placement of the same person. */
export async function refreshWorkerFlags(tx: Tx, workerId: string): Promise<void> {
  const all = await tx.placement.findMany({ where: { workerId, verification: { not: "REJECTED" } }, select: { id: true }, orderBy: { createdAt: "asc" } });
  for (const { id } of all) await refreshFlags(tx, id);
}
