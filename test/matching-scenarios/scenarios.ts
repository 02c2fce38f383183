// The labelled scenario set (issue #5, part 9): small cases written from the domain rules in
// docs/matching.md, each with the matches we expect and the ones we must never see. The ranking
// must satisfy every one of them (scenarios.test.ts, in `npm test`).
import type { HardFailureCode, MatchTarget, MatchWorker, OpenTrainingOrder } from "~/domain/matching";
import { posting, pref, trainingOrder, worker } from "~/domain/matching/testing";

export type Scenario = {
  id: string;
  /** The rule, in the words a coordinator would use. */
  rule: string;
  target: MatchTarget;
  workers: MatchWorker[];
  openTrainingOrders?: OpenTrainingOrder[];
  expect: {
    /** Must be among the proposed matches. */
    proposed?: string[];
    /** Must not be proposed, with the hard constraint that keeps them out. */
    excluded?: Record<string, HardFailureCode>;
    /** [better, worse]: both proposed, the first ranked above the second. */
    above?: [string, string][];
    /** Ranked first. */
    top?: string;
    /** Left out but kept as a near-miss; with the suggested training order when given. */
    nearMiss?: { id: string; code: HardFailureCode; suggested?: string | null }[];
    /** Never listed as a near-miss either. */
    notNearMiss?: string[];
    /** Training places: who gets one, and why the others wait. */
    allocation?: { places: number; selected: string[]; waiting?: Record<string, "villageCap" | "classFull"> };
    /** Words the explanation of a proposed person must contain. */
    explains?: Record<string, string[]>;
  };
};

const elec = (level: number | null, hasCertificate: boolean, yearsExperience = 3) => [
  { occupationCode: "electrician", level, hasCertificate, yearsExperience },
];
const bj = pref({ destinationKinds: ["BEIJING_TIANJIN"], minMonthlyWage: 5000 });
const electricianPosting = posting({
  id: "p-elec",
  requirements: { skills: [{ occupationCode: "electrician", minLevel: 4 }], certificates: ["电工证"] },
  ageMin: 18,
  ageMax: 55,
});

