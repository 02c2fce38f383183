// Placements (转移就业): recorded by a coordinator or created by an employer's hire
// (candidates.server), checked against the fraud rules (app/domain/placement.ts) on creation and
// on every change, verified by the worker's county coordinator (or above), sampled for
// re-verification. Only VERIFIED placements count toward plans.
//
// Every change runs in one transaction with its audit row and an outbox row (version bump);
// verification also moves the worker's lifecycle and creates the follow-ups, whose delayed jobs
// are scheduled after commit (follow-ups.server).
//
// This module: scope, recording and reading; beside it placement-flags (the fraud flags),
// placement-verification (decisions and the re-verification sample) and placement-change.
import { dayDate } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { canReadRegion, hasRole, isAdmin, isSuspendedEmployer, staffScopes } from "~/domain/access";
import { refuseSuspendedEmployer } from "~/services/http.server";
import { availableDecisions, placementTransferType, readFlags, type PlacementFlag, type VerificationStatus } from "~/domain/placement";
import { regionPrefix } from "~/domain/regions";
import type { Prisma } from "~/generated/prisma/client";
import type { PlacementInput } from "./schema";
import { audit, auditOutOfScope, refuseOutOfScope } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { refused, type Outcome, type Problem } from "~/platform/outcome";
import { followUpsOfPlacement } from "./follow-ups.server";
import { writeOutbox } from "~/services/outbox.server";
import { decryptPii } from "~/services/pii.server";
import { regionNames } from "~/platform/selects";
import { refreshWorkerFlags } from "./placement-flags.server";

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
