// Follow-ups (跟踪回访) of verified placements at 1, 3, 6 and 12 months.
//
// Verification creates the four rows (unique per placement and month, so a repeat creates
// nothing) in its transaction; after commit one delayed BullMQ job per row opens it on its due
// day. The job id carries the follow-up id and its due day: adding it again (a retry, a restart,
// the sweep) is absorbed by BullMQ, and a follow-up whose due day moved gets a new job while the
// old one finds nothing to open. BullMQ keeps delayed jobs in Redis/PostgreSQL, so they survive
// restarts; a daily sweep opens anything due that a lost job did not (safety net).
import { calendarDay as isoDay, chinaTime, chinaToday, dayDate } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { canReadRegion } from "~/domain/access";
import { becomesAtRisk, followUpLifecycleEvent, followUpState } from "~/domain/follow-up";
import { followUpSchedule } from "~/domain/placement";
import type { Prisma } from "~/generated/prisma/client";
import type { FollowUpResult } from "./schema";
import { audit, auditOutOfScope } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { conflict, refused, type Outcome } from "~/platform/outcome";
import { applyLifecycle, countyScopeWhere } from "~/features/registration/index.server";
import { writeOutbox } from "~/services/outbox.server";
import { decryptPii, encryptPii } from "~/services/pii.server";
import { enqueue } from "~/services/queue.server";
import { changePlacement } from "./placement-change.server";
import { regionNames } from "~/platform/selects";

type Tx = Prisma.TransactionClient;

/** The four follow-ups of a placement that just became VERIFIED (none twice). */
export async function createFollowUps(tx: Tx, placement: { id: string; startDate: Date; countyCode: string }): Promise<{ id: string; dueAt: Date }[]> {
  await tx.followUp.createMany({
    data: followUpSchedule(isoDay(placement.startDate)).map((f) => ({
      placementId: placement.id,
      dueMonth: f.dueMonth,
      dueAt: dayDate(f.dueAt),
      countyCode: placement.countyCode,
    })),
    skipDuplicates: true,
  });
  return tx.followUp.findMany({ where: { placementId: placement.id, completedAt: null, openedAt: null }, select: { id: true, dueAt: true } });
}

/** BullMQ job ids may not contain ":"; the due day in the id lets a moved follow-up get a new job. */
export const followUpJobId = (f: { id: string; dueAt: Date }) => `follow-up-open__${f.id}__${isoDay(f.dueAt).replaceAll("-", "")}`;

/** Due at the start of its day in China (UTC+8). */
const dueMoment = (dueAt: Date) => chinaTime(isoDay(dueAt)).getTime();

/** One delayed job per follow-up, due at its day; adding the same one again is a no-op. */
export async function scheduleFollowUpJobs(followUps: { id: string; dueAt: Date }[], now: Date = new Date()): Promise<void> {
  for (const f of followUps) {
    await enqueue("follow-up-open", { followUpId: f.id }, { jobId: followUpJobId(f), delay: Math.max(0, dueMoment(f.dueAt) - now.getTime()) });
  }
}

/** The delayed job: the follow-up becomes a task for its county's coordinator (when due and still pending). */
export async function openFollowUp(followUpId: string, now: Date = new Date(), db: Db = getDb()): Promise<{ opened: boolean }> {
  const changed = await db.followUp.updateMany({
    where: { id: followUpId, openedAt: null, completedAt: null, dueAt: { lte: dayDate(chinaToday(now)) } },
    data: { openedAt: now },
  });
  return { opened: changed.count === 1 };
}

/** The daily safety net: opens every due follow-up nobody opened. */
export async function sweepFollowUps(now: Date = new Date(), db: Db = getDb()): Promise<{ opened: number }> {
  const changed = await db.followUp.updateMany({
    where: { openedAt: null, completedAt: null, dueAt: { lte: dayDate(chinaToday(now)) }, placement: { verification: "VERIFIED" } },
    data: { openedAt: now },
  });
  return { opened: changed.count };
}

// ───────────── the coordinator's list and record ─────────────

/** A follow-up's result as the pages and the API show it (the note only as whether there is one: withoutNote). */
const resultSelect = {
  id: true,
  dueMonth: true,
  dueAt: true,
  openedAt: true,
  completedAt: true,
  stillEmployed: true,
  monthlyWage: true,
  leaveReason: true,
  noteCipher: true,
} satisfies Prisma.FollowUpSelect;

