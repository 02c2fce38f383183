// The matching service: loads targets, ranks them with the columnar engine over this process's warm
// worker columns (matching-pool.server.ts), and writes what changed. Pure scoring lives in the
// domain; here are the I/O rules:
//
// - Candidates for a target: matchable workers (lifecycle isMatchable) who have the target's
//   occupation (or a required skill's) among their skills or wished occupations; a posting also
//   reaches people with a skill in a related occupation (one training step away, domain
//   relatedOccupations: the engine keeps them as near-misses with the gap and a training
//   suggestion, never as matches); a training order also reaches everyone willing to train (the
//   class teaches the skill). One rule, `isCandidate` (app/domain/matching/candidates.ts), applied by
//   rankColumns through its occupation indexes, the same for one target and for the nightly run.
// - Rows already acted on (anything but PROPOSED: shortlisted, invited, accepted, declined, hired,
//   withdrawn) belong to people, not to the engine: they are never updated or removed, and their
//   workers are left out of the fresh ranking, so a target's PROPOSED rows are its top N new
//   proposals ranked 1…N (score, then worker id).
// - Explanations are built for the kept rows only (scorePair on the worker decoded from the
//   columns: the same result as on the loaded record, proven by the property test).
// - Writes are a diff: the target's stored PROPOSED rows and near-misses are read, and only rows
//   that are new or differ (score, rank, versions, explanation) are upserted, in one unnest
//   statement per table, and rows no longer kept are deleted in one statement per table. A run
//   over unchanged data writes nothing.
import { chinaToday } from "~/platform/china-time";
import { createHash } from "node:crypto";
import type { Job } from "bullmq";
import {
  DEFAULT_MATCH_POLICY, isCandidate, nearMissOf, pairFingerprint, rankTarget, readMatchPolicy, relatedOccupations, scoreWithFacts, slotPoints, targetFacts, targetPrint, valueHash, type OccupationCategory,
  type MatchLabels, type MatchPolicy, type MatchTarget, type MatchWorker, type OpenTrainingOrder,
} from "~/domain/matching";
import { isMatchable } from "~/domain/lifecycle";
import { commitmentsFor } from "./commitments.server";
import { getDb, WRITE_TX, type Db } from "./db.server";
import { decodeHit, workerPool, type PoolHit, type WorkerPool } from "./matching-pool.server";
import { enqueue, entityJobId, getFlowProducer, jobCatalog, type JobPayload } from "./queue.server";
import { placeName } from "~/domain/place-names";
import pg from "pg";
import { getConfig } from "./env.server";
import { inTransaction } from "./pg-client.server";

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


/**
 * The names rows are written with, and `occupationsHash`: a hash of every occupation's names (a row
 * may name any occupation: the target's, a required or related one, the person's), part of every
 * row's fingerprint; the target's own place names are added per target (rowContext).
 */
async function loadLabels(db: Db, regionCodes: string[]): Promise<MatchLabels & { occupationsHash: string }> {
  const [occupations, regions] = await Promise.all([
    db.occupation.findMany({ select: { code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } }),
    regionCodes.length ? db.region.findMany({ where: { code: { in: [...new Set(regionCodes)] } }, select: { code: true, name: true, nameEn: true } }) : [],
  ]);
  const occ = new Map(occupations.map((o) => [o.code, { zh: o.nameZh, en: o.nameEn }]));
  const reg = new Map(regions.map((r) => [r.code, { zh: placeName(r, "zh"), en: placeName(r, "en") }]));
  return { occupation: (code) => occ.get(code), region: (code) => reg.get(code), occupationsHash: valueHash(occupations) };
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

export { candidateOccupations, isCandidate, targetOccupations } from "~/domain/matching";

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

/** Open training orders with places left (the training suggestions of near-misses), without loading every target. */
async function loadOpenOrders(db: Db): Promise<OpenTrainingOrder[]> {
  const orders = await db.trainingOrder.findMany({
    where: { status: { in: [...OPEN_ORDER_STATUSES] } },
    select: { id: true, occupationCode: true, classSize: true, classes: { select: { _count: { select: { enrollments: { where: { status: { in: ["ENROLLED", "COMPLETED"] } } } } } } } },
    orderBy: { id: "asc" },
  });
  return orders.map((o) => ({ id: o.id, occupationCode: o.occupationCode, placesLeft: Math.max(0, o.classSize - o.classes.reduce((n, c) => n + c._count.enrollments, 0)) }));
}

const openOrdersOf = (targets: readonly MatchTarget[]): OpenTrainingOrder[] =>
  targets.flatMap((t) => (t.kind === "trainingOrder" ? [{ id: t.id, occupationCode: t.occupationCode, placesLeft: t.placesLeft }] : []));


// ───────────── ranking and writing ─────────────

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
const column = (kind: TargetKind) => (kind === "posting" ? `"postingId"` : `"trainingOrderId"`);
const WRITE = { maxWait: 30_000, timeout: 300_000 };
/**
 * The diff's writes go through pg directly (one small pool per database URL, as the worker columns
 * are per URL): Prisma's raw queries pass every parameter through JSON.stringify and JSON.parse,
 * which for a shard's 22,000 rows of factors and explanations cost more CPU than ranking them.
 */
const writers = new Map<string, pg.Pool>();
function writer(): pg.Pool {
  const url = getConfig().database.url;
  let pool = writers.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    pool.on("error", () => {});
    writers.set(url, pool);
  }
  return pool;
}

