// The matching service: ranks the targets matching-load.server.ts loads with the columnar engine over this process's warm
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
import {
  DEFAULT_MATCH_POLICY,
  nearMissOf,
  pairFingerprint,
  readMatchPolicy,
  scoreWithFacts,
  slotPoints,
  targetFacts,
  targetPrint,
  valueHash,
  type MatchLabels,
  type MatchPolicy,
  type MatchTarget,
  type OpenTrainingOrder,
} from "~/domain/matching";
import { getDb, type Db } from "~/services/db.server";
import { decodeHit, type PoolHit, type WorkerPool } from "./matching-pool.server";
import { placeName } from "~/domain/place-names";
import pg from "pg";
import { getConfig } from "~/services/env.server";
import { inTransaction } from "~/services/pg-client.server";

export type TargetKind = "posting" | "trainingOrder";
export type TargetRef = { kind: TargetKind; id: string };

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

// ───────────── ranking and writing ─────────────

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
const column = (kind: TargetKind) => (kind === "posting" ? `"postingId"` : `"trainingOrderId"`);
export const WRITE = { maxWait: 30_000, timeout: 300_000 };
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

/** What a match row and a near-miss row both carry. */
type PairRowIn = {
  workerId: string;
  targetId: string;
  score: number;
  explanationZh: string;
  explanationEn: string;
  workerVersion: number;
  targetVersion: number;
  fingerprint: string;
};
type MatchRowIn = PairRowIn & { factors: unknown; rank: number };
type NearMissRowIn = PairRowIn & { reasons: unknown; suggestedTrainingOrderId: string | null };

const byKey = <T extends { workerId: string; targetId: string }>(a: T, b: T) =>
  a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0;

async function actedOnWorkers(db: Db | Tx, kind: TargetKind, targetIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!targetIds.length) return out;
  const rows = await db.$queryRawUnsafe<{ workerId: string; target: string }[]>(
    `SELECT "workerId", ${column(kind)} AS target FROM "Match" WHERE ${column(kind)} = ANY($1::text[]) AND "status" <> 'PROPOSED'`,
    targetIds,
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
  const rows = await db.$queryRawUnsafe<
    { target: string; w: string[]; s: number[]; r: (number | null)[]; wv: number[]; tv: number[]; fp: (string | null)[] }[]
  >(
    `SELECT ${col} AS target, array_agg("workerId") AS w, array_agg("score") AS s,
      ${table === "Match" ? `array_agg("rank")` : "NULL::int[]"} AS r,
            array_agg("workerVersion") AS wv, array_agg("targetVersion") AS tv, array_agg("fingerprint") AS fp
       FROM "${table}" WHERE ${col} = ANY($1::text[]) ${table === "Match" ? `AND "status" = 'PROPOSED'` : ""}
         GROUP BY ${col}`,
    targetIds,
  );
  const out: StoredByTarget = new Map();
  for (const row of rows) {
    const m = new Map<string, Stored>();
    for (let i = 0; i < row.w.length; i++)
      m.set(row.w[i], { score: row.s[i], rank: row.r ? row.r[i] : null, workerVersion: row.wv[i], targetVersion: row.tv[i], fingerprint: row.fp[i] });
    out.set(row.target, m);
  }
  return out;
}

/** What a kind's targets in one call write: changed or new rows, and the stored rows no longer kept. */
type Diff = {
  matches: MatchRowIn[];
  nearMisses: NearMissRowIn[];
  goneMatches: { workerId: string; target: string }[];
  goneNear: { workerId: string; target: string }[];
  unchanged: number;
};

/**
 * Ranks one target against the warm columns and adds its diff against the stored rows: a kept row
 * whose fingerprint, score, rank and versions equal the stored ones is left alone without building
 * it; the others get their factors and explanations built (from the worker decoded out of the
 * columns; the score must equal the columnar one) and are written; stored rows not kept go.
 */