export const SCENARIOS: Scenario[] = [
  {
    id: "certified-above-uncertified",
    rule: "同等级的电工，有证书的排在没证书的前面",
    target: posting({ id: "p1" }),
    workers: [worker("uncertified", { skills: elec(3, false), preference: bj }), worker("certified", { skills: elec(3, true), preference: bj })],
    expect: { above: [["certified", "uncertified"]], explains: { certified: ["持有电工证书（三级）"] } },
  },
  {
    id: "required-certificate-and-level",
    rule: "岗位要求电工证和四级以上：没有证书或等级不够的人不推荐，但作为差距记录",
    target: electricianPosting,
    workers: [
      worker("ok", { skills: elec(4, true), preference: bj }),
      worker("no-cert", { skills: elec(3, false), preference: bj }),
      worker("entry", { skills: elec(5, true), preference: bj }),
    ],
    expect: {
      proposed: ["ok"],
      excluded: { "no-cert": "certificateMissing", entry: "skillLevelLow" },
      nearMiss: [
        { id: "no-cert", code: "certificateMissing" },
        { id: "entry", code: "skillLevelLow" },
      ],
    },
  },
  {
    id: "better-level-first",
    rule: "都达到要求时，等级更高（数字更小）、经验更多的排前面",
    target: electricianPosting,
    workers: [worker("level4", { skills: elec(4, true, 2), preference: bj }), worker("level2", { skills: elec(2, true, 8), preference: bj })],
    expect: { top: "level2", above: [["level2", "level4"]] },
  },
  {
    id: "wage-floor-above-max",
    rule: "期望月薪高于岗位最高工资的人不推荐，并说明原因；期望在工资范围内的照常推荐",
    target: posting({ id: "p-wage", wageMin: 5500, wageMax: 6500 }),
    workers: [
      worker("too-high", { skills: elec(3, true), preference: pref({ minMonthlyWage: 8000 }) }),
      worker("in-range", { skills: elec(3, true), preference: pref({ minMonthlyWage: 6000 }) }),
      worker("below", { skills: elec(3, true), preference: pref({ minMonthlyWage: 4500 }) }),
    ],
    expect: {
      proposed: ["in-range", "below"],
      excluded: { "too-high": "wageBelowFloor" },
      above: [["below", "in-range"]],
      nearMiss: [{ id: "too-high", code: "wageBelowFloor", suggested: null }],
      explains: { "in-range": ["期望月薪6000元，岗位月薪5500–6500元"] },
    },
  },
  {
    id: "home-based-only-not-to-beijing",
    rule: "只能居家就业的人不推荐去北京的工厂",
    target: posting({ id: "p-factory", occupationCode: "luggage-maker", workRegionCode: "110105" }),
    workers: [
      worker("home-only", {
        skills: [{ occupationCode: "luggage-maker", level: 4, hasCertificate: false, yearsExperience: 5 }],
        preference: pref({ homeBasedOnly: true, destinationKinds: ["HOME_BASED"] }),
      }),
      worker("mobile", {
        skills: [{ occupationCode: "luggage-maker", level: 4, hasCertificate: false, yearsExperience: 1 }],
        preference: pref({ destinationKinds: ["BEIJING_TIANJIN"] }),
      }),
    ],
    expect: { proposed: ["mobile"], excluded: { "home-only": "homeBasedOnly" } },
  },
  {
    id: "home-based-workshop-nearby",
    rule: "本县的箱包扶贫车间（居家就业）：只能居家的人可以推荐，同乡镇的排在外乡镇前面",
    target: posting({ id: "p-workshop", occupationCode: "luggage-maker", workRegionCode: "130624100", homeBased: true, wageMin: 2500, wageMax: 3500 }),
    workers: [
      worker("same-township", { townshipCode: "130624100", preference: pref({ homeBasedOnly: true, destinationKinds: ["HOME_BASED"] }) }),
      worker("other-township", { townshipCode: "130624200", preference: pref({ homeBasedOnly: true, destinationKinds: ["HOME_BASED"] }) }),
      worker("other-county", { countyCode: "130881", townshipCode: "130881100", preference: pref({ homeBasedOnly: true, destinationKinds: ["HOME_BASED"] }) }),
    ],
    expect: {
      proposed: ["same-township", "other-township"],
      above: [["same-township", "other-township"]],
      excluded: { "other-county": "homeBasedOnly" },
      explains: { "same-township": ["同乡镇"] },
    },
  },
  {
    id: "priority-breaks-near-tie",
    rule: "条件几乎一样时，建档立卡户排在前面（政策加分）",
    target: posting({ id: "p2" }),
    workers: [
      worker("a-not-poor", { skills: elec(3, true, 4), preference: bj }),
      worker("z-poor", { skills: elec(3, true, 3), preference: bj, isRegisteredPoor: true }),
    ],
    expect: { top: "z-poor", above: [["z-poor", "a-not-poor"]], explains: { "z-poor": ["建档立卡户优先（政策加分5分）"] } },
  },
  {
    id: "priority-does-not-beat-clearly-better-fit",
    rule: "政策加分只在条件相近时起作用：明显更合适的人仍排在前面",
    target: posting({ id: "p3" }),
    workers: [
      worker("poor-weak", {
        skills: elec(5, false, 0),
        preference: pref({ destinationKinds: ["WITHIN_HEBEI"] }),
        isRegisteredPoor: true,
        hasPriorityFactors: true,
      }),
      worker("strong", { skills: elec(2, true, 8), preference: bj }),
    ],
    expect: { top: "strong", above: [["strong", "poor-weak"]], proposed: ["poor-weak"] },
  },
  {
    id: "priority-never-lifts-over-hard-constraint",
    rule: "政策加分不能让缺少必需技能的人被推荐；缺技能的人转成培训建议",
    target: electricianPosting,
    workers: [
      worker("poor-no-skill", { isRegisteredPoor: true, atRiskOfPoverty: true, preference: bj }),
      worker("qualified", { skills: elec(4, true), preference: bj }),
    ],
    openTrainingOrders: [
      { id: "o-elec", occupationCode: "electrician", placesLeft: 6 },
      { id: "o-weld", occupationCode: "welder", placesLeft: 9 },
    ],
    expect: {
      proposed: ["qualified"],
      excluded: { "poor-no-skill": "skillMissing" },
      nearMiss: [{ id: "poor-no-skill", code: "skillMissing", suggested: "o-elec" }],
    },
  },
  {
    id: "employer-declined-excluded",
    rule: "用人单位已婉拒的人不再推荐给这个岗位（别的岗位照常）",
    target: posting({ id: "p-declined" }),
    workers: [
      worker("declined", { skills: elec(1, true, 10), preference: bj, declinedByTargetIds: ["p-declined"] }),
      worker("other", { skills: elec(4, false), preference: bj }),
      worker("declined-elsewhere", { skills: elec(4, false), preference: bj, declinedByTargetIds: ["p-other"] }),
    ],
    expect: { proposed: ["other", "declined-elsewhere"], excluded: { declined: "employerDeclined" }, notNearMiss: ["declined"] },
  },
  {
    id: "worker-declined-employer-before",
    rule: "本人以前婉拒过这家单位的邀请：照常推荐，但排在条件相同的人后面",
    target: posting({ id: "p4", employerId: "e-declined" }),
    workers: [
      worker("said-no-before", { skills: elec(3, true), preference: bj, declinedEmployerIds: ["e-declined"] }),
      worker("fresh", { skills: elec(3, true), preference: bj }),
    ],
    expect: { proposed: ["said-no-before"], above: [["fresh", "said-no-before"]], explains: { "said-no-before": ["曾婉拒该单位的邀请"] } },
  },
  {
    id: "reciprocal-destination",
    rule: "双向匹配：想去北京的人排在想留在省内工作的人前面（技能相同）",
    target: posting({ id: "p5" }),
    workers: [
      worker("wants-hebei", { skills: elec(3, true), preference: pref({ destinationKinds: ["WITHIN_HEBEI"], minMonthlyWage: 5000 }) }),
      worker("wants-beijing", { skills: elec(3, true), preference: bj }),
    ],
    expect: { above: [["wants-beijing", "wants-hebei"]], proposed: ["wants-hebei"], explains: { "wants-beijing": ["愿意到京津工作"] } },
  },
  {
    id: "local-only-not-sent-to-beijing",
    rule: "只想在本县（或在家附近）就业的人不推荐去北京的岗位，但列为差距并说明原因；本县的岗位照常推荐",
    target: posting({ id: "p5b" }),
    workers: [
      worker("wants-local", { skills: elec(3, true), preference: pref({ destinationKinds: ["LOCAL_COUNTY"], minMonthlyWage: 5000 }) }),
      worker("wants-local-but-named-beijing", {
        skills: elec(3, true),
        preference: pref({ destinationKinds: ["LOCAL_COUNTY"], destinationRegionCodes: ["110000"], minMonthlyWage: 5000 }),
      }),
      worker("wants-beijing", { skills: elec(3, true), preference: bj }),
    ],
    expect: {
      proposed: ["wants-beijing", "wants-local-but-named-beijing"],
      excluded: { "wants-local": "wantsLocalWork" },
      nearMiss: [{ id: "wants-local", code: "wantsLocalWork", suggested: null }],
    },
  },
  {
    id: "reciprocal-wish-outweighs-experience",
    rule: "双向匹配：本人意愿（去向、工资、工种）与用人单位要求同样重要——多几年经验抵不过一个完全不想去北京的人的意愿落差",
    target: posting({ id: "p6" }),
    workers: [
      worker("experienced-unwilling", {
        skills: elec(3, true, 9),
        preference: pref({ destinationKinds: ["WITHIN_HEBEI"], occupationCodes: ["welder"], minMonthlyWage: 6400 }),
      }),
      worker("keen", {
        skills: elec(3, true, 1),
        preference: pref({ destinationKinds: ["BEIJING_TIANJIN"], occupationCodes: ["electrician"], minMonthlyWage: 5000 }),
      }),
    ],
    expect: { above: [["keen", "experienced-unwilling"]] },
  },
  {
    id: "lawful-age",
    rule: "年龄按岗位要求（且在16–65岁法定范围内）：不满16岁不推荐也不列为差距",
    target: posting({ id: "p7", ageMin: 18, ageMax: 45 }),
    workers: [
      worker("fifty", { birthDate: "1976-01-10", skills: elec(3, true), preference: bj }),
      worker("fifteen", { birthDate: "2011-06-01", preference: bj }),
      worker("thirty", { birthDate: "1996-06-01", skills: elec(3, true), preference: bj }),
    ],
    expect: {
      proposed: ["thirty"],
      excluded: { fifty: "ageOutOfRange", fifteen: "underAge" },
      nearMiss: [{ id: "fifty", code: "ageOutOfRange" }],
      notNearMiss: ["fifteen"],
    },
  },
  {
    id: "availability-soft-then-hard",
    rule: "晚几周到岗照常推荐但排后；半年后才能到岗的不推荐",
    target: posting({ id: "p8", startDate: "2026-12-15" }),
    workers: [
      worker("now", { skills: elec(3, true), preference: bj }),
      worker("three-weeks", { skills: elec(3, true), preference: pref({ ...bj, availableFrom: "2027-01-05" }) }),
      worker("half-year", { skills: elec(3, true), preference: pref({ ...bj, availableFrom: "2027-06-15" }) }),
    ],
    expect: { above: [["now", "three-weeks"]], excluded: { "half-year": "availableTooLate" }, explains: { "three-weeks": ["21天后可到岗"] } },
  },
  {
    id: "not-in-the-pool",
    rule: "正在培训、已就业或已稳定就业的人不推荐；离职的人重新进入匹配",
    target: posting({ id: "p9" }),
    workers: [
      worker("in-training", { status: "IN_TRAINING", skills: elec(2, true), preference: bj }),
      worker("placed", { status: "PLACED", skills: elec(2, true), preference: bj }),
      worker("left", { status: "LEFT", skills: elec(3, true), preference: bj }),
    ],
    expect: { proposed: ["left"], excluded: { "in-training": "notMatchable", placed: "notMatchable" }, notNearMiss: ["in-training", "placed"] },
  },
  {
    id: "named-city-contains-district",
    rule: "选了“北京市（任一区）”的人，大兴区的岗位算完全符合去向，不比什么都没选的人差",
    target: posting({ id: "p-daxing", workRegionCode: "110115" }),
    workers: [
      worker("any-beijing", {
        skills: elec(3, true),
        preference: pref({ destinationKinds: ["BEIJING_TIANJIN"], destinationRegionCodes: ["110000"], minMonthlyWage: 5000 }),
      }),
      worker("kinds-only", { skills: elec(3, true), preference: bj }),
      worker("tianjin-only", {
        skills: elec(3, true),
        preference: pref({ destinationKinds: ["BEIJING_TIANJIN"], destinationRegionCodes: ["120000"], minMonthlyWage: 5000 }),
      }),
    ],
    expect: { top: "any-beijing", above: [["kinds-only", "tianjin-only"]], explains: { "any-beijing": ["本人选择的地点"] } },
  },
  {
    id: "related-occupation-near-miss",
    rule: "家政岗位：只有养老护理技能的人（培训一步之遥）不推荐，但列为差距，说明缺什么，并推荐家政培训班",
    target: posting({ id: "p-home", occupationCode: "domestic-helper", relatedOccupations: ["elderly-carer", "infant-carer"] }),
    openTrainingOrders: [{ id: "o-home", occupationCode: "domestic-helper", placesLeft: 5 }],
    workers: [
      worker("helper", { skills: [{ occupationCode: "domestic-helper", level: 4, hasCertificate: false, yearsExperience: 2 }], preference: bj }),
      worker("carer", {
        skills: [{ occupationCode: "elderly-carer", level: 3, hasCertificate: true, yearsExperience: 4 }],
        preference: pref({ destinationKinds: ["BEIJING_TIANJIN"], occupationCodes: ["elderly-carer"] }),
      }),
      worker("carer-wants-home", {
        skills: [{ occupationCode: "elderly-carer", level: 3, hasCertificate: true, yearsExperience: 4 }],
        preference: pref({ destinationKinds: ["BEIJING_TIANJIN"], occupationCodes: ["domestic-helper"] }),
      }),
    ],
    expect: {
      proposed: ["helper", "carer-wants-home"],
      excluded: { carer: "skillMissing" },
      nearMiss: [{ id: "carer", code: "skillMissing", suggested: "o-home" }],
    },
  },
  {
    id: "no-preference-not-hidden",
    rule: "没填求职意愿的人也会被推荐（意愿项按中间值计分），不会被隐藏",
    target: posting({ id: "p10" }),
    workers: [worker("silent", { skills: elec(3, true), preference: null })],
    expect: { proposed: ["silent"], explains: { silent: ["未填写去向意愿"] } },
  },
  {
    id: "training-order-willing-villagers",
    rule: "订单式培训：愿意培训的村民（零基础也可以）推荐；不愿培训的不推荐",
    target: trainingOrder({ id: "o-care", occupationCode: "elderly-carer", trainingKind: "ORDER_BASED", commitWage: 5000 }),
    workers: [
      worker("novice-keen", {
        preference: pref({
          willingToTrain: true,
          trainingKinds: ["ORDER_BASED"],
          occupationCodes: ["elderly-carer"],
          destinationKinds: ["BEIJING_TIANJIN"],
          minMonthlyWage: 4500,
        }),
      }),
      worker("novice-any", { preference: pref({ willingToTrain: true }) }),
      worker("unwilling", { preference: pref({ willingToTrain: false, occupationCodes: ["elderly-carer"] }) }),
    ],
    expect: {
      proposed: ["novice-keen", "novice-any"],
      top: "novice-keen",
      excluded: { unwilling: "notWillingToTrain" },
      explains: { "novice-keen": ["愿意参加订单式培训", "承诺结业后月薪不低于5000元"] },
    },
  },
  {
    id: "training-order-village-fairness",
    rule: "培训名额不够时按排名分配，但一个村不能占走全部名额（每村最多一半），其他村的人在等时不放宽",
    target: trainingOrder({ id: "o-fair", occupationCode: "elderly-carer", classSize: 4, placesLeft: 4 }),
    workers: [
      ...["a1", "a2", "a3", "a4", "a5"].map((id) =>
        worker(id, {
          villageKey: "village-A",
          preference: pref({ willingToTrain: true, trainingKinds: ["ORDER_BASED"], occupationCodes: ["elderly-carer"], destinationKinds: ["BEIJING_TIANJIN"] }),
        }),
      ),
      worker("b1", { villageKey: "village-B", preference: pref({ willingToTrain: true }) }),
      worker("c1", { villageKey: "village-C", preference: pref({ willingToTrain: true }) }),
    ],
    expect: { allocation: { places: 4, selected: ["a1", "a2", "b1", "c1"], waiting: { a3: "villageCap", a4: "villageCap", a5: "villageCap" } } },
  },
];