/** Runs fn in one transaction on a writer connection (an 'error' listener while it is out: a database restart must not kill the worker). */
const inWriteTx = <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => inTransaction(writer(), fn);

/** Rows per upsert statement (a shard's 22,000 rows go in five; each statement's JSON stays a few MB). */
const WRITE_ROWS = 5000;

type MatchRowIn = {
  workerId: string; targetId: string; score: number; factors: unknown; explanationZh: string; explanationEn: string;
  rank: number; workerVersion: number; targetVersion: number; fingerprint: string;
};
type NearMissRowIn = {
  workerId: string; targetId: string; score: number; reasons: unknown; explanationZh: string; explanationEn: string;
  suggestedTrainingOrderId: string | null; workerVersion: number; targetVersion: number; fingerprint: string;
};

const byKey = <T extends { workerId: string; targetId: string }>(a: T, b: T) =>
  a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0;

async function actedOnWorkers(db: Db | Tx, kind: TargetKind, targetIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!targetIds.length) return out;
  const rows = await db.$queryRawUnsafe<{ workerId: string; target: string }[]>(
    `SELECT "workerId", ${column(kind)} AS target FROM "Match" WHERE ${column(kind)} = ANY($1::text[]) AND "status" <> 'PROPOSED'`, targetIds,
  );
  for (const r of rows) {
    if (!out.has(r.target)) out.set(r.target, new Set());
    out.get(r.target)!.add(r.workerId);
  }
  return out;
}

/** A stored row as the diff reads it: no text, no JSON (they are rebuilt only for rows whose fingerprint changed). */
type Stored = { score: number; rank: number | null; workerVersion: number; targetVersion: number; fingerprint: string | null };
/** target id → worker id → stored row. */
type StoredByTarget = Map<string, Map<string, Stored>>;

/**
 * The targets' stored PROPOSED matches (or near-misses), narrow: one row per target with the columns
 * as arrays (a shard's 22,000 rows arrive as 100 rows, not 22,000 objects).
 */
async function readStored(db: Db, kind: TargetKind, table: "Match" | "MatchNearMiss", targetIds: string[]): Promise<StoredByTarget> {
  const col = column(kind);
  const rows = await db.$queryRawUnsafe<{ target: string; w: string[]; s: number[]; r: (number | null)[]; wv: number[]; tv: number[]; fp: (string | null)[] }[]>(
    `SELECT ${col} AS target, array_agg("workerId") AS w, array_agg("score") AS s,
      ${table === "Match" ? `array_agg("rank")` : "NULL::int[]"} AS r,
            array_agg("workerVersion") AS wv, array_agg("targetVersion") AS tv, array_agg("fingerprint") AS fp
       FROM "${table}" WHERE ${col} = ANY($1::text[]) ${table === "Match" ? `AND "status" = 'PROPOSED'` : ""}
         GROUP BY ${col}`, targetIds);
  const out: StoredByTarget = new Map();
  for (const row of rows) {
    const m = new Map<string, Stored>();
    for (let i = 0; i < row.w.length; i++) m.set(row.w[i], { score: row.s[i], rank: row.r ? row.r[i] : null, workerVersion: row.wv[i], targetVersion: row.tv[i], fingerprint: row.fp[i] });
    out.set(row.target, m);
  }
  return out;
}

