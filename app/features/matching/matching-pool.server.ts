// The workers' columns, warm in each worker process (issue 12 items 7–8). The first use reads every
// worker once, in id order, into column chunks (app/domain/matching/columns.ts); later uses only
// ask PostgreSQL what changed since the last look and re-read those people:
//
// - workers whose row changed (updatedAt, indexed; every edit of a person, their skills or
//   preferences bumps the row's version and updatedAt), and workers with a decline recorded since
//   (a decline changes the person's score for that employer's other targets);
// - the look reaches LOOKBACK_MS further back than the previous one, so a transaction that
//   committed late with an earlier timestamp (a roster import) is still seen. Rows changed since the
//   previous look are listed; for the look-back window before it, PostgreSQL answers only a count
//   and a checksum of (version, timestamp), compared with what this process applied there, and the
//   window's rows are listed only when the two differ (a late commit). After a bulk change (an
//   import, a first load) the window holds many people the pool already has; listing them on every
//   look cost a single posting's re-match 3 s of CPU at 1M (2026-12-07). Rows already applied (same
//   id, version and timestamp) are skipped;
// - a changed person's old entry is retired in its chunk and the fresh copy goes to a small delta
//   chunk, re-encoded when it changes; when the delta grows past DELTA_LIMIT the next use reloads;
// - the worker count is read in the same statement: if it is not what the chunks and the delta
//   account for (a person deleted, or written without a new timestamp), the next use reloads.
//
// Ranking a target is rankColumns over each chunk, the K-th best so far passed on as a bar, and the
// lists merged: exactly rankTarget over the candidates (the property test in columns.test.ts).
import {
  decodeWorker,
  encodeWorkerStream,
  encodeWorkers,
  rankColumnParts,
  retireWorker,
  type Day,
  type PartHit,
  type MatchPolicy,
  type MatchTarget,
  type MatchWorker,
  type WorkerColumns,
} from "~/domain/matching";
import type { WorkerStatus } from "~/domain/lifecycle";
import { getDb, type Db } from "~/services/db.server";
import { getConfig } from "~/services/env.server";

export const CHUNK = 100_000;
const BATCH = 20_000;
export const LOOKBACK_MS = 5 * 60_000;
const DELTA_LIMIT = 50_000;

type RawWorker = {
  id: string;
  version: number;
  countyCode: string;
  townshipCode: string | null;
  villageKey: string | null;
  birthDate: string;
  isRegisteredPoor: boolean;
  hasPriorityFactors: boolean;
  atRiskOfPoverty: boolean;
  status: string;
  hasPref: boolean;
  destinationKinds: string[] | null;
  destinationRegionCodes: string[] | null;
  occupationCodes: string[] | null;
  minMonthlyWage: number | null;
  willingToTrain: boolean | null;
  trainingKinds: string[] | null;
  homeBasedOnly: boolean | null;
  availableFrom: string | null;
  skills: [string, number | null, boolean, number | null][] | null;
  declines: [string | null, string | null, string | null][] | null;
  updatedAt: Date;
};

/** One worker per row, exactly the MatchWorker the service's object loader builds (toMatchWorker). */
const WORKER_SQL = `
SELECT w."id", w."version", w."updatedAt", w."countyCode", w."townshipCode", coalesce(w."villageCode",
  w."villageName") AS "villageKey",
       to_char(w."birthDate", 'YYYY-MM-DD') AS "birthDate", w."isRegisteredPoor", w."hasPriorityFactors",
         w."atRiskOfPoverty", w."status"::text AS "status",
       p."workerId" IS NOT NULL AS "hasPref", p."destinationKinds"::text[] AS "destinationKinds",
         p."destinationRegionCodes", p."occupationCodes",
       p."minMonthlyWage", p."willingToTrain", p."trainingKinds"::text[] AS "trainingKinds",
         p."homeBasedOnly", to_char(p."availableFrom", 'YYYY-MM-DD') AS "availableFrom",
       (SELECT json_agg(json_build_array(s."occupationCode", s."level", s."certificateNumber" IS NOT NULL,
         s."yearsExperience") ORDER BY s."id")
          FROM "WorkerSkill" s WHERE s."workerId" = w."id") AS "skills",
       (SELECT json_agg(json_build_array(m."declinedBy"::text, coalesce(m."postingId", m."trainingOrderId"),
         coalesce(jp."employerId", tr."employerId")) ORDER BY m."id")
          FROM "Match" m LEFT JOIN "JobPosting" jp ON jp."id" = m."postingId" LEFT JOIN "TrainingOrder" tr ON
            tr."id" = m."trainingOrderId"
         WHERE m."workerId" = w."id" AND m."status" = 'DECLINED') AS "declines"
  FROM "Worker" w LEFT JOIN "WorkerPreference" p ON p."workerId" = w."id"`;

