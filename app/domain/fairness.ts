// Fairness of matching outcomes across priority groups: how often the members of each group are
// proposed, invited and hired, per 100 members, and how that compares with everyone outside the
// group. The database aggregates (one row per combination of group flags); this file does the
// arithmetic, so the report's numbers are testable without a database.

export const FAIRNESS_GROUPS = ["registeredPoor", "priorityFactors", "atRisk", "women", "everyoneElse"] as const;
export type FairnessGroup = (typeof FAIRNESS_GROUPS)[number];
export const FAIRNESS_OUTCOMES = ["proposed", "invited", "hired"] as const;
export type FairnessOutcome = (typeof FAIRNESS_OUTCOMES)[number];

/** Workers sharing one combination of flags, and how many of them reached each outcome. */
export type FlagCell = {
  registeredPoor: boolean;
  priorityFactors: boolean;
  atRisk: boolean;
  woman: boolean;
  workers: number;
  proposed: number;
  invited: number;
  hired: number;
};

export type OutcomeFigures = {
  /** Members of the group who reached the outcome at least once. */
  count: number;
  /** Per 100 members; null when the group is empty. */
  ratePer100: number | null;
  /** Per 100 workers outside the group; null when nobody is outside it. */
  restRatePer100: number | null;
  /** ratePer100 / restRatePer100, rounded to 2 decimals; null when either side is undefined or the rest's rate is 0. */
  ratioToRest: number | null;
};

export type FairnessRow = { group: FairnessGroup; members: number; rest: number } & Record<FairnessOutcome, OutcomeFigures>;

/** The three policy priority groups (PRODUCT.md); women are reported beside them, not prioritised. */
const isPriority = (c: FlagCell) => c.registeredPoor || c.priorityFactors || c.atRisk;

const inGroup: Record<FairnessGroup, (c: FlagCell) => boolean> = {
  registeredPoor: (c) => c.registeredPoor,
  priorityFactors: (c) => c.priorityFactors,
  atRisk: (c) => c.atRisk,
  women: (c) => c.woman,
  everyoneElse: (c) => !isPriority(c),
};

const per100 = (count: number, base: number) => (base === 0 ? null : Math.round((count * 10000) / base) / 100);

export function fairnessTable(cells: readonly FlagCell[]): FairnessRow[] {
  return FAIRNESS_GROUPS.map((group) => {
    const sum = (pick: (c: FlagCell) => boolean, key: "workers" | FairnessOutcome) => cells.filter(pick).reduce((n, c) => n + c[key], 0);
    const member = inGroup[group];
    const other = (c: FlagCell) => !member(c);
    const members = sum(member, "workers");
    const rest = sum(other, "workers");
    const figures = (o: FairnessOutcome): OutcomeFigures => {
      const count = sum(member, o);
      const rate = per100(count, members);
      const restRate = per100(sum(other, o), rest);
      const ratio = rate === null || restRate === null || restRate === 0 ? null : Math.round((rate / restRate) * 100) / 100;
      return { count, ratePer100: rate, restRatePer100: restRate, ratioToRest: ratio };
    };
    return { group, members, rest, proposed: figures("proposed"), invited: figures("invited"), hired: figures("hired") };
  });
}

/** One plain-language sentence per (group, outcome) with a defined ratio, for the report's reading. */
export type FairnessReading = { group: FairnessGroup; outcome: FairnessOutcome; ratio: number; direction: "more" | "less" | "same" };

export function fairnessReadings(rows: readonly FairnessRow[]): FairnessReading[] {
  return rows.flatMap((row) =>
    FAIRNESS_OUTCOMES.flatMap((outcome) => {
      const ratio = row[outcome].ratioToRest;
      if (ratio === null) return [];
      // Within ±5 % reads as "about the same": small groups swing more than that by chance.
      const direction = ratio >= 1.05 ? "more" : ratio <= 0.95 ? "less" : "same";
      return [{ group: row.group, outcome, ratio, direction } as const];
    }),
  );
}
