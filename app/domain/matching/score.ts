// scorePair: one worker against one posting or training order. Hard constraints decide whether the
// pair may be proposed at all; soft factors give the score (see docs/matching.md). The numbers come
// from ./kernel so the columnar path (./columns) computes exactly the same scores.
import { isMatchable } from "../lifecycle";
import { transferTypeFor } from "../match";
import { POSTING_MAX_AGE, POSTING_MIN_AGE } from "../posting";
import { isWithinRegion } from "../regions";
import {
  NONE,
  ageYears,
  availabilityValue,
  dayNumber,
  destinationValue,
  experienceValue,
  occupationPrefValue,
  orderWageValue,
  postingWageValue,
  priorityPoints,
  recordValue,
  round2,
  skillValue,
  totalScore,
  trainingSiteValue,
  trainingValue,
  ymd,
} from "./kernel";
import type { MatchPolicy, SlotPoints } from "./policy";
import { slotPoints } from "./policy";
import type {
  DestinationKind,
  Factor,
  HardFailure,
  HardFailureCode,
  MatchLabels,
  MatchTarget,
  MatchWorker,
  PairResult,
  ScoreContext,
  TrainingKind,
} from "./types";
import { DESTINATION_KINDS, TRAINING_KINDS } from "./types";

export const kindBit = (k: DestinationKind) => 1 << DESTINATION_KINDS.indexOf(k);
export const trainingKindBit = (k: TrainingKind) => 1 << TRAINING_KINDS.indexOf(k);
export function kindsMask(kinds: readonly DestinationKind[]): number {
  let m = 0;
  for (const k of kinds) m |= kindBit(k);
  return m;
}
export function trainingKindsMask(kinds: readonly TrainingKind[]): number {
  let m = 0;
  for (const k of kinds) m |= trainingKindBit(k);
  return m;
}

/** Certificates the platform cannot check and that are obtained after an offer (e.g. 健康证): listed, never a failure. */
export const UNCHECKED_CERTIFICATE = /健康证|体检|health/i;

/** What the pair is about, derived once per target (shared with the columnar path). */
export type TargetFacts = {
  kind: "posting" | "trainingOrder";
  /** Occupations whose skill counts: the target's own and any required skill's. */
  occupations: string[];
  required: { occupationCode: string; minLevel: number | null }[];
  /** Postings: occupations one training step away (a skill only there is a gap, see PostingTarget.relatedOccupations). */
  related: string[];
  needsCertificate: boolean;
  /** Where the person would work (a training order: the employer's place, else the class's). */
  workRegionCode: string;
  homeBased: boolean;
  startDay: number;
  ageMin: number;
  ageMax: number;
  wageMin: number;
  wageMax: number;
  benefits: number;
  commitWage: number;
  trainingKindBit: number;
  record: number;
  /** Orders: the class's county as a 6-digit int (-1 for a posting or an unknown code). */
  siteCounty: number;
};

/** The first `len` digits of a code as an int, -1 when it has fewer or they are not digits. */
export const codeInt = (s: string | null | undefined, len: number) => (s && s.length >= len && /^\d+$/.test(s.slice(0, len)) ? Number(s.slice(0, len)) : NONE);

