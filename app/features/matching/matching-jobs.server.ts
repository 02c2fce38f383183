// The "jobs: requests, debounce, the nightly flow" part of matching.server.ts, split from it along its section markers
// (issue 17 item 3); the rules in matching.server.ts's header hold here too.
import { chinaToday } from "~/platform/china-time";
import { createHash } from "node:crypto";
import { type MatchTarget } from "~/domain/matching";
import { getDb, type Db } from "~/services/db.server";
import { workerPool } from "./matching-pool.server";
import { enqueue, entityJobId, getFlowProducer, jobCatalog, type JobPayload } from "~/services/queue.server";
import { type RankAndWriteTotals, type TargetKind, type TargetRef, WRITE, loadMatchPolicy, rankAndWrite } from "./matching.server";
import { MATCHABLE_STATUSES, loadOpenTargets, openOrdersOf } from "./matching-load.server";

// ───────────── jobs: requests, debounce, the nightly flow ─────────────

/** Quiet period before a re-match runs: a burst of edits to one entity becomes one job. */
export const REMATCH_DEBOUNCE_MS = 1500;

async function versionOf(db: Db, entityType: "worker" | "posting" | "trainingOrder", id: string): Promise<number | null> {
  const select = { version: true } as const;
  const row =
    entityType === "worker"
      ? await db.worker.findUnique({ where: { id }, select })
      : entityType === "posting"
        ? await db.jobPosting.findUnique({ where: { id }, select })
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
  return cause && !(cause.entityType === ref.entityType && cause.entityId === ref.entityId)
    ? `${base}__by__${cause.entityType}__${cause.entityId}__${cause.entityVersion}`
    : base;
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
  const payload = { entityType: ref.entityType, entityId: ref.entityId, entityVersion: ref.entityVersion } as
    JobPayload<"match-target"> | JobPayload<"match-worker">;
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

export async function scheduleTargetRematch(db: Db, ref: TargetRef, cause?: RematchCause) {
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
    name: "match-nightly-finish",
    queueName: finish.queue,
    data: finish.payload.parse({ runId }),
    opts: { ...finish.options, jobId: `match-nightly-finish__${runId}` },
    children: shards.map((refs, i) => ({
      name: "match-shard",
      queueName: shard.queue,
      data: shard.payload.parse({ runId, shard: i, targets: refs }),
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
  runId: string;
  shards: number;
  counties: number;
  targets: number;
  pairsScored: number;
  matchesUpserted: number;
  nearMisses: number;
  rowsWritten: number;
};

/** The flow's parent: clears proposals of targets no longer open and records the totals (nothing is re-ranked here). */
export async function finishNightly(runId: string, children: ShardTotals[], deps: { db?: Db } = {}): Promise<NightlyTotals> {
  const db = deps.db ?? getDb();
  const closed = await db.$transaction(async (tx) => {
    const a = await tx.$executeRawUnsafe(
      `DELETE FROM "Match" m WHERE m."status" = 'PROPOSED' AND m."postingId" IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM "JobPosting" p WHERE p."id" = m."postingId" AND p."status" = 'OPEN')`,
    );
    const b = await tx.$executeRawUnsafe(
      `DELETE FROM "Match" m WHERE m."status" = 'PROPOSED' AND m."trainingOrderId" IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM "TrainingOrder" o WHERE o."id" = m."trainingOrderId" AND o."status" IN ('APPROVED', 'IN_PROGRESS'))`,
    );
    const c = await tx.$executeRawUnsafe(
      `DELETE FROM "MatchNearMiss" m WHERE m."postingId" IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM "JobPosting" p WHERE p."id" = m."postingId" AND p."status" = 'OPEN')`,
    );
    const d = await tx.$executeRawUnsafe(
      `DELETE FROM "MatchNearMiss" m WHERE m."trainingOrderId" IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM "TrainingOrder" o WHERE o."id" = m."trainingOrderId" AND o."status" IN ('APPROVED', 'IN_PROGRESS'))`,
    );
    return a + b + c + d;
  }, WRITE);
  const [{ counties }] = await db.$queryRawUnsafe<{ counties: number }[]>(
    `SELECT count(DISTINCT "countyCode")::int AS counties FROM "Worker" WHERE "status"::text = ANY($1::text[])`,
    [...MATCHABLE_STATUSES],
  );
  const sum = (f: (c: ShardTotals) => number) => children.reduce((n, c) => n + f(c), 0);
  const totals: NightlyTotals = {
    runId,
    shards: children.length,
    counties,
    targets: sum((c) => c.targets),
    pairsScored: sum((c) => c.pairsScored),
    matchesUpserted: sum((c) => c.matches),
    nearMisses: sum((c) => c.nearMisses),
    rowsWritten: sum((c) => c.rowsUpserted + c.rowsDeleted) + closed,
  };
  const run = await db.matchRun.findUniqueOrThrow({ where: { id: runId } });
  const { shards: _shards, ...kept } = run.detail as Record<string, unknown>;
  void _shards;
  const detail = {
    ...kept,
    shards: children.length,
    rowsUpserted: sum((c) => c.rowsUpserted),
    rowsDeleted: sum((c) => c.rowsDeleted) + closed,
    rowsWritten: totals.rowsWritten,
  };
  await db.matchRun.update({
    where: { id: runId },
    data: {
      status: "DONE",
      finishedAt: new Date(),
      counties,
      targets: totals.targets,
      pairsScored: BigInt(totals.pairsScored),
      matchesUpserted: totals.matchesUpserted,
      nearMisses: totals.nearMisses,
      detail: detail as never,
    },
  });
  return totals;
}
