import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  actualsFromRecords,
  assessCount,
  assessRate,
  compositePercent,
  cumulative,
  elapsedAtMonthEnd,
  planChanges,
  planLine,
  placementPeriod,
  projectYearEnd,
  rankByPercent,
  rollUpGaps,
  stablePeriod,
  sumTargets,
  trainingPeriod,
  worstStatus,
  yearElapsed,
} from "./plans";
import { planTargets as plan } from "./plans.test-support";

describe("roll-up", () => {
  it("reports each count target where the children do not add up, and by how much", () => {
    const gaps = rollUpGaps(plan({ trainingPersonTimes: 250 }), [plan(), plan({ trainingPersonTimes: 120, stablePersons: 50 })]);
    expect(gaps).toEqual([
      { target: "trainingPersonTimes", parent: 250, childrenSum: 220, difference: 30 },
      { target: "orderBasedPersonTimes", parent: 40, childrenSum: 80, difference: -40 },
      { target: "transferredPersons", parent: 60, childrenSum: 120, difference: -60 },
      { target: "toBeijingTianjinPersons", parent: 30, childrenSum: 60, difference: -30 },
      { target: "stablePersons", parent: 40, childrenSum: 90, difference: -50 },
    ]);
  });
  it("is silent when children add up exactly, when there are none, and never sums percentages", () => {
    const kids = [plan({ poorHouseholdSharePct: 10 }), plan({ poorHouseholdSharePct: 90 })];
    const parent = { ...plan(), ...sumTargets(kids) };
    expect(rollUpGaps(parent, kids)).toEqual([]);
    expect(rollUpGaps(plan(), [])).toEqual([]);
  });
  it("difference = parent − Σ children for any plans (property)", () => {
    const n = fc.integer({ min: 0, max: 100_000 });
    fc.assert(
      fc.property(n, fc.array(n, { maxLength: 8 }), (p, kids) => {
        const gaps = rollUpGaps(
          plan({ trainingPersonTimes: p }),
          kids.map((k) => plan({ trainingPersonTimes: k })),
        );
        const g = gaps.find((x) => x.target === "trainingPersonTimes");
        const diff = p - kids.reduce((a, b) => a + b, 0);
        return kids.length === 0 ? gaps.length === 0 : diff === 0 ? g === undefined : g?.difference === diff;
      }),
    );
  });
  it("lists what changed between revisions", () => {
    expect(planChanges(plan(), plan({ stablePersons: 45 }))).toEqual([{ target: "stablePersons", from: 40, to: 45 }]);
    expect(planChanges({}, plan())).toHaveLength(7);
  });
});

describe("date rules", () => {
  it("training counts when the class ends: a class spanning New Year counts in the year it ends", () => {
    expect(trainingPeriod("2026-01-15")).toEqual({ year: 2026, month: 1 });
    expect(trainingPeriod(new Date("2025-12-31T00:00:00Z"))).toEqual({ year: 2025, month: 12 });
  });
  it("a placement counts in the month of its start date", () => {
    expect(placementPeriod("2025-04-01")).toEqual({ year: 2025, month: 4 });
  });
  it("stable counts on the China date the 6-month follow-up was recorded", () => {
    expect(stablePeriod(new Date("2025-12-31T15:59:00Z"))).toEqual({ year: 2025, month: 12 });
    expect(stablePeriod(new Date("2025-12-31T16:00:00Z"))).toEqual({ year: 2026, month: 1 });
  });
});

