// The matching service: loads workers and targets in the shapes app/domain/matching scores, and
// writes the results. Pure scoring lives in the domain; here are the I/O rules:
//
// - Candidates for a target: matchable workers (lifecycle isMatchable) who have the target's
//   occupation (or a required skill's) among their skills or wished occupations; a posting also
//   reaches people with a skill in a related occupation (one training step away, domain
//   relatedOccupations: the engine keeps them as near-misses with the gap and a training
//   suggestion, never as matches); a training order also reaches everyone willing to train (the
//   class teaches the skill). One rule, `isCandidate`,
//   used by the single-target path (prefiltered through the search index) and by the nightly run
//   (bulk SQL per county), so both produce the same rows.
// - Rows already acted on (anything but PROPOSED: shortlisted, invited, accepted, declined, hired,
//   withdrawn) belong to people, not to the engine: they are never updated or removed, and their
//   workers are left out of the fresh ranking, so a target's PROPOSED rows are its top N new
//   proposals ranked 1…N (score, then worker id).
// - Upserts are idempotent (unique [workerId, postingId] / [workerId, trainingOrderId]); a run
//   twice over the same data leaves the same rows. Near-miss rows of a target are replaced.
import { chinaToday } from "~/platform/china-time";
import { createHash } from "node:crypto";
import type { Job } from "bullmq";
import {
  DEFAULT_MATCH_POLICY, rankTarget, readMatchPolicy, relatedOccupations, type OccupationCategory,
  type MatchLabels, type MatchPolicy, type MatchTarget, type MatchWorker, type NearMiss, type OpenTrainingOrder, type RankResult,
} from "~/domain/matching";
import { isMatchable } from "~/domain/lifecycle";
import { commitmentsFor } from "./commitments.server";
import { getDb, WRITE_TX, type Db } from "./db.server";
import { ensureIndexes } from "./indexing.server";
import { enqueue, entityJobId, getFlowProducer, jobCatalog, type JobPayload } from "./queue.server";
import { getSearchIndex } from "./search.server";
import type { SearchIndex } from "./search/types";
import { MAX_SEARCH_LIMIT } from "./search/types";

export type TargetKind = "posting" | "trainingOrder";
export type TargetRef = { kind: TargetKind; id: string };

const WORKER_STATUSES = ["REGISTERED", "MATCHED", "IN_TRAINING", "TRAINED", "PLACED", "STABLE", "LEFT"] as const;
export const MATCHABLE_STATUSES = WORKER_STATUSES.filter((s) => isMatchable(s));
const OPEN_ORDER_STATUSES = ["APPROVED", "IN_PROGRESS"] as const;
export const POLICY_SETTING_KEY = "matching.policy";

// ───────────── reading: policy, today, labels ─────────────

/** The admin's policy (Setting "matching.policy"), validated by the domain schema; the default otherwise. */
export async function loadMatchPolicy(db: Db = getDb()): Promise<MatchPolicy> {
  const row = await db.setting.findUnique({ where: { key: POLICY_SETTING_KEY } });
  return row ? readMatchPolicy(row.value) : DEFAULT_MATCH_POLICY;
}


async function loadLabels(db: Db, regionCodes: string[]): Promise<MatchLabels> {
  const [occupations, regions] = await Promise.all([
    db.occupation.findMany({ select: { code: true, nameZh: true, nameEn: true } }),
    regionCodes.length ? db.region.findMany({ where: { code: { in: [...new Set(regionCodes)] } }, select: { code: true, name: true, nameEn: true } }) : [],
  ]);
  const occ = new Map(occupations.map((o) => [o.code, { zh: o.nameZh, en: o.nameEn }]));
  const reg = new Map(regions.map((r) => [r.code, { zh: r.name, en: r.nameEn ?? r.name }]));
  return { occupation: (code) => occ.get(code), region: (code) => reg.get(code) };
}

// ───────────── loading workers (exactly the MatchWorker shape) ─────────────

