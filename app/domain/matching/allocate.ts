// Training places when more people want them than the class holds: take people in ranking order,
// but no village takes more than villageShareCap of the places while someone from another village
// is waiting; the cap is relaxed only when nobody else is left. Every person gets a reason.
import type { MatchPolicy } from "./policy";
import type { RankedMatch } from "./types";

export type AllocationReason = "selected" | "selectedCapRelaxed" | "villageCap" | "classFull";
export type Allocation = RankedMatch & { reason: AllocationReason; reasonZh: string; reasonEn: string };
export type AllocationResult = {
  selected: Allocation[];
  waiting: Allocation[];
  /** Places per village: the most one village may take while others wait. */
  villageCap: number;
  places: number;
  /** How many more graduates the hiring commitment needs than this allocation provides (0 when covered). */
  commitmentShortfall: number;
};

/**
 * `ranked` in ranking order (rankTarget's matches); `places` = the class's places left; pass the
 * order's commitHires to learn whether the people available can fill the commitment.
 */
export function allocateTrainingPlaces(
  ranked: readonly RankedMatch[],
  places: number,
  policy: MatchPolicy,
  commitHires: number | null = null,
): AllocationResult {
  const n = Math.max(0, Math.floor(places));
  // Half of 3 places rounds up to 2, but a village never takes every place of a class of two or more.
  const cap = policy.villageShareCap >= 1 ? Math.max(1, n) : Math.max(1, Math.min(n - 1, Math.ceil(n * policy.villageShareCap)));
  // People whose village is unknown each count as their own village: nobody is held back on a guess.
  const key = (m: RankedMatch) => m.villageKey ?? `\u0000${m.workerId}`;
  const taken = new Map<string, number>();
  const chosen = new Set<string>();
  const deferred: RankedMatch[] = [];
  const selected: Allocation[] = [];
  for (const m of ranked) {
    if (selected.length >= n) break;
    const k = key(m);
    const had = taken.get(k) ?? 0;
    if (had >= cap) {
      deferred.push(m);
      continue;
    }
    taken.set(k, had + 1);
    chosen.add(m.workerId);
    selected.push({ ...m, reason: "selected", reasonZh: `按匹配排名第${m.rank}位入选`, reasonEn: `Selected at rank ${m.rank}` });
  }
  // Places still free and only capped villages left: the cap gives way, still in ranking order.
  for (const m of deferred) {
    if (selected.length >= n) break;
    chosen.add(m.workerId);
    selected.push({
      ...m,
      reason: "selectedCapRelaxed",
      reasonZh: `按匹配排名第${m.rank}位入选（其他村已无人等候，放宽每村名额上限）`,
      reasonEn: `Selected at rank ${m.rank} (no one from other villages waiting, village cap relaxed)`,
    });
  }
  const capped = new Set(deferred.map((m) => m.workerId));
  const waiting: Allocation[] = ranked
    .filter((m) => !chosen.has(m.workerId))
    .map((m) =>
      capped.has(m.workerId)
        ? {
            ...m,
            reason: "villageCap" as const,
            reasonZh: `排名第${m.rank}位；本村已占${taken.get(key(m)) ?? 0}个名额（每村最多${cap}个），名额留给其他村等候的人`,
            reasonEn:
              `Rank ${m.rank}; this village already has ${taken.get(key(m)) ?? 0} places (at most ${cap} per village) while ` +
              `people from other villages wait`,
          }
        : {
            ...m,
            reason: "classFull" as const,
            reasonZh: `排名第${m.rank}位；班级${n}个名额已满，列入候补`,
            reasonEn: `Rank ${m.rank}; all ${n} places are taken, on the waiting list`,
          },
    );
  return { selected, waiting, villageCap: cap, places: n, commitmentShortfall: Math.max(0, (commitHires ?? 0) - selected.length) };
}
