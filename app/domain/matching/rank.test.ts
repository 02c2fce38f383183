import { describe, expect, it } from "vitest";
import { DEFAULT_MATCH_POLICY, rankTarget, suggestTrainingOrder } from "./index";
import { TODAY, posting, pref, worker } from "./testing";

describe("rankTarget", () => {
  const t = posting({ requirements: { skills: [{ occupationCode: "electrician", minLevel: 4 }], certificates: [] } });
  const workers = [
    worker("c", { skills: [{ occupationCode: "electrician", level: 3, hasCertificate: false, yearsExperience: 1 }] }),
    worker("a", { skills: [{ occupationCode: "electrician", level: 2, hasCertificate: true, yearsExperience: 6 }] }),
    worker("b", { skills: [{ occupationCode: "electrician", level: 2, hasCertificate: true, yearsExperience: 6 }] }),
    worker("d"),
    worker("e", { skills: [{ occupationCode: "electrician", level: 5, hasCertificate: false, yearsExperience: 0 }] }),
    worker("f", { status: "PLACED", skills: [{ occupationCode: "electrician", level: 1, hasCertificate: true, yearsExperience: 9 }] }),
    worker("g", { preference: pref({ minMonthlyWage: 9000 }), skills: [{ occupationCode: "electrician", level: 1, hasCertificate: true, yearsExperience: 9 }] }),
  ];
  const open = [{ id: "order-full", occupationCode: "electrician", placesLeft: 0 }, { id: "order-b", occupationCode: "electrician", placesLeft: 4 }, { id: "order-a", occupationCode: "electrician", placesLeft: 4 }, { id: "order-w", occupationCode: "welder", placesLeft: 9 }];
  const r = rankTarget(t, workers, DEFAULT_MATCH_POLICY, { today: TODAY, openTrainingOrders: open });

  it("ranks eligible people by score, ties by id, numbered from 1", () => {
    expect(r.matches.map((m) => [m.workerId, m.rank])).toEqual([["a", 1], ["b", 2], ["c", 3]]);
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