const workerSelect = {
  id: true, version: true, countyCode: true, townshipCode: true, villageCode: true, villageName: true, birthDate: true,
  isRegisteredPoor: true, hasPriorityFactors: true, atRiskOfPoverty: true, status: true,
  skills: { select: { occupationCode: true, level: true, certificateNumber: true, yearsExperience: true } },
  preference: {
    select: {
      destinationKinds: true, destinationRegionCodes: true, occupationCodes: true, minMonthlyWage: true,
      willingToTrain: true, trainingKinds: true, homeBasedOnly: true, availableFrom: true,
    },
  },
  matches: {
    where: { status: "DECLINED" },
    select: { declinedBy: true, postingId: true, trainingOrderId: true, posting: { select: { employerId: true } }, trainingOrder: { select: { employerId: true } } },
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
    id: w.id, version: w.version, countyCode: w.countyCode, townshipCode: w.townshipCode,
    villageKey: w.villageCode ?? w.villageName ?? null, birthDate: w.birthDate,
    skills: w.skills.map((s) => ({ occupationCode: s.occupationCode, level: s.level, hasCertificate: !!s.certificateNumber, yearsExperience: s.yearsExperience })),
    preference: w.preference ? { ...w.preference, availableFrom: w.preference.availableFrom } : null,
    isRegisteredPoor: w.isRegisteredPoor, hasPriorityFactors: w.hasPriorityFactors, atRiskOfPoverty: w.atRiskOfPoverty,
    status: w.status, declinedEmployerIds, declinedByTargetIds,
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

/** Occupations whose skill (or wish) makes someone a candidate for the target. */
export function targetOccupations(t: MatchTarget): string[] {
  return t.kind === "posting" ? [...new Set([t.occupationCode, ...t.requirements.skills.map((s) => s.occupationCode)])] : [t.occupationCode];
}

/** Occupations whose skill makes someone a candidate: the target's and, for a posting, the related ones. */
export function candidateOccupations(t: MatchTarget): string[] {
  return t.kind === "posting" ? [...new Set([...targetOccupations(t), ...(t.relatedOccupations ?? [])])] : targetOccupations(t);
}

/** The candidate rule (see the header). */
export function isCandidate(w: MatchWorker, t: MatchTarget, occupations: readonly string[] = targetOccupations(t)): boolean {
  if (!isMatchable(w.status)) return false;
  if (t.kind === "trainingOrder" && w.preference?.willingToTrain) return true;
  const related = t.kind === "posting" ? t.relatedOccupations ?? [] : [];
  return w.skills.some((s) => occupations.includes(s.occupationCode) || related.includes(s.occupationCode)) || (w.preference?.occupationCodes ?? []).some((c) => occupations.includes(c));
}

/** The occupation taxonomy's categories (reference data: read once per process, a few minutes at most). */
let taxonomyCache: { at: number; rows: Promise<OccupationCategory[]> } | null = null;
function occupationTaxonomy(db: Db): Promise<OccupationCategory[]> {
  if (taxonomyCache && Date.now() - taxonomyCache.at < 300_000) return taxonomyCache.rows;
  const rows = db.occupation.findMany({ select: { code: true, category: true }, orderBy: { code: "asc" } });
  taxonomyCache = { at: Date.now(), rows };
  rows.catch(() => { taxonomyCache = null; });
  return rows;
}

// ───────────── loading targets ─────────────

type RequirementsJson = { skills?: { occupationCode?: string; minLevel?: number | null }[]; certificates?: string[] };

function requirementsOf(json: unknown): { skills: { occupationCode: string; minLevel: number | null }[]; certificates: string[] } {
  const r = (json && typeof json === "object" ? json : {}) as RequirementsJson;
  return {
    skills: (Array.isArray(r.skills) ? r.skills : []).filter((s) => typeof s?.occupationCode === "string").map((s) => ({ occupationCode: s.occupationCode!, minLevel: typeof s.minLevel === "number" ? s.minLevel : null })),
    certificates: (Array.isArray(r.certificates) ? r.certificates : []).filter((c): c is string => typeof c === "string"),
  };
}

/** Open targets (postings OPEN; orders APPROVED/IN_PROGRESS), optionally only the given ones. */
export async function loadOpenTargets(db: Db, today: string, only?: TargetRef): Promise<MatchTarget[]> {
  const postings = only && only.kind !== "posting" ? [] : await db.jobPosting.findMany({
    where: { status: "OPEN", ...(only ? { id: only.id } : {}) },
    include: { occupation: { select: { homeBasedPossible: true } } },
    orderBy: { id: "asc" },
  });
  const orders = only && only.kind !== "trainingOrder" ? [] : await db.trainingOrder.findMany({
    where: { status: { in: [...OPEN_ORDER_STATUSES] }, ...(only ? { id: only.id } : {}) },
    include: { employer: { select: { districtCode: true } }, classes: { select: { capacity: true, _count: { select: { enrollments: { where: { status: { in: ["ENROLLED", "COMPLETED"] } } } } } } } },
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
      kind: "posting", id: p.id, version: p.version, employerId: p.employerId, occupationCode: p.occupationCode,
      wageMin: p.wageMin, wageMax: p.wageMax, workRegionCode: p.workRegionCode, startDate: p.startDate,
      requirements: requirementsOf(p.requirements), ageMin: p.ageMin, ageMax: p.ageMax, headcount: p.headcount,
      housing: p.housing, meals: p.meals, socialInsurance: p.socialInsurance, homeBased: p.occupation.homeBasedPossible,
      employerRecord: record(p.employerId), relatedOccupations: relatedOccupations(p.occupationCode, taxonomy),
    });
  }
  for (const o of orders) {
    const enrolled = o.classes.reduce((n, c) => n + c._count.enrollments, 0);
    targets.push({
      kind: "trainingOrder", id: o.id, version: o.version, employerId: o.employerId, trainingKind: o.kind, occupationCode: o.occupationCode,
      classSize: o.classSize, placesLeft: Math.max(0, o.classSize - enrolled), locationRegionCode: o.locationRegionCode,
      workRegionCode: o.employer.districtCode, scheduleStart: o.scheduleStart, commitWage: o.commitWage, commitHires: o.commitHires,
      employerRecord: record(o.employerId),
    });
  }
  return targets;
}

const openOrdersOf = (targets: readonly MatchTarget[]): OpenTrainingOrder[] =>
  targets.flatMap((t) => (t.kind === "trainingOrder" ? [{ id: t.id, occupationCode: t.occupationCode, placesLeft: t.placesLeft }] : []));

// ───────────── candidate generation through the search index ─────────────

async function searchIds(search: SearchIndex, filters: Parameters<SearchIndex["search"]>[1]["filters"]): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += MAX_SEARCH_LIMIT) {
    const page = await search.search("workers", { filters, limit: MAX_SEARCH_LIMIT, offset });
    for (const h of page.hits) ids.push(h.id);
    if (page.hits.length < MAX_SEARCH_LIMIT || offset + MAX_SEARCH_LIMIT >= page.total) return ids;
  }
}

