// rankTarget: every candidate against one posting or training order → the top N eligible (rank 1 …)
// and the strongest people left out, with their reasons. Deterministic: score, then worker id.
import { slotPoints, type MatchPolicy } from "./policy";
import { scoreWithFacts, targetFacts } from "./score";
import type { HardFailureCode, MatchTarget, MatchWorker, NearMiss, OpenTrainingOrder, PairResult, RankOptions, RankResult, RankedMatch } from "./types";

/** Failures that say "not for this job, not yet" — worth showing as a near-miss. The others (not in the pool, declined by the employer, under age) are not. */
export const NEAR_MISS_CODES: ReadonlySet<HardFailureCode> = new Set<HardFailureCode>([
  "ageOutOfRange",
  "skillMissing",
  "skillLevelLow",
  "certificateMissing",
  "wageBelowFloor",
  "homeBasedOnly",
  "wantsLocalWork",
  "notWillingToTrain",
  "availableTooLate",
]);

/** Higher score first; equal scores by worker id so every run orders the same way. */
export function compareRanked(aScore: number, aId: string, bScore: number, bId: string): number {
  return aScore !== bScore ? bScore - aScore : aId < bId ? -1 : aId > bId ? 1 : 0;
}

/** The open order of the gap's occupation with the most places left (id breaks ties), if any. */
export function suggestTrainingOrder(occupationCode: string, orders: readonly OpenTrainingOrder[] | undefined, excludeId?: string): string | null {
  let best: OpenTrainingOrder | null = null;
  for (const o of orders ?? []) {
    if (o.occupationCode !== occupationCode || o.placesLeft <= 0 || o.id === excludeId) continue;
    if (!best || o.placesLeft > best.placesLeft || (o.placesLeft === best.placesLeft && o.id < best.id)) best = o;
  }
  return best ? best.id : null;
}

export function nearMissOf(worker: MatchWorker, r: PairResult, orders: readonly OpenTrainingOrder[] | undefined, targetId: string): NearMiss {
  const suggested = r.skillGap ? suggestTrainingOrder(r.skillGap.occupationCode, orders, targetId) : null;
  return {
    workerId: worker.id,
    workerVersion: worker.version,
    score: r.score,
    reasons: r.failed,
    explanationZh: suggested ? `${r.explanationZh}；可参加同工种订单培训补齐差距` : r.explanationZh,
    explanationEn: suggested ? `${r.explanationEn}; an open training order of this occupation can close the gap` : r.explanationEn,
    suggestedTrainingOrderId: suggested,
  };
}

export function rankTarget(target: MatchTarget, workers: readonly MatchWorker[], policy: MatchPolicy, opts: RankOptions): RankResult {
  const facts = targetFacts(target, opts.today);
  const pts = slotPoints(policy, target.kind);
  const ctx = { today: opts.today, labels: opts.labels };
  const eligible: { w: MatchWorker; r: PairResult }[] = [];
  const missed: { w: MatchWorker; r: PairResult }[] = [];
  for (const w of workers) {
    const r = scoreWithFacts(w, target, facts, pts, policy, ctx);
    if (r.eligible) eligible.push({ w, r });
    else if (r.failed.every((f) => NEAR_MISS_CODES.has(f.code))) missed.push({ w, r });
  }
  const order = (a: { w: MatchWorker; r: PairResult }, b: { w: MatchWorker; r: PairResult }) => compareRanked(a.r.score, a.w.id, b.r.score, b.w.id);
  eligible.sort(order);
  missed.sort(order);
  const matches: RankedMatch[] = eligible
    .slice(0, policy.topN)
    .map(({ w, r }, i) => ({ workerId: w.id, workerVersion: w.version, villageKey: w.villageKey, rank: i + 1, result: r }));
  const nearMisses = missed.slice(0, policy.nearMissN).map(({ w, r }) => nearMissOf(w, r, opts.openTrainingOrders, target.id));
  return { matches, nearMisses, pairsScored: workers.length };
}
