// Loading what the matching engine ranks: workers in exactly the MatchWorker shape (matchable
// statuses, skills and wishes, decoded for the engine) and the open targets (postings and training
// orders with their requirements and employer commitments). matching.server.ts ranks and writes.
import { relatedOccupations, type OccupationCategory, type MatchTarget, type MatchWorker, type OpenTrainingOrder } from "~/domain/matching";
import { isMatchable } from "~/domain/lifecycle";
import { commitmentsFor } from "~/features/employers/index.server";
import type { Db } from "~/services/db.server";
import type { TargetRef } from "./matching.server";

const WORKER_STATUSES = ["REGISTERED", "MATCHED", "IN_TRAINING", "TRAINED", "PLACED", "STABLE", "LEFT"] as const;
export const MATCHABLE_STATUSES = WORKER_STATUSES.filter((s) => isMatchable(s));
const OPEN_ORDER_STATUSES = ["APPROVED", "IN_PROGRESS"] as const;

// ───────────── loading workers (exactly the MatchWorker shape) ─────────────

const workerSelect = {
  id: true,
  version: true,
  countyCode: true,
  townshipCode: true,
  villageCode: true,
  villageName: true,
  birthDate: true,
  isRegisteredPoor: true,
  hasPriorityFactors: true,
  atRiskOfPoverty: true,
  status: true,
  skills: { select: { occupationCode: true, level: true, certificateNumber: true, yearsExperience: true } },
  preference: {
    select: {
      destinationKinds: true,
      destinationRegionCodes: true,
      occupationCodes: true,
      minMonthlyWage: true,
      willingToTrain: true,
      trainingKinds: true,
      homeBasedOnly: true,
      availableFrom: true,
    },
  },
  matches: {
    where: { status: "DECLINED" },
    select: {
      declinedBy: true,
      postingId: true,
      trainingOrderId: true,
      posting: { select: { employerId: true } },
      trainingOrder: { select: { employerId: true } },
    },
  },
} as const;

type WorkerRow = Awaited<ReturnType<typeof findWorkers>>[number];
function findWorkers(db: Db, where: NonNullable<Parameters<Db["worker"]["findMany"]>[0]>["where"]) {
  return db.worker.findMany({ where, select: workerSelect, orderBy: { id: "asc" } });
}

function toMatchWorker(w: WorkerRow): MatchWorker {
  const declinedEmployerIds: string[] = [];
  const declinedByTargetIds: string[] = [];
  for (const m of w.matches) {
    if (m.declinedBy === "WORKER") {
      const employerId = m.posting?.employerId ?? m.trainingOrder?.employerId;
      if (employerId) declinedEmployerIds.push(employerId);
    } else if (m.declinedBy === "EMPLOYER") {
      const targetId = m.postingId ?? m.trainingOrderId;
      if (targetId) declinedByTargetIds.push(targetId);
    }
  }
  return {
    id: w.id,
    version: w.version,
    countyCode: w.countyCode,
    townshipCode: w.townshipCode,
    villageKey: w.villageCode ?? w.villageName ?? null,
    birthDate: w.birthDate,
    skills: w.skills.map((s) => ({
      occupationCode: s.occupationCode,
      level: s.level,
      hasCertificate: !!s.certificateNumber,
      yearsExperience: s.yearsExperience,
    })),
    preference: w.preference ? { ...w.preference, availableFrom: w.preference.availableFrom } : null,
    isRegisteredPoor: w.isRegisteredPoor,
    hasPriorityFactors: w.hasPriorityFactors,
    atRiskOfPoverty: w.atRiskOfPoverty,
    status: w.status,
    declinedEmployerIds,
    declinedByTargetIds,
  };
}

export async function loadMatchWorkers(db: Db, ids: readonly string[]): Promise<MatchWorker[]> {
  const out: MatchWorker[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await findWorkers(db, { id: { in: ids.slice(i, i + 5000) } });
    for (const r of rows) out.push(toMatchWorker(r));
  }
  return out;
}

export { candidateOccupations, isCandidate, targetOccupations } from "~/domain/matching";

/** The occupation taxonomy's categories (reference data: read once per process, a few minutes at most). */
let taxonomyCache: { at: number; rows: Promise<OccupationCategory[]> } | null = null;
function occupationTaxonomy(db: Db): Promise<OccupationCategory[]> {
  if (taxonomyCache && Date.now() - taxonomyCache.at < 300_000) return taxonomyCache.rows;
  const rows = db.occupation.findMany({ select: { code: true, category: true }, orderBy: { code: "asc" } });
  taxonomyCache = { at: Date.now(), rows };
  rows.catch(() => {
    taxonomyCache = null;
  });
  return rows;
}

// ───────────── loading targets ─────────────

