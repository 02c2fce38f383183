import { describe, expect, it } from "vitest";
import { employerMatchView, employerRanks, factorBars, fitExplanation, readFactorRows, readNearMissReasons, signedPoints } from "./match-display";

describe("match display readers", () => {
  it("reads stored factors defensively, keeping both languages' notes", () => {
    expect(
      readFactorRows([
        { factor: "skill", weight: 30, value: 0.8, contribution: 24, note: "电工（三级）", noteEn: "Electrician (level 3)" },
        { nope: 1 },
        "x",
        { factor: "wage", contribution: "high" },
      ]),
    ).toEqual([
      { factor: "skill", weight: 30, value: 0.8, contribution: 24, note: "电工（三级）", noteEn: "Electrician (level 3)" },
      { factor: "wage", weight: null, value: null, contribution: null, note: null, noteEn: null },
    ]);
    expect(readFactorRows(null)).toEqual([]);
    expect(readFactorRows({ factor: "skill" })).toEqual([]);
  });

  it("reads near-miss reasons", () => {
    expect(readNearMissReasons([{ code: "skillLevel", detail: "需要三级" }, { code: 3 }])).toEqual([
      { code: "skillLevel", detail: "需要三级", detailEn: null },
    ]);
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

  it("the employer's view drops the priority factor, its sentences and its points", () => {
    const factors = [
      { factor: "skill", weight: 30, value: 1, contribution: 30, note: "持有电工证书", noteEn: "Has a certificate: Electrician" },
      {
        factor: "wage",
        weight: 20,
        value: 0.9,
        contribution: 18,
        note: "期望月薪5000元，岗位月薪5000–6000元",
        noteEn: "Wants CNY 5000 a month; the job pays CNY 5000–6000",
      },
      {
        factor: "priority",
        weight: 15,
        value: 0.67,
        contribution: 10,
        note: "建档立卡户优先（政策加分5分）；重点帮扶对象（政策加分5分）",
        noteEn: "Priority: registered poor household (policy +5); priority group (policy +5)",
      },
    ];
    const v = employerMatchView({
      score: 58,
      factors,
      explanationZh: "持有电工证书；期望月薪5000元，岗位月薪5000–6000元；建档立卡户优先（政策加分5分）；重点帮扶对象（政策加分5分）",
      explanationEn:
        "Has a certificate: Electrician; wants CNY 5000 a month; the job pays CNY 5000–6000; registered poor household (policy +5); priority group (policy +5)",
    });
    expect(v.score).toBe(48);
    expect(v.factors.map((f) => f.factor)).toEqual(["skill", "wage"]);
    expect(v.explanationZh).toBe("持有电工证书；期望月薪5000元，岗位月薪5000–6000元");
    expect(v.explanationEn).toBe("Has a certificate: Electrician; wants CNY 5000 a month; the job pays CNY 5000–6000");
    expect(JSON.stringify(v)).not.toMatch(/建档立卡|重点帮扶|政策加分|priority|poor/i);
  });

  it("the employer's view keeps a match without priority points as it is", () => {
    const v = employerMatchView({
      score: 82,
      factors: [{ factor: "skill", weight: 0.6, value: 4, contribution: 80, note: "住家保姆 4级" }],
      explanationZh: "有住家保姆技能（4级），期望月薪在范围内。",
      explanationEn: null,
    });
    expect(v).toEqual({
      score: 82,
      factors: [expect.objectContaining({ factor: "skill" })],
      explanationZh: "有住家保姆技能（4级），期望月薪在范围内。",
      explanationEn: null,
    });
    expect(fitExplanation("防返贫监测对象（政策加分3分）", "At risk of returning to poverty (policy +3)")).toEqual({ explanationZh: "", explanationEn: "" });
  });

  it("the employer's ranks follow the fit score, not the stored rank", () => {
    const a = { rank: 1, score: 70 },
      b = { rank: 2, score: 74 },
      c = { rank: null, score: 90 };
    const r = employerRanks([a, b, c]);
    expect([r.get(a), r.get(b), r.get(c)]).toEqual([2, 1, null]);
  });
});
