import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MATCH_POLICY,
  decodeWorker,
  encodeWorkers,
  nearMissOf,
  pairFingerprint,
  scorePair,
  targetPrint,
  type MatchPolicy,
  type MatchTarget,
  type MatchWorker,
  type OpenTrainingOrder,
} from "./index";
import { OCC, day, preference as preferenceArb, requiredSkills, skill } from "./arbitraries.test-support";
import { LABELS, TODAY, posting, pref, trainingOrder, worker } from "./testing";

// Small value sets (as columns.test.ts, from arbitraries.test-support.ts) so random cases collide: same people on other days, ties.
const REGIONS = ["110000", "110105", "110108", "130624", "130624100", "130881", "320100"];
const preference = preferenceArb(REGIONS, [3000, 5500, 6500, 8000]);
const workerArb = fc
  .record({
    countyCode: fc.constantFrom("130624", "130881", "110105"),
    townshipCode: fc.constantFrom("130624100", "130881100", null),
    villageKey: fc.option(fc.constantFrom("v1", "v2")),
    birthDate: fc.integer({ min: 1958, max: 2012 }).chain((y) => fc.constantFrom(`${y}-11-28`, `${y}-12-20`, `${y}-03-01`)),
    skills: fc.array(skill, { maxLength: 3 }),
    preference: fc.option(preference, { freq: 5 }),
    isRegisteredPoor: fc.boolean(),
    hasPriorityFactors: fc.boolean(),
    atRiskOfPoverty: fc.boolean(),
    status: fc.constantFrom("REGISTERED", "LEFT", "PLACED" as const),
    declinedEmployerIds: fc.uniqueArray(fc.constantFrom("e1", "e2"), { maxLength: 1 }),
    declinedByTargetIds: fc.uniqueArray(fc.constantFrom("t1", "t2"), { maxLength: 1 }),
    version: fc.integer({ min: 1, max: 2 }),
  })
  .map((w): MatchWorker => ({ ...w, id: "w001" }));
const targetArb = fc.oneof(
  fc
    .record({
      occupationCode: fc.constantFrom(...OCC),
      workRegionCode: fc.constantFrom(...REGIONS),
      startDate: fc.option(day),
      ageMin: fc.option(fc.integer({ min: 16, max: 30 })),
      ageMax: fc.option(fc.integer({ min: 35, max: 65 })),
      certificates: fc.constantFrom<string[]>([], ["电工证"]),
      required: requiredSkills(1),
      related: fc.uniqueArray(fc.constantFrom(...OCC), { maxLength: 2 }),
      employerId: fc.constantFrom("e1", "e3"),
    })
    .map((p): MatchTarget =>
      posting({
        id: "t1",
        occupationCode: p.occupationCode,
        workRegionCode: p.workRegionCode,
        startDate: p.startDate,
        ageMin: p.ageMin,
        ageMax: p.ageMax,
        requirements: { skills: p.required, certificates: p.certificates },
        relatedOccupations: p.related,
        employerId: p.employerId,
      }),
    ),
  fc
    .record({
      occupationCode: fc.constantFrom(...OCC),
      locationRegionCode: fc.constantFrom(...REGIONS),
      scheduleStart: fc.option(day),
      employerId: fc.constantFrom("e2", "e3"),
    })
    .map((o): MatchTarget => trainingOrder({ id: "t2", ...o })),
);
const policyArb = fc.record({ grace: fc.integer({ min: 0, max: 120 }), poor: fc.integer({ min: 0, max: 5 }) }).map((p): MatchPolicy => ({
  ...DEFAULT_MATCH_POLICY,
  availabilityGraceDays: p.grace,
  priority: { ...DEFAULT_MATCH_POLICY.priority, registeredPoor: p.poor },
}));
const ORDERS: OpenTrainingOrder[] = [
  { id: "o9", occupationCode: "electrician", placesLeft: 2 },
  { id: "o8", occupationCode: "welder", placesLeft: 1 },
];

/** The row the service would write for this pair (match or near-miss): every column but the versions and the rank. */
function row(w: MatchWorker, target: MatchTarget, policy: MatchPolicy, today: string) {
  const r = scorePair(w, target, policy, { today, labels: LABELS });
  const n = nearMissOf(w, r, ORDERS, target.id);
  return {
    score: r.score,
    eligible: r.eligible,
    factors: r.factors,
    explanationZh: n.explanationZh,
    explanationEn: n.explanationEn,
    reasons: n.reasons,
    suggested: n.suggestedTrainingOrderId,
  };
}

