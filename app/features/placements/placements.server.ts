// Placements (转移就业): recorded by a coordinator or created by an employer's hire
// (candidates.server), checked against the fraud rules (app/domain/placement.ts) on creation and
// on every change, verified by the worker's county coordinator (or above), sampled for
// re-verification. Only VERIFIED placements count toward plans.
//
// Every change runs in one transaction with its audit row and an outbox row (version bump);
// verification also moves the worker's lifecycle and creates the follow-ups, whose delayed jobs
// are scheduled after commit (follow-ups.server).
import { addDays, calendarDayOrNull as isoDay, chinaMonth, chinaTime, dayDate, monthEnd } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { canReadRegion, hasRole, isAdmin, isSuspendedEmployer, staffScopes } from "~/domain/access";
import { refuseSuspendedEmployer } from "~/services/http.server";
import {
  availableDecisions,
  placementFlags,
  placementTransferType,
  readFlags,
  sampleDraw,
  statusAfterFlags,
  verificationStep,
  type PlacementFlag,
  type VerificationDecision,
  type VerificationStatus,
} from "~/domain/placement";
import { regionPrefix } from "~/domain/regions";
import type { Prisma } from "~/generated/prisma/client";
import type { PlacementInput } from "./schema";
import { audit, auditOutOfScope, refuseOutOfScope } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { conflict, invalid, refused, type Outcome, type Problem } from "~/platform/outcome";
import { createFollowUps, followUpsOfPlacement, scheduleFollowUpJobs } from "./follow-ups.server";
import { applyLifecycle } from "~/features/registration/index.server";
import { writeOutbox } from "~/services/outbox.server";
import { minimumWagesWithOverrides } from "~/services/reference.server";
import { decryptPii, encryptPii, sameValueHashes } from "~/services/pii.server";
import { changePlacement } from "./placement-change.server";
import { regionNames } from "~/platform/selects";

type Tx = Prisma.TransactionClient;

// ───────────── scope ─────────────

/** Placements the principal may read: staff by the worker's county, an employer its own. */
export function placementScopeWhere(p: Principal): Prisma.PlacementWhereInput {
  if (isAdmin(p)) return {};
  const scopes = staffScopes(p) ?? [];
  const ors: Prisma.PlacementWhereInput[] = scopes.map((code) => ({ worker: { countyCode: { startsWith: regionPrefix(code) } } }));
  // A suspended employer no longer reads its placements (the people in them); see isSuspendedEmployer.
  if (p.employerId && !isSuspendedEmployer(p)) ors.push({ employerId: p.employerId });
  return ors.length ? { OR: ors } : { id: "__none__" };
}

/** Verification is the worker's county coordinator's (or a prefecture/province coordinator's above it). */
export const mayVerify = (p: Principal, workerCountyCode: string) => isAdmin(p) || (hasRole(p, "COORDINATOR") && canReadRegion(p, workerCountyCode));

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

// ───────────── recording ─────────────

async function referenceProblems(
  p: Principal,
  input: PlacementInput,
  db: Db,
): Promise<{ problems: Problem[]; worker: { id: string; countyCode: string } | null }> {
  const [worker, employer, region, posting, klass] = await Promise.all([
    db.worker.findUnique({ where: { id: input.workerId }, select: { id: true, countyCode: true } }),
    db.employer.findUnique({ where: { id: input.employerId }, select: { id: true } }),
    db.region.findUnique({ where: { code: input.workRegionCode }, select: { level: true } }),
    input.postingId ? db.jobPosting.findUnique({ where: { id: input.postingId }, select: { employerId: true } }) : null,
    input.trainingClassId ? db.trainingClass.findUnique({ where: { id: input.trainingClassId }, select: { regionCode: true } }) : null,
  ]);
  const problems: Problem[] = [];
  const workerOk = worker && canReadRegion(p, worker.countyCode);
  if (!workerOk) problems.push({ field: "workerId", message: "out.workerRequired" });
  if (!employer) problems.push({ field: "employerId", message: "out.employerRequired" });
  if (region?.level !== "COUNTY") problems.push({ field: "workRegionCode", message: "out.workRegionRequired" });
  if (input.postingId && posting?.employerId !== input.employerId) problems.push({ field: "postingId", message: "out.postingNotOfEmployer" });
  if (input.trainingClassId && (!klass || !canReadRegion(p, klass.regionCode, ["COORDINATOR", "PROVIDER_STAFF"])))
    problems.push({ field: "trainingClassId", message: "out.invalidChoice" });
  return { problems, worker: workerOk ? worker : null };
}

