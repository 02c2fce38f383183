import { describe, expect, it } from "vitest";
import { DEFAULT_MATCH_POLICY, allocateTrainingPlaces, encodeWorkers, rankColumns, rankTarget, scorePair } from "~/domain/matching";
import { LABELS, TODAY } from "~/domain/matching/testing";
import { SCENARIOS } from "./scenarios";

describe("matching scenarios (docs/matching.md)", () => {
  it("every scenario has a unique id and at least one expectation", () => {
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) expect(Object.keys(s.expect).length).toBeGreaterThan(0);
  });

  for (const s of SCENARIOS) {
    it(`${s.id}: ${s.rule}`, () => {
      const policy = DEFAULT_MATCH_POLICY;
      const r = rankTarget(s.target, s.workers, policy, { today: TODAY, labels: LABELS, openTrainingOrders: s.openTrainingOrders });
      const rankOf = new Map(r.matches.map((m) => [m.workerId, m.rank]));
      const e = s.expect;
      for (const id of e.proposed ?? []) expect(rankOf.has(id), `${id} proposed`).toBe(true);
      for (const [id, code] of Object.entries(e.excluded ?? {})) {
        expect(rankOf.has(id), `${id} not proposed`).toBe(false);
        const pair = scorePair(
          s.workers.find((w) => w.id === id)!,
          s.target,
          policy,
          { today: TODAY, labels: LABELS },
        );
        expect(
          pair.failed.map((f) => f.code),
          `${id} failed`,
        ).toContain(code);
      }
      for (const [better, worse] of e.above ?? []) {
        expect(rankOf.get(better), `${better} proposed`).toBeDefined();
        expect(rankOf.get(worse), `${worse} proposed`).toBeDefined();
        expect(rankOf.get(better)!, `${better} above ${worse}`).toBeLessThan(rankOf.get(worse)!);
      }
      if (e.top) expect(r.matches[0]?.workerId).toBe(e.top);
      for (const nm of e.nearMiss ?? []) {
        const found = r.nearMisses.find((n) => n.workerId === nm.id);
        expect(found, `${nm.id} near-miss`).toBeDefined();
        expect(found!.reasons.map((x) => x.code)).toContain(nm.code);
        if (nm.suggested !== undefined) expect(found!.suggestedTrainingOrderId).toBe(nm.suggested);
      }
      for (const id of e.notNearMiss ?? [])
        expect(
          r.nearMisses.some((n) => n.workerId === id),
          `${id} not a near-miss`,
        ).toBe(false);
      for (const [id, words] of Object.entries(e.explains ?? {})) {
        const m = r.matches.find((x) => x.workerId === id);
        expect(m, `${id} proposed`).toBeDefined();
        for (const w of words) expect(m!.result.explanationZh).toContain(w);
        expect(m!.result.explanationEn.length).toBeGreaterThan(0);
      }
      if (e.allocation) {
        const a = allocateTrainingPlaces(r.matches, e.allocation.places, policy);
        expect(a.selected.map((x) => x.workerId).sort()).toEqual([...e.allocation.selected].sort());
        for (const [id, reason] of Object.entries(e.allocation.waiting ?? {})) expect(a.waiting.find((x) => x.workerId === id)?.reason).toBe(reason);
        const perVillage = new Map<string, number>();
        for (const x of a.selected) perVillage.set(x.villageKey ?? x.workerId, (perVillage.get(x.villageKey ?? x.workerId) ?? 0) + 1);
        expect(Math.max(...perVillage.values())).toBeLessThan(e.allocation.places);
      }
      // the fast path agrees on every scenario
      const fast = rankColumns(s.target, encodeWorkers(s.workers), policy, { today: TODAY });
      expect(fast.top.map((h) => [h.workerId, h.score])).toEqual(r.matches.map((m) => [m.workerId, m.result.score]));
    });
  }
});
