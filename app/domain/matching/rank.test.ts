import { describe, expect, it } from "vitest";
import { CATEGORY_NEIGHBOURS, DEFAULT_MATCH_POLICY, rankTarget, relatedOccupations, suggestTrainingOrder } from "./index";
import { LABELS, TODAY, posting, pref, worker } from "./testing";

describe("related occupations (one training step away)", () => {
  const carer = worker("carer", {
    skills: [{ occupationCode: "elderly-carer", level: 3, hasCertificate: true, yearsExperience: 4 }],
    preference: pref({ occupationCodes: ["elderly-carer"] }),
  });
  const t = posting({ occupationCode: "domestic-helper", relatedOccupations: ["elderly-carer"] });
  const open = [{ id: "order-home", occupationCode: "domestic-helper", placesLeft: 3 }];
  it("a person whose skill is only in a related trade is a near-miss with the gap and a training suggestion", () => {
    const r = rankTarget(t, [carer], DEFAULT_MATCH_POLICY, { today: TODAY, openTrainingOrders: open, labels: LABELS });
    expect(r.matches).toEqual([]);
    expect(r.nearMisses).toHaveLength(1);
    const n = r.nearMisses[0];
    expect(n.reasons.map((x) => x.code)).toEqual(["skillMissing"]);
    expect(n.explanationZh).toContain("缺少家政服务员技能（有相近的养老护理员技能，培训可补齐）");
    expect(n.explanationZh).toContain("可参加同工种订单培训补齐差距");
    expect(n.suggestedTrainingOrderId).toBe("order-home");
  });
  it("without related occupations on the target nothing changes (the service decides who is a candidate)", () => {
    const r = rankTarget(posting({ occupationCode: "domestic-helper" }), [carer], DEFAULT_MATCH_POLICY, { today: TODAY });
    expect(r.matches.map((m) => m.workerId)).toEqual(["carer"]);
  });
  it("relatedOccupations: the same category or a neighbouring one, never the occupation itself", () => {
    const taxonomy = [
      { code: "domestic-helper", category: "domestic" },
      { code: "home-cook", category: "domestic" },
      { code: "elderly-carer", category: "care" },
      { code: "welder", category: "manufacturing" },
    ];
    expect(relatedOccupations("domestic-helper", taxonomy)).toEqual(["home-cook", "elderly-carer"]);
    expect(relatedOccupations("elderly-carer", taxonomy)).toEqual(["domestic-helper", "home-cook"]);
    expect(relatedOccupations("welder", taxonomy)).toEqual([]);
    expect(relatedOccupations("unknown", taxonomy)).toEqual([]);
    for (const [a, ns] of Object.entries(CATEGORY_NEIGHBOURS)) for (const b of ns) expect(CATEGORY_NEIGHBOURS[b], `${b} lists ${a}`).toContain(a);
  });
});

describe("rankTarget", () => {
  const t = posting({ requirements: { skills: [{ occupationCode: "electrician", minLevel: 4 }], certificates: [] } });
  const workers = [
    worker("c", { skills: [{ occupationCode: "electrician", level: 3, hasCertificate: false, yearsExperience: 1 }] }),
    worker("a", { skills: [{ occupationCode: "electrician", level: 2, hasCertificate: true, yearsExperience: 6 }] }),
    worker("b", { skills: [{ occupationCode: "electrician", level: 2, hasCertificate: true, yearsExperience: 6 }] }),
    worker("d"),
    worker("e", { skills: [{ occupationCode: "electrician", level: 5, hasCertificate: false, yearsExperience: 0 }] }),
    worker("f", { status: "PLACED", skills: [{ occupationCode: "electrician", level: 1, hasCertificate: true, yearsExperience: 9 }] }),
    worker("g", {
      preference: pref({ minMonthlyWage: 9000 }),
      skills: [{ occupationCode: "electrician", level: 1, hasCertificate: true, yearsExperience: 9 }],
    }),
  ];
  const open = [
    { id: "order-full", occupationCode: "electrician", placesLeft: 0 },
    { id: "order-b", occupationCode: "electrician", placesLeft: 4 },
    { id: "order-a", occupationCode: "electrician", placesLeft: 4 },
    { id: "order-w", occupationCode: "welder", placesLeft: 9 },
  ];
  const r = rankTarget(t, workers, DEFAULT_MATCH_POLICY, { today: TODAY, openTrainingOrders: open });

  it("ranks eligible people by score, ties by id, numbered from 1", () => {
    expect(r.matches.map((m) => [m.workerId, m.rank])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    expect(r.matches[0].result.score).toBe(r.matches[1].result.score);
    expect(r.pairsScored).toBe(7);
  });
  it("keeps the strongest left out with reasons; a skill gap points to an open order of that occupation", () => {
    expect(r.nearMisses.map((n) => n.workerId)).toEqual(["g", "e", "d"]);
    const g = r.nearMisses[0];
    expect(g.reasons.map((x) => x.code)).toEqual(["wageBelowFloor"]);
    expect(g.suggestedTrainingOrderId).toBeNull();
    const e = r.nearMisses[1];
    expect(e.reasons.map((x) => x.code)).toEqual(["skillLevelLow"]);
    expect(e.suggestedTrainingOrderId).toBe("order-a");
    expect(e.explanationZh).toContain("可参加同工种订单培训补齐差距");
    // someone placed is not a near-miss: they are simply not looking
    expect(r.nearMisses.some((n) => n.workerId === "f")).toBe(false);
  });
  it("top N and near-miss N come from the policy", () => {
    const small = rankTarget(t, workers, { ...DEFAULT_MATCH_POLICY, topN: 1, nearMissN: 1 }, { today: TODAY });
    expect(small.matches.map((m) => m.workerId)).toEqual(["a"]);
    expect(small.nearMisses.map((m) => m.workerId)).toEqual(["g"]);
  });
  it("is deterministic whatever order the workers come in", () => {
    const again = rankTarget(t, [...workers].reverse(), DEFAULT_MATCH_POLICY, { today: TODAY, openTrainingOrders: open });
    expect(again).toEqual(r);
  });
  it("suggests nothing when no open order of the occupation has places", () => {
    expect(suggestTrainingOrder("welder", [{ id: "x", occupationCode: "welder", placesLeft: 0 }])).toBeNull();
    expect(suggestTrainingOrder("welder", undefined)).toBeNull();
  });
});