/** Worker ids the index says may be candidates (a superset; isCandidate decides on the loaded rows). */
export async function candidateIds(target: MatchTarget, search: SearchIndex = getSearchIndex()): Promise<string[]> {
  await ensureIndexes(search);
  const status = { field: "status", op: "in" as const, values: MATCHABLE_STATUSES };
  const ids = new Set(await searchIds(search, [status, { field: "occupationCodes", op: "in", values: candidateOccupations(target) }]));
  if (target.kind === "trainingOrder") for (const id of await searchIds(search, [status, { field: "willingToTrain", op: "eq", value: true }])) ids.add(id);
  return [...ids];
}

// ───────────── writing ─────────────

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
const column = (kind: TargetKind) => (kind === "posting" ? `"postingId"` : `"trainingOrderId"`);

type MatchRowIn = {
  workerId: string; targetId: string; score: number; factors: unknown; explanationZh: string; explanationEn: string;
  rank: number; workerVersion: number; targetVersion: number;
};
type NearMissRowIn = {
  workerId: string; targetId: string; score: number; reasons: unknown; explanationZh: string; explanationEn: string;
  suggestedTrainingOrderId: string | null; workerVersion: number; targetVersion: number;
};

function rowsOf(target: MatchTarget, result: RankResult): { matches: MatchRowIn[]; nearMisses: NearMissRowIn[] } {
  const matches = result.matches.map((m) => ({
    workerId: m.workerId, targetId: target.id, score: m.result.score, factors: m.result.factors, explanationZh: m.result.explanationZh,
    explanationEn: m.result.explanationEn, rank: m.rank, workerVersion: m.workerVersion, targetVersion: target.version,
  }));
  const nearMisses = result.nearMisses.map((n: NearMiss) => ({
    workerId: n.workerId, targetId: target.id, score: n.score, reasons: n.reasons, explanationZh: n.explanationZh, explanationEn: n.explanationEn,
    suggestedTrainingOrderId: n.suggestedTrainingOrderId, workerVersion: n.workerVersion, targetVersion: target.version,
  }));
  return { matches, nearMisses };
}

const byKey = <T extends { workerId: string; targetId: string }>(a: T, b: T) =>
  a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0;

/** Upserts PROPOSED matches (acted-on rows are left as they are); rows are written in key order so concurrent writers lock alike. */
async function upsertMatches(tx: Tx, kind: TargetKind, rows: MatchRowIn[]): Promise<number> {
  let written = 0;
  const sorted = [...rows].sort(byKey);
  for (let i = 0; i < sorted.length; i += 2000) {
    const col = column(kind);
    written += await tx.$executeRawUnsafe(
      `INSERT INTO "Match" ("id", "workerId", ${col}, "score", "factors", "hardConstraintsMet", "explanationZh", "explanationEn", "rank", "status", "workerVersion", "targetVersion", "updatedAt")
       SELECT gen_random_uuid()::text, x."workerId", x."targetId", x."score", x."factors", true, x."explanationZh", x."explanationEn", x."rank", 'PROPOSED', x."workerVersion", x."targetVersion", CURRENT_TIMESTAMP
         FROM jsonb_to_recordset($1::jsonb) AS x("workerId" text, "targetId" text, "score" float8, "factors" jsonb, "explanationZh" text, "explanationEn" text, "rank" int, "workerVersion" int, "targetVersion" int)
       ON CONFLICT ("workerId", ${col}) DO UPDATE SET
         "score" = EXCLUDED."score", "factors" = EXCLUDED."factors", "hardConstraintsMet" = true, "explanationZh" = EXCLUDED."explanationZh",
         "explanationEn" = EXCLUDED."explanationEn", "rank" = EXCLUDED."rank", "workerVersion" = EXCLUDED."workerVersion",
         "targetVersion" = EXCLUDED."targetVersion", "updatedAt" = CURRENT_TIMESTAMP
       WHERE "Match"."status" = 'PROPOSED'
         AND ("Match"."score", "Match"."rank", "Match"."workerVersion", "Match"."targetVersion", "Match"."explanationZh")
             IS DISTINCT FROM (EXCLUDED."score", EXCLUDED."rank", EXCLUDED."workerVersion", EXCLUDED."targetVersion", EXCLUDED."explanationZh")`,
      JSON.stringify(sorted.slice(i, i + 2000)),
    );
  }
  return written;
}