function toWorker(r: RawWorker): MatchWorker {
  const declinedEmployerIds: string[] = [],
    declinedByTargetIds: string[] = [];
  for (const [by, targetId, employerId] of r.declines ?? []) {
    if (by === "WORKER" && employerId) declinedEmployerIds.push(employerId);
    else if (by === "EMPLOYER" && targetId) declinedByTargetIds.push(targetId);
  }
  return {
    id: r.id,
    version: r.version,
    countyCode: r.countyCode,
    townshipCode: r.townshipCode,
    villageKey: r.villageKey,
    birthDate: r.birthDate,
    skills: (r.skills ?? []).map(([occupationCode, level, hasCertificate, yearsExperience]) => ({ occupationCode, level, hasCertificate, yearsExperience })),
    preference: r.hasPref
      ? {
          destinationKinds: (r.destinationKinds ?? []) as never,
          destinationRegionCodes: r.destinationRegionCodes ?? [],
          occupationCodes: r.occupationCodes ?? [],
          minMonthlyWage: r.minMonthlyWage,
          willingToTrain: r.willingToTrain ?? false,
          trainingKinds: (r.trainingKinds ?? []) as never,
          homeBasedOnly: r.homeBasedOnly ?? false,
          availableFrom: r.availableFrom,
        }
      : null,
    isRegisteredPoor: r.isRegisteredPoor,
    hasPriorityFactors: r.hasPriorityFactors,
    atRiskOfPoverty: r.atRiskOfPoverty,
    status: r.status as WorkerStatus,
    declinedEmployerIds,
    declinedByTargetIds,
  };
}

/** The workers with these ids, as MatchWorker (in id order). */
export async function readWorkers(db: Db, ids: readonly string[]): Promise<MatchWorker[]> {
  const out: MatchWorker[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await db.$queryRawUnsafe<RawWorker[]>(`${WORKER_SQL} WHERE w."id" = ANY($1::text[]) ORDER BY w."id"`, ids.slice(i, i + BATCH));
    for (const r of rows) out.push(toWorker(r));
  }
  return out;
}

export type PoolStats = {
  workers: number;
  chunks: number;
  delta: number;
  loads: number;
  refreshes: number;
  reread: number;
  /** Looks whose window checksum differed from this process's, so the window was listed (late commits). */
  windowLists: number;
  /** Worker rows the looks have listed (changed since the previous look, and the windows listed). */
  listed: number;
  loadMs: number;
};

type Pool = {
  chunks: WorkerColumns[];
  /** worker id → chunk * CHUNK + row, for the chunked base. */
  where: Map<string, number>;
  delta: Map<string, MatchWorker>;
  deltaCols: WorkerColumns | null;
  /** The database's clock at the last look (changes are read from LOOKBACK_MS before it). */
  lookedAt: Date;
  /** The latest change applied per person within the look-back: id → version and timestamp (ms). */
  applied: Map<string, Applied>;
  /** Declines already applied: key → timestamp (ms), dropped once older than the look-back. */
  declines: Map<string, number>;
  stale: boolean;
  stats: PoolStats;
};

type Applied = { version: number; at: number };

/** The window's checksum, the same in SQL (refresh) and here: Σ version and Σ (epoch ms mod a prime), exact in both. */
const CHECK_MOD = 1_000_003;
const checksum = (versionSum: number, atSum: number) => `${versionSum}:${atSum}`;

const pools = new Map<string, Promise<Pool>>();
let lock: Promise<unknown> = Promise.resolve();
const stats = { loads: 0, refreshes: 0, reread: 0, windowLists: 0, listed: 0 };

/** One pool per database (tests and benchmarks point a process at a scratch database). */
function poolKey(): string {
  return getConfig().database.url;
}