/** What a kind's targets in one call write: changed or new rows, and the stored rows no longer kept. */
type Diff = { matches: MatchRowIn[]; nearMisses: NearMissRowIn[]; goneMatches: { workerId: string; target: string }[]; goneNear: { workerId: string; target: string }[]; unchanged: number };

/**
 * Ranks one target against the warm columns and adds its diff against the stored rows: a kept row
 * whose fingerprint, score, rank and versions equal the stored ones is left alone without building
 * it; the others get their factors and explanations built (from the worker decoded out of the
 * columns; the score must equal the columnar one) and are written; stored rows not kept go.
 */
function rankTargetDiff(
  pool: WorkerPool, target: MatchTarget, policy: MatchPolicy,
  ctx: { today: string; labels: MatchLabels & { occupationsHash: string }; openOrders: OpenTrainingOrder[]; openOrdersHash: string; exclude?: ReadonlySet<string> },
  stored: { matches?: Map<string, Stored>; near?: Map<string, Stored> }, out: Diff,
): { pairsScored: number; eligible: number; matches: number; nearMisses: number } {
  const r = pool.rank(target, policy, { today: ctx.today, exclude: ctx.exclude });
  const facts = targetFacts(target, ctx.today);
  const pts = slotPoints(policy, target.kind);
  const score = (h: PoolHit) => {
    const w = decodeHit(h);
    const res = scoreWithFacts(w, target, facts, pts, policy, { today: ctx.today, labels: ctx.labels });
    // The two paths share the kernel; a difference would be a bug, never a silent wrong row.
    if (res.score !== h.score) throw new Error(`columnar score ${h.score} ≠ ${res.score} for worker ${w.id}, target ${target.id}`);
    return { w, res };
  };
  // Everything a row reads besides the worker: the target's place names, every occupation name; near-misses also the open orders.
  const places = JSON.stringify([ctx.labels.region?.(facts.workRegionCode), target.kind === "trainingOrder" ? ctx.labels.region?.(target.locationRegionCode) : null]);
  const printM = targetPrint(target, policy, ctx.today, `${ctx.labels.occupationsHash}|${places}`);
  const printN = targetPrint(target, policy, ctx.today, `${ctx.labels.occupationsHash}|${places}|${ctx.openOrdersHash}`);
  const same = (s: Stored | undefined, h: PoolHit, fingerprint: string, rank: number | null) =>
    s !== undefined && s.fingerprint === fingerprint && s.score === h.score && s.rank === rank && s.workerVersion === h.workerVersion && s.targetVersion === target.version;
  const keep = new Set<string>();
  r.matches.forEach((h, i) => {
    const fingerprint = pairFingerprint(h.columns, h.index, printM, "match");
    keep.add(h.workerId);
    if (same(stored.matches?.get(h.workerId), h, fingerprint, i + 1)) { out.unchanged++; return; }
    const { res } = score(h);
    out.matches.push({
      workerId: h.workerId, targetId: target.id, score: res.score, factors: res.factors, explanationZh: res.explanationZh, explanationEn: res.explanationEn,
      rank: i + 1, workerVersion: h.workerVersion, targetVersion: target.version, fingerprint,
    });
  });
  for (const [workerId] of stored.matches ?? []) if (!keep.has(workerId)) out.goneMatches.push({ workerId, target: target.id });
  keep.clear();
  for (const h of r.nearMisses) {
    const fingerprint = pairFingerprint(h.columns, h.index, printN, "near");
    keep.add(h.workerId);
    if (same(stored.near?.get(h.workerId), h, fingerprint, null)) { out.unchanged++; continue; }
    const { w, res } = score(h);
    const n = nearMissOf(w, res, ctx.openOrders, target.id);
    out.nearMisses.push({
      workerId: n.workerId, targetId: target.id, score: n.score, reasons: n.reasons, explanationZh: n.explanationZh, explanationEn: n.explanationEn,
      suggestedTrainingOrderId: n.suggestedTrainingOrderId, workerVersion: n.workerVersion, targetVersion: target.version, fingerprint,
    });
  }
  for (const [workerId] of stored.near ?? []) if (!keep.has(workerId)) out.goneNear.push({ workerId, target: target.id });
  return { pairsScored: r.pairsScored, eligible: r.eligible, matches: r.matches.length, nearMisses: r.nearMisses.length };
}

