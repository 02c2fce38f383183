// The "one target; one worker" part of matching.server.ts, split from it along its section markers
// (issue 17 item 3); the rules in matching.server.ts's header hold here too.
import { chinaToday } from "~/platform/china-time";
import { isCandidate, rankTarget, type MatchTarget } from "~/domain/matching";
import { isMatchable } from "~/domain/lifecycle";
import { getDb, WRITE_TX, type Db } from "~/services/db.server";
import { workerPool } from "./matching-pool.server";
import { type TargetRef, WRITE, clearTarget, loadMatchPolicy, rankAndWrite } from "./matching.server";
import { loadMatchWorkers, loadOpenOrders, loadOpenTargets } from "./matching-load.server";
import { type RematchCause, scheduleTargetRematch } from "./matching-jobs.server";

// ───────────── one target ─────────────

export type MatchTargetResult = {
  target: TargetRef;
  open: boolean;
  candidates: number;
  pairsScored: number;
  matches: number;
  nearMisses: number;
  removed: number;
  rowsWritten: number;
  runId: string;
  targetVersion: number | null;
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
    data: {
      kind: "target",
      targets: 1,
      targetKind: ref.kind,
      targetId: ref.id,
      targetVersion: target?.version ?? null,
      jobId: deps.jobId ?? null,
      detail: { today, engine: "columnar" },
    },
  });
  const finish = (data: { pairsScored?: number; matches?: number; nearMisses?: number; detail?: Record<string, unknown> }) =>
    db.matchRun.update({
      where: { id: run.id },
      data: {
        status: "DONE",
        finishedAt: new Date(),
        pairsScored: BigInt(data.pairsScored ?? 0),
        matchesUpserted: data.matches ?? 0,
        nearMisses: data.nearMisses ?? 0,
        detail: { today, engine: "columnar", ...data.detail } as never,
      },
    });
  if (!target) {
    const removed = await db.$transaction((tx) => clearTarget(tx, ref.kind, ref.id), WRITE);
    await finish({ detail: { open: false, removed } });
    return {
      target: ref,
      open: false,
      candidates: 0,
      pairsScored: 0,
      matches: 0,
      nearMisses: 0,
      removed,
      rowsWritten: removed,
      runId: run.id,
      targetVersion: null,
    };
  }
  const policy = await loadMatchPolicy(db);
  const pool = await workerPool(db);
  const t = await rankAndWrite(db, [target], { today, policy, pool, openOrders: await loadOpenOrders(db) });
  await finish({
    pairsScored: t.pairsScored,
    matches: t.matches,
    nearMisses: t.nearMisses,
    detail: { rowsUpserted: t.rowsUpserted, rowsDeleted: t.rowsDeleted, workers: pool.stats.workers },
  });
  return {
    target: ref,
    open: true,
    candidates: t.pairsScored,
    pairsScored: t.pairsScored,
    matches: t.matches,
    nearMisses: t.nearMisses,
    removed: t.rowsDeleted,
    rowsWritten: t.rowsUpserted + t.rowsDeleted,
    runId: run.id,
    targetVersion: target.version,
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
export async function matchWorker(
  workerId: string,
  deps: { db?: Db; now?: Date; rematch?: (ref: TargetRef) => Promise<unknown> } = {},
): Promise<MatchWorkerResult> {
  const db = deps.db ?? getDb();
  const today = chinaToday(deps.now);
  const [worker] = await loadMatchWorkers(db, [workerId]);
  // The worker's version names the data this re-match saw (a gone worker: the highest version is unknown, so a unique one).
  const cause: RematchCause = { entityType: "worker", entityId: workerId, entityVersion: worker?.version ?? Date.now() };
  const rematch = deps.rematch ?? ((ref: TargetRef) => scheduleTargetRematch(db, ref, cause));
  const existing = await db.match.findMany({ where: { workerId, status: "PROPOSED" }, select: { postingId: true, trainingOrderId: true } });
  const refOf = (m: { postingId: string | null; trainingOrderId: string | null }): TargetRef =>
    m.postingId ? { kind: "posting", id: m.postingId } : { kind: "trainingOrder", id: m.trainingOrderId! };
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
  const acted = new Set(
    (await db.match.findMany({ where: { workerId, status: { not: "PROPOSED" } }, select: { postingId: true, trainingOrderId: true } })).map(
      (m) => (m.postingId ?? m.trainingOrderId)!,
    ),
  );
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
  for (const id of had)
    if (!queue.has(id)) {
      const m = [...existing, ...near].find((x) => (x.postingId ?? x.trainingOrderId) === id)!;
      queue.set(id, refOf(m));
    }
  for (const ref of queue.values()) await rematch(ref);
  return { workerId, matchable: true, targets: targets.length, eligible: scored.filter((x) => !x.nearMiss).length, rematch: queue.size, removed: 0 };
}
