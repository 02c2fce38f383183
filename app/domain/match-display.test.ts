import { describe, expect, it } from "vitest";
import { factorBars, readFactorRows, readNearMissReasons, signedPoints } from "./match-display";

describe("match display readers", () => {
  it("reads stored factors defensively, keeping both languages' notes", () => {
    expect(readFactorRows([{ factor: "skill", weight: 30, value: 0.8, contribution: 24, note: "电工（三级）", noteEn: "Electrician (level 3)" }, { nope: 1 }, "x", { factor: "wage", contribution: "high" }])).toEqual([
      { factor: "skill", weight: 30, value: 0.8, contribution: 24, note: "电工（三级）", noteEn: "Electrician (level 3)" },
      { factor: "wage", weight: null, value: null, contribution: null, note: null, noteEn: null },
    ]);
    expect(readFactorRows(null)).toEqual([]);
    expect(readFactorRows({ factor: "skill" })).toEqual([]);
  });

  it("reads near-miss reasons", () => {
    expect(readNearMissReasons([{ code: "skillLevel", detail: "需要三级" }, { code: 3 }])).toEqual([{ code: "skillLevel", detail: "需要三级", detailEn: null }]);
    expect(readNearMissReasons("nope")).toEqual([]);
  });

  it("scales bars to the largest absolute contribution and keeps penalties negative", () => {
    expect(factorBars([{ contribution: 20 }, { contribution: 5 }, { contribution: -10 }, { contribution: null }])).toEqual([100, 25, -50, null]);
    expect(factorBars([{ contribution: 0 }])).toEqual([0]);
  });

  it("prints signed points", () => {
    expect(signedPoints(12.46)).toBe("+12.5");
    expect(signedPoints(-3)).toBe("−3.0");
    expect(signedPoints(0.01)).toBe("0.0");
  });
});