const followUpSelect = {
  ...resultSelect,
  placementId: true,
  countyCode: true,
  placement: {
    select: {
      id: true,
      startDate: true,
      monthlyWage: true,
      transferType: true,
      employer: { select: { id: true, name: true } },
      worker: {
        select: { id: true, fullName: true, isRegisteredPoor: true, atRiskOfPoverty: true, status: true, county: regionNames },
      },
    },
  },
} satisfies Prisma.FollowUpSelect;

export type FollowUpFilter = "open" | "overdue" | "done";

/**
 * The county coordinator's tasks: open (opened by the job, not yet recorded), overdue (due day
 * passed, not recorded — opened or not), or done.
 */
const followUpWheres = (today: Date): Record<FollowUpFilter, Prisma.FollowUpWhereInput> => ({
  open: { completedAt: null, openedAt: { not: null } },
  overdue: { completedAt: null, dueAt: { lt: today }, placement: { verification: "VERIFIED" } },
  done: { completedAt: { not: null } },
});

/** How many follow-ups each tab of the list holds (the coordinator's home shows open and overdue). */
export async function followUpCounts(p: Principal, opts: { today?: string } = {}, db: Db = getDb()): Promise<Record<FollowUpFilter, number>> {
  const scope = countyScopeWhere(p);
  const wheres = followUpWheres(dayDate(opts.today ?? chinaToday()));
  const counts = await Promise.all(
    (Object.keys(wheres) as FollowUpFilter[]).map(async (k) => [k, await db.followUp.count({ where: { AND: [scope, wheres[k]] } })] as const),
  );
  return Object.fromEntries(counts) as Record<FollowUpFilter, number>;
}

export async function listFollowUps(p: Principal, filter: FollowUpFilter, opts: { today?: string; take?: number } = {}, db: Db = getDb()) {
  const today = dayDate(opts.today ?? chinaToday());
  const scope = countyScopeWhere(p);
  const wheres = followUpWheres(today);
  const [rows, counts] = await Promise.all([
    db.followUp.findMany({
      where: { AND: [scope, wheres[filter]] },
      select: followUpSelect,
      orderBy: filter === "done" ? { completedAt: "desc" } : { dueAt: "asc" },
      take: opts.take ?? 200,
    }),
    followUpCounts(p, { today: isoDay(today) }, db),
  ]);
  const todayIso = isoDay(today);
  return {
    rows: rows.map((r) => ({
      ...withoutNote(r),
      state: followUpState({ dueAt: isoDay(r.dueAt), openedAt: r.openedAt, completedAt: r.completedAt }, todayIso),
    })),
    counts,
  };
}

/** The note may tell of the person's health: it never leaves here but by revealFollowUpNote; the rest learn only that there is one. */
const withoutNote = <T extends { noteCipher: string | null }>({ noteCipher, ...rest }: T) => ({ ...rest, hasNote: noteCipher !== null });

/** One follow-up for its county's coordinator (or above); null when absent or out of scope. */
export async function followUpFor(p: Principal, followUpId: string, db: Db = getDb()) {
  const f = await db.followUp.findUnique({ where: { id: followUpId }, select: followUpSelect });
  if (!f || !f.countyCode || !canReadRegion(p, f.countyCode)) return null;
  return { ...withoutNote(f), state: followUpState({ dueAt: isoDay(f.dueAt), openedAt: f.openedAt, completedAt: f.completedAt }, chinaToday()) };
}

/**
 * A follow-up's note in full, for its county's coordinators (or above), as an audited action
 * (`followUp.note.reveal` under the county). Null when absent, out of scope or without a note.
 */
export async function revealFollowUpNote(p: Principal, followUpId: string, ip: string | null, db: Db = getDb()): Promise<string | null> {
  const f = await db.followUp.findUnique({ where: { id: followUpId }, select: { id: true, placementId: true, countyCode: true, noteCipher: true } });
  if (!f || !f.countyCode) return null;
  if (!canReadRegion(p, f.countyCode)) return auditOutOfScope(p, { entityType: "FollowUp", entityId: f.id, regionCode: f.countyCode, ip }, db);
  if (!f.noteCipher) return null;
  const note = decryptPii(f.noteCipher);
  await audit(
    { actor: p, action: "followUp.note.reveal", entityType: "FollowUp", entityId: f.id, regionCode: f.countyCode, detail: { placementId: f.placementId }, ip },
    db,
  );
  return note;
}