/** A coordinator records a placement for a worker in their region: UNVERIFIED, or FLAGGED with its reasons. */
export async function createPlacement(
  p: Principal,
  input: PlacementInput,
  opts: { ip: string | null; source?: "form" | "api" },
  db: Db = getDb(),
): Promise<Outcome<{ placementId: string; flags: PlacementFlag[]; verification: VerificationStatus }>> {
  if (!isAdmin(p) && !hasRole(p, "COORDINATOR")) return refused("out.refusal.notCoordinator");
  const { problems, worker } = await referenceProblems(p, input, db);
  if (problems.length || !worker) return { ok: false, kind: "invalid", problems };
  return db.$transaction(
    async (tx) => {
      const placement = await tx.placement.create({
        data: {
          workerId: worker.id,
          employerId: input.employerId,
          postingId: input.postingId ?? null,
          trainingClassId: input.trainingClassId ?? null,
          startDate: dayDate(input.startDate),
          endDate: input.endDate ? dayDate(input.endDate) : null,
          monthlyWage: input.monthlyWage,
          workRegionCode: input.workRegionCode,
          workAddress: input.workAddress ?? null,
          transferType: placementTransferType(worker.countyCode, input.workRegionCode, input.homeBased),
          recordedById: p.kind === "user" ? p.id : null,
        },
      });
      await writeOutbox(tx, { topic: "search-index", entityType: "placement", entityId: placement.id, entityVersion: placement.version });
      await refreshWorkerFlags(tx, worker.id);
      const after = await tx.placement.findUniqueOrThrow({ where: { id: placement.id }, select: { flags: true, verification: true } });
      const flags = readFlags(after.flags);
      await audit(
        {
          actor: p,
          action: "placement.create",
          entityType: "Placement",
          entityId: placement.id,
          regionCode: worker.countyCode,
          detail: { source: opts.source ?? "form", flags: flags.map((f) => f.code) },
          ip: opts.ip,
        },
        tx,
      );
      return { ok: true as const, placementId: placement.id, flags, verification: after.verification };
    },
    { timeout: 20_000 },
  );
}

// ───────────── reading ─────────────

const listSelect = {
  id: true,
  startDate: true,
  endDate: true,
  monthlyWage: true,
  transferType: true,
  verification: true,
  flags: true,
  sampledAt: true,
  reverifiedAt: true,
  createdAt: true,
  employer: { select: { id: true, name: true, status: true } },
  worker: {
    select: {
      id: true,
      fullName: true,
      countyCode: true,
      isRegisteredPoor: true,
      atRiskOfPoverty: true,
      status: true,
      county: regionNames,
    },
  },
  workRegion: { select: { code: true, name: true, nameEn: true } },
} satisfies Prisma.PlacementSelect;

export type PlacementListFilter = {
  verification?: VerificationStatus;
  queue?: "review" | "reverify";
  employerId?: string;
  workerId?: string;
  page?: number;
  pageSize?: number;
};

function filterWhere(f: PlacementListFilter): Prisma.PlacementWhereInput {
  return {
    ...(f.verification ? { verification: f.verification } : {}),
    ...(f.queue === "review" ? { verification: { in: ["UNVERIFIED", "FLAGGED"] } } : {}),
    ...(f.queue === "reverify" ? { verification: "VERIFIED", sampledAt: { not: null }, reverifiedAt: null } : {}),
    ...(f.employerId ? { employerId: f.employerId } : {}),
    ...(f.workerId ? { workerId: f.workerId } : {}),
  };
}