/**
 * Writes a diff: one delete and one unnest upsert per table (upserts only touch PROPOSED matches:
 * a row acted on in the meantime stays as people left it). Returns rows written.
 */
async function writeDiff(kind: TargetKind, d: Diff): Promise<{ upserted: number; deleted: number }> {
  if (!d.matches.length && !d.goneMatches.length && !d.nearMisses.length && !d.goneNear.length) return { upserted: 0, deleted: 0 };
  const col = column(kind);
  const m = { changed: d.matches.sort(byKey), gone: d.goneMatches };
  const n = { changed: d.nearMisses.sort(byKey), gone: d.goneNear };
  return inWriteTx(async (tx) => {
    let deleted = 0, upserted = 0;
    if (m.gone.length) {
      deleted += (await tx.query(
        `DELETE FROM "Match" m USING unnest($1::text[], $2::text[]) AS k(w, t) WHERE m."workerId" = k.w AND m.${col} =
          k.t AND m."status" = 'PROPOSED'`,
        [m.gone.map((s) => s.workerId), m.gone.map((s) => s.target)],
      )).rowCount ?? 0;
    }
    if (n.gone.length) {
      deleted += (await tx.query(
        `DELETE FROM "MatchNearMiss" m USING unnest($1::text[], $2::text[]) AS k(w, t) WHERE m."workerId" = k.w AND m.${col} = k.t`,
        [n.gone.map((s) => s.workerId), n.gone.map((s) => s.target)],
      )).rowCount ?? 0;
    }
    // Rows travel as one JSON text per statement (json_to_recordset), WRITE_ROWS at a time: one native
    // JSON.stringify instead of ten text[] parameters escaped element by element by the driver.
    for (let i = 0; i < m.changed.length; i += WRITE_ROWS) {
      const rows = m.changed.slice(i, i + WRITE_ROWS).map((x) => ({
        w: x.workerId, t: x.targetId, s: x.score, f: x.factors, zh: x.explanationZh, en: x.explanationEn, r: x.rank, wv: x.workerVersion, tv: x.targetVersion, fp: x.fingerprint,
      }));
      upserted += (await tx.query(
        `INSERT INTO "Match" ("id", "workerId", ${col}, "score", "factors", "hardConstraintsMet", "explanationZh",
          "explanationEn", "rank", "status", "workerVersion", "targetVersion", "fingerprint", "updatedAt")
         SELECT gen_random_uuid()::text, x.w, x.t, x.s, x.f, true, x.zh, x.en, x.r, 'PROPOSED', x.wv, x.tv,
           x.fp, CURRENT_TIMESTAMP
           FROM json_to_recordset($1::json) AS x(w text, t text, s float8, f jsonb, zh text, en text, r int,
             wv int, tv int, fp text)
         ON CONFLICT ("workerId", ${col}) DO UPDATE SET
           "score" = EXCLUDED."score", "factors" = EXCLUDED."factors", "hardConstraintsMet" = true,
             "explanationZh" = EXCLUDED."explanationZh",
           "explanationEn" = EXCLUDED."explanationEn", "rank" = EXCLUDED."rank", "workerVersion" = EXCLUDED."workerVersion",
           "targetVersion" = EXCLUDED."targetVersion", "fingerprint" = EXCLUDED."fingerprint", "updatedAt" = CURRENT_TIMESTAMP
         WHERE "Match"."status" = 'PROPOSED'`,
        [JSON.stringify(rows)],
      )).rowCount ?? 0;
    }
    for (let i = 0; i < n.changed.length; i += WRITE_ROWS) {
      const rows = n.changed.slice(i, i + WRITE_ROWS).map((x) => ({
        w: x.workerId, t: x.targetId, s: x.score, f: x.reasons, zh: x.explanationZh, en: x.explanationEn, sug: x.suggestedTrainingOrderId, wv: x.workerVersion, tv: x.targetVersion, fp: x.fingerprint,
      }));
      upserted += (await tx.query(
        `INSERT INTO "MatchNearMiss" ("id", "workerId", ${col}, "score", "reasons", "explanationZh", "explanationEn",
          "suggestedTrainingOrderId", "workerVersion", "targetVersion", "fingerprint", "updatedAt")
         SELECT gen_random_uuid()::text, x.w, x.t, x.s, x.f, x.zh, x.en, x.sug, x.wv, x.tv, x.fp, CURRENT_TIMESTAMP
           FROM json_to_recordset($1::json) AS x(w text, t text, s float8, f jsonb, zh text, en text, sug
             text, wv int, tv int, fp text)
         ON CONFLICT ("workerId", ${col}) DO UPDATE SET
           "score" = EXCLUDED."score", "reasons" = EXCLUDED."reasons", "explanationZh" =
             EXCLUDED."explanationZh", "explanationEn" = EXCLUDED."explanationEn",
           "suggestedTrainingOrderId" = EXCLUDED."suggestedTrainingOrderId", "workerVersion" = EXCLUDED."workerVersion",
           "targetVersion" = EXCLUDED."targetVersion", "fingerprint" = EXCLUDED."fingerprint", "updatedAt" = CURRENT_TIMESTAMP`,
        [JSON.stringify(rows)],
      )).rowCount ?? 0;
    }
    return { upserted, deleted };
  });
}