async function upsertNearMisses(tx: Tx, kind: TargetKind, rows: NearMissRowIn[]): Promise<void> {
  const sorted = [...rows].sort(byKey);
  const col = column(kind);
  for (let i = 0; i < sorted.length; i += 2000) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "MatchNearMiss" ("id", "workerId", ${col}, "score", "reasons", "explanationZh", "explanationEn", "suggestedTrainingOrderId", "workerVersion", "targetVersion", "updatedAt")
       SELECT gen_random_uuid()::text, x."workerId", x."targetId", x."score", x."reasons", x."explanationZh", x."explanationEn", x."suggestedTrainingOrderId", x."workerVersion", x."targetVersion", CURRENT_TIMESTAMP
         FROM jsonb_to_recordset($1::jsonb) AS x("workerId" text, "targetId" text, "score" float8, "reasons" jsonb, "explanationZh" text, "explanationEn" text, "suggestedTrainingOrderId" text, "workerVersion" int, "targetVersion" int)
       ON CONFLICT ("workerId", ${col}) DO UPDATE SET
         "score" = EXCLUDED."score", "reasons" = EXCLUDED."reasons", "explanationZh" = EXCLUDED."explanationZh", "explanationEn" = EXCLUDED."explanationEn",
         "suggestedTrainingOrderId" = EXCLUDED."suggestedTrainingOrderId", "workerVersion" = EXCLUDED."workerVersion",
         "targetVersion" = EXCLUDED."targetVersion", "updatedAt" = CURRENT_TIMESTAMP
       WHERE ("MatchNearMiss"."score", "MatchNearMiss"."workerVersion", "MatchNearMiss"."targetVersion", "MatchNearMiss"."explanationZh", "MatchNearMiss"."suggestedTrainingOrderId")
             IS DISTINCT FROM (EXCLUDED."score", EXCLUDED."workerVersion", EXCLUDED."targetVersion", EXCLUDED."explanationZh", EXCLUDED."suggestedTrainingOrderId")`,
      JSON.stringify(sorted.slice(i, i + 2000)),
    );
  }
}

/**
 * Deletes a target's PROPOSED matches (and near-misses) whose worker is not in `keep`; with
 * `countyCode`, only rows of that county's workers (a nightly child owns its county only).
 */
async function pruneTarget(tx: Tx, kind: TargetKind, targetId: string, keep: { matches: string[]; nearMisses: string[] }, countyCode?: string): Promise<number> {
  const col = column(kind);
  const county = countyCode ? `AND "workerId" IN (SELECT "id" FROM "Worker" WHERE "countyCode" = $3)` : "";
  const params = (ids: string[]) => (countyCode ? [targetId, ids, countyCode] : [targetId, ids]);
  const removed = await tx.$executeRawUnsafe(
    `DELETE FROM "Match" WHERE ${col} = $1 AND "status" = 'PROPOSED' AND NOT ("workerId" = ANY($2::text[])) ${county}`,
    ...params(keep.matches),
  );
  await tx.$executeRawUnsafe(`DELETE FROM "MatchNearMiss" WHERE ${col} = $1 AND NOT ("workerId" = ANY($2::text[])) ${county}`, ...params(keep.nearMisses));
  return removed;
}

async function actedOnWorkers(db: Db | Tx, kind: TargetKind, targetIds: string[], countyCode?: string): Promise<Map<string, Set<string>>> {
  const rows = await db.match.findMany({
    where: { ...(kind === "posting" ? { postingId: { in: targetIds } } : { trainingOrderId: { in: targetIds } }), status: { not: "PROPOSED" }, ...(countyCode ? { worker: { countyCode } } : {}) },
    select: { workerId: true, postingId: true, trainingOrderId: true },
  });
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const id = (r.postingId ?? r.trainingOrderId)!;
    if (!out.has(id)) out.set(id, new Set());
    out.get(id)!.add(r.workerId);
  }
  return out;
}

/** Ranks each target's PROPOSED rows 1…N (score, then worker id) and drops the rest; near-misses trimmed likewise. */
async function rerank(tx: Tx, policy: MatchPolicy, kind: TargetKind, targetIds?: string[]): Promise<void> {
  const col = column(kind);
  // $1: the target ids (or null for every target), $2: how many rows to keep.
  const ranked = (table: string, extra: string) =>
    `WITH r AS (SELECT "id", row_number() OVER (PARTITION BY ${col} ORDER BY "score" DESC, "workerId" COLLATE "C") AS rn
                  FROM "${table}" WHERE ${col} IS NOT NULL ${extra} AND ($1::text[] IS NULL OR ${col} = ANY($1::text[])))`;
  const ids = targetIds ?? null;
  await tx.$executeRawUnsafe(`${ranked("Match", `AND "status" = 'PROPOSED'`)} DELETE FROM "Match" m USING r WHERE m."id" = r."id" AND r.rn > $2`, ids, policy.topN);
  await tx.$executeRawUnsafe(
    `${ranked("Match", `AND "status" = 'PROPOSED'`)} UPDATE "Match" m SET "rank" = r.rn, "updatedAt" = CURRENT_TIMESTAMP FROM r WHERE m."id" = r."id" AND m."rank" IS DISTINCT FROM r.rn`,
    ids,
  );
  await tx.$executeRawUnsafe(`${ranked("MatchNearMiss", "")} DELETE FROM "MatchNearMiss" m USING r WHERE m."id" = r."id" AND r.rn > $2`, ids, policy.nearMissN);
}

// ───────────── one target ─────────────

export type MatchTargetResult = { target: TargetRef; open: boolean; candidates: number; pairsScored: number; matches: number; nearMisses: number; removed: number };

/** Re-matches one posting or training order (see the header for the rules). */
export async function matchTarget(ref: TargetRef, deps: { db?: Db; search?: SearchIndex; now?: Date } = {}): Promise<MatchTargetResult> {
  const db = deps.db ?? getDb();
  const today = chinaToday(deps.now);
  targetsCache.clear(); // a target changed: the open set may have too
  const [target] = await loadOpenTargets(db, today, ref);
  if (!target) {
    const removed = await db.$transaction((tx) => pruneTarget(tx, ref.kind, ref.id, { matches: [], nearMisses: [] }), WRITE_TX);
    return { target: ref, open: false, candidates: 0, pairsScored: 0, matches: 0, nearMisses: 0, removed };
  }
  const policy = await loadMatchPolicy(db);
  const ids = await candidateIds(target, deps.search ?? getSearchIndex());
  const acted = (await actedOnWorkers(db, ref.kind, [ref.id])).get(ref.id) ?? new Set<string>();
  const occupations = targetOccupations(target);
  const workers = (await loadMatchWorkers(db, ids)).filter((w) => !acted.has(w.id) && isCandidate(w, target, occupations));
  const openOrders = openOrdersOf(await cachedOpenTargets(db, today));
  const labels = await loadLabels(db, [target.kind === "posting" ? target.workRegionCode : (target.workRegionCode ?? target.locationRegionCode)]);
  const result = rankTarget(target, workers, policy, { today, openTrainingOrders: openOrders, labels });
  const rows = rowsOf(target, result);
  const removed = await db.$transaction(async (tx) => {
    const gone = await pruneTarget(tx, ref.kind, ref.id, { matches: rows.matches.map((m) => m.workerId), nearMisses: rows.nearMisses.map((n) => n.workerId) });
    await upsertMatches(tx, ref.kind, rows.matches);
    await upsertNearMisses(tx, ref.kind, rows.nearMisses);
    return gone;
  }, WRITE_TX);
  return { target: ref, open: true, candidates: workers.length, pairsScored: result.pairsScored, matches: rows.matches.length, nearMisses: rows.nearMisses.length, removed };
}

// ───────────── one worker ─────────────

export type MatchWorkerResult = { workerId: string; matchable: boolean; targets: number; eligible: number; rematch: number; removed: number };

/** Open targets change rarely; a burst of worker jobs (a roster import) reads them once per few seconds. */
const targetsCache = new Map<string, { at: number; targets: Promise<MatchTarget[]> }>();
function cachedOpenTargets(db: Db, today: string): Promise<MatchTarget[]> {
  const hit = targetsCache.get(today);
  if (hit && Date.now() - hit.at < 5000) return hit.targets;
  const targets = loadOpenTargets(db, today);
  targetsCache.clear();
  targetsCache.set(today, { at: Date.now(), targets });
  targets.catch(() => targetsCache.delete(today));
  return targets;
}

/**
 * Re-matches one worker. A worker no longer matchable loses their PROPOSED rows (and near-misses)
 * at once. Otherwise the worker is scored against every open target, and each target whose list
 * this changes — the person now makes its top N or near-miss list, or had a row there — is queued
 * for a (debounced) re-match of the whole target, which ranks exactly. Ranks are therefore only
 * ever written by target re-matches, so a roster import of thousands of people costs one re-match
 * per target, not one re-ranking per person.
 */
export async function matchWorker(workerId: string, deps: { db?: Db; now?: Date; rematch?: (ref: TargetRef) => Promise<unknown> } = {}): Promise<MatchWorkerResult> {
  const db = deps.db ?? getDb();
  const today = chinaToday(deps.now);
  const [worker] = await loadMatchWorkers(db, [workerId]);
  // The worker's version names the data this re-match saw (a gone worker: the highest version is unknown, so a unique one).
  const cause: RematchCause = { entityType: "worker", entityId: workerId, entityVersion: worker?.version ?? Date.now() };
  const rematch = deps.rematch ?? ((ref: TargetRef) => scheduleTargetRematch(db, ref, cause));
  const existing = await db.match.findMany({ where: { workerId, status: "PROPOSED" }, select: { postingId: true, trainingOrderId: true } });
  const refOf = (m: { postingId: string | null; trainingOrderId: string | null }): TargetRef => (m.postingId ? { kind: "posting", id: m.postingId } : { kind: "trainingOrder", id: m.trainingOrderId! });
  if (!worker || !isMatchable(worker.status)) {
    const removed = await db.$transaction(async (tx) => {
      const n = await tx.match.deleteMany({ where: { workerId, status: "PROPOSED" } });
      await tx.matchNearMiss.deleteMany({ where: { workerId } });
      return n.count;
    }, WRITE_TX);
    for (const m of existing) await rematch(refOf(m));
    return { workerId, matchable: false, targets: 0, eligible: 0, rematch: existing.length, removed };
  }
  const policy = await loadMatchPolicy(db);
  const targets = await cachedOpenTargets(db, today);
  const acted = new Set((await db.match.findMany({ where: { workerId, status: { not: "PROPOSED" } }, select: { postingId: true, trainingOrderId: true } })).map((m) => (m.postingId ?? m.trainingOrderId)!));
  const near = await db.matchNearMiss.findMany({ where: { workerId }, select: { postingId: true, trainingOrderId: true } });
  const had = new Set([...existing, ...near].map((m) => (m.postingId ?? m.trainingOrderId)!));
  const scored: { target: MatchTarget; score: number; nearMiss: boolean }[] = [];
  for (const target of targets) {
    if (acted.has(target.id) || !isCandidate(worker, target)) continue;
    const r = rankTarget(target, [worker], policy, { today });
    if (r.matches.length) scored.push({ target, score: r.matches[0].result.score, nearMiss: false });
    else if (r.nearMisses.length) scored.push({ target, score: r.nearMisses[0].score, nearMiss: true });
  }
  // Each target's current cut: how many PROPOSED rows / near-misses it has and the weakest score.
  const ids = scored.map((x) => x.target.id);
  const cuts = ids.length
    ? await db.$queryRaw<{ target: string; kind: string; n: bigint; weakest: number }[]>`
        SELECT coalesce("postingId", "trainingOrderId") AS target, 'match' AS kind, count(*) AS n, min("score") AS weakest FROM "Match"
         WHERE "status" = 'PROPOSED' AND coalesce("postingId", "trainingOrderId") = ANY(${ids}::text[]) GROUP BY 1
        UNION ALL
        SELECT coalesce("postingId", "trainingOrderId"), 'near', count(*), min("score") FROM "MatchNearMiss"
         WHERE coalesce("postingId", "trainingOrderId") = ANY(${ids}::text[]) GROUP BY 1`
    : [];
  const cut = new Map(cuts.map((c) => [`${c.kind}:${c.target}`, { n: Number(c.n), weakest: c.weakest }]));
  const queue = new Map<string, TargetRef>();
  for (const { target, score, nearMiss } of scored) {
    const c = cut.get(`${nearMiss ? "near" : "match"}:${target.id}`);
    const limit = nearMiss ? policy.nearMissN : policy.topN;
    if (limit > 0 && (!c || c.n < limit || score >= c.weakest)) queue.set(target.id, { kind: target.kind, id: target.id });
  }
  for (const id of had) if (!queue.has(id)) {
    const m = [...existing, ...near].find((x) => (x.postingId ?? x.trainingOrderId) === id)!;
    queue.set(id, refOf(m));
  }
  for (const ref of queue.values()) await rematch(ref);
  return { workerId, matchable: true, targets: targets.length, eligible: scored.filter((x) => !x.nearMiss).length, rematch: queue.size, removed: 0 };
}

// ───────────── jobs: requests, debounce, the nightly flow ─────────────

/** Quiet period before a re-match runs: a burst of edits to one entity becomes one job. */
export const REMATCH_DEBOUNCE_MS = 1500;

async function versionOf(db: Db, entityType: "worker" | "posting" | "trainingOrder", id: string): Promise<number | null> {
  const select = { version: true } as const;
  const row = entityType === "worker" ? await db.worker.findUnique({ where: { id }, select })
    : entityType === "posting" ? await db.jobPosting.findUnique({ where: { id }, select })
    : await db.trainingOrder.findUnique({ where: { id }, select });
  return row?.version ?? null;
}

/** What caused a re-match: the entity (and version) whose change makes the ranking differ. */
export type RematchCause = { entityType: "worker" | "posting" | "trainingOrder"; entityId: string; entityVersion: number };

/**
 * The job id of a re-match: the entity + version re-ranked and, when another entity's change caused
 * it (a worker who joined, left or changed preferences, for a target's re-match), that entity +
 * version too. Ids dedupe only jobs that would do the same work on the same data: a replay of one
 * change is absorbed, while a new change to the same target (same target version, a different
 * worker or worker version) gets a new id. Before, a worker's trigger reused the target's own id,
 * equal to the job that had already finished (kept an hour), and BullMQ dropped it silently.
 */
export function rematchJobId(ref: RematchCause, cause?: RematchCause): string {
  const name = ref.entityType === "worker" ? "match-worker" : "match-target";
  const base = entityJobId(name, ref);
  return cause && !(cause.entityType === ref.entityType && cause.entityId === ref.entityId) ? `${base}__by__${cause.entityType}__${cause.entityId}__${cause.entityVersion}` : base;
}

/**
 * Queues a re-match. Bursts for one entity are debounced with BullMQ's deduplication (the latest
 * add replaces the waiting, delayed one); an add while that entity's re-match is running is kept
 * (keepLastIfActive) and runs once the current one finishes, so a change that the running job may
 * have read too early is never lost, and one entity is never re-matched twice at once.
 * `manual` requests get their own id so a person asking again is not swallowed by an old job.
 */
export async function scheduleRematch(ref: RematchCause, opts: { manual?: boolean; cause?: RematchCause } = {}) {
  const name = ref.entityType === "worker" ? "match-worker" : "match-target";
  const payload = { entityType: ref.entityType, entityId: ref.entityId, entityVersion: ref.entityVersion } as JobPayload<"match-target"> | JobPayload<"match-worker">;
  const base = rematchJobId(ref, opts.cause);
  const jobId = opts.manual ? `${base}__m${Date.now()}${Math.random().toString(36).slice(2, 6)}` : base;
  const dedupId = `${name}__${ref.entityType}__${ref.entityId}`;
  return enqueue(name, payload as never, {
    jobId,
    delay: REMATCH_DEBOUNCE_MS,
    deduplication: { id: dedupId, replace: true, keepLastIfActive: true },
  });
}

async function scheduleTargetRematch(db: Db, ref: TargetRef, cause?: RematchCause) {
  const version = await versionOf(db, ref.kind, ref.id);
  if (version === null) return;
  await scheduleRematch({ entityType: ref.kind, entityId: ref.id, entityVersion: version }, { cause });
}

export type RematchRequest = { entityType: "worker" | "posting" | "trainingOrder"; entityId: string };

/**
 * Asks for a re-match of one worker, posting or training order (screens and the API call this;
 * the caller has checked access). Resolves to the queued job id, or null when the entity is gone.
 */
export async function requestRematch(request: RematchRequest, reason: string, db: Db = getDb()): Promise<{ jobId: string } | null> {
  const version = await versionOf(db, request.entityType, request.entityId);
  if (version === null) return null;
  const job = await scheduleRematch({ ...request, entityVersion: version }, { manual: true });
  void reason;
  return { jobId: String(job.id) };
}

/** Entities whose change re-ranks something (called by the indexer after each write). */
export function triggersRematch(entityType: string): entityType is "worker" | "posting" | "trainingOrder" {
  return entityType === "worker" || entityType === "posting" || entityType === "trainingOrder";
}

// The nightly run: match-nightly (scheduler) → MatchRun + flow { match-nightly-finish ← match-county × counties }.

/** A UUID derived from a string (the scheduler's job id), so a retried nightly job finds its own run. */
export function derivedUuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type NightlyStart = { runId: string; counties: number; today: string };

/** Creates (or finds) the run and adds its flow; every id is deterministic, so a retry adds nothing twice. */
export async function startNightly(runId: string, deps: { db?: Db; now?: Date } = {}): Promise<NightlyStart> {
  const db = deps.db ?? getDb();
  const existing = await db.matchRun.findUnique({ where: { id: runId } });
  const today = (existing?.detail as { today?: string } | null)?.today ?? chinaToday(deps.now);
  const counties = (await db.worker.groupBy({ by: ["countyCode"], orderBy: { countyCode: "asc" } })).map((r) => r.countyCode);
  if (!existing) await db.matchRun.create({ data: { id: runId, kind: "nightly", counties: counties.length, detail: { today } } });
  const county = jobCatalog["match-county"];
  const finish = jobCatalog["match-nightly-finish"];
  await getFlowProducer().add({
    name: "match-nightly-finish", queueName: finish.queue, data: finish.payload.parse({ runId }),
    opts: { ...finish.options, jobId: `match-nightly-finish__${runId}` },
    children: counties.map((countyCode) => ({
      name: "match-county", queueName: county.queue, data: county.payload.parse({ runId, countyCode }),
      opts: { ...county.options, jobId: `match-county__${runId}__${countyCode}` },
    })),
  });
  return { runId, counties: counties.length, today };
}

export type CountyTotals = { countyCode: string; targets: number; pairsScored: number; matchesUpserted: number; nearMisses: number; workers: number };

const runTargets = new Map<string, { at: number; targets: MatchTarget[] }>();

/** One county of a nightly run: its matchable workers against every open target, written in one transaction. */
export async function matchCounty(runId: string, countyCode: string, deps: { db?: Db } = {}): Promise<CountyTotals> {
  const db = deps.db ?? getDb();
  const run = await db.matchRun.findUniqueOrThrow({ where: { id: runId } });
  const today = (run.detail as { today?: string }).today ?? chinaToday(run.startedAt);
  // Targets are read once per run and process (a run sees one set of targets); kept 10 minutes.
  let cached = runTargets.get(runId);
  if (!cached || Date.now() - cached.at > 600_000) {
    cached = { at: Date.now(), targets: await loadOpenTargets(db, today) };
    runTargets.set(runId, cached);
    for (const [id, v] of runTargets) if (Date.now() - v.at > 600_000) runTargets.delete(id);
  }
  const targets = cached.targets;
  const policy = await loadMatchPolicy(db);
  const workers = (await findWorkers(db, { countyCode, status: { in: MATCHABLE_STATUSES } })).map(toMatchWorker);
  const openOrders = openOrdersOf(targets);
  const labels = await loadLabels(db, targets.map((t) => (t.kind === "posting" ? t.workRegionCode : (t.workRegionCode ?? t.locationRegionCode))));
  const acted = {
    posting: await actedOnWorkers(db, "posting", targets.filter((t) => t.kind === "posting").map((t) => t.id), countyCode),
    trainingOrder: await actedOnWorkers(db, "trainingOrder", targets.filter((t) => t.kind === "trainingOrder").map((t) => t.id), countyCode),
  };
  const rows = { posting: { matches: [] as MatchRowIn[], nearMisses: [] as NearMissRowIn[] }, trainingOrder: { matches: [] as MatchRowIn[], nearMisses: [] as NearMissRowIn[] } };
  let pairsScored = 0;
  for (const target of targets) {
    const skip = acted[target.kind].get(target.id);
    const occupations = targetOccupations(target);
    const candidates = workers.filter((w) => !skip?.has(w.id) && isCandidate(w, target, occupations));
    const result = rankTarget(target, candidates, policy, { today, openTrainingOrders: openOrders, labels });
    pairsScored += result.pairsScored;
    const r = rowsOf(target, result);
    rows[target.kind].matches.push(...r.matches);
    rows[target.kind].nearMisses.push(...r.nearMisses);
    // Scoring is synchronous: yield between targets so the queue lock keeps being renewed.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const totals = await db.$transaction(async (tx) => {
    // This county's rows that are no longer proposed (other people ranked, target closed or gone).
    for (const kind of ["posting", "trainingOrder"] as const) {
      const col = column(kind);
      for (const [table, list, status] of [["Match", rows[kind].matches, `AND m."status" = 'PROPOSED'`], ["MatchNearMiss", rows[kind].nearMisses, ""]] as const) {
        await tx.$executeRawUnsafe(
          `DELETE FROM "${table}" m WHERE m.${col} IS NOT NULL ${status}
              AND m."workerId" IN (SELECT "id" FROM "Worker" WHERE "countyCode" = $3)
              AND NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) AS k(w, t) WHERE k.w = m."workerId" AND k.t = m.${col})`,
          list.map((x) => x.workerId), list.map((x) => x.targetId), countyCode,
        );
      }
      await upsertMatches(tx, kind, rows[kind].matches);
      await upsertNearMisses(tx, kind, rows[kind].nearMisses);
    }
    return {
      matchesUpserted: rows.posting.matches.length + rows.trainingOrder.matches.length,
      nearMisses: rows.posting.nearMisses.length + rows.trainingOrder.nearMisses.length,
    };
  }, { maxWait: 30_000, timeout: 300_000 });
  return { countyCode, targets: targets.length, pairsScored, workers: workers.length, ...totals };
}

export type NightlyTotals = { runId: string; counties: number; targets: number; pairsScored: number; matchesUpserted: number; nearMisses: number };

/** The flow's parent: ranks every target's rows across counties (top N, near-misses trimmed) and records the totals. */
export async function finishNightly(runId: string, children: CountyTotals[], deps: { db?: Db } = {}): Promise<NightlyTotals> {
  const db = deps.db ?? getDb();
  const policy = await loadMatchPolicy(db);
  await db.$transaction(async (tx) => {
    await rerank(tx, policy, "posting");
    await rerank(tx, policy, "trainingOrder");
  }, { maxWait: 30_000, timeout: 300_000 });
  const totals: NightlyTotals = {
    runId,
    counties: children.length,
    targets: children.reduce((m, c) => Math.max(m, c.targets), 0),
    pairsScored: children.reduce((n, c) => n + c.pairsScored, 0),
    matchesUpserted: await db.match.count({ where: { status: "PROPOSED" } }),
    nearMisses: await db.matchNearMiss.count(),
  };
  const run = await db.matchRun.findUniqueOrThrow({ where: { id: runId } });
  const detail = { ...(run.detail as Record<string, unknown>), countyRowsWritten: children.reduce((n, c) => n + c.matchesUpserted, 0) };
  await db.matchRun.update({
    where: { id: runId },
    data: {
      status: "DONE", finishedAt: new Date(), counties: totals.counties, targets: totals.targets, pairsScored: BigInt(totals.pairsScored),
      matchesUpserted: totals.matchesUpserted, nearMisses: totals.nearMisses, detail: detail as never,
    },
  });
  return totals;
}

// ───────────── processors (workers/registry.ts calls these) ─────────────

export const matchingProcessors = {
  "match-target": async (job: Job) => {
    const ref = jobCatalog["match-target"].payload.parse(job.data);
    return matchTarget({ kind: ref.entityType, id: ref.entityId });
  },
  "match-worker": async (job: Job) => {
    const ref = jobCatalog["match-worker"].payload.parse(job.data);
    return matchWorker(ref.entityId);
  },
  "match-nightly": async (job: Job) => {
    const { runId } = jobCatalog["match-nightly"].payload.parse(job.data);
    return startNightly(runId ?? derivedUuid(`match-nightly__${job.id}`));
  },
  "match-county": async (job: Job) => {
    const { runId, countyCode } = jobCatalog["match-county"].payload.parse(job.data);
    return matchCounty(runId, countyCode);
  },
  "match-nightly-finish": async (job: Job) => {
    const { runId } = jobCatalog["match-nightly-finish"].payload.parse(job.data);
    const values = Object.values(await job.getChildrenValues()) as CountyTotals[];
    return finishNightly(runId, values);
  },
};
