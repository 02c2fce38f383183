// Annual plans (年度计划) and progress against them, as pure arithmetic. docs/plans.md writes the
// definitions and date rules down; app/features/plans/dashboard.server.ts computes the same counts in
// SQL, and test/integration/dashboard.test.ts checks the two agree on hand-built records.
import { calendarDay, chinaDay } from "~/platform/china-time";

/** Targets counted in whole people or person-times; children's targets add up to the parent's. */
export const COUNT_TARGETS = ["trainingPersonTimes", "orderBasedPersonTimes", "transferredPersons", "toBeijingTianjinPersons", "stablePersons"] as const;
/** Targets that are shares (percent): a parent's is not the sum of its children's. */
export const RATE_TARGETS = ["poorHouseholdSharePct", "completionRatePct"] as const;
export const PLAN_TARGETS = [...COUNT_TARGETS, ...RATE_TARGETS] as const;
export type CountTarget = (typeof COUNT_TARGETS)[number];
export type RateTarget = (typeof RATE_TARGETS)[number];
export type PlanTarget = (typeof PLAN_TARGETS)[number];
export type PlanTargets = Record<PlanTarget, number>;

/** Which unit a target is counted in: person-times (人次) and persons (人) are never mixed. */
export const TARGET_UNIT: Record<PlanTarget, "personTimes" | "persons" | "percent"> = {
  trainingPersonTimes: "personTimes",
  orderBasedPersonTimes: "personTimes",
  transferredPersons: "persons",
  toBeijingTianjinPersons: "persons",
  stablePersons: "persons",
  poorHouseholdSharePct: "percent",
  completionRatePct: "percent",
};

// ───────────── roll-up ─────────────

export type RollUpGap = { target: CountTarget; parent: number; childrenSum: number; difference: number };

/**
 * Where the children's count targets do not add up to the parent's: difference = parent − sum
 * (positive: the children plan less than the parent promised). Empty when there are no child
 * plans or every count target agrees. Shares are not summed (a weighted share needs actuals).
 */
export function rollUpGaps(parent: PlanTargets, children: PlanTargets[]): RollUpGap[] {
  if (children.length === 0) return [];
  return COUNT_TARGETS.flatMap((target) => {
    const childrenSum = children.reduce((s, c) => s + c[target], 0);
    const difference = parent[target] - childrenSum;
    return difference === 0 ? [] : [{ target, parent: parent[target], childrenSum, difference }];
  });
}

/** Sum of children's count targets (what a parent plan would be if it only added them up). */
export function sumTargets(children: PlanTargets[]): Record<CountTarget, number> {
  return Object.fromEntries(COUNT_TARGETS.map((t) => [t, children.reduce((s, c) => s + c[t], 0)])) as Record<CountTarget, number>;
}

/** What changed between two versions of a plan, for the revision history. */
export function planChanges(before: Partial<PlanTargets>, after: PlanTargets): { target: PlanTarget; from: number | null; to: number }[] {
  return PLAN_TARGETS.flatMap((t) => (before[t] === after[t] ? [] : [{ target: t, from: before[t] ?? null, to: after[t] }]));
}

// ───────────── date rules (docs/plans.md) ─────────────

/** `@db.Date` columns hold the calendar day itself (UTC midnight). */
const dayOf = calendarDay;
const yearOfDay = (day: string) => Number(day.slice(0, 4));
const monthOfDay = (day: string) => Number(day.slice(5, 7));

/** A completed enrollment counts in the year and month its class ends (a class spanning New Year counts in the year it ends). */
export const trainingPeriod = (classEndDate: Date | string) => ({ year: yearOfDay(dayOf(classEndDate)), month: monthOfDay(dayOf(classEndDate)) });
/** A verified placement counts in the year and month of its start date. */
export const placementPeriod = (startDate: Date | string) => ({ year: yearOfDay(dayOf(startDate)), month: monthOfDay(dayOf(startDate)) });
/** Stable employment counts when the 6-month follow-up confirming it is recorded (China date). */
export const stablePeriod = (confirmedAt: Date) => ({ year: yearOfDay(chinaDay(confirmedAt)), month: monthOfDay(chinaDay(confirmedAt)) });