/** The fingerprint of w (encoded among others, at position `at`) for this target, policy and day. */
function fp(
  w: MatchWorker,
  others: MatchWorker[],
  at: number,
  target: MatchTarget,
  policy: MatchPolicy,
  today: string,
  kind: "match" | "near" = "match",
  context = "ctx",
) {
  const list = [...others.slice(0, at), w, ...others.slice(at)];
  return pairFingerprint(encodeWorkers(list), at, targetPrint(target, policy, today, context), kind);
}

const OTHERS = [
  worker("w000", {
    skills: [{ occupationCode: "welder", level: 2, hasCertificate: true, yearsExperience: 3 }],
    preference: pref({ destinationRegionCodes: ["320100"] }),
    villageKey: "v9",
  }),
  worker("w002", { countyCode: "130881", declinedEmployerIds: ["e9"] }),
];

describe("row fingerprints", () => {
  it("equal fingerprints mean the same row, across days, encodings and other people (random workers, targets, policies)", () => {
    let sameAcrossDays = 0,
      differ = 0;
    fc.assert(
      fc.property(workerArb, workerArb, fc.boolean(), targetArb, policyArb, day, day, (w1, other, sameWorker, target, policy, d1, d2) => {
        const w2 = sameWorker ? w1 : { ...other, id: w1.id };
        const a = fp(w1, OTHERS, 0, target, policy, d1);
        const b = fp(w2, [...OTHERS].reverse(), 2, target, policy, d2);
        if (a === b) {
          // The soundness claim: nothing the row says can differ when the fingerprint does not.
          expect(row(w2, target, policy, d2)).toEqual(row(w1, target, policy, d1));
          if (d1 !== d2) sameAcrossDays++;
        } else differ++;
        // Deterministic, and the kinds (match / near-miss) never share a fingerprint.
        expect(fp(w1, OTHERS, 1, target, policy, d1)).toBe(a);
        expect(fp(w1, OTHERS, 0, target, policy, d1, "near")).not.toBe(a);
      }),
      { numRuns: 1500 },
    );
    // Guards on the generator: many cases kept a fingerprint over a change of day, many changed it.
    expect(sameAcrossDays).toBeGreaterThan(100);
    expect(differ).toBeGreaterThan(100);
  }, 120_000);

  it("is the same for the worker decoded and encoded again (another process, another chunk)", () => {
    fc.assert(
      fc.property(workerArb, targetArb, policyArb, (w, target, policy) => {
        const copy = decodeWorker(encodeWorkers([w]), 0);
        expect(fp(copy, [], 0, target, policy, TODAY)).toBe(fp(w, OTHERS, 2, target, policy, TODAY));
      }),
      { numRuns: 300 },
    );
  });

  it("changes with any field of the worker, the target, the policy or the context", () => {
    const base = worker("w001", {
      skills: [{ occupationCode: "electrician", level: 3, hasCertificate: true, yearsExperience: 4 }],
      preference: pref({
        destinationKinds: ["BEIJING_TIANJIN"],
        destinationRegionCodes: ["110000"],
        occupationCodes: ["electrician"],
        minMonthlyWage: 5000,
        trainingKinds: ["ORDER_BASED"],
        availableFrom: "2026-12-20",
      }),
      declinedEmployerIds: ["e7"],
      declinedByTargetIds: ["t7"],
    });
    const t = posting({ startDate: "2026-12-15" });
    const p = DEFAULT_MATCH_POLICY;
    const f0 = fp(base, OTHERS, 1, t, p, TODAY);
    const bp = base.preference!;
    const s0 = base.skills[0];
    const workers: [string, MatchWorker][] = [
      ["version", { ...base, version: 2 }],
      ["county", { ...base, countyCode: "130881" }],
      ["township", { ...base, townshipCode: "130624200" }],
      ["village", { ...base, villageKey: "v2" }],
      ["no village", { ...base, villageKey: null }],
      ["birth date", { ...base, birthDate: "1988-03-16" }],
      ["poor", { ...base, isRegisteredPoor: true }],
      ["priority factors", { ...base, hasPriorityFactors: true }],
      ["at risk", { ...base, atRiskOfPoverty: true }],
      ["status", { ...base, status: "LEFT" }],
      ["declined employer", { ...base, declinedEmployerIds: ["e8"] }],
      ["employer declined", { ...base, declinedByTargetIds: [] }],
      ["skill occupation", { ...base, skills: [{ ...s0, occupationCode: "welder" }] }],
      ["skill level", { ...base, skills: [{ ...s0, level: 2 }] }],
      ["ungraded", { ...base, skills: [{ ...s0, level: null }] }],
      ["certificate", { ...base, skills: [{ ...s0, hasCertificate: false }] }],
      ["years", { ...base, skills: [{ ...s0, yearsExperience: 5 }] }],
      ["years unknown", { ...base, skills: [{ ...s0, yearsExperience: null }] }],
      ["another skill", { ...base, skills: [s0, { ...s0, occupationCode: "welder" }] }],
      ["no preference", { ...base, preference: null }],
      ["kinds", { ...base, preference: { ...bp, destinationKinds: ["WITHIN_HEBEI"] } }],
      ["kinds order", { ...base, preference: { ...bp, destinationKinds: ["WITHIN_HEBEI", "BEIJING_TIANJIN"] } }],
      ["places", { ...base, preference: { ...bp, destinationRegionCodes: ["110105"] } }],
      ["wished trade", { ...base, preference: { ...bp, occupationCodes: [] } }],
      ["wage floor", { ...base, preference: { ...bp, minMonthlyWage: 5100 } }],
      ["no wage floor", { ...base, preference: { ...bp, minMonthlyWage: null } }],
      ["willing to train", { ...base, preference: { ...bp, willingToTrain: false } }],
      ["training kinds", { ...base, preference: { ...bp, trainingKinds: ["COMPOUND"] } }],
      ["home-based only", { ...base, preference: { ...bp, homeBasedOnly: true } }],
      ["available from", { ...base, preference: { ...bp, availableFrom: "2026-12-21" } }],
      ["available now", { ...base, preference: { ...bp, availableFrom: null } }],
    ];
    const seen = new Set([f0]);
    for (const [what, w] of workers) {
      const f = fp(w, OTHERS, 1, t, p, TODAY);
      expect(f, what).not.toBe(f0);
      seen.add(f);
    }
    expect(seen.size).toBe(workers.length + 1);
    const targets: [string, MatchTarget][] = [
      ["version", { ...t, version: 2 }],
      ["wage", { ...t, wageMax: 6600 }],
      ["start", { ...t, startDate: "2026-12-16" }],
      ["place", { ...t, workRegionCode: "110108" }],
      ["employer record", { ...t, employerRecord: 0.9 }],
      ["requirements", { ...t, requirements: { skills: [], certificates: ["电工证"] } }],
      ["related", { ...t, relatedOccupations: ["welder"] }],
    ];
    for (const [what, x] of targets) expect(fp(base, OTHERS, 1, x, p, TODAY), what).not.toBe(f0);
    expect(fp(base, OTHERS, 1, t, { ...p, availabilityGraceDays: 30 }, TODAY)).not.toBe(f0);
    expect(fp(base, OTHERS, 1, t, p, TODAY, "match", "other labels")).not.toBe(f0);
  });

  it("follows the day only where the row does: days late without a start date, the age range's edge", () => {
    const p = DEFAULT_MATCH_POLICY;
    // A start date in the future: the next days change nothing the row says.
    const dated = posting({ startDate: "2026-12-15", ageMax: 40 });
    const w = worker("w001", { birthDate: "1986-12-01", preference: pref({ availableFrom: "2026-12-20" }) });
    expect(fp(w, [], 0, dated, p, "2026-11-29")).toBe(fp(w, [], 0, dated, p, "2026-11-28"));
    // No start date: the start is today, so the days late (and the row) change every day.
    const undated = posting({ startDate: null });
    expect(row(w, undated, p, "2026-11-29")).not.toEqual(row(w, undated, p, "2026-11-28"));
    expect(fp(w, [], 0, undated, p, "2026-11-29")).not.toBe(fp(w, [], 0, undated, p, "2026-11-28"));
    // Nobody available later than the start: no day dependence left.
    const now = worker("w001", { birthDate: "1986-12-01", preference: pref({ availableFrom: null }) });
    expect(fp(now, [], 0, undated, p, "2026-11-29")).toBe(fp(now, [], 0, undated, p, "2026-11-28"));
    // Turning 41 on 2027-12-01 takes the person out of an 18–40 range: a new reason, a new fingerprint.
    expect(row(now, dated, p, "2027-12-01")).not.toEqual(row(now, dated, p, "2027-11-30"));
    expect(fp(now, [], 0, dated, p, "2027-12-01", "near")).not.toBe(fp(now, [], 0, dated, p, "2027-11-30", "near"));
  });
});