describe("actuals from records", () => {
  const w = (id: string, poor = false) => ({ id, isRegisteredPoor: poor });
  it("keeps person-times and persons apart and counts only completed training and verified placements", () => {
    const a = actualsFromRecords(2025, {
      workers: [w("a", true), w("b"), w("c", true)],
      enrollments: [
        { workerId: "a", status: "COMPLETED", classEndDate: "2025-03-10", kind: "ORDER_BASED" },
        { workerId: "a", status: "COMPLETED", classEndDate: "2025-06-20", kind: "POST_BASED" },
        { workerId: "b", status: "DROPPED", classEndDate: "2025-03-10", kind: "ORDER_BASED" },
        { workerId: "b", status: "ENROLLED", classEndDate: "2025-12-20", kind: "ORDER_BASED" },
        { workerId: "c", status: "COMPLETED", classEndDate: "2025-01-15", kind: "COMPOUND" },
        { workerId: "c", status: "COMPLETED", classEndDate: "2026-01-15", kind: "COMPOUND" },
      ],
      placements: [
        { workerId: "a", startDate: "2025-04-01", verification: "VERIFIED", transferType: "BEIJING_TIANJIN" },
        { workerId: "a", startDate: "2025-09-01", verification: "VERIFIED", transferType: "WITHIN_HEBEI" },
        { workerId: "b", startDate: "2025-05-01", verification: "UNVERIFIED", transferType: "BEIJING_TIANJIN" },
        { workerId: "c", startDate: "2025-05-01", verification: "FLAGGED", transferType: "BEIJING_TIANJIN" },
      ],
      followUps: [
        { workerId: "a", dueMonth: 6, stillEmployed: true, completedAt: new Date("2025-10-02T02:00:00Z"), placementVerification: "VERIFIED" },
        { workerId: "a", dueMonth: 12, stillEmployed: true, completedAt: new Date("2025-11-02T02:00:00Z"), placementVerification: "VERIFIED" },
        { workerId: "b", dueMonth: 6, stillEmployed: true, completedAt: new Date("2025-11-02T02:00:00Z"), placementVerification: "UNVERIFIED" },
        { workerId: "c", dueMonth: 6, stillEmployed: false, completedAt: new Date("2025-11-02T02:00:00Z"), placementVerification: "VERIFIED" },
      ],
    });
    expect(a).toEqual({
      trainingPersonTimes: 3,
      orderBasedPersonTimes: 1,
      trainedPersons: 2,
      transferredPersons: 1,
      toBeijingTianjinPersons: 1,
      stablePersons: 1,
      servedPersons: 2,
      poorServedPersons: 2,
      completedEnrollments: 3,
      endedEnrollments: 4,
    });
  });
});

describe("pace and projection", () => {
  it("measures the share of the year passed by the end of today", () => {
    expect(yearElapsed(2025, "2024-12-31")).toBe(0);
    expect(yearElapsed(2025, "2025-01-01")).toBeCloseTo(1 / 365);
    expect(yearElapsed(2024, "2024-12-31")).toBe(1);
    expect(yearElapsed(2025, "2026-03-01")).toBe(1);
    expect(elapsedAtMonthEnd(2025, 12)).toBe(1);
    expect(elapsedAtMonthEnd(2024, 2)).toBeCloseTo(60 / 366);
  });
  it("projects the year-to-date rate to 31 December, never below what is done", () => {
    expect(projectYearEnd(50, 0.5)).toBe(100);
    expect(projectYearEnd(7, 0)).toBe(0);
    expect(projectYearEnd(7, 1)).toBe(7);
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0.001, max: 1, noNaN: true }), (a, e) => projectYearEnd(a, e) >= a));
  });
  it("labels progress: done, on track, at risk (projection ≥ 90%), off track", () => {
    expect(assessCount(100, 100, 0.5).status).toBe("done");
    expect(assessCount(100, 50, 0.5)).toMatchObject({ status: "onTrack", expectedByToday: 50, projection: 100, percentOfPlan: 50, projectedPercent: 100 });
    expect(assessCount(100, 46, 0.5).status).toBe("atRisk");
    expect(assessCount(100, 40, 0.5).status).toBe("offTrack");
    expect(assessCount(0, 40, 0.5)).toMatchObject({ status: "noTarget", percentOfPlan: null });
  });
  it("labels a rate against its target percentage", () => {
    expect(assessRate(85, 90, 100)).toMatchObject({ actualPct: 90, status: "onTrack" });
    expect(assessRate(85, 82, 100).status).toBe("atRisk");
    expect(assessRate(85, 70, 100).status).toBe("offTrack");
    expect(assessRate(85, 0, 0)).toMatchObject({ actualPct: null, status: "atRisk" });
  });
  it("draws the plan line and running totals by month", () => {
    expect(cumulative([1, 0, 2, 3])).toEqual([1, 1, 3, 6]);
    const line = planLine(2025, 365);
    expect(line[0]).toBe(31);
    expect(line[11]).toBe(365);
  });
  it("ranks child regions by mean percent of plan, regions without a plan last", () => {
    const c = (code: string, composite: number | null) => ({ code, composite });
    expect(rankByPercent([c("a", 50), c("b", null), c("c", 80)]).map((x) => x.code)).toEqual(["c", "a", "b"]);
    expect(compositePercent([assessCount(100, 50, 1), assessCount(10, 10, 1), assessCount(0, 5, 1)])).toBe(75);
    expect(worstStatus(["done", "atRisk", "onTrack"])).toBe("atRisk");
  });
});
