import { describe, expect, it } from "vitest";
import { DEFAULT_MATCH_POLICY, matchPolicySchema, readMatchPolicy, scorePair } from "./index";
import { LABELS, TODAY, posting, pref, trainingOrder, worker } from "./testing";

const ctx = { today: TODAY, labels: LABELS };
const electrician = (level: number | null, cert: boolean) => [{ occupationCode: "electrician", level, hasCertificate: cert, yearsExperience: 3 }];

describe("policy", () => {
  it("the default policy is valid and fits in 100 points", () => {
    expect(matchPolicySchema.parse(DEFAULT_MATCH_POLICY)).toEqual(DEFAULT_MATCH_POLICY);
    const p = DEFAULT_MATCH_POLICY;
    expect(2 * p.sidePoints + p.employerRecord + p.priority.registeredPoor + p.priority.priorityFactors + p.priority.atRiskOfPoverty).toBeLessThanOrEqual(100);
  });
  it("rejects weights out of bounds and a policy worth more than 100 points, with i18n keys", () => {
    expect(matchPolicySchema.safeParse({ ...DEFAULT_MATCH_POLICY, villageShareCap: 0 }).success).toBe(false);
    expect(matchPolicySchema.safeParse({ ...DEFAULT_MATCH_POLICY, priority: { ...DEFAULT_MATCH_POLICY.priority, registeredPoor: -1 } }).success).toBe(false);
    const over = matchPolicySchema.safeParse({ ...DEFAULT_MATCH_POLICY, sidePoints: 50 });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0].message).toBe("matching.policy.overHundred");
  });
  it("a stored policy that no longer parses falls back to the default", () => {
    expect(readMatchPolicy({ sidePoints: "x" })).toBe(DEFAULT_MATCH_POLICY);
    expect(readMatchPolicy(null)).toBe(DEFAULT_MATCH_POLICY);
    const custom = { ...DEFAULT_MATCH_POLICY, topN: 50 };
    expect(readMatchPolicy(custom)).toEqual(custom);
  });
  it("a policy stored before the training-site weight existed keeps its numbers and gets the default site weight", () => {
    const { trainingSite: _, ...oldSide } = DEFAULT_MATCH_POLICY.trainingSide;
    const old = { ...DEFAULT_MATCH_POLICY, topN: 50, trainingSide: oldSide };
    expect(readMatchPolicy(old)).toEqual({ ...old, trainingSide: { ...oldSide, trainingSite: 2 } });
  });
});

