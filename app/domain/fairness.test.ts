import { describe, expect, it } from "vitest";
import { fairnessReadings, fairnessTable, type FlagCell } from "./fairness";

const cell = (flags: Partial<FlagCell>, workers: number, proposed: number, invited: number, hired: number): FlagCell => ({
  registeredPoor: false,
  priorityFactors: false,
  atRisk: false,
  woman: false,
  ...flags,
  workers,
  proposed,
  invited,
  hired,
});

describe("fairnessTable", () => {
  // 40 poor (10 of them women), 60 others (30 women).
  const cells = [
    cell({ registeredPoor: true }, 30, 24, 12, 6),
    cell({ registeredPoor: true, woman: true }, 10, 6, 3, 0),
    cell({}, 30, 15, 6, 3),
    cell({ woman: true }, 30, 15, 6, 3),
  ];
  const rows = fairnessTable(cells);
  const row = (g: string) => rows.find((r) => r.group === g)!;

  it("counts members against everyone outside the group, per 100", () => {
    expect(row("registeredPoor")).toMatchObject({ members: 40, rest: 60 });
    expect(row("registeredPoor").proposed).toEqual({ count: 30, ratePer100: 75, restRatePer100: 50, ratioToRest: 1.5 });
    expect(row("registeredPoor").hired).toEqual({ count: 6, ratePer100: 15, restRatePer100: 10, ratioToRest: 1.5 });
  });

  it("treats everyone else as those in no priority group, compared with the priority groups", () => {
    expect(row("everyoneElse")).toMatchObject({ members: 60, rest: 40 });
    expect(row("everyoneElse").invited).toEqual({ count: 12, ratePer100: 20, restRatePer100: 37.5, ratioToRest: 0.53 });
  });

  it("reports women beside the priority groups", () => {
    expect(row("women").proposed).toEqual({ count: 21, ratePer100: 52.5, restRatePer100: 65, ratioToRest: 0.81 });
  });

  it("leaves rates undefined for an empty group instead of dividing by zero", () => {
    expect(row("atRisk")).toMatchObject({ members: 0, rest: 100, proposed: { count: 0, ratePer100: null, ratioToRest: null } });
    expect(fairnessTable([])).toHaveLength(5);
  });

  it("reads ratios as more / less / about the same", () => {
    const readings = fairnessReadings(rows);
    expect(readings).toContainEqual({ group: "registeredPoor", outcome: "proposed", ratio: 1.5, direction: "more" });
    expect(readings).toContainEqual({ group: "everyoneElse", outcome: "invited", ratio: 0.53, direction: "less" });
    expect(readings.some((r) => r.group === "atRisk")).toBe(false);
  });
});