function rankTargetDiff(
  pool: WorkerPool,
  target: MatchTarget,
  policy: MatchPolicy,
  ctx: {
    today: string;
    labels: MatchLabels & { occupationsHash: string };
    openOrders: OpenTrainingOrder[];
    openOrdersHash: string;
    exclude?: ReadonlySet<string>;
  },
  stored: { matches?: Map<string, Stored>; near?: Map<string, Stored> },
  out: Diff,
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
  const places = JSON.stringify([
    ctx.labels.region?.(facts.workRegionCode),
    target.kind === "trainingOrder" ? ctx.labels.region?.(target.locationRegionCode) : null,
  ]);
  const printM = targetPrint(target, policy, ctx.today, `${ctx.labels.occupationsHash}|${places}`);
  const printN = targetPrint(target, policy, ctx.today, `${ctx.labels.occupationsHash}|${places}|${ctx.openOrdersHash}`);
  const same = (s: Stored | undefined, h: PoolHit, fingerprint: string, rank: number | null) =>
    s !== undefined &&
    s.fingerprint === fingerprint &&
    s.score === h.score &&
    s.rank === rank &&
    s.workerVersion === h.workerVersion &&
    s.targetVersion === target.version;
  const keep = new Set<string>();
  r.matches.forEach((h, i) => {
    const fingerprint = pairFingerprint(h.columns, h.index, printM, "match");
    keep.add(h.workerId);
    if (same(stored.matches?.get(h.workerId), h, fingerprint, i + 1)) {
      out.unchanged++;
      return;
    }
    const { res } = score(h);
    out.matches.push({
      workerId: h.workerId,
      targetId: target.id,
      score: res.score,
      factors: res.factors,
      explanationZh: res.explanationZh,
      explanationEn: res.explanationEn,
      rank: i + 1,
      workerVersion: h.workerVersion,
      targetVersion: target.version,
      fingerprint,
    });
  });
  for (const [workerId] of stored.matches ?? []) if (!keep.has(workerId)) out.goneMatches.push({ workerId, target: target.id });
  keep.clear();
  for (const h of r.nearMisses) {
    const fingerprint = pairFingerprint(h.columns, h.index, printN, "near");
    keep.add(h.workerId);
    if (same(stored.near?.get(h.workerId), h, fingerprint, null)) {
      out.unchanged++;
      continue;
    }
    const { w, res } = score(h);
    const n = nearMissOf(w, res, ctx.openOrders, target.id);
    out.nearMisses.push({
      workerId: n.workerId,
      targetId: target.id,
      score: n.score,
      reasons: n.reasons,
      explanationZh: n.explanationZh,
      explanationEn: n.explanationEn,
      suggestedTrainingOrderId: n.suggestedTrainingOrderId,
      workerVersion: n.workerVersion,
      targetVersion: target.version,
      fingerprint,
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
    const deleted =
      (await deleteGone(
        tx,
        `DELETE FROM "Match" m USING unnest($1::text[], $2::text[]) AS k(w, t) WHERE m."workerId" = k.w AND m.${col} =
          k.t AND m."status" = 'PROPOSED'`,
        m.gone,
      )) +
      (await deleteGone(
        tx,
        `DELETE FROM "MatchNearMiss" m USING unnest($1::text[], $2::text[]) AS k(w, t) WHERE m."workerId" = k.w AND m.${col} = k.t`,
        n.gone,
      ));
    const upserted =
      (await upsertInChunks(
        tx,
        m.changed,
        (x) => ({ ...pairRowJson(x), f: x.factors, r: x.rank }),
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
      )) +
      (await upsertInChunks(
        tx,
        n.changed,
        (x) => ({ ...pairRowJson(x), f: x.reasons, sug: x.suggestedTrainingOrderId }),
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
      ));
    return { upserted, deleted };
  });
}

/** Deletes the (worker, target) pairs `gone` with one unnest statement ($1 workers, $2 targets); returns rows deleted. */
async function deleteGone(tx: pg.PoolClient, sql: string, gone: { workerId: string; target: string }[]): Promise<number> {
  if (!gone.length) return 0;
  return (await tx.query(sql, [gone.map((g) => g.workerId), gone.map((g) => g.target)])).rowCount ?? 0;
}

/**
 * Rows travel as one JSON text per statement (json_to_recordset, $1), WRITE_ROWS at a time: one native
 * JSON.stringify instead of ten text[] parameters escaped element by element by the driver.
 */
async function upsertInChunks<R>(tx: pg.PoolClient, rows: R[], json: (row: R) => object, sql: string): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += WRITE_ROWS) written += (await tx.query(sql, [JSON.stringify(rows.slice(i, i + WRITE_ROWS).map(json))])).rowCount ?? 0;
  return written;
}