export function targetFacts(t: MatchTarget, today: string | Date): TargetFacts {
  const todayDay = dayNumber(today);
  if (t.kind === "posting") {
    const occupations = [t.occupationCode];
    for (const r of t.requirements.skills) if (!occupations.includes(r.occupationCode)) occupations.push(r.occupationCode);
    const start = dayNumber(t.startDate);
    return {
      kind: "posting",
      occupations,
      required: t.requirements.skills,
      related: (t.relatedOccupations ?? []).filter((o) => !occupations.includes(o)),
      needsCertificate: t.requirements.certificates.some((c) => c.trim() !== "" && !UNCHECKED_CERTIFICATE.test(c)),
      workRegionCode: t.workRegionCode,
      homeBased: t.homeBased === true,
      startDay: start === NONE || start < todayDay ? todayDay : start,
      ageMin: Math.max(POSTING_MIN_AGE, t.ageMin ?? POSTING_MIN_AGE),
      ageMax: Math.min(POSTING_MAX_AGE, t.ageMax ?? POSTING_MAX_AGE),
      wageMin: t.wageMin,
      wageMax: t.wageMax,
      benefits: (t.housing ? 1 : 0) + (t.meals ? 1 : 0) + (t.socialInsurance ? 1 : 0),
      commitWage: NONE,
      trainingKindBit: 0,
      record: t.employerRecord ?? Number.NaN,
      siteCounty: NONE,
    };
  }
  const start = dayNumber(t.scheduleStart);
  return {
    kind: "trainingOrder",
    occupations: [t.occupationCode],
    required: [],
    related: [],
    needsCertificate: false,
    workRegionCode: t.workRegionCode ?? t.locationRegionCode,
    homeBased: false,
    startDay: start === NONE || start < todayDay ? todayDay : start,
    ageMin: POSTING_MIN_AGE,
    ageMax: POSTING_MAX_AGE,
    wageMin: NONE,
    wageMax: NONE,
    benefits: 0,
    commitWage: t.commitWage ?? NONE,
    trainingKindBit: trainingKindBit(t.trainingKind),
    record: t.employerRecord ?? Number.NaN,
    siteCounty: codeInt(t.locationRegionCode, 6),
  };
}

/** Destination kinds the work place counts as, from the person's county (home-based work in the own county is both). */
export function targetKindMask(workerCounty: string, facts: TargetFacts): number {
  const type = transferTypeFor(workerCounty, facts.workRegionCode);
  if (type === "LOCAL_COUNTY" && facts.homeBased) return kindBit("LOCAL_COUNTY") | kindBit("HOME_BASED");
  return kindBit(type);
}

const LOCAL_MASK = (1 << 3) | (1 << 4);
/** Someone who chose only local kinds (own county, home-based): they asked not to be sent away. */
export const wantsOnlyLocal = (kinds: number) => kinds !== 0 && (kinds & ~LOCAL_MASK) === 0;
const isTownship = (code: string | null): code is string => code !== null && /^\d{9}$/.test(code);

const LEVEL_ZH = ["", "一级", "二级", "三级", "四级", "五级"];
const KIND_ZH: Record<DestinationKind, string> = {
  BEIJING_TIANJIN: "到京津工作",
  OTHER_OUT_OF_PROVINCE: "到外省工作",
  WITHIN_HEBEI: "在省内就业",
  LOCAL_COUNTY: "在本县就业",
  HOME_BASED: "居家就业",
};
const KIND_EN: Record<DestinationKind, string> = {
  BEIJING_TIANJIN: "work in Beijing–Tianjin",
  OTHER_OUT_OF_PROVINCE: "work in another province",
  WITHIN_HEBEI: "work within Hebei",
  LOCAL_COUNTY: "work in the home county",
  HOME_BASED: "work from home",
};
const TRAINING_ZH: Record<TrainingKind, string> = { ORDER_BASED: "订单式", POST_BASED: "定岗式", COMPOUND: "复合式" };
const TRAINING_EN: Record<TrainingKind, string> = { ORDER_BASED: "order-based", POST_BASED: "post-based", COMPOUND: "compound" };

function names(labels: MatchLabels | undefined) {
  return {
    occ: (code: string) => labels?.occupation?.(code) ?? { zh: code, en: code },
    region: (code: string) => labels?.region?.(code) ?? { zh: code, en: code },
  };
}

const yuan = (n: number) => `${n}元`;
const cny = (n: number) => `CNY ${n}`;