export type EnrollmentRecord = {
  workerId: string;
  status: "WAITLISTED" | "ENROLLED" | "DROPPED" | "COMPLETED" | "FAILED";
  classEndDate: string;
  kind: "ORDER_BASED" | "POST_BASED" | "COMPOUND";
};
export type PlacementRecord = { workerId: string; startDate: string; verification: "UNVERIFIED" | "VERIFIED" | "FLAGGED" | "REJECTED"; transferType: string };
export type FollowUpRecord = {
  workerId: string;
  dueMonth: number;
  stillEmployed: boolean | null;
  completedAt: Date | null;
  placementVerification: PlacementRecord["verification"];
};
export type WorkerRecord = { id: string; isRegisteredPoor: boolean };

export const countsAsTraining = (e: Pick<EnrollmentRecord, "status">) => e.status === "COMPLETED";
/** Training that has ended one way or the other: the denominator of the completion rate. */
export const hasTrainingOutcome = (e: Pick<EnrollmentRecord, "status">) => e.status === "COMPLETED" || e.status === "DROPPED" || e.status === "FAILED";
export const countsAsPlacement = (p: Pick<PlacementRecord, "verification">) => p.verification === "VERIFIED";
export const countsAsStable = (f: FollowUpRecord) =>
  f.dueMonth === 6 && f.stillEmployed === true && f.completedAt !== null && f.placementVerification === "VERIFIED";

export type Actuals = {
  trainingPersonTimes: number;
  orderBasedPersonTimes: number;
  trainedPersons: number;
  transferredPersons: number;
  toBeijingTianjinPersons: number;
  stablePersons: number;
  servedPersons: number;
  poorServedPersons: number;
  completedEnrollments: number;
  endedEnrollments: number;
};

/**
 * The plan's actuals for one region and year from its records, by the rules above: the reference
 * the SQL in dashboard.server.ts must agree with. Person-times count records; persons count
 * distinct workers.
 */
export function actualsFromRecords(
  year: number,
  r: { enrollments: EnrollmentRecord[]; placements: PlacementRecord[]; followUps: FollowUpRecord[]; workers: WorkerRecord[] },
): Actuals {
  const inYear = <T>(list: T[], period: (x: T) => { year: number }) => list.filter((x) => period(x).year === year);
  const ended = inYear(r.enrollments, (e) => trainingPeriod(e.classEndDate)).filter(hasTrainingOutcome);
  const completed = ended.filter(countsAsTraining);
  const placed = inYear(r.placements.filter(countsAsPlacement), (p) => placementPeriod(p.startDate));
  const stable = r.followUps.filter(countsAsStable).filter((f) => stablePeriod(f.completedAt!).year === year);
  const persons = (ids: string[]) => new Set(ids).size;
  const served = new Set([...completed.map((e) => e.workerId), ...placed.map((p) => p.workerId)]);
  const poor = new Set(r.workers.filter((w) => w.isRegisteredPoor).map((w) => w.id));
  return {
    trainingPersonTimes: completed.length,
    orderBasedPersonTimes: completed.filter((e) => e.kind === "ORDER_BASED").length,
    trainedPersons: persons(completed.map((e) => e.workerId)),
    transferredPersons: persons(placed.map((p) => p.workerId)),
    toBeijingTianjinPersons: persons(placed.filter((p) => p.transferType === "BEIJING_TIANJIN").map((p) => p.workerId)),
    stablePersons: persons(stable.map((f) => f.workerId)),
    servedPersons: served.size,
    poorServedPersons: [...served].filter((id) => poor.has(id)).length,
    completedEnrollments: completed.length,
    endedEnrollments: ended.length,
  };
}

// ───────────── pace, projection, status ─────────────

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInYear = (y: number) => (isLeap(y) ? 366 : 365);
const dayOfYear = (day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.UTC(Number(day.slice(0, 4)), 0, 1)) / 86400_000) + 1;