describe("scorePair: distance and the wish to stay home", () => {
  const willing = pref({ willingToTrain: true, destinationKinds: ["BEIJING_TIANJIN"] });
  it("a training class weighs the distance from home to where it is held: own county > same prefecture > Hebei > Beijing", () => {
    const at = (locationRegionCode: string) =>
      scorePair(worker("a", { preference: willing }), trainingOrder({ locationRegionCode }), DEFAULT_MATCH_POLICY, ctx);
    const [home, prefecture, province, beijing] = ["130624", "130681", "130881", "110105"].map(at);
    expect(home.score).toBeGreaterThan(prefecture.score);
    expect(prefecture.score).toBeGreaterThan(province.score);
    expect(province.score).toBeGreaterThan(beijing.score);
    const site = home.factors.find((f) => f.factor === "trainingSite")!;
    expect(site).toMatchObject({ value: 1, note: "培训地点在阜平县（就在本县）" });
    expect(beijing.factors.find((f) => f.factor === "trainingSite")).toMatchObject({
      value: 0.4,
      noteEn: "The class is held in Chaoyang, Beijing (in Beijing–Tianjin)",
    });
    expect(home.explanationZh).toContain("培训地点在阜平县（就在本县）");
    // Postings have no such factor.
    expect(scorePair(worker("a", { preference: willing }), posting(), DEFAULT_MATCH_POLICY, ctx).factors.some((f) => f.factor === "trainingSite")).toBe(false);
  });
  it("a person who wants to work only in their own county is not proposed for a Beijing job, with a clear why-not; an own-county job is fine", () => {
    const local = worker("a", { skills: electrician(3, true), preference: pref({ destinationKinds: ["LOCAL_COUNTY"] }) });
    const bj = scorePair(local, posting(), DEFAULT_MATCH_POLICY, ctx);
    expect(bj.eligible).toBe(false);
    expect(bj.failed.map((f) => f.code)).toEqual(["wantsLocalWork"]);
    expect(bj.explanationZh).toContain("未推荐：本人只想在本县就业，工作地在北京市朝阳区");
    expect(bj.explanationEn).toContain("Not proposed: Wants only to work in the home county; the work is in Chaoyang, Beijing");
    expect(scorePair(local, posting({ workRegionCode: "130624" }), DEFAULT_MATCH_POLICY, ctx).eligible).toBe(true);
    // Training for a Beijing employer leads to a Beijing job: the same why-not.
    expect(scorePair(local, trainingOrder(), DEFAULT_MATCH_POLICY, ctx).failed.map((f) => f.code)).toEqual(["wantsLocalWork"]);
    // Also choosing Hebei, or naming a place containing the work place, is not "only local".
    expect(
      scorePair(
        worker("b", { skills: electrician(3, true), preference: pref({ destinationKinds: ["LOCAL_COUNTY", "WITHIN_HEBEI"] }) }),
        posting(),
        DEFAULT_MATCH_POLICY,
        ctx,
      ).eligible,
    ).toBe(true);
    expect(
      scorePair(
        worker("c", { skills: electrician(3, true), preference: pref({ destinationKinds: ["HOME_BASED"], destinationRegionCodes: ["110000"] }) }),
        posting(),
        DEFAULT_MATCH_POLICY,
        ctx,
      ).eligible,
    ).toBe(true);
  });
});