/** Reads every worker into column chunks (one scan, in id order). */
async function load(db: Db): Promise<Pool> {
  const t0 = performance.now();
  const [{ now }] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  const chunks: WorkerColumns[] = [];
  const where = new Map<string, number>();
  let pending: MatchWorker[] = [];
  const flush = () => {
    if (!pending.length) return;
    const list = pending;
    const cols = encodeWorkerStream(list.length, (i) => list[i]);
    const c = chunks.length;
    for (let i = 0; i < cols.n; i++) where.set(cols.ids[i], c * CHUNK + i);
    chunks.push(cols);
    pending = [];
  };
  // People changed within the look-back before this load are read here already: recorded as applied
  // (same id, version and timestamp), so the next refresh does not read them all again (after a bulk
  // import every one of them would otherwise be re-read, and past DELTA_LIMIT the pool reloaded).
  const applied = new Map<string, Applied>();
  const since = now.getTime() - LOOKBACK_MS;
  // The next batch is asked for before this one is encoded, so PostgreSQL reads it on the other core meanwhile.
  const batch = (after: string) => db.$queryRawUnsafe<RawWorker[]>(`${WORKER_SQL} WHERE w."id" > $1 ORDER BY w."id" LIMIT ${BATCH}`, after);
  let next: Promise<RawWorker[]> | null = batch("");
  while (next) {
    const rows: RawWorker[] = await next;
    next = rows.length === BATCH ? batch(rows[rows.length - 1].id) : null;
    // A failed prefetch is rethrown by the await above on the next turn; never left unhandled meanwhile.
    next?.catch(() => undefined);
    // Let the query reach the wire before the synchronous encoding below holds the event loop.
    if (next) await new Promise((resolve) => setImmediate(resolve));
    for (const r of rows) {
      const at = r.updatedAt.getTime();
      if (at > since) applied.set(r.id, { version: r.version, at });
      pending.push(toWorker(r));
      if (pending.length === CHUNK) flush();
    }
  }
  flush();
  stats.loads++;
  return {
    chunks,
    where,
    delta: new Map(),
    deltaCols: null,
    lookedAt: now,
    applied,
    declines: new Map(),
    stale: false,
    stats: { workers: where.size, chunks: chunks.length, delta: 0, ...stats, loadMs: performance.now() - t0 },
  };
}

type LookRow = { kind: string; id: string | null; version: number | null; at: Date | null; sum: string | null };

/** Applies what changed since the last look; marks the pool stale when it cannot account for the count. */
async function refresh(db: Db, pool: Pool): Promise<void> {
  const lookedAt = pool.lookedAt;
  const since = new Date(lookedAt.getTime() - LOOKBACK_MS);
  // One statement, one snapshot: the count, the changes and the window's checksum agree.
  const rows = await db.$queryRaw<LookRow[]>`
    SELECT 'count' AS kind, (SELECT count(*) FROM "Worker")::text AS id, NULL::int AS version, now() AS at, NULL::text AS sum
    UNION ALL
    SELECT 'worker', w."id", w."version", w."updatedAt", NULL FROM "Worker" w WHERE w."updatedAt" > ${lookedAt}
    UNION ALL
    SELECT 'window', count(*)::text, NULL, NULL, coalesce(sum(w."version"), 0)::text || ':' ||
      coalesce(sum(floor(extract(epoch FROM w."updatedAt") * 1000)::bigint % ${CHECK_MOD}), 0)::text
      FROM "Worker" w WHERE w."updatedAt" > ${since} AND w."updatedAt" <= ${lookedAt}
    UNION ALL
    SELECT 'decline:' || m."id", m."workerId", NULL, m."updatedAt", NULL FROM "Match" m WHERE m."status" =
      'DECLINED' AND m."updatedAt" > ${since}`;
  const head = rows.find((r) => r.kind === "count")!;
  const window = rows.find((r) => r.kind === "window")!;
  const changed = new Set<string>();
  const apply = (id: string, version: number, at: number) => {
    const had = pool.applied.get(id);
    if (had && had.version === version && had.at === at) return;
    pool.applied.set(id, { version, at });
    changed.add(id);
  };
  for (const r of rows) {
    if (!r.id || !r.at) continue;
    if (r.kind === "worker") {
      apply(r.id, r.version!, r.at.getTime());
      stats.listed++;
    } else if (r.kind.startsWith("decline:")) {
      const key = `${r.kind}|${r.at.getTime()}`;
      if (pool.declines.has(key)) continue;
      pool.declines.set(key, r.at.getTime());
      changed.add(r.id);
    }
  }
  // What this process applied in the window (one pass, dropping what fell out of the look-back).
  let count = 0,
    versionSum = 0,
    atSum = 0;
  for (const [id, a] of pool.applied) {
    if (a.at <= since.getTime()) pool.applied.delete(id);
    else if (a.at <= lookedAt.getTime()) {
      count++;
      versionSum += a.version;
      atSum += a.at % CHECK_MOD;
    }
  }
  for (const [key, at] of pool.declines) if (at <= since.getTime()) pool.declines.delete(key);
  if (window.id !== String(count) || window.sum !== checksum(versionSum, atSum)) {
    // A late commit (or a removal): list the window and apply what this process has not seen.
    const late = await db.$queryRaw<{ id: string; version: number; at: Date }[]>`
      SELECT w."id", w."version", w."updatedAt" AS at FROM "Worker" w WHERE w."updatedAt" > ${since} AND w."updatedAt" <= ${lookedAt}`;
    for (const r of late) apply(r.id, r.version, r.at.getTime());
    stats.windowLists++;
    stats.listed += late.length;
  }
  if (changed.size) {
    const fresh = await readWorkers(db, [...changed]);
    const found = new Set(fresh.map((w) => w.id));
    for (const id of changed) {
      const at = pool.where.get(id);
      if (at !== undefined) retireWorker(pool.chunks[Math.floor(at / CHUNK)], at % CHUNK);
      if (!found.has(id)) pool.delta.delete(id);
    }
    for (const w of fresh) pool.delta.set(w.id, w);
    pool.deltaCols = null;
    stats.reread += fresh.length;
  }
  let accounted = pool.where.size;
  for (const id of pool.delta.keys()) if (!pool.where.has(id)) accounted++;
  if (Number(head.id) !== accounted || pool.delta.size > DELTA_LIMIT) pool.stale = true;
  pool.lookedAt = head.at!;
  stats.refreshes++;
  pool.stats = { ...pool.stats, ...stats, workers: accounted, delta: pool.delta.size };
}