/** Share of `year` elapsed by the end of `today` (China date, YYYY-MM-DD): 0 before it starts, 1 after it ends. */
export function yearElapsed(year: number, today: string): number {
  const ty = Number(today.slice(0, 4));
  if (ty < year) return 0;
  if (ty > year) return 1;
  return dayOfYear(today) / daysInYear(year);
}

/** Share of the year elapsed by the end of `month` (1–12): the straight plan line. */
export function elapsedAtMonthEnd(year: number, month: number): number {
  const end = Date.UTC(year, month, 1);
  return (end - Date.UTC(year, 0, 1)) / 86400_000 / daysInYear(year);
}

/**
 * Year-end projection: the year-to-date rate carried on to 31 December (actual ÷ share of the
 * year elapsed), never below what is already done. Before the year starts nothing is projected;
 * after it ends the projection is the actual.
 */
export function projectYearEnd(actual: number, elapsed: number): number {
  if (elapsed >= 1) return actual;
  if (elapsed <= 0) return 0;
  return Math.max(actual, Math.round(actual / elapsed));
}

export const pct = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 1000) / 10 : null);

export type TrackStatus = "done" | "onTrack" | "atRisk" | "offTrack" | "noTarget";
/** A projection below this share of the target is off track; between it and the target, at risk. */
export const OFF_TRACK_BELOW = 0.9;

export type CountProgress = {
  target: number;
  actual: number;
  percentOfPlan: number | null;
  expectedByToday: number;
  projection: number;
  projectedPercent: number | null;
  status: TrackStatus;
};

/** One count target against its actual on a given day of the year. */
export function assessCount(target: number, actual: number, elapsed: number): CountProgress {
  const projection = projectYearEnd(actual, elapsed);
  const status: TrackStatus =
    target <= 0 ? "noTarget" : actual >= target ? "done" : projection >= target ? "onTrack" : projection >= target * OFF_TRACK_BELOW ? "atRisk" : "offTrack";
  return {
    target,
    actual,
    percentOfPlan: pct(actual, target),
    expectedByToday: Math.round(target * elapsed),
    projection,
    projectedPercent: pct(projection, target),
    status,
  };
}

export type RateProgress = { targetPct: number; actualPct: number | null; numerator: number; denominator: number; status: TrackStatus };
/** A share (completion rate, poor households among those served) against its target percentage: within 5 points is at risk. */
export function assessRate(targetPct: number, numerator: number, denominator: number): RateProgress {
  const actualPct = pct(numerator, denominator);
  const status: TrackStatus =
    targetPct <= 0 ? "noTarget" : actualPct === null ? "atRisk" : actualPct >= targetPct ? "onTrack" : actualPct >= targetPct - 5 ? "atRisk" : "offTrack";
  return { targetPct, actualPct, numerator, denominator, status };
}

/** The worst of several statuses (a region is off track when any of its count targets is). */
export function worstStatus(statuses: TrackStatus[]): TrackStatus {
  const order: TrackStatus[] = ["offTrack", "atRisk", "onTrack", "done", "noTarget"];
  return order.find((s) => statuses.includes(s)) ?? "noTarget";
}

/** Running totals: monthly counts (index 0 = January) → cumulative by month end. */
export function cumulative(monthly: number[]): number[] {
  let run = 0;
  return monthly.map((v) => (run += v));
}

/** The plan line: the target spread evenly over the days of the year, at each month end. */
export function planLine(year: number, target: number): number[] {
  return Array.from({ length: 12 }, (_, i) => Math.round(target * elapsedAtMonthEnd(year, i + 1)));
}

/** Mean percent of plan over the count targets that have a target: the ranking key for child regions. */
export function compositePercent(progress: CountProgress[]): number | null {
  const withTarget = progress.filter((p) => p.target > 0);
  if (withTarget.length === 0) return null;
  return Math.round((withTarget.reduce((s, p) => s + Math.min(p.actual / p.target, 2), 0) / withTarget.length) * 1000) / 10;
}

/** Child regions best first by composite percent of plan; regions without a plan last. */
export function rankByPercent<T extends { composite: number | null; code: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (b.composite ?? -1) - (a.composite ?? -1) || a.code.localeCompare(b.code));
}