/** The columns a match row and a near-miss row share, under their json_to_recordset names. */
const pairRowJson = (x: PairRowIn) => ({
  w: x.workerId,
  t: x.targetId,
  s: x.score,
  zh: x.explanationZh,
  en: x.explanationEn,
  wv: x.workerVersion,
  tv: x.targetVersion,
  fp: x.fingerprint,
});

/** rowsUnchanged: kept rows whose fingerprint, score, rank and versions equal the stored row's (not built, not written). */
export type RankAndWriteTotals = {
  targets: number;
  pairsScored: number;
  eligible: number;
  matches: number;
  nearMisses: number;
  rowsUpserted: number;
  rowsDeleted: number;
  rowsUnchanged: number;
};

/**
 * Ranks the given open targets against the warm worker columns and writes the difference: the
 * production path of one target's re-match and of each nightly shard.
 */
export async function rankAndWrite(
  db: Db,
  targets: readonly MatchTarget[],
  ctx: { today: string; policy: MatchPolicy; pool: WorkerPool; openOrders: OpenTrainingOrder[] },
): Promise<RankAndWriteTotals> {
  const totals: RankAndWriteTotals = {
    targets: targets.length,
    pairsScored: 0,
    eligible: 0,
    matches: 0,
    nearMisses: 0,
    rowsUpserted: 0,
    rowsDeleted: 0,
    rowsUnchanged: 0,
  };
  const labels = await loadLabels(
    db,
    targets.map((t) => (t.kind === "posting" ? t.workRegionCode : (t.workRegionCode ?? t.locationRegionCode))),
  );
  const openOrdersHash = valueHash(ctx.openOrders);
  for (const kind of ["posting", "trainingOrder"] as const) {
    const list = targets.filter((t) => t.kind === kind);
    if (!list.length) continue;
    const ids = list.map((t) => t.id);
    const [acted, storedMatches, storedNear] = await Promise.all([
      actedOnWorkers(db, kind, ids),
      readStored(db, kind, "Match", ids),
      readStored(db, kind, "MatchNearMiss", ids),
    ]);
    const diff: Diff = { matches: [], nearMisses: [], goneMatches: [], goneNear: [], unchanged: 0 };
    for (const target of list) {
      const r = rankTargetDiff(
        ctx.pool,
        target,
        ctx.policy,
        { today: ctx.today, labels, openOrders: ctx.openOrders, openOrdersHash, exclude: acted.get(target.id) },
        { matches: storedMatches.get(target.id), near: storedNear.get(target.id) },
        diff,
      );
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
export async function clearTarget(tx: Tx | Db, kind: TargetKind, targetId: string): Promise<number> {
  const col = column(kind);
  const removed = await tx.$executeRawUnsafe(`DELETE FROM "Match" WHERE ${col} = $1 AND "status" = 'PROPOSED'`, targetId);
  await tx.$executeRawUnsafe(`DELETE FROM "MatchNearMiss" WHERE ${col} = $1`, targetId);
  return removed;
}