describe("scorePair: hard constraints", () => {
  it("a required skill and level, and a required certificate, are hard", () => {
    const t = posting({ requirements: { skills: [{ occupationCode: "electrician", minLevel: 4 }], certificates: ["电工证"] } });
    expect(scorePair(worker("a", { skills: electrician(3, true) }), t, DEFAULT_MATCH_POLICY, ctx).eligible).toBe(true);
    const none = scorePair(worker("b"), t, DEFAULT_MATCH_POLICY, ctx);
    expect(none.failed.map((f) => f.code)).toEqual(["skillMissing", "certificateMissing"]);
    expect(none.skillGap).toEqual({ occupationCode: "electrician" });
    expect(none.explanationZh).toContain("缺少电工技能");
    const low = scorePair(worker("c", { skills: electrician(5, true) }), t, DEFAULT_MATCH_POLICY, ctx);
    expect(low.failed.map((f) => f.code)).toEqual(["skillLevelLow"]);
    expect(low.failed[0].detail).toBe("电工技能等级五级，要求四级或以上");
    const ungraded = scorePair(worker("d", { skills: electrician(null, true) }), t, DEFAULT_MATCH_POLICY, ctx);
    expect(ungraded.failed.map((f) => f.code)).toEqual(["skillLevelLow"]);
  });
  it("a health certificate is listed, not checked", () => {
    const t = posting({ requirements: { skills: [], certificates: ["健康证"] } });
    expect(scorePair(worker("a"), t, DEFAULT_MATCH_POLICY, ctx).eligible).toBe(true);
  });
  it("age: under 16 never; outside the posting's lawful range excluded with the ages", () => {
    expect(scorePair(worker("a", { birthDate: "2011-01-01" }), posting(), DEFAULT_MATCH_POLICY, ctx).failed.map((f) => f.code)).toEqual(["underAge"]);
    const r = scorePair(worker("b", { birthDate: "1960-01-01" }), posting({ ageMin: 18, ageMax: 50 }), DEFAULT_MATCH_POLICY, ctx);
    expect(r.failed[0]).toMatchObject({ code: "ageOutOfRange", detail: "年龄超过岗位要求（18–50岁）" });
    // birthday today counts
    expect(scorePair(worker("c", { birthDate: "1975-11-28" }), posting({ ageMax: 50 }), DEFAULT_MATCH_POLICY, ctx).failed.map((f) => f.code)).toEqual([
      "ageOutOfRange",
    ]);
    expect(scorePair(worker("d", { birthDate: "1975-11-29" }), posting({ ageMax: 50 }), DEFAULT_MATCH_POLICY, ctx).eligible).toBe(true);
  });
  it("wage floor above the maximum is hard; inside the range it only lowers the score", () => {
    const over = scorePair(worker("a", { preference: pref({ minMonthlyWage: 7000 }) }), posting(), DEFAULT_MATCH_POLICY, ctx);
    expect(over.failed[0]).toMatchObject({ code: "wageBelowFloor", detail: "期望月薪7000元，高于岗位最高6500元" });
    const within = scorePair(worker("b", { preference: pref({ minMonthlyWage: 6000 }) }), posting(), DEFAULT_MATCH_POLICY, ctx);
    const below = scorePair(worker("c", { preference: pref({ minMonthlyWage: 5000 }) }), posting(), DEFAULT_MATCH_POLICY, ctx);
    expect(within.eligible && below.eligible).toBe(true);
    expect(below.score).toBeGreaterThan(within.score);
  });
  it("home-based only: not for a Beijing factory, yes for a home-based workshop in the own county", () => {
    const w = worker("a", { preference: pref({ homeBasedOnly: true }) });
    expect(scorePair(w, posting(), DEFAULT_MATCH_POLICY, ctx).failed.map((f) => f.code)).toEqual(["homeBasedOnly"]);
    expect(scorePair(w, posting({ workRegionCode: "130624", homeBased: true }), DEFAULT_MATCH_POLICY, ctx).eligible).toBe(true);
    expect(scorePair(w, posting({ workRegionCode: "130624", homeBased: false }), DEFAULT_MATCH_POLICY, ctx).eligible).toBe(false);
  });
  it("availability: a little late is soft, far beyond the start is hard", () => {
    const soon = scorePair(worker("a", { preference: pref({ availableFrom: "2027-01-05" }) }), posting(), DEFAULT_MATCH_POLICY, ctx);
    expect(soon.eligible).toBe(true);
    expect(soon.factors.find((f) => f.factor === "availability")?.value).toBeLessThan(1);
    expect(soon.explanationZh).toContain("21天后可到岗");
    const late = scorePair(worker("b", { preference: pref({ availableFrom: "2027-06-01" }) }), posting(), DEFAULT_MATCH_POLICY, ctx);
    expect(late.failed.map((f) => f.code)).toEqual(["availableTooLate"]);
  });
  it("the employer's decline is hard for that target only; an earlier decline by the worker is a penalty", () => {
    const declined = worker("a", { declinedByTargetIds: ["posting-1"] });
    expect(scorePair(declined, posting(), DEFAULT_MATCH_POLICY, ctx).failed.map((f) => f.code)).toEqual(["employerDeclined"]);
    expect(scorePair(declined, posting({ id: "posting-2" }), DEFAULT_MATCH_POLICY, ctx).eligible).toBe(true);
    const plain = scorePair(worker("b"), posting(), DEFAULT_MATCH_POLICY, ctx);
    const said = scorePair(worker("b", { declinedEmployerIds: ["employer-1"] }), posting(), DEFAULT_MATCH_POLICY, ctx);
    expect(said.eligible).toBe(true);
    expect(plain.score - said.score).toBeCloseTo(DEFAULT_MATCH_POLICY.declinedEmployerPenalty, 5);
    expect(said.factors.find((f) => f.factor === "declinedBefore")).toMatchObject({ contribution: -10, note: "曾婉拒该单位的邀请（扣10分）" });
  });
  it("people in training, placed or stable are not proposed", () => {
    for (const status of ["IN_TRAINING", "PLACED", "STABLE"] as const)
      expect(scorePair(worker("a", { status }), posting(), DEFAULT_MATCH_POLICY, ctx).failed.map((f) => f.code)).toEqual(["notMatchable"]);
    for (const status of ["REGISTERED", "MATCHED", "TRAINED", "LEFT"] as const)
      expect(scorePair(worker("a", { status }), posting(), DEFAULT_MATCH_POLICY, ctx).eligible).toBe(true);
  });
  it("training orders: missing skill is fine, unwillingness to train is not", () => {
    const t = trainingOrder();
    const novice = scorePair(worker("a", { preference: pref({ willingToTrain: true, trainingKinds: ["ORDER_BASED"] }) }), t, DEFAULT_MATCH_POLICY, ctx);
    expect(novice.eligible).toBe(true);
    expect(novice.explanationZh).toContain("愿意参加订单式培训");
    expect(novice.explanationZh).toContain("养老护理员零基础，培训后上岗");
    expect(scorePair(worker("b", { preference: pref({ willingToTrain: false }) }), t, DEFAULT_MATCH_POLICY, ctx).failed.map((f) => f.code)).toEqual([
      "notWillingToTrain",
    ]);
  });
});

