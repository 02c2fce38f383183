import { describe, expect, it } from "vitest";
import { DEFAULT_MATCH_POLICY, allocateTrainingPlaces, type RankedMatch } from "./index";

const ranked = (villages: (string | null)[]): RankedMatch[] =>
  villages.map((v, i) => ({
    workerId: `w${i + 1}`,
    workerVersion: 1,
    villageKey: v,
    rank: i + 1,
    result: { eligible: true, failed: [], score: 90 - i, factors: [], explanationZh: "", explanationEn: "" },
  }));

describe("allocateTrainingPlaces", () => {
  it("fills places in ranking order when villages are mixed", () => {
    const r = allocateTrainingPlaces(ranked(["A", "B", "A", "C", "B"]), 3, DEFAULT_MATCH_POLICY);
    expect(r.selected.map((s) => s.workerId)).toEqual(["w1", "w2", "w3"]);
    expect(r.waiting.map((s) => [s.workerId, s.reason])).toEqual([
      ["w4", "classFull"],
      ["w5", "classFull"],
    ]);
    expect(r.waiting[0].reasonZh).toBe("排名第4位；班级3个名额已满，列入候补");
  });
  it("no village takes every place while others wait", () => {
    const r = allocateTrainingPlaces(ranked(["A", "A", "A", "A", "A", "B", "C"]), 4, DEFAULT_MATCH_POLICY);
    expect(allocateTrainingPlaces(ranked(["A", "A", "A"]), 3, DEFAULT_MATCH_POLICY).villageCap).toBe(2);
    expect(allocateTrainingPlaces(ranked(["A", "A", "A"]), 2, { ...DEFAULT_MATCH_POLICY, villageShareCap: 1 }).villageCap).toBe(2);
    expect(r.villageCap).toBe(2);
    expect(r.selected.map((s) => s.workerId)).toEqual(["w1", "w2", "w6", "w7"]);
    const w3 = r.waiting.find((s) => s.workerId === "w3")!;
    expect(w3.reason).toBe("villageCap");
    expect(w3.reasonZh).toBe("排名第3位；本村已占2个名额（每村最多2个），名额留给其他村等候的人");
  });
  it("relaxes the cap only when nobody from another village is left", () => {
    const r = allocateTrainingPlaces(ranked(["A", "A", "A", "B", "A"]), 4, DEFAULT_MATCH_POLICY);
    expect(r.selected.map((s) => [s.workerId, s.reason])).toEqual([
      ["w1", "selected"],
      ["w2", "selected"],
      ["w4", "selected"],
      ["w3", "selectedCapRelaxed"],
    ]);
    expect(r.waiting.map((s) => s.workerId)).toEqual(["w5"]);
  });
  it("respects capacity and reports a shortfall against the hiring commitment", () => {
    expect(allocateTrainingPlaces(ranked(["A", "B"]), 0, DEFAULT_MATCH_POLICY).selected).toEqual([]);
    const r = allocateTrainingPlaces(ranked(["A", "B", "C"]), 10, DEFAULT_MATCH_POLICY, 5);
    expect(r.selected).toHaveLength(3);
    expect(r.commitmentShortfall).toBe(2);
    expect(allocateTrainingPlaces(ranked(["A", "B", "C"]), 2, DEFAULT_MATCH_POLICY, 2).commitmentShortfall).toBe(0);
  });
  it("people with no known village are never held back by the cap", () => {
    const r = allocateTrainingPlaces(ranked([null, null, null, "B"]), 3, DEFAULT_MATCH_POLICY);
    expect(r.selected.map((s) => s.workerId)).toEqual(["w1", "w2", "w3"]);
  });
  it("a one-place class: one village may take it", () => {
    expect(allocateTrainingPlaces(ranked(["A", "B"]), 1, DEFAULT_MATCH_POLICY).selected.map((s) => s.workerId)).toEqual(["w1"]);
  });
});