/** The person's best skill among the given occupations: [level code, has certificate, years]. */
function bestSkill(w: MatchWorker, occupations: string[]): { level: number; cert: boolean; years: number; occupationCode: string | null } {
  let level = NONE,
    cert = false,
    years = NONE,
    occ: string | null = null;
  for (const s of w.skills) {
    if (!occupations.includes(s.occupationCode)) continue;
    const l = s.level ?? 0;
    if (skillValue(l) > skillValue(level)) {
      level = l;
      occ = s.occupationCode;
    }
    if (s.hasCertificate) cert = true;
    if ((s.yearsExperience ?? NONE) > years) years = s.yearsExperience ?? NONE;
  }
  return { level, cert, years, occupationCode: occ };
}

export function scorePair(worker: MatchWorker, target: MatchTarget, policy: MatchPolicy, ctx: ScoreContext): PairResult {
  return scoreWithFacts(worker, target, targetFacts(target, ctx.today), slotPoints(policy, target.kind), policy, ctx);
}

/** scorePair with the per-target work done once (rankTarget calls this for every worker). */
export function scoreWithFacts(worker: MatchWorker, target: MatchTarget, f: TargetFacts, pts: SlotPoints, policy: MatchPolicy, ctx: ScoreContext): PairResult {
  const n = names(ctx.labels);
  const pref = worker.preference;
  const hasPref = pref !== null;
  const failed: HardFailure[] = [];
  const fail = (code: HardFailureCode, detail: string, detailEn: string) => failed.push({ code, detail, detailEn });
  const occName = n.occ(target.occupationCode);
  const workPlace = n.region(f.workRegionCode);

  // ── hard constraints ──
  if (!isMatchable(worker.status))
    fail("notMatchable", "当前状态不参与匹配（培训中、已就业或已稳定就业）", "Not in the matching pool (in training, placed or in stable work)");
  if (worker.declinedByTargetIds.includes(target.id)) fail("employerDeclined", "用人单位已婉拒此人", "The employer declined this person for this job");
  const age = ageYears(ymd(worker.birthDate), ymd(ctx.today));
  if (age < POSTING_MIN_AGE) fail("underAge", `未满${POSTING_MIN_AGE}周岁，不能介绍就业`, `Under ${POSTING_MIN_AGE}: may not be placed in work`);
  // The exact age is not written: with the birth year on the staff screens and the run date it
  // would tell whether the birthday has passed (domain/mask.ts: the birth date never travels).
  else if (age < f.ageMin) fail("ageOutOfRange", `年龄低于岗位要求（${f.ageMin}–${f.ageMax}岁）`, `Younger than the job asks (${f.ageMin}–${f.ageMax})`);
  else if (age > f.ageMax) fail("ageOutOfRange", `年龄超过岗位要求（${f.ageMin}–${f.ageMax}岁）`, `Older than the job asks (${f.ageMin}–${f.ageMax})`);
  let gapOccupation: string | null = null;
  for (const req of f.required) {
    const s = worker.skills.find((k) => k.occupationCode === req.occupationCode);
    const name = n.occ(req.occupationCode);
    if (!s) {
      fail("skillMissing", `缺少${name.zh}技能`, `No ${name.en} skill`);
      gapOccupation ??= req.occupationCode;
    } else if (req.minLevel !== null && (s.level === null || s.level > req.minLevel)) {
      fail(
        "skillLevelLow",
        `${name.zh}技能等级${s.level === null ? "未评定" : LEVEL_ZH[s.level]}，要求${LEVEL_ZH[req.minLevel]}或以上`,
        `${name.en} level ${s.level ?? "ungraded"}; level ${req.minLevel} or better required`,
      );
      gapOccupation ??= req.occupationCode;
    }
  }
  const best = bestSkill(worker, f.occupations);
  // One training step away: no skill in and no wish for the trade, but a skill in a related one.
  if (f.related.length > 0 && best.level === NONE && !(pref?.occupationCodes ?? []).some((c) => f.occupations.includes(c))) {
    const near = worker.skills.find((s) => f.related.includes(s.occupationCode));
    if (near && !failed.some((x) => x.code === "skillMissing")) {
      const nearName = n.occ(near.occupationCode);
      fail(
        "skillMissing",
        `缺少${occName.zh}技能（有相近的${nearName.zh}技能，培训可补齐）`,
        `No ${occName.en} skill (has the related ${nearName.en} skill; training can close the gap)`,
      );
      gapOccupation ??= target.occupationCode;
    }
  }
  if (f.needsCertificate && !best.cert) {
    fail("certificateMissing", `没有${occName.zh}相关证书`, `No ${occName.en} certificate`);
    gapOccupation ??= target.occupationCode;
  }
  const minWage = pref?.minMonthlyWage ?? NONE;
  if (target.kind === "posting" && minWage >= 0 && minWage > target.wageMax)
    fail(
      "wageBelowFloor",
      `期望月薪${yuan(minWage)}，高于岗位最高${yuan(target.wageMax)}`,
      `Wants ${cny(minWage)} a month, above the job's maximum ${cny(target.wageMax)}`,
    );
  const tMask = targetKindMask(worker.countyCode, f);
  const local = (tMask & LOCAL_MASK) !== 0;
  if (pref?.homeBasedOnly) {
    const ok = target.kind === "posting" ? f.homeBased && local : local && transferTypeFor(worker.countyCode, target.locationRegionCode) === "LOCAL_COUNTY";
    if (!ok) fail("homeBasedOnly", `本人只能居家或就近就业，工作地在${workPlace.zh}`, `Can only work from home or nearby; the work is in ${workPlace.en}`);
  }
  // A named place containing the work place is a full match (county ⊂ prefecture ⊂ province: 110000 contains Daxing 110115).
  const regionCodes = pref?.destinationRegionCodes ?? [];
  const regionState = regionCodes.length === 0 ? 0 : regionCodes.some((c) => isWithinRegion(f.workRegionCode, c)) ? 1 : 2;
  const kinds = pref ? kindsMask(pref.destinationKinds) : 0;
  if (!local && regionState !== 1 && wantsOnlyLocal(kinds)) {
    fail(
      "wantsLocalWork",
      `本人只想${pref!.destinationKinds.map((k) => KIND_ZH[k]).join("或")}，工作地在${workPlace.zh}`,
      `Wants only to ${pref!.destinationKinds.map((k) => KIND_EN[k]).join(" or ")}; the work is in ${workPlace.en}`,
    );
  }
  if (target.kind === "trainingOrder" && pref && !pref.willingToTrain) fail("notWillingToTrain", "本人不愿参加培训", "Does not want to train");
  const availDay = dayNumber(pref?.availableFrom ?? null);
  const late = availDay === NONE ? 0 : availDay - f.startDay;
  if (late > policy.availabilityGraceDays)
    fail(
      "availableTooLate",
      `${late}天后才能到岗，超过${policy.availabilityGraceDays}天`,
      `Available ${late} days after the start, more than ${policy.availabilityGraceDays}`,
    );

  // ── soft factors ──
  const factors: Factor[] = [];
  const add = (factor: string, weight: number, value: number, note: string, noteEn: string) => {
    if (weight > 0) factors.push({ factor, weight: round2(weight), value: round2(value), contribution: round2(weight * value), note, noteEn });
  };
  const lvlZh = best.level > 0 ? `（${LEVEL_ZH[best.level]}）` : "";
  const lvlEn = best.level > 0 ? ` (level ${best.level})` : "";
  const skillOcc = n.occ(best.occupationCode ?? target.occupationCode);
  const skillNote =
    best.level < 0
      ? [`无${occName.zh}技能记录`, `No ${occName.en} skill recorded`]
      : best.cert
        ? [`持有${skillOcc.zh}证书${lvlZh}`, `Has a certificate: ${skillOcc.en}${lvlEn}`]
        : [`有${skillOcc.zh}技能${lvlZh}，无证书`, `${skillOcc.en} skill${lvlEn}, no certificate`];
  const yearsNote =
    best.years > 0
      ? [`${occName.zh}经验${best.years}年`, `${best.years} years in ${occName.en}`]
      : [`无${occName.zh}工作年限记录`, `No years in ${occName.en} recorded`];
  const availNote =
    late > 0
      ? [`${late}天后可到岗`, `Available ${late} days after the start`]
      : [target.kind === "posting" ? "可按时到岗" : "可按时参加培训", target.kind === "posting" ? "Available by the start" : "Available when the class starts"];
  let v1: number,
    v2: number,
    v3: number,
    v4: number,
    vw: number,
    v5 = 0;
  const v4v = availabilityValue(late, policy.availabilityGraceDays);
  if (target.kind === "posting") {
    v1 = skillValue(best.level);
    v2 = best.cert ? 1 : 0;
    v3 = experienceValue(best.years);
    v4 = v4v;
    add("skill", pts.e1, v1, skillNote[0], skillNote[1]);
    add(
      "certificate",
      pts.e2,
      v2,
      best.cert ? "有职业资格/技能等级证书" : "无相关证书",
      best.cert ? "Has a vocational certificate" : "No relevant certificate",
    );
    add("experience", pts.e3, v3, yearsNote[0], yearsNote[1]);
    add("availability", pts.e4, v4, availNote[0], availNote[1]);
    vw = postingWageValue(minWage, target.wageMin, target.wageMax, f.benefits);
  } else {
    const tk = pref ? trainingKindsMask(pref.trainingKinds) : 0;
    v1 = trainingValue(hasPref, tk, f.trainingKindBit);
    v2 = skillValue(best.level);
    v3 = experienceValue(best.years);
    v4 = v4v;
    const tz = TRAINING_ZH[target.trainingKind],
      te = TRAINING_EN[target.trainingKind];
    add(
      "training",
      pts.e1,
      v1,
      !hasPref ? "未填写培训意愿" : v1 === 1 ? `愿意参加${tz}培训` : v1 === 0.8 ? "愿意参加培训" : `愿意参加培训，但更想要其他类型（本班为${tz}）`,
      !hasPref
        ? "Training wish not stated"
        : v1 === 1
          ? `Wants ${te} training`
          : v1 === 0.8
            ? "Willing to train"
            : `Willing to train, prefers another kind (this class is ${te})`,
    );
    add(
      "skill",
      pts.e2,
      v2,
      best.level < 0 ? `${occName.zh}零基础，培训后上岗` : skillNote[0],
      best.level < 0 ? `New to ${occName.en}; the class teaches it` : skillNote[1],
    );
    add("experience", pts.e3, v3, yearsNote[0], yearsNote[1]);
    add("availability", pts.e4, v4, availNote[0], availNote[1]);
    v5 = trainingSiteValue(codeInt(worker.countyCode, 6), f.siteCounty);
    const site = n.region(target.locationRegionCode);
    const [farZh, farEn] =
      v5 === 1
        ? ["就在本县", "in the home county"]
        : v5 === 0.8
          ? ["同一地级市", "in the same prefecture"]
          : v5 === 0.6
            ? ["在省内", "in the home province"]
            : v5 === 0.4
              ? ["在京津", "in Beijing–Tianjin"]
              : v5 === 0.2
                ? ["在外省", "in another province"]
                : ["", ""];
    add(
      "trainingSite",
      pts.e5,
      v5,
      farZh ? `培训地点在${site.zh}（${farZh}）` : `培训地点在${site.zh}`,
      farEn ? `The class is held in ${site.en} (${farEn})` : `The class is held in ${site.en}`,
    );
    vw = orderWageValue(minWage, f.commitWage);
  }
  const sameTownship = isTownship(worker.townshipCode) && f.workRegionCode.length >= 9 && f.workRegionCode.slice(0, 9) === worker.townshipCode;
  const vd = destinationValue(hasPref, kinds, tMask, regionState, local, sameTownship);
  const targetKind =
    DESTINATION_KINDS.find((k) => (tMask & kindBit(k)) !== 0 && (!pref || pref.destinationKinds.includes(k))) ??
    DESTINATION_KINDS.find((k) => (tMask & kindBit(k)) !== 0)!;
  let destZh: string, destEn: string;
  if (!hasPref) {
    destZh = `未填写去向意愿，工作地在${workPlace.zh}`;
    destEn = `No destination stated; the work is in ${workPlace.en}`;
  } else if (regionState === 1) {
    destZh = `愿意到${workPlace.zh}工作（本人选择的地点）`;
    destEn = `Wants to work in ${workPlace.en} (a place they chose)`;
  } else if (vd > 0 && pref.destinationKinds.length > 0) {
    destZh = `愿意${KIND_ZH[targetKind]}（${workPlace.zh}）`;
    destEn = `Wants to ${KIND_EN[targetKind]} (${workPlace.en})`;
  } else if (pref.destinationKinds.length === 0 && regionState === 0) {
    destZh = `未限定去向，工作地在${workPlace.zh}`;
    destEn = `Any destination; the work is in ${workPlace.en}`;
  } else {
    destZh = `希望${pref.destinationKinds.map((k) => KIND_ZH[k]).join("或") || "到其他地点工作"}，工作地在${workPlace.zh}`;
    destEn = `Prefers to ${pref.destinationKinds.map((k) => KIND_EN[k]).join(" or ") || "work elsewhere"}; the work is in ${workPlace.en}`;
  }
  if (local) {
    destZh += sameTownship ? "，同乡镇" : "，本县";
    destEn += sameTownship ? ", same township" : ", same county";
  }
  add("destination", pts.dest, vd, destZh, destEn);
  let wageZh: string, wageEn: string;
  if (target.kind === "posting") {
    const range = target.wageMin === target.wageMax ? yuan(target.wageMin) : `${target.wageMin}–${yuan(target.wageMax)}`;
    const rangeEn = target.wageMin === target.wageMax ? cny(target.wageMin) : `CNY ${target.wageMin}–${target.wageMax}`;
    wageZh = minWage >= 0 ? `期望月薪${yuan(minWage)}，岗位月薪${range}` : `岗位月薪${range}（本人未填期望）`;
    wageEn = minWage >= 0 ? `Wants ${cny(minWage)} a month; the job pays ${rangeEn}` : `The job pays ${rangeEn} a month (no wish stated)`;
    const perks = [target.housing && ["包住", "housing"], target.meals && ["包吃", "meals"], target.socialInsurance && ["缴社保", "social insurance"]].filter(
      (x): x is string[] => !!x,
    );
    if (perks.length) {
      wageZh += `，${perks.map((p) => p[0]).join("、")}`;
      wageEn += `, ${perks.map((p) => p[1]).join(", ")}`;
    }
  } else {
    wageZh =
      f.commitWage < 0
        ? "用人单位未承诺工资"
        : minWage >= 0
          ? `期望月薪${yuan(minWage)}，承诺结业后月薪不低于${yuan(f.commitWage)}`
          : `承诺结业后月薪不低于${yuan(f.commitWage)}`;
    wageEn =
      f.commitWage < 0
        ? "No wage committed"
        : minWage >= 0
          ? `Wants ${cny(minWage)}; graduates are promised at least ${cny(f.commitWage)}`
          : `Graduates are promised at least ${cny(f.commitWage)} a month`;
  }
  add("wage", pts.wage, vw, wageZh, wageEn);
  const prefOcc = pref?.occupationCodes ?? [];
  const vo = occupationPrefValue(hasPref, prefOcc.length, prefOcc.includes(target.occupationCode));
  add(
    "occupation",
    pts.occ,
    vo,
    vo === 1 ? `想做${occName.zh}` : vo === 0 ? `意向工种不含${occName.zh}` : "未限定意向工种",
    vo === 1 ? `Wants ${occName.en} work` : vo === 0 ? `Did not choose ${occName.en}` : "Any occupation",
  );
  const vr = recordValue(f.record);
  add(
    "employerRecord",
    pts.record,
    vr,
    Number.isNaN(f.record) ? "用人单位暂无承诺兑现记录" : `用人单位承诺兑现率${Math.round(vr * 100)}%`,
    Number.isNaN(f.record) ? "Employer has no commitment record yet" : `Employer kept ${Math.round(vr * 100)}% of its hiring commitments`,
  );
  const prio = priorityPoints(pts, worker.isRegisteredPoor, worker.hasPriorityFactors, worker.atRiskOfPoverty);
  const prioZh: string[] = [],
    prioEn: string[] = [];
  if (worker.isRegisteredPoor && pts.poor > 0) {
    prioZh.push(`建档立卡户优先（政策加分${pts.poor}分）`);
    prioEn.push(`registered poor household (policy +${pts.poor})`);
  }
  if (worker.hasPriorityFactors && pts.prio > 0) {
    prioZh.push(`重点帮扶对象（政策加分${pts.prio}分）`);
    prioEn.push(`priority group (policy +${pts.prio})`);
  }
  if (worker.atRiskOfPoverty && pts.risk > 0) {
    prioZh.push(`防返贫监测对象（政策加分${pts.risk}分）`);
    prioEn.push(`at risk of returning to poverty (policy +${pts.risk})`);
  }
  const prioMax = pts.poor + pts.prio + pts.risk;
  if (prioMax > 0)
    factors.push({
      factor: "priority",
      weight: round2(prioMax),
      value: round2(prio / prioMax),
      contribution: round2(prio),
      note: prioZh.join("；") || "无政策加分",
      noteEn: prioEn.length ? `Priority: ${prioEn.join("; ")}` : "No policy priority",
    });
  const declined = worker.declinedEmployerIds.includes(target.employerId);
  if (declined && pts.penalty > 0)
    factors.push({
      factor: "declinedBefore",
      weight: round2(pts.penalty),
      value: 1,
      contribution: round2(-pts.penalty),
      note: `曾婉拒该单位的邀请（扣${pts.penalty}分）`,
      noteEn: `Declined this employer's invitation before (−${pts.penalty})`,
    });

  const score = totalScore(pts, v1, v2, v3, v4, v5, vd, vw, vo, vr, prio, declined);

  // ── explanation: what fits, in the order a coordinator would read it out ──
  const zh: string[] = [],
    en: string[] = [];
  if (failed.length) {
    zh.push(`未推荐：${failed.map((x) => x.detail).join("；")}`);
    en.push(`Not proposed: ${failed.map((x) => x.detailEn).join("; ")}`);
  }
  const fz = (code: string) => factors.find((x) => x.factor === code);
  for (const code of target.kind === "posting" ? ["skill", "wage", "destination"] : ["training", "skill", "trainingSite", "wage", "destination"]) {
    const x = fz(code);
    if (x) {
      zh.push(x.note);
      en.push(x.noteEn);
    }
  }
  if (late > 0) {
    zh.push(availNote[0]);
    en.push(availNote[1]);
  }
  zh.push(...prioZh);
  en.push(...prioEn);
  if (declined && pts.penalty > 0) {
    zh.push(`曾婉拒该单位的邀请（扣${pts.penalty}分）`);
    en.push(`Declined this employer before (−${pts.penalty})`);
  }

  const onlyGaps = failed.length > 0 && failed.every((x) => x.code === "skillMissing" || x.code === "skillLevelLow" || x.code === "certificateMissing");
  return {
    eligible: failed.length === 0,
    failed,
    score,
    factors,
    explanationZh: zh.join("；"),
    explanationEn: en.map((s, i) => (i === 0 ? s : s[0].toLowerCase() + s.slice(1))).join("; "),
    ...(onlyGaps && gapOccupation ? { skillGap: { occupationCode: gapOccupation } } : {}),
  };
}