export async function listPlacements(p: Principal, f: PlacementListFilter = {}, db: Db = getDb()) {
  const pageSize = Math.min(f.pageSize ?? 50, 200);
  const page = Math.max(f.page ?? 1, 1);
  const scope = placementScopeWhere(p);
  const where: Prisma.PlacementWhereInput = { AND: [scope, filterWhere(f)] };
  const [total, rows, byStatus] = await Promise.all([
    db.placement.count({ where }),
    db.placement.findMany({ where, select: listSelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db.placement.groupBy({ by: ["verification"], where: scope, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(byStatus.map((g) => [g.verification, g._count._all])) as Partial<Record<VerificationStatus, number>>;
  return { total, page, pageSize, counts, rows: rows.map((r) => ({ ...r, flags: readFlags(r.flags) })) };
}

const detailSelect = {
  ...listSelect,
  workAddress: true,
  postingId: true,
  matchId: true,
  trainingClassId: true,
  verifiedAt: true,
  verificationNoteCipher: true,
  reverificationNoteCipher: true,
  version: true,
  updatedAt: true,
  recordedById: true,
  reverifiedById: true,
  posting: { select: { id: true, title: true } },
  trainingClass: { select: { id: true, name: true, trainingOrder: { select: { id: true, title: true, kind: true, commitWage: true } } } },
  worker: { select: { ...listSelect.worker.select, idNumberMasked: true, phoneMasked: true, atRiskSince: true } },
  evidence: {
    select: { id: true, kind: true, fileName: true, mimeType: true, sizeBytes: true, sha256: true, referenceCipher: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.PlacementSelect;

/** One placement for staff in scope or its employer; null when absent or out of scope (the same answer). */
export async function placementFor(p: Principal, placementId: string, db: Db = getDb()) {
  // A suspended employer is told so (403); the scope below also leaves its placements out.
  refuseSuspendedEmployer(p);
  const found = await db.placement.findFirst({ where: { AND: [{ id: placementId }, placementScopeWhere(p)] }, select: detailSelect });
  if (!found)
    return refuseOutOfScope(
      p,
      "Placement",
      placementId,
      async () => (await db.placement.findUnique({ where: { id: placementId }, select: { worker: { select: { countyCode: true } } } }))?.worker.countyCode,
      db,
    );
  const { evidence, verificationNoteCipher, reverificationNoteCipher, ...rest } = found;
  // Follow-ups (leave reasons, which may be health, and notes) are for the coordinators of the
  // person's county and above: an employer's read does not even load them.
  const staffInScope = canReadRegion(p, found.worker.countyCode);
  return {
    ...rest,
    flags: readFlags(found.flags),
    // Notes may tell of the person's health: never sent, revealed by an audited action (revealPlacementNotes).
    hasVerificationNote: verificationNoteCipher !== null,
    hasReverificationNote: reverificationNoteCipher !== null,
    // The reference (e.g. social insurance number) is never sent in full: masked, revealed by an audited action.
    evidence: evidence.map(({ referenceCipher, ...e }) => ({ ...e, hasReference: referenceCipher !== null })),
    decisions: mayVerify(p, found.worker.countyCode) ? availableDecisions(found.verification) : [],
    mayVerify: mayVerify(p, found.worker.countyCode),
    followUps: staffInScope ? await followUpsOfPlacement(found.id, db) : [],
  };
}

/**
 * A placement's verification and re-verification notes in full, for the coordinators of the
 * person's county (or above), as an audited action (`placement.notes.reveal` under the county).
 * Null when absent, out of scope (audited as such) or without a note.
 */
export async function revealPlacementNotes(p: Principal, placementId: string, ip: string | null, db: Db = getDb()) {
  const pl = await db.placement.findUnique({
    where: { id: placementId },
    select: { id: true, verificationNoteCipher: true, reverificationNoteCipher: true, worker: { select: { countyCode: true } } },
  });
  if (!pl) return null;
  if (!canReadRegion(p, pl.worker.countyCode))
    return auditOutOfScope(p, { entityType: "Placement", entityId: pl.id, regionCode: pl.worker.countyCode, ip }, db);
  if (!pl.verificationNoteCipher && !pl.reverificationNoteCipher) return null;
  const notes = {
    verificationNote: pl.verificationNoteCipher ? decryptPii(pl.verificationNoteCipher) : null,
    reverificationNote: pl.reverificationNoteCipher ? decryptPii(pl.reverificationNoteCipher) : null,
  };
  await audit({ actor: p, action: "placement.notes.reveal", entityType: "Placement", entityId: pl.id, regionCode: pl.worker.countyCode, ip }, db);
  return notes;
}

/** What the coordinator's form offers: employers, open/filled postings, classes in scope, places. */
export async function placementFormOptions(p: Principal, workerQuery: { workerId?: string; q?: string }, db: Db = getDb()) {
  const scopes = staffScopes(p);
  const classWhere: Prisma.TrainingClassWhereInput = scopes === null ? {} : { OR: scopes.map((c) => ({ regionCode: { startsWith: regionPrefix(c) } })) };
  const workerScope: Prisma.WorkerWhereInput = scopes === null ? {} : { OR: scopes.map((c) => ({ countyCode: { startsWith: regionPrefix(c) } })) };
  const [employers, postings, classes, worker, found] = await Promise.all([
    db.employer.findMany({
      where: { status: { in: ["VERIFIED", "PENDING", "SUSPENDED"] } },
      select: { id: true, name: true, status: true },
      orderBy: { name: "asc" },
      take: 500,
    }),
    db.jobPosting.findMany({
      where: { status: { in: ["OPEN", "FILLED"] } },
      select: { id: true, title: true, employerId: true, employer: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
      take: 300,
    }),
    db.trainingClass.findMany({ where: classWhere, select: { id: true, name: true }, orderBy: { startDate: "desc" }, take: 200 }),
    workerQuery.workerId
      ? db.worker.findFirst({
          where: { AND: [{ id: workerQuery.workerId }, workerScope] },
          select: { id: true, fullName: true, idNumberMasked: true, countyCode: true, county: regionNames },
        })
      : null,
    workerQuery.q && workerQuery.q.trim().length >= 1
      ? db.worker.findMany({
          where: { AND: [workerScope, { fullName: { contains: workerQuery.q.trim() } }] },
          select: { id: true, fullName: true, idNumberMasked: true, county: regionNames },
          take: 20,
          orderBy: { fullName: "asc" },
        })
      : [],
  ]);
  return { employers, postings, classes, worker, found };
}

// ───────────── verification ─────────────

/**
 * A coordinator's decision on a placement: verify (flags need a review note), flag, or reject
 * (a verified placement is withdrawn from the plan: the worker's "place" is revoked and open
 * follow-ups are dropped). Verifying moves the worker to PLACED and creates the follow-ups; their
 * delayed jobs are scheduled after commit.
 */
export async function decidePlacement(
  p: Principal,
  placementId: string,
  decision: VerificationDecision,
  note: string | undefined,
  ctx: { ip: string | null; reverification?: boolean },
  db: Db = getDb(),
): Promise<Outcome<{ verification: VerificationStatus; followUps: number }> | null> {
  const pl = await db.placement.findUnique({
    where: { id: placementId },
    select: { id: true, verification: true, version: true, flags: true, startDate: true, workerId: true, worker: { select: { countyCode: true } } },
  });
  if (!pl) return null;
  if (!canReadRegion(p, pl.worker.countyCode, ["COORDINATOR"]))
    return auditOutOfScope(p, { entityType: "Placement", entityId: pl.id, regionCode: pl.worker.countyCode, ip: ctx.ip }, db);
  if (!mayVerify(p, pl.worker.countyCode)) return refused("out.refusal.notCoordinator");
  const flags = readFlags(pl.flags);
  const step = verificationStep(pl.verification, decision, { flags, note });
  if (!step.ok)
    return step.reason === "noteRequired"
      ? invalid("note", flags.length && decision === "verify" ? "out.verify.flaggedNoteRequired" : "out.noteRequired")
      : refused("out.refusal.notAllowed");
  const actorId = p.kind === "user" ? p.id : null;
  const result = await db.$transaction(
    async (tx) => {
      const changed = await tx.placement.updateMany({
        where: { id: pl.id, verification: pl.verification, version: pl.version },
        data: {
          verification: step.to,
          // The note may tell of the person's health: encrypted, revealed only by revealPlacementNotes.
          verificationNoteCipher: note?.trim() ? encryptPii(note.trim()) : null,
          version: { increment: 1 },
          ...(step.to === "VERIFIED" ? { verifiedById: actorId, verifiedAt: new Date() } : {}),
          ...(ctx.reverification ? { reverifiedAt: new Date(), reverifiedById: actorId } : {}),
        },
      });
      if (changed.count === 0) return conflict;
      await writeOutbox(tx, [
        { topic: "search-index", entityType: "placement", entityId: pl.id, entityVersion: pl.version + 1 },
        // Verified: the claims it entitles; rejected: those claims are withdrawn or flagged (docs/subsidies.md).
        { topic: "subsidy-claims", entityType: "placement", entityId: pl.id, entityVersion: pl.version + 1 },
      ]);
      let created: { id: string; dueAt: Date }[] = [];
      let lifecycle: string | null = null;
      if (step.to === "VERIFIED") {
        const r = await applyLifecycle(tx, pl.workerId, "place", { actorId, reason: `placement:${pl.id}` });
        lifecycle = r.changed ? r.to : null;
        created = await createFollowUps(tx, { id: pl.id, startDate: pl.startDate, countyCode: pl.worker.countyCode });
      }
      if (step.to === "REJECTED") {
        if (pl.verification === "VERIFIED") {
          const r = await applyLifecycle(tx, pl.workerId, "revoke", { actorId, reason: `placement:${pl.id}` });
          lifecycle = r.changed ? r.to : null;
        }
        await tx.followUp.deleteMany({ where: { placementId: pl.id, completedAt: null } });
        // A rejected placement no longer overlaps anything: the person's other placements are re-checked.
        await refreshWorkerFlags(tx, pl.workerId);
      }
      await audit(
        {
          actor: p,
          action: ctx.reverification ? "placement.reverify" : `placement.${decision}`,
          entityType: "Placement",
          entityId: pl.id,
          regionCode: pl.worker.countyCode,
          detail: {
            from: pl.verification,
            to: step.to,
            noted: !!note?.trim(),
            flags: flags.map((f) => f.code),
            ...(lifecycle ? { lifecycle } : {}),
            ...(ctx.reverification ? { outcome: "rejected" } : {}),
          },
          ip: ctx.ip,
        },
        tx,
      );
      return { ok: true as const, verification: step.to, created };
    },
    { timeout: 20_000 },
  );
  if (!result.ok) return result;
  // After commit: a job for a follow-up that a rolled-back transaction never created would open nothing, but is noise.
  await scheduleFollowUpJobs(result.created);
  return { ok: true, verification: result.verification, followUps: result.created.length };
}

// ───────────── sampled re-verification ─────────────

/**
 * Draws the month's sample: per county, 10 % (at least one) of the placements verified in the
 * month go into the re-verification queue (sampledAt). Deterministic and idempotent: running it
 * again the same month adds only what newly verified placements call for.
 */
export async function drawReverificationSample(month: string = chinaMonth(), db: Db = getDb()): Promise<{ sampled: number }> {
  const [y, m] = month.split("-").map(Number);
  const verified = await db.placement.findMany({
    where: { verification: "VERIFIED", verifiedAt: { gte: chinaTime(`${month}-01`), lt: chinaTime(addDays(monthEnd(y, m), 1)) } },
    select: { id: true, sampledAt: true, worker: { select: { countyCode: true } } },
  });
  const byCounty = new Map<string, { id: string; sampled: boolean }[]>();
  for (const v of verified) {
    const list = byCounty.get(v.worker.countyCode) ?? [];
    list.push({ id: v.id, sampled: v.sampledAt !== null });
    byCounty.set(v.worker.countyCode, list);
  }
  const ids = [...byCounty.values()].flatMap((list) => sampleDraw(month, list));
  if (ids.length === 0) return { sampled: 0 };
  const changed = await db.placement.updateMany({ where: { id: { in: ids }, sampledAt: null }, data: { sampledAt: new Date() } });
  return { sampled: changed.count };
}

/** The re-verification result: confirmed, or rejected with a note (the placement is withdrawn, as on rejection). */
export async function recordReverification(
  p: Principal,
  placementId: string,
  outcome: "confirmed" | "rejected",
  note: string | undefined,
  ip: string | null,
  db: Db = getDb(),
): Promise<Outcome<{ verification: VerificationStatus }> | null> {
  const pl = await db.placement.findUnique({
    where: { id: placementId },
    select: { id: true, verification: true, sampledAt: true, reverifiedAt: true, worker: { select: { countyCode: true } } },
  });
  if (!pl) return null;
  if (!canReadRegion(p, pl.worker.countyCode, ["COORDINATOR"]))
    return auditOutOfScope(p, { entityType: "Placement", entityId: pl.id, regionCode: pl.worker.countyCode, ip }, db);
  if (!pl.sampledAt || pl.reverifiedAt || pl.verification !== "VERIFIED") return refused("out.refusal.notAllowed");
  if (outcome === "rejected") {
    // Withdrawn exactly as on a rejection (lifecycle revoked, follow-ups dropped), in one transaction.
    const r = await decidePlacement(p, pl.id, "reject", note, { ip, reverification: true }, db);
    if (!r || !r.ok) return r;
    return { ok: true, verification: r.verification };
  }
  return db.$transaction(async (tx) => {
    const changed = await tx.placement.updateMany({
      where: { id: pl.id, reverifiedAt: null },
      data: {
        reverifiedAt: new Date(),
        reverifiedById: p.kind === "user" ? p.id : null,
        reverificationNoteCipher: note?.trim() ? encryptPii(note.trim()) : null,
      },
    });
    if (changed.count === 0) return conflict;
    await audit(
      {
        actor: p,
        action: "placement.reverify",
        entityType: "Placement",
        entityId: pl.id,
        regionCode: pl.worker.countyCode,
        detail: { outcome, noted: !!note?.trim() },
        ip,
      },
      tx,
    );
    return { ok: true as const, verification: "VERIFIED" as const };
  });
}