/** rowsUnchanged: kept rows whose fingerprint, score, rank and versions equal the stored row's (not built, not written). */
export type RankAndWriteTotals = { targets: number; pairsScored: number; eligible: number; matches: number; nearMisses: number; rowsUpserted: number; rowsDeleted: number; rowsUnchanged: number };

/**
 * Ranks the given open targets against the warm worker columns and writes the difference: the
 * production path of one target's re-match and of each nightly shard.
 */
export async function rankAndWrite(db: Db, targets: readonly MatchTarget[], ctx: { today: string; policy: MatchPolicy; pool: WorkerPool; openOrders: OpenTrainingOrder[] }): Promise<RankAndWriteTotals> {
  const totals: RankAndWriteTotals = { targets: targets.length, pairsScored: 0, eligible: 0, matches: 0, nearMisses: 0, rowsUpserted: 0, rowsDeleted: 0, rowsUnchanged: 0 };
  const labels = await loadLabels(db, targets.map((t) => (t.kind === "posting" ? t.workRegionCode : (t.workRegionCode ?? t.locationRegionCode))));
  const openOrdersHash = valueHash(ctx.openOrders);
  for (const kind of ["posting", "trainingOrder"] as const) {
    const list = targets.filter((t) => t.kind === kind);
    if (!list.length) continue;
    const ids = list.map((t) => t.id);
    const [acted, storedMatches, storedNear] = await Promise.all([actedOnWorkers(db, kind, ids), readStored(db, kind, "Match", ids), readStored(db, kind, "MatchNearMiss", ids)]);
    const diff: Diff = { matches: [], nearMisses: [], goneMatches: [], goneNear: [], unchanged: 0 };
    for (const target of list) {
      const r = rankTargetDiff(ctx.pool, target, ctx.policy, { today: ctx.today, labels, openOrders: ctx.openOrders, openOrdersHash, exclude: acted.get(target.id) },
        { matches: storedMatches.get(target.id), near: storedNear.get(target.id) }, diff);
      totals.pairsScored += r.pairsScored;
      totals.eligible += r.eligible;
      totals.matches += r.matches;
      totals.nearMisses += r.nearMisses;
      // Ranking is synchronous: yield between targets so the queue lock keeps being renewed.
      if (list.length > 1) await new Promise((resolve) => setImmediate(resolve));
    }
    const w = await writeDiff(kind, diff);
    totals.rowsUpserted += w.upserted;
    totals.rowsDeleted += w.deleted;
    totals.rowsUnchanged += diff.unchanged;
  }
  return totals;
}