type RequirementsJson = { skills?: { occupationCode?: string; minLevel?: number | null }[]; certificates?: string[] };

function requirementsOf(json: unknown): { skills: { occupationCode: string; minLevel: number | null }[]; certificates: string[] } {
  const r = (json && typeof json === "object" ? json : {}) as RequirementsJson;
  return {
    skills: (Array.isArray(r.skills) ? r.skills : [])
      .filter((s) => typeof s?.occupationCode === "string")
      .map((s) => ({ occupationCode: s.occupationCode!, minLevel: typeof s.minLevel === "number" ? s.minLevel : null })),
    certificates: (Array.isArray(r.certificates) ? r.certificates : []).filter((c): c is string => typeof c === "string"),
  };
}

/** Open targets (postings OPEN; orders APPROVED/IN_PROGRESS), optionally only the given ones. */
export async function loadOpenTargets(db: Db, today: string, only?: TargetRef): Promise<MatchTarget[]> {
  const postings =
    only && only.kind !== "posting"
      ? []
      : await db.jobPosting.findMany({
          where: { status: "OPEN", ...(only ? { id: only.id } : {}) },
          include: { occupation: { select: { homeBasedPossible: true } } },
          orderBy: { id: "asc" },
        });
  const orders =
    only && only.kind !== "trainingOrder"
      ? []
      : await db.trainingOrder.findMany({
          where: { status: { in: [...OPEN_ORDER_STATUSES] }, ...(only ? { id: only.id } : {}) },
          include: {
            employer: { select: { districtCode: true } },
            classes: { select: { capacity: true, _count: { select: { enrollments: { where: { status: { in: ["ENROLLED", "COMPLETED"] } } } } } } },
          },
          orderBy: { id: "asc" },
        });
  const employerIds = [...new Set([...postings.map((p) => p.employerId), ...orders.map((o) => o.employerId)])];
  const records = await commitmentsFor(employerIds, today, db);
  const taxonomy = postings.length ? await occupationTaxonomy(db) : [];
  const record = (employerId: string) => {
    const c = records.get(employerId);
    return c && c.kept + c.broken > 0 ? c.kept / (c.kept + c.broken) : null;
  };
  const targets: MatchTarget[] = [];
  for (const p of postings) {
    targets.push({
      kind: "posting",
      id: p.id,
      version: p.version,
      employerId: p.employerId,
      occupationCode: p.occupationCode,
      wageMin: p.wageMin,
      wageMax: p.wageMax,
      workRegionCode: p.workRegionCode,
      startDate: p.startDate,
      requirements: requirementsOf(p.requirements),
      ageMin: p.ageMin,
      ageMax: p.ageMax,
      headcount: p.headcount,
      housing: p.housing,
      meals: p.meals,
      socialInsurance: p.socialInsurance,
      homeBased: p.occupation.homeBasedPossible,
      employerRecord: record(p.employerId),
      relatedOccupations: relatedOccupations(p.occupationCode, taxonomy),
    });
  }
  for (const o of orders) {
    const enrolled = o.classes.reduce((n, c) => n + c._count.enrollments, 0);
    targets.push({
      kind: "trainingOrder",
      id: o.id,
      version: o.version,
      employerId: o.employerId,
      trainingKind: o.kind,
      occupationCode: o.occupationCode,
      classSize: o.classSize,
      placesLeft: Math.max(0, o.classSize - enrolled),
      locationRegionCode: o.locationRegionCode,
      workRegionCode: o.employer.districtCode,
      scheduleStart: o.scheduleStart,
      commitWage: o.commitWage,
      commitHires: o.commitHires,
      employerRecord: record(o.employerId),
    });
  }
  return targets;
}

/** Open training orders with places left (the training suggestions of near-misses), without loading every target. */
export async function loadOpenOrders(db: Db): Promise<OpenTrainingOrder[]> {
  const orders = await db.trainingOrder.findMany({
    where: { status: { in: [...OPEN_ORDER_STATUSES] } },
    select: {
      id: true,
      occupationCode: true,
      classSize: true,
      classes: { select: { _count: { select: { enrollments: { where: { status: { in: ["ENROLLED", "COMPLETED"] } } } } } } },
    },
    orderBy: { id: "asc" },
  });
  return orders.map((o) => ({
    id: o.id,
    occupationCode: o.occupationCode,
    placesLeft: Math.max(0, o.classSize - o.classes.reduce((n, c) => n + c._count.enrollments, 0)),
  }));
}

export const openOrdersOf = (targets: readonly MatchTarget[]): OpenTrainingOrder[] =>
  targets.flatMap((t) => (t.kind === "trainingOrder" ? [{ id: t.id, occupationCode: t.occupationCode, placesLeft: t.placesLeft }] : []));