/**
 * The warm columns, brought up to date (one at a time per process: concurrent jobs share a look).
 * A stale pool (count mismatch, delta too large) is reloaded whole.
 */
export async function workerPool(db: Db = getDb()): Promise<WorkerPool> {
  const run = lock.then(async () => {
    const key = poolKey();
    let p = pools.get(key);
    if (p) {
      const pool = await p.catch(() => null);
      if (pool) {
        await refresh(db, pool);
        if (!pool.stale) return pool;
      }
    }
    p = load(db);
    pools.set(key, p);
    p.catch(() => pools.delete(key));
    const fresh = await p;
    return fresh;
  });
  lock = run.catch(() => undefined);
  return new WorkerPool(await run);
}

/** Drops this process's warm columns (tests that rewrite the database under them; a reload follows). */
export function forgetWorkerPool(): void {
  pools.clear();
}

/**
 * A kept person: where they sit in the columns (decode them with decodeHit only when their row is
 * built: the nightly diff compares fingerprints and decodes the changed rows only), id, version and
 * the columnar score.
 */
export type PoolHit = { columns: WorkerColumns; index: number; workerId: string; workerVersion: number; score: number };
export const decodeHit = (h: PoolHit): MatchWorker => decodeWorker(h.columns, h.index);
export type PoolRank = { matches: PoolHit[]; nearMisses: PoolHit[]; pairsScored: number; eligible: number };

export class WorkerPool {
  constructor(private pool: Pool) {}

  get stats(): PoolStats {
    return this.pool.stats;
  }

  /** Every column set to rank over: the chunks, then the delta. */
  private parts(): WorkerColumns[] {
    const p = this.pool;
    if (p.delta.size && !p.deltaCols) p.deltaCols = encodeWorkers([...p.delta.values()]);
    return p.delta.size ? [...p.chunks, p.deltaCols!] : p.chunks;
  }

  /** Counties that have at least one matchable worker. */
  countiesWithWorkers(): number {
    const seen = new Set<string>();
    for (const c of this.parts()) for (let i = 0; i < c.n; i++) if (c.flags[i] & 1) seen.add(c.dict.counties.values[c.countyId[i]]);
    return seen.size;
  }

  /**
   * The target's top N and near-misses among the candidates (the service's rule), acted-on people
   * excluded: rankColumns per part, each told the K-th best so far, the lists merged.
   */
  rank(target: MatchTarget, policy: MatchPolicy, opts: { today: Day; exclude?: ReadonlySet<string> }): PoolRank {
    const parts = this.parts();
    const r = rankColumnParts(target, parts, policy, { today: opts.today, candidates: "rule", exclude: opts.exclude });
    const out = (list: PartHit[]) =>
      list.map((h) => ({ columns: parts[h.part], index: h.index, workerId: h.workerId, workerVersion: parts[h.part].versions[h.index], score: h.score }));
    return { matches: out(r.top), nearMisses: out(r.nearMisses), pairsScored: r.pairsScored, eligible: r.eligible };
  }
}