/** Deletes every PROPOSED match and near-miss of a target (closed or gone). */
async function clearTarget(tx: Tx | Db, kind: TargetKind, targetId: string): Promise<number> {
  const col = column(kind);
  const removed = await tx.$executeRawUnsafe(`DELETE FROM "Match" WHERE ${col} = $1 AND "status" = 'PROPOSED'`, targetId);
  await tx.$executeRawUnsafe(`DELETE FROM "MatchNearMiss" WHERE ${col} = $1`, targetId);
  return removed;
}

// ───────────── one target ─────────────

export type MatchTargetResult = {
  target: TargetRef; open: boolean; candidates: number; pairsScored: number; matches: number; nearMisses: number; removed: number;
  rowsWritten: number; runId: string; targetVersion: number | null;
};

/**
 * Re-matches one posting or training order (see the header for the rules) and records it as a
 * MatchRun of kind "target" (its version and the queue job), so the matches answer can say when
 * and from what it was computed.
 */
export async function matchTarget(ref: TargetRef, deps: { db?: Db; now?: Date; jobId?: string } = {}): Promise<MatchTargetResult> {
  const db = deps.db ?? getDb();
  const today = chinaToday(deps.now);
  targetsCache.clear(); // a target changed: the open set may have too
  const [target] = await loadOpenTargets(db, today, ref);
  const run = await db.matchRun.create({
    data: { kind: "target", targets: 1, targetKind: ref.kind, targetId: ref.id, targetVersion: target?.version ?? null, jobId: deps.jobId ?? null, detail: { today, engine: "columnar" } },
  });
  const finish = (data: { pairsScored?: number; matches?: number; nearMisses?: number; detail?: Record<string, unknown> }) =>
    db.matchRun.update({
      where: { id: run.id },
      data: { status: "DONE", finishedAt: new Date(), pairsScored: BigInt(data.pairsScored ?? 0), matchesUpserted: data.matches ?? 0, nearMisses: data.nearMisses ?? 0, detail: { today, engine: "columnar", ...data.detail } as never },
    });
  if (!target) {
    const removed = await db.$transaction((tx) => clearTarget(tx, ref.kind, ref.id), WRITE);
    await finish({ detail: { open: false, removed } });
    return { target: ref, open: false, candidates: 0, pairsScored: 0, matches: 0, nearMisses: 0, removed, rowsWritten: removed, runId: run.id, targetVersion: null };
  }
  const policy = await loadMatchPolicy(db);
  const pool = await workerPool(db);
  const t = await rankAndWrite(db, [target], { today, policy, pool, openOrders: await loadOpenOrders(db) });
  await finish({ pairsScored: t.pairsScored, matches: t.matches, nearMisses: t.nearMisses, detail: { rowsUpserted: t.rowsUpserted, rowsDeleted: t.rowsDeleted, workers: pool.stats.workers } });
  return {
    target: ref, open: true, candidates: t.pairsScored, pairsScored: t.pairsScored, matches: t.matches, nearMisses: t.nearMisses, removed: t.rowsDeleted,
    rowsWritten: t.rowsUpserted + t.rowsDeleted, runId: run.id, targetVersion: target.version,
  };
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
 * `manual` requests get their own id (a person asking again is not swallowed by an old job) and
 * skip the debounce, so the id returned is the job that runs.
 */
export async function scheduleRematch(ref: RematchCause, opts: { manual?: boolean; cause?: RematchCause } = {}) {
  const name = ref.entityType === "worker" ? "match-worker" : "match-target";
  const payload = { entityType: ref.entityType, entityId: ref.entityId, entityVersion: ref.entityVersion } as JobPayload<"match-target"> | JobPayload<"match-worker">;
  const base = rematchJobId(ref, opts.cause);
  // A person's "re-match now" runs at once under its own id, never replaced by a later debounced
  // add, so the id they were given (GET /api/v1/jobs/:id) names the job that runs.
  if (opts.manual) return enqueue(name, payload as never, { jobId: `${base}__m${Date.now()}${Math.random().toString(36).slice(2, 6)}` });
  const dedupId = `${name}__${ref.entityType}__${ref.entityId}`;
  return enqueue(name, payload as never, {
    jobId: base,
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


// The nightly run: match-nightly (scheduler) → MatchRun + flow { match-nightly-finish ← match-shard × shards }.
// Shards split the open targets (never the workers): each ranks its targets against every worker
// in this process's warm columns and writes only what changed, so no row is written twice and a
// night where nothing changed writes none.

/** Targets per nightly shard (a shard is one job: its writes commit together, a retry redoes only it). */
export const NIGHTLY_SHARD_TARGETS = 100;

/** A UUID derived from a string (the scheduler's job id), so a retried nightly job finds its own run. */
export function derivedUuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type NightlyStart = { runId: string; shards: number; targets: number; today: string };
export type ShardRef = { kind: TargetKind; id: string };

/** The open targets split into shards (postings then orders, by id). */
export function shardTargets(targets: readonly MatchTarget[], size = NIGHTLY_SHARD_TARGETS): ShardRef[][] {
  const refs = targets.map((t) => ({ kind: t.kind, id: t.id }));
  const shards: ShardRef[][] = [];
  for (let i = 0; i < refs.length; i += size) shards.push(refs.slice(i, i + size));
  return shards;
}

/** Creates (or finds) the run and adds its flow; every id is deterministic, so a retry adds nothing twice. */
export async function startNightly(runId: string, deps: { db?: Db; now?: Date; shardTargets?: number } = {}): Promise<NightlyStart> {
  const db = deps.db ?? getDb();
  const existing = await db.matchRun.findUnique({ where: { id: runId } });
  const detail = (existing?.detail ?? {}) as { today?: string; shards?: ShardRef[][] };
  const today = detail.today ?? chinaToday(deps.now);
  // A retried start reuses the shards it recorded, so the flow it adds is the same.
  const shards = detail.shards ?? shardTargets(await loadOpenTargets(db, today), deps.shardTargets);
  const targets = shards.reduce((n, s) => n + s.length, 0);
  if (!existing) await db.matchRun.create({ data: { id: runId, kind: "nightly", targets, detail: { today, shards, engine: "columnar" } as never } });
  const shard = jobCatalog["match-shard"];
  const finish = jobCatalog["match-nightly-finish"];
  await getFlowProducer().add({
    name: "match-nightly-finish", queueName: finish.queue, data: finish.payload.parse({ runId }),
    opts: { ...finish.options, jobId: `match-nightly-finish__${runId}` },
    children: shards.map((refs, i) => ({
      name: "match-shard", queueName: shard.queue, data: shard.payload.parse({ runId, shard: i, targets: refs }),
      opts: { ...shard.options, jobId: `match-shard__${runId}__${i}` },
    })),
  });
  return { runId, shards: shards.length, targets, today };
}

export type ShardTotals = RankAndWriteTotals & { shard: number; workers: number };

const runTargets = new Map<string, { at: number; targets: Promise<MatchTarget[]> }>();

/** One shard of a nightly run: its targets (those still open) ranked against every worker; only changes written. */
export async function matchShard(runId: string, shard: number, refs: readonly ShardRef[], deps: { db?: Db } = {}): Promise<ShardTotals> {
  const db = deps.db ?? getDb();
  const run = await db.matchRun.findUniqueOrThrow({ where: { id: runId } });
  const today = (run.detail as { today?: string }).today ?? chinaToday(run.startedAt);
  // The open targets are read once per run and process (for the training suggestions and to skip closed ones); kept 10 minutes.
  let cached = runTargets.get(runId);
  if (!cached || Date.now() - cached.at > 600_000) {
    cached = { at: Date.now(), targets: loadOpenTargets(db, today) };
    runTargets.set(runId, cached);
    cached.targets.catch(() => runTargets.delete(runId));
    for (const [id, v] of runTargets) if (Date.now() - v.at > 600_000) runTargets.delete(id);
  }
  const open = await cached.targets;
  const wanted = new Set(refs.map((r) => `${r.kind}:${r.id}`));
  const targets = open.filter((t) => wanted.has(`${t.kind}:${t.id}`));
  const policy = await loadMatchPolicy(db);
  const pool = await workerPool(db);
  const totals = await rankAndWrite(db, targets, { today, policy, pool, openOrders: openOrdersOf(open) });
  return { shard, workers: pool.stats.workers, ...totals };
}

export type NightlyTotals = {
  runId: string; shards: number; counties: number; targets: number; pairsScored: number; matchesUpserted: number; nearMisses: number; rowsWritten: number;
};

/** The flow's parent: clears proposals of targets no longer open and records the totals (nothing is re-ranked here). */
export async function finishNightly(runId: string, children: ShardTotals[], deps: { db?: Db } = {}): Promise<NightlyTotals> {
  const db = deps.db ?? getDb();
  const closed = await db.$transaction(async (tx) => {
    const a = await tx.$executeRawUnsafe(`DELETE FROM "Match" m WHERE m."status" = 'PROPOSED' AND m."postingId" IS NOT NULL AND NOT EXISTS (SELECT 1
      FROM "JobPosting" p WHERE p."id" = m."postingId" AND p."status" = 'OPEN')`);
    const b = await tx.$executeRawUnsafe(`DELETE FROM "Match" m WHERE m."status" = 'PROPOSED' AND m."trainingOrderId" IS NOT NULL AND NOT EXISTS
      (SELECT 1 FROM "TrainingOrder" o WHERE o."id" = m."trainingOrderId" AND o."status" IN ('APPROVED', 'IN_PROGRESS'))`);
    const c = await tx.$executeRawUnsafe(`DELETE FROM "MatchNearMiss" m WHERE m."postingId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "JobPosting" p
      WHERE p."id" = m."postingId" AND p."status" = 'OPEN')`);
    const d = await tx.$executeRawUnsafe(`DELETE FROM "MatchNearMiss" m WHERE m."trainingOrderId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM
      "TrainingOrder" o WHERE o."id" = m."trainingOrderId" AND o."status" IN ('APPROVED', 'IN_PROGRESS'))`);
    return a + b + c + d;
  }, WRITE);
  const [{ counties }] = await db.$queryRawUnsafe<{ counties: number }[]>(
    `SELECT count(DISTINCT "countyCode")::int AS counties FROM "Worker" WHERE "status"::text = ANY($1::text[])`, [...MATCHABLE_STATUSES],
  );
  const sum = (f: (c: ShardTotals) => number) => children.reduce((n, c) => n + f(c), 0);
  const totals: NightlyTotals = {
    runId, shards: children.length, counties, targets: sum((c) => c.targets), pairsScored: sum((c) => c.pairsScored),
    matchesUpserted: sum((c) => c.matches), nearMisses: sum((c) => c.nearMisses), rowsWritten: sum((c) => c.rowsUpserted + c.rowsDeleted) + closed,
  };
  const run = await db.matchRun.findUniqueOrThrow({ where: { id: runId } });
  const { shards: _shards, ...kept } = run.detail as Record<string, unknown>;
  void _shards;
  const detail = { ...kept, shards: children.length, rowsUpserted: sum((c) => c.rowsUpserted), rowsDeleted: sum((c) => c.rowsDeleted) + closed, rowsWritten: totals.rowsWritten };
  await db.matchRun.update({
    where: { id: runId },
    data: {
      status: "DONE", finishedAt: new Date(), counties, targets: totals.targets, pairsScored: BigInt(totals.pairsScored),
      matchesUpserted: totals.matchesUpserted, nearMisses: totals.nearMisses, detail: detail as never,
    },
  });
  return totals;
}

// ───────────── processors (workers/registry.ts calls these) ─────────────

export const matchingProcessors = {
  "match-target": async (job: Job) => {
    const ref = jobCatalog["match-target"].payload.parse(job.data);
    return matchTarget({ kind: ref.entityType, id: ref.entityId }, { jobId: job.id });
  },
  "match-worker": async (job: Job) => {
    const ref = jobCatalog["match-worker"].payload.parse(job.data);
    return matchWorker(ref.entityId);
  },
  "match-nightly": async (job: Job) => {
    const { runId, shardTargets: size } = jobCatalog["match-nightly"].payload.parse(job.data);
    return startNightly(runId ?? derivedUuid(`match-nightly__${job.id}`), { shardTargets: size });
  },
  "match-shard": async (job: Job) => {
    const { runId, shard, targets } = jobCatalog["match-shard"].payload.parse(job.data);
    return matchShard(runId, shard, targets);
  },
  "match-nightly-finish": async (job: Job) => {
    const { runId } = jobCatalog["match-nightly-finish"].payload.parse(job.data);
    const values = Object.values(await job.getChildrenValues()) as ShardTotals[];
    return finishNightly(runId, values);
  },
};