describe("scorePair: soft factors and explanation", () => {
  it("reads out like a coordinator would say it, in both languages", () => {
    const w = worker("a", {
      skills: electrician(3, true),
      isRegisteredPoor: true,
      preference: pref({ minMonthlyWage: 5000, destinationKinds: ["BEIJING_TIANJIN"] }),
    });
    const r = scorePair(w, posting(), DEFAULT_MATCH_POLICY, ctx);
    expect(r.explanationZh).toBe(
      "持有电工证书（三级）；期望月薪5000元，岗位月薪5500–6500元，缴社保；愿意到京津工作（北京市朝阳区）；建档立卡户优先（政策加分5分）",
    );
    expect(r.explanationEn).toBe(
      "Has a certificate: electrician (level 3); wants CNY 5000 a month; the job pays CNY 5500–6500, social " +
        "insurance; wants to work in Beijing–Tianjin (Chaoyang, Beijing); registered poor household (policy +5)",
    );
    for (const f of r.factors) {
      expect(f.contribution).toBeCloseTo(f.weight * f.value, 1);
      expect(f.note.length).toBeGreaterThan(0);
      expect(f.noteEn.length).toBeGreaterThan(0);
    }
    const sum = r.factors.reduce((a, f) => a + f.contribution, 0);
    expect(r.score).toBeCloseTo(sum, 0);
  });
  it("reciprocal: the worker's side can give as many points as the employer's side", () => {
    const pts = (r: ReturnType<typeof scorePair>, codes: string[]) => r.factors.filter((f) => codes.includes(f.factor)).reduce((a, f) => a + f.weight, 0);
    const r = scorePair(worker("a"), posting(), DEFAULT_MATCH_POLICY, ctx);
    expect(pts(r, ["skill", "certificate", "experience", "availability"])).toBeCloseTo(pts(r, ["destination", "wage", "occupation"]), 5);
  });
  it("a place the person named beats a kind they did not choose", () => {
    const named = scorePair(
      worker("a", { preference: pref({ destinationKinds: ["BEIJING_TIANJIN"], destinationRegionCodes: ["110105"] }) }),
      posting(),
      DEFAULT_MATCH_POLICY,
      ctx,
    );
    const other = scorePair(worker("b", { preference: pref({ destinationKinds: ["WITHIN_HEBEI"] }) }), posting(), DEFAULT_MATCH_POLICY, ctx);
    expect(named.factors.find((f) => f.factor === "destination")?.value).toBe(1);
    expect(other.factors.find((f) => f.factor === "destination")?.value).toBe(0);
    expect(other.factors.find((f) => f.factor === "destination")?.note).toBe("希望在省内就业，工作地在北京市朝阳区");
  });
  it("a named province or prefecture containing the work place is a full match, never below naming nothing (110000 ⊃ Daxing 110115)", () => {
    const daxing = posting({ workRegionCode: "110115" });
    const dest = (codes: string[]) =>
      scorePair(
        worker("a", { preference: pref({ destinationKinds: ["BEIJING_TIANJIN"], destinationRegionCodes: codes }) }),
        daxing,
        DEFAULT_MATCH_POLICY,
        ctx,
      ).factors.find((f) => f.factor === "destination")!;
    const nothing = dest([]);
    expect(nothing.value).toBe(1);
    expect(dest(["110000"]).value).toBe(1); // Beijing, any district
    expect(dest(["110000"]).note).toContain("本人选择的地点");
    expect(dest(["110115"]).value).toBe(1); // the county itself
    expect(dest(["120000"]).value).toBeCloseTo(0.7); // Tianjin named, the work is in Beijing
    expect(dest(["110108"]).value).toBeCloseTo(0.7); // another district
    // a Hebei prefecture contains its counties' townships too
    const fuping = posting({ workRegionCode: "130624100" });
    const inPrefecture = scorePair(
      worker("b", { countyCode: "130881", preference: pref({ destinationKinds: ["WITHIN_HEBEI"], destinationRegionCodes: ["130600"] }) }),
      fuping,
      DEFAULT_MATCH_POLICY,
      ctx,
    );
    expect(inPrefecture.factors.find((f) => f.factor === "destination")!.value).toBe(1);
  });
  it("local work: same township scores above elsewhere in the county", () => {
    const t = posting({ workRegionCode: "130624100", homeBased: true });
    const here = scorePair(worker("a", { preference: pref({ destinationKinds: ["HOME_BASED"] }) }), t, DEFAULT_MATCH_POLICY, ctx);
    const there = scorePair(worker("b", { townshipCode: "130624200", preference: pref({ destinationKinds: ["HOME_BASED"] }) }), t, DEFAULT_MATCH_POLICY, ctx);
    expect(here.score).toBeGreaterThan(there.score);
    expect(here.factors.find((f) => f.factor === "destination")?.note).toContain("同乡镇");
  });
  it("priority adds exactly its policy points and changing the policy changes them", () => {
    const base = scorePair(worker("a"), posting(), DEFAULT_MATCH_POLICY, ctx).score;
    const poor = scorePair(worker("a", { isRegisteredPoor: true, hasPriorityFactors: true }), posting(), DEFAULT_MATCH_POLICY, ctx).score;
    expect(poor - base).toBeCloseTo(8, 5);
    const policy = { ...DEFAULT_MATCH_POLICY, priority: { registeredPoor: 0, priorityFactors: 0, atRiskOfPoverty: 0 } };
    expect(scorePair(worker("a", { isRegisteredPoor: true }), posting(), policy, ctx).score).toBe(scorePair(worker("a"), posting(), policy, ctx).score);
  });
  it("the employer's commitments-kept record counts; unknown is neutral", () => {
    const kept = scorePair(worker("a"), posting({ employerRecord: 1 }), DEFAULT_MATCH_POLICY, ctx).score;
    const none = scorePair(worker("a"), posting({ employerRecord: null }), DEFAULT_MATCH_POLICY, ctx).score;
    const broken = scorePair(worker("a"), posting({ employerRecord: 0 }), DEFAULT_MATCH_POLICY, ctx).score;
    expect(kept).toBeGreaterThan(none);
    expect(none).toBeGreaterThan(broken);
  });
  it("scores stay within 0–100", () => {
    const best = worker("a", {
      skills: [{ occupationCode: "electrician", level: 1, hasCertificate: true, yearsExperience: 10 }],
      isRegisteredPoor: true,
      hasPriorityFactors: true,
      atRiskOfPoverty: true,
      preference: pref({ destinationRegionCodes: ["11"], occupationCodes: ["electrician"], minMonthlyWage: 3000 }),
    });
    const r = scorePair(best, posting({ employerRecord: 1, housing: true, meals: true }), DEFAULT_MATCH_POLICY, ctx);
    expect(r.score).toBeLessThanOrEqual(100);
    expect(r.score).toBeGreaterThan(95);
    const worst = scorePair(
      worker("b", { declinedEmployerIds: ["employer-1"], preference: pref({ destinationKinds: ["LOCAL_COUNTY"], occupationCodes: ["welder"] }) }),
      posting({ employerRecord: 0 }),
      { ...DEFAULT_MATCH_POLICY, declinedEmployerPenalty: 50 },
      ctx,
    );
    expect(worst.score).toBe(0);
  });
});