export async function followUpsOfPlacement(placementId: string, db: Db | Tx = getDb()) {
  const today = chinaToday();
  const rows = await db.followUp.findMany({
    where: { placementId },
    orderBy: { dueMonth: "asc" },
    select: resultSelect,
  });
  return rows.map((r) => ({ ...withoutNote(r), state: followUpState({ dueAt: isoDay(r.dueAt), openedAt: r.openedAt, completedAt: r.completedAt }, today) }));
}

/**
 * Records a follow-up's result. Still employed at 6 months or later → stable employment; no
 * longer employed → the worker left work (matchable again; the placement ends today and the later
 * follow-ups are dropped), and a registered-poor worker is flagged at risk of returning to poverty.
 * One transaction; a result already recorded (by someone else meanwhile) is not overwritten.
 */
export async function recordFollowUp(
  p: Principal,
  followUpId: string,
  input: FollowUpResult,
  ip: string | null,
  db: Db = getDb(),
): Promise<Outcome<{ lifecycle: string | null; atRisk: boolean }> | null> {
  const f = await db.followUp.findUnique({
    where: { id: followUpId },
    select: {
      id: true,
      dueMonth: true,
      dueAt: true,
      openedAt: true,
      completedAt: true,
      countyCode: true,
      placementId: true,
      placement: { select: { verification: true, workerId: true, endDate: true, worker: { select: { isRegisteredPoor: true } } } },
    },
  });
  if (!f || !f.countyCode || !canReadRegion(p, f.countyCode)) return null;
  if (f.completedAt) return refused("out.followUp.alreadyRecorded");
  if (f.placement.verification !== "VERIFIED") return refused("out.followUp.notVerified");
  if (!f.openedAt && isoDay(f.dueAt) > chinaToday()) return refused("out.followUp.notDue");
  const actorId = p.kind === "user" ? p.id : null;
  const now = new Date();
  return db.$transaction(async (tx) => {
    const changed = await tx.followUp.updateMany({
      where: { id: f.id, completedAt: null },
      data: {
        completedAt: now,
        openedAt: f.openedAt ?? now,
        stillEmployed: input.stillEmployed,
        monthlyWage: input.stillEmployed ? (input.monthlyWage ?? null) : null,
        leaveReason: input.stillEmployed ? null : (input.leaveReason ?? null),
        // The note may tell of the person's health: encrypted, revealed only by revealFollowUpNote.
        noteCipher: input.note?.trim() ? encryptPii(input.note.trim()) : null,
        recordedById: actorId,
      },
    });
    if (changed.count === 0) return conflict;
    // Still employed at N months may entitle a hiring subsidy (docs/subsidies.md); recorded once, so version 1.
    await writeOutbox(tx, { topic: "subsidy-claims", entityType: "followUp", entityId: f.id, entityVersion: 1 });
    const event = followUpLifecycleEvent(f.dueMonth, input.stillEmployed);
    let lifecycle: string | null = null;
    if (event) {
      const r = await applyLifecycle(tx, f.placement.workerId, event, { actorId, reason: `followUp:${f.dueMonth}` });
      lifecycle = r.changed ? r.to : null;
    }
    const atRisk = becomesAtRisk(f.placement.worker, input.stillEmployed);
    if (!input.stillEmployed) {
      // The job ended: the placement's period closes today and its later follow-ups are moot.
      await changePlacement(tx, f.placementId, { endDate: f.placement.endDate ?? dayDate(chinaToday(now)) });
      await tx.followUp.deleteMany({ where: { placementId: f.placementId, completedAt: null, dueMonth: { gt: f.dueMonth } } });
    }
    if (atRisk) {
      // Matchable again: the version bump and outbox row make search and matching see the change.
      const w = await tx.worker.update({
        where: { id: f.placement.workerId },
        data: { atRiskOfPoverty: true, atRiskSince: now, version: { increment: 1 } },
        select: { version: true },
      });
      await writeOutbox(tx, { topic: "search-index", entityType: "worker", entityId: f.placement.workerId, entityVersion: w.version });
    }
    await audit(
      {
        actor: p,
        action: "followUp.record",
        entityType: "FollowUp",
        entityId: f.id,
        regionCode: f.countyCode,
        detail: {
          placementId: f.placementId,
          dueMonth: f.dueMonth,
          stillEmployed: input.stillEmployed,
          ...(lifecycle ? { lifecycle } : {}),
          ...(atRisk ? { atRisk } : {}),
        },
        ip,
      },
      tx,
    );
    return { ok: true as const, lifecycle, atRisk };
  });
}
