// The fast path for province scale: workers encoded once into typed arrays, then one target scored
// against all of them with the same hard filters and the same kernel as scorePair, keeping the top K
// in a bounded heap. A property test (columns.test.ts) checks it ranks exactly as rankTarget does.
import { isMatchable, WORKER_STATUSES } from "../lifecycle";
import type { WorkerStatus } from "../lifecycle";
import { isWithinRegion } from "../regions";
import {
  NONE,
  availabilityValue,
  dayNumber,
  destinationValue,
  experienceValue,
  occupationPrefValue,
  orderWageValue,
  postingWageValue,
  priorityPoints,
  recordValue,
  skillValue,
  totalScore,
  trainingSiteValue,
  trainingValue,
  ymd,
} from "./kernel";
import { slotPoints, type MatchPolicy } from "./policy";
import { compareRanked } from "./rank";
import { codeInt, kindsMask, targetFacts, trainingKindsMask, wantsOnlyLocal } from "./score";
import type { Day, DestinationKind, MatchTarget, MatchWorker, TrainingKind } from "./types";

const F_MATCHABLE = 1,
  F_POOR = 2,
  F_PRIO = 4,
  F_RISK = 8,
  F_PREF = 16,
  F_HOME_ONLY = 32,
  F_UNWILLING = 64;

/** Strings → dense ints, so comparisons in the scan are integer compares. */
class Dict {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.ids.set(s, i);
      this.values.push(s);
    }
    return i;
  }
  get(s: string): number {
    return this.ids.get(s) ?? -1;
  }
}

/** Compressed rows: values of worker i are vals[start[i] .. start[i+1]). */
type Csr = { start: Int32Array; ids: Int32Array };

export type WorkerColumns = {
  n: number;
  ids: string[];
  versions: Int32Array;
  flags: Uint8Array;
  /** Index into WORKER_STATUSES (decodeWorker gives the exact status back). */
  status: Uint8Array;
  /** County code id (dict.counties), so decodeWorker returns the code as stored. */
  countyId: Int32Array;
  province: Int32Array;
  county: Int32Array;
  /** 9-digit township code as an int, -1 when unknown. */
  township: Int32Array;
  /** Village key id (dict.villages), -1 when unknown. */
  village: Int32Array;
  birthYmd: Int32Array;
  minWage: Int32Array;
  availDay: Int32Array;
  destKinds: Uint8Array;
  trainKinds: Uint8Array;
  destRegions: Csr;
  /** The kinds as listed (dict.kinds): order kept for the explanation text. */
  destKindList: Csr;
  trainKindList: Csr;
  prefOccupations: Csr;
  skillStart: Int32Array;
  skillOcc: Int32Array;
  skillLevel: Int8Array;
  skillCert: Uint8Array;
  skillYears: Int16Array;
  declinedEmployers: Csr;
  declinedTargets: Csr;
  /** Candidate generation: for each occupation id, the workers with a skill in it (ascending). */
  byOccupation: Csr;
  /** Candidate generation: for each occupation id, the workers who wish for it (ascending). */
  byWish: Csr;
  dict: { occupations: Dict; regions: Dict; employers: Dict; targets: Dict; villages: Dict; counties: Dict; kinds: Dict };
};

/** A growable list of ints, trimmed into an Int32Array at the end. */
class IntList {
  private a = new Int32Array(1024);
  length = 0;
  push(v: number) {
    if (this.length === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
  done(): Int32Array {
    return this.a.slice(0, this.length);
  }
}

class CsrBuilder {
  readonly start: Int32Array;
  private vals = new IntList();
  constructor(
    n: number,
    private dict: Dict,
  ) {
    this.start = new Int32Array(n + 1);
  }
  row(i: number, values: readonly string[]) {
    for (const v of values) this.vals.push(this.dict.id(v));
    this.start[i + 1] = this.vals.length;
  }
  done(): Csr {
    return { start: this.start, ids: this.vals.done() };
  }
}

export function encodeWorkers(workers: readonly MatchWorker[]): WorkerColumns {
  return encodeWorkerStream(workers.length, (i) => workers[i]);
}

/**
 * Encode n workers handed over one at a time (nth(0), nth(1) … each once, in order), so a service or
 * a benchmark can stream a province's workers without holding them all as objects.
 */
export function encodeWorkerStream(n: number, nth: (i: number) => MatchWorker): WorkerColumns {
  const dict = {
    occupations: new Dict(),
    regions: new Dict(),
    employers: new Dict(),
    targets: new Dict(),
    villages: new Dict(),
    counties: new Dict(),
    kinds: new Dict(),
  };
  const c = {
    versions: new Int32Array(n),
    flags: new Uint8Array(n),
    status: new Uint8Array(n),
    countyId: new Int32Array(n),
    province: new Int32Array(n),
    county: new Int32Array(n),
    township: new Int32Array(n),
    village: new Int32Array(n),
    birthYmd: new Int32Array(n),
    minWage: new Int32Array(n),
    availDay: new Int32Array(n),
    destKinds: new Uint8Array(n),
    trainKinds: new Uint8Array(n),
  };
  const ids: string[] = new Array(n);
  const skillStart = new Int32Array(n + 1);
  const skillOcc = new IntList(),
    skillLevel = new IntList(),
    skillCert = new IntList(),
    skillYears = new IntList();
  const destRegions = new CsrBuilder(n, dict.regions),
    prefOccupations = new CsrBuilder(n, dict.occupations);
  const destKindList = new CsrBuilder(n, dict.kinds),
    trainKindList = new CsrBuilder(n, dict.kinds);
  const declinedEmployers = new CsrBuilder(n, dict.employers),
    declinedTargets = new CsrBuilder(n, dict.targets);
  for (let i = 0; i < n; i++) {
    const w = nth(i);
    const p = w.preference;
    ids[i] = w.id;
    c.versions[i] = w.version;
    c.flags[i] =
      (isMatchable(w.status as WorkerStatus) ? F_MATCHABLE : 0) |
      (w.isRegisteredPoor ? F_POOR : 0) |
      (w.hasPriorityFactors ? F_PRIO : 0) |
      (w.atRiskOfPoverty ? F_RISK : 0) |
      (p ? F_PREF : 0) |
      (p?.homeBasedOnly ? F_HOME_ONLY : 0) |
      (p && !p.willingToTrain ? F_UNWILLING : 0);
    c.status[i] = WORKER_STATUSES.indexOf(w.status);
    c.countyId[i] = dict.counties.id(w.countyCode);
    c.province[i] = codeInt(w.countyCode, 2);
    c.county[i] = codeInt(w.countyCode, 6);
    c.township[i] = w.townshipCode !== null && /^\d{9}$/.test(w.townshipCode) ? Number(w.townshipCode) : NONE;
    c.village[i] = w.villageKey === null ? NONE : dict.villages.id(w.villageKey);
    c.birthYmd[i] = ymd(w.birthDate);
    c.minWage[i] = p?.minMonthlyWage ?? NONE;
    c.availDay[i] = dayNumber(p?.availableFrom ?? null);
    c.destKinds[i] = p ? kindsMask(p.destinationKinds) : 0;
    c.trainKinds[i] = p ? trainingKindsMask(p.trainingKinds) : 0;
    for (const s of w.skills) {
      skillOcc.push(dict.occupations.id(s.occupationCode));
      skillLevel.push(s.level ?? 0);
      skillCert.push(s.hasCertificate ? 1 : 0);
      skillYears.push(s.yearsExperience ?? NONE);
    }
    skillStart[i + 1] = skillOcc.length;
    destRegions.row(i, p?.destinationRegionCodes ?? []);
    destKindList.row(i, p?.destinationKinds ?? []);
    trainKindList.row(i, p?.trainingKinds ?? []);
    prefOccupations.row(i, p?.occupationCodes ?? []);
    declinedEmployers.row(i, w.declinedEmployerIds);
    declinedTargets.row(i, w.declinedByTargetIds);
  }
  const prefOcc = prefOccupations.done();
  return {
    n,
    ids,
    ...c,
    destRegions: destRegions.done(),
    prefOccupations: prefOcc,
    destKindList: destKindList.done(),
    trainKindList: trainKindList.done(),
    skillStart,
    skillOcc: skillOcc.done(),
    skillLevel: Int8Array.from(skillLevel.done()),
    skillCert: Uint8Array.from(skillCert.done()),
    skillYears: Int16Array.from(skillYears.done()),
    declinedEmployers: declinedEmployers.done(),
    declinedTargets: declinedTargets.done(),
    byOccupation: occupationIndex(n, skillStart, skillOcc.done(), dict.occupations.values.length),
    byWish: occupationIndex(n, prefOcc.start, prefOcc.ids, dict.occupations.values.length),
    dict,
  };
}

/** Inverts rows of occupation ids (skills or wishes) into occupation → workers, each worker once per occupation. */
function occupationIndex(n: number, skillStart: Int32Array, skillOcc: Int32Array, occupations: number): Csr {
  const start = new Int32Array(occupations + 1);
  const seen = (i: number, j: number) => {
    for (let k = skillStart[i]; k < j; k++) if (skillOcc[k] === skillOcc[j]) return true;
    return false;
  };
  for (let i = 0; i < n; i++) for (let j = skillStart[i]; j < skillStart[i + 1]; j++) if (!seen(i, j)) start[skillOcc[j] + 1]++;
  for (let o = 0; o < occupations; o++) start[o + 1] += start[o];
  const ids = new Int32Array(start[occupations]);
  const fill = start.slice(0, occupations);
  for (let i = 0; i < n; i++) for (let j = skillStart[i]; j < skillStart[i + 1]; j++) if (!seen(i, j)) ids[fill[skillOcc[j]]++] = i;
  return { start, ids };
}

/** Bytes held by the typed arrays (ids and dictionaries not included). */
export function columnsByteLength(c: WorkerColumns): number {
  let bytes = 0;
  for (const v of Object.values(c)) {
    if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    else if (v && typeof v === "object" && "start" in v && "ids" in v) bytes += (v as Csr).start.byteLength + (v as Csr).ids.byteLength;
  }
  return bytes;
}

export type ColumnHit = { index: number; workerId: string; score: number };
/**
 * k: how many to keep (default policy.topN); nearMissN: how many near-misses (default
 * policy.nearMissN: people who failed only "not this job, not yet" constraints, ranked by what they
 * would have scored, as rankTarget's). prune (default true): skip a person as soon as an upper bound
 * of their score, from the cheap factors and the best case of the rest, cannot reach the K-th best
 * so far of the list they would join (margin 0.01 for the two-decimal rounding, so the result is
 * exactly the same). candidates: "all" scores every worker in the columns (rankTarget over all of
 * them); "rule" only the service's candidates (isCandidate in ./candidates: rankTarget over
 * workers.filter(isCandidate)), read through the occupation indexes. exclude: worker ids left out
 * (rows already acted on for this target).
 */
export type ColumnRankOptions = {
  today: Day;
  k?: number;
  nearMissN?: number;
  prune?: boolean;
  candidates?: "all" | "rule";
  exclude?: ReadonlySet<string>;
  /** Scores other parts of the population already reached K times (rankColumnParts): nobody provably below them is scored. */
  bar?: { top: number; near: number };
};
/**
 * pairsScored: workers looked at (candidates, or all unless the rest was provably out of reach);
 * eligible: of those, passed every hard constraint; fullyScored: of those looked at, not pruned.
 * With prune: false every candidate is looked at and scored in full.
 */
export type ColumnRankResult = { top: ColumnHit[]; nearMisses: ColumnHit[]; eligible: number; pairsScored: number; fullyScored: number };

const has = (c: Csr, i: number, id: number) => {
  if (id < 0) return false;
  for (let j = c.start[i], e = c.start[i + 1]; j < e; j++) if (c.ids[j] === id) return true;
  return false;
};

const dateOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const ymdDate = (v: number) =>
  `${String(Math.floor(v / 10000)).padStart(4, "0")}-${String(Math.floor(v / 100) % 100).padStart(2, "0")}-${String(v % 100).padStart(2, "0")}`;
const rowOf = (c: Csr, i: number, values: readonly string[]) => {
  const out: string[] = [];
  for (let j = c.start[i]; j < c.start[i + 1]; j++) out.push(values[c.ids[j]]);
  return out;
};

/**
 * Worker i as the object the scorer reads (days as "YYYY-MM-DD"; a township code that is not nine
 * digits comes back as null, which scores the same). scorePair on it gives the same result as on the
 * worker that was encoded, so explanations are built from the columns for the rows kept only.
 */
export function decodeWorker(c: WorkerColumns, i: number): MatchWorker {
  const fl = c.flags[i];
  const skills = [];
  for (let j = c.skillStart[i]; j < c.skillStart[i + 1]; j++) {
    skills.push({
      occupationCode: c.dict.occupations.values[c.skillOcc[j]],
      level: c.skillLevel[j] === 0 ? null : c.skillLevel[j],
      hasCertificate: c.skillCert[j] === 1,
      yearsExperience: c.skillYears[j] === NONE ? null : c.skillYears[j],
    });
  }
  const kinds = c.dict.kinds.values;
  return {
    id: c.ids[i],
    version: c.versions[i],
    countyCode: c.dict.counties.values[c.countyId[i]],
    townshipCode: c.township[i] === NONE ? null : String(c.township[i]),
    villageKey: c.village[i] === NONE ? null : c.dict.villages.values[c.village[i]],
    birthDate: ymdDate(c.birthYmd[i]),
    skills,
    preference:
      (fl & F_PREF) === 0
        ? null
        : {
            destinationKinds: rowOf(c.destKindList, i, kinds) as DestinationKind[],
            destinationRegionCodes: rowOf(c.destRegions, i, c.dict.regions.values),
            occupationCodes: rowOf(c.prefOccupations, i, c.dict.occupations.values),
            minMonthlyWage: c.minWage[i] === NONE ? null : c.minWage[i],
            willingToTrain: (fl & F_UNWILLING) === 0,
            trainingKinds: rowOf(c.trainKindList, i, kinds) as TrainingKind[],
            homeBasedOnly: (fl & F_HOME_ONLY) !== 0,
            availableFrom: c.availDay[i] === NONE ? null : dateOfDay(c.availDay[i]),
          },
    isRegisteredPoor: (fl & F_POOR) !== 0,
    hasPriorityFactors: (fl & F_PRIO) !== 0,
    atRiskOfPoverty: (fl & F_RISK) !== 0,
    status: WORKER_STATUSES[c.status[i]],
    declinedEmployerIds: rowOf(c.declinedEmployers, i, c.dict.employers.values),
    declinedByTargetIds: rowOf(c.declinedTargets, i, c.dict.targets.values),
  };
}

/** Takes worker i out of every ranking (its record changed or is gone; the fresh copy lives elsewhere). */
export function retireWorker(c: WorkerColumns, i: number): void {
  c.flags[i] &= ~F_MATCHABLE;
}

/** transferTypeFor over ints, as a destination-kind bit (BEIJING_TIANJIN 1, OTHER 2, WITHIN_HEBEI 4, LOCAL_COUNTY 8). */
function transferBit(workerProv: number, workerCounty: number, workProv: number, work6: number): number {
  if (workProv === 11 || workProv === 12) return 1;
  if (workProv !== workerProv) return 2;
  return work6 === workerCounty ? 8 : 4;
}

/** A bounded min-heap on (score, id): the root is the weakest of the best K kept so far. */
class TopK {
  private scores: Float64Array;
  private idx: Int32Array;
  size = 0;
  /** The score to beat (-Infinity until K are kept). */
  threshold(): number {
    return this.k === 0 ? Infinity : this.size < this.k ? -Infinity : this.scores[0];
  }
  constructor(
    readonly k: number,
    private ids: string[],
  ) {
    this.scores = new Float64Array(k);
    this.idx = new Int32Array(k);
  }
  /** a is weaker than b. */
  private weaker(sa: number, ia: number, sb: number, ib: number) {
    return compareRanked(sa, this.ids[ia], sb, this.ids[ib]) > 0;
  }
  offer(score: number, i: number) {
    if (this.k === 0) return;
    if (this.size < this.k) {
      let j = this.size++;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (!this.weaker(score, i, this.scores[p], this.idx[p])) break;
        this.scores[j] = this.scores[p];
        this.idx[j] = this.idx[p];
        j = p;
      }
      this.scores[j] = score;
      this.idx[j] = i;
      return;
    }
    if (score < this.scores[0] || !this.weaker(this.scores[0], this.idx[0], score, i)) return;
    let j = 0;
    for (;;) {
      const l = 2 * j + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const m = r < this.size && this.weaker(this.scores[r], this.idx[r], this.scores[l], this.idx[l]) ? r : l;
      if (!this.weaker(this.scores[m], this.idx[m], score, i)) break;
      this.scores[j] = this.scores[m];
      this.idx[j] = this.idx[m];
      j = m;
    }
    this.scores[j] = score;
    this.idx[j] = i;
  }
  sorted(): ColumnHit[] {
    const out: ColumnHit[] = [];
    for (let j = 0; j < this.size; j++) out.push({ index: this.idx[j], workerId: this.ids[this.idx[j]], score: this.scores[j] });
    return out.sort((a, b) => compareRanked(a.score, a.workerId, b.score, b.workerId));
  }
}

type BestSkill = { level: number; cert: boolean; years: number };
/**
 * bestSkill (./score) over the columns: worker i's best level, whether any skill is certified and the
 * most years, among the relevant occupations; written into `out` (one object per ranking, no garbage per row).
 */
function bestSkillOf(c: WorkerColumns, i: number, relevant: Uint8Array, out: BestSkill): BestSkill {
  out.level = NONE;
  out.cert = false;
  out.years = NONE;
  for (let j = c.skillStart[i], e = c.skillStart[i + 1]; j < e; j++) {
    if (relevant[c.skillOcc[j]] === 0) continue;
    const l = c.skillLevel[j];
    if (skillValue(l) > skillValue(out.level)) out.level = l;
    if (c.skillCert[j] === 1) out.cert = true;
    if (c.skillYears[j] > out.years) out.years = c.skillYears[j];
  }
  return out;
}

/** Top K eligible workers and the strongest near-misses for one target over the columns: same hard filters and scores as rankTarget. */
export function rankColumns(target: MatchTarget, c: WorkerColumns, policy: MatchPolicy, opts: ColumnRankOptions): ColumnRankResult {
  const f = targetFacts(target, opts.today);
  const pts = slotPoints(policy, target.kind);
  const todayYmd = ymd(opts.today);
  const posting = target.kind === "posting";
  const occ = c.dict.occupations;
  const relevant = new Uint8Array(occ.values.length + 1);
  for (const o of f.occupations) {
    const id = occ.get(o);
    if (id >= 0) relevant[id] = 1;
  }
  const relatedOk = new Uint8Array(occ.values.length + 1);
  let nRelated = 0;
  for (const o of f.related) {
    const id = occ.get(o);
    if (id >= 0) {
      relatedOk[id] = 1;
      nRelated++;
    }
  }
  const reqOcc = f.required.map((r) => occ.get(r.occupationCode));
  const reqMin = f.required.map((r) => r.minLevel ?? 0);
  const nReq = reqOcc.length;
  const targetOcc = occ.get(target.occupationCode);
  const regionOk = new Uint8Array(c.dict.regions.values.length);
  c.dict.regions.values.forEach((code, i) => {
    regionOk[i] = isWithinRegion(f.workRegionCode, code) ? 1 : 0;
  });
  const workProv = codeInt(f.workRegionCode, 2),
    work6 = codeInt(f.workRegionCode, 6);
  const work9 = f.workRegionCode.length >= 9 && /^\d{9}/.test(f.workRegionCode) ? Number(f.workRegionCode.slice(0, 9)) : -2;
  const locProv = posting ? NONE : codeInt(target.locationRegionCode, 2),
    loc6 = posting ? NONE : codeInt(target.locationRegionCode, 6);
  const targetId = c.dict.targets.get(target.id);
  const employerId = c.dict.employers.get(target.employerId);
  const grace = policy.availabilityGraceDays;
  const homeBased = f.homeBased;
  const wageMax = f.wageMax;
  const vr = recordValue(f.record);
  const heap = new TopK(Math.min(opts.k ?? policy.topN, c.n), c.ids);
  const near = new TopK(Math.min(opts.nearMissN ?? policy.nearMissN, c.n), c.ids);
  const best: BestSkill = { level: NONE, cert: false, years: NONE };
  const prune = opts.prune !== false;
  const exclude = opts.exclude && opts.exclude.size > 0 ? opts.exclude : null;
  // Best case of the factors read last: skill, certificate/prior skill, experience, occupation wish.
  let restMax = (posting ? pts.e1 + pts.e2 : pts.e2) + pts.e3 + pts.occ;
  const { flags, skillStart, skillOcc, skillLevel, birthYmd, minWages, availDays, province, countyCol, township, destKinds, trainKinds, ids } = {
    ...c,
    minWages: c.minWage,
    availDays: c.availDay,
    countyCol: c.county,
  };
  const dr = c.destRegions,
    po = c.prefOccupations;
  /** A list's K-th best can be ruled out for a person whose best case is `bound`. */
  const barTop = opts.bar?.top ?? -Infinity,
    barNear = opts.bar?.near ?? -Infinity;
  const outOfReach = (h: TopK, bound: number) => {
    const thr = Math.max(h.threshold(), h === heap ? barTop : barNear);
    return thr > 0.01 && bound < thr - 0.01;
  };

  // Age by birth date cut-offs (exact integer form of ageMin ≤ age ≤ ageMax; under 16 is never a near-miss).
  const bornAfter = todayYmd - (f.ageMax + 1) * 10000,
    bornBy = todayYmd - f.ageMin * 10000,
    under16 = todayYmd - 160000;
  let eligible = 0,
    fully = 0,
    considered = 0;

  // Candidate marks ("rule"): skill in the target's, a required or a related occupation; a wish for
  // the target's or a required one; for a training order, willing to train (checked in the loop).
  const rule = opts.candidates === "rule";
  let mark: Uint8Array | null = null;
  if (rule) {
    mark = new Uint8Array(c.n);
    const markAll = (index: Csr, codes: readonly string[]) => {
      for (const code of codes) {
        const o = occ.get(code);
        if (o < 0 || o + 1 >= index.start.length) continue;
        for (let j = index.start[o], e = index.start[o + 1]; j < e; j++) mark![index.ids[j]] = 1;
      }
    };
    markAll(c.byOccupation, [...f.occupations, ...(posting ? (target.relatedOccupations ?? []) : [])]);
    markAll(c.byWish, f.occupations);
  }
  const willingCandidates = rule && !posting;

  // Candidate generation. Phase 1: people with a skill in the required occupation (nobody else can
  // qualify) or, with no requirement, in the target's occupation (they fill the top first). Phase 2:
  // everyone else (for near-misses, or matches when nothing is required). When the target's own
  // occupation is the only one that counts, phase-2 people have no skill in it, so skill,
  // certificate and experience give 0; when even their best case cannot reach either list they are
  // not read at all. One loop, no closure: the hot locals stay in registers.
  const phase1Occ = nReq > 0 ? reqOcc[0] : targetOcc;
  const idx = c.byOccupation;
  const p1 = phase1Occ < 0 || phase1Occ + 1 >= idx.start.length ? idx.ids.subarray(0, 0) : idx.ids.subarray(idx.start[phase1Occ], idx.start[phase1Occ + 1]);
  const n1 = p1.length;
  const total = nReq === 0 || near.k > 0 ? n1 + c.n : n1;
  const onlyOwnTrade = f.occupations.length === 1 && phase1Occ === targetOcc;
  let next = 0;
  for (let k = 0; k < total; k++) {
    let i: number;
    if (k < n1) i = p1[k];
    else {
      if (k === n1) {
        const rest = onlyOwnTrade ? pts.e1 * (posting ? 0 : 1) + pts.occ : (posting ? pts.e1 + pts.e2 : pts.e1 + pts.e2) + pts.e3 + pts.occ;
        const best = rest + pts.e4 + pts.e5 + pts.dest + pts.wage * (posting ? 0.85 + 0.05 * f.benefits : 1) + pts.record * vr + pts.poor + pts.prio + pts.risk;
        if (prune && outOfReach(heap, best) && outOfReach(near, best)) break;
        if (onlyOwnTrade) restMax = pts.occ;
      }
      i = k - n1;
      if (next < n1 && p1[next] === i) {
        next++;
        continue;
      }
      if (mark !== null && mark[i] === 0 && !(willingCandidates && (flags[i] & (F_PREF | F_UNWILLING)) === F_PREF)) continue;
    }
    considered++;
    const fl = flags[i];
    if ((fl & F_MATCHABLE) === 0) continue;
    if (exclude !== null && exclude.has(ids[i])) continue;
    if (targetId >= 0 && has(c.declinedTargets, i, targetId)) continue;
    const birth = birthYmd[i];
    if (birth > under16) continue;
    // miss: failed a "not this job, not yet" constraint — a near-miss at best.
    let miss = birth <= bornAfter || birth > bornBy;
    const minWage = minWages[i];
    if (posting && minWage >= 0 && minWage > wageMax) miss = true;
    const avail = availDays[i];
    const late = avail === NONE ? 0 : avail - f.startDay;
    if (late > grace) miss = true;
    if (!posting && (fl & F_UNWILLING) !== 0) miss = true;
    const prov = province[i],
      county = countyCol[i];
    const tb = transferBit(prov, county, workProv, work6);
    const local = tb === 8;
    const tMask = local && homeBased ? 8 | 16 : tb;
    if ((fl & F_HOME_ONLY) !== 0) {
      const allowed = posting ? homeBased && local : local && transferBit(prov, county, locProv, loc6) === 8;
      if (!allowed) miss = true;
    }
    // Named places: 0 none, 1 one contains the work place, 2 named elsewhere.
    const r0 = dr.start[i],
      r1 = dr.start[i + 1];
    let regionState = 0;
    if (r1 > r0) {
      regionState = 2;
      for (let j = r0; j < r1; j++)
        if (regionOk[dr.ids[j]] === 1) {
          regionState = 1;
          break;
        }
    }
    if (!local && regionState !== 1 && wantsOnlyLocal(destKinds[i])) miss = true;
    const s0 = skillStart[i],
      s1 = skillStart[i + 1];
    if (nRelated > 0) {
      // One training step away (a skill only in a related trade, no wish for this one): a near-miss, not a match.
      let inTrade = false,
        related = false;
      for (let j = s0; j < s1; j++) {
        const o = skillOcc[j];
        if (relevant[o] === 1) {
          inTrade = true;
          break;
        }
        if (relatedOk[o] === 1) related = true;
      }
      if (!inTrade && related) {
        for (let j = po.start[i], e = po.start[i + 1]; j < e; j++)
          if (relevant[po.ids[j]] === 1) {
            inTrade = true;
            break;
          }
        if (!inTrade) miss = true;
      }
    }
    let skills: BestSkill | null = null;
    if (nReq > 0 || f.needsCertificate) {
      for (let r = 0; r < nReq; r++) {
        let found = false;
        for (let j = s0; j < s1; j++) {
          if (skillOcc[j] !== reqOcc[r]) continue;
          found = true;
          const l = skillLevel[j];
          if (reqMin[r] > 0 && (l === 0 || l > reqMin[r])) miss = true;
          break;
        }
        if (!found) {
          miss = true;
          break;
        }
      }
      skills = bestSkillOf(c, i, relevant, best);
      if (f.needsCertificate && !skills.cert) miss = true;
    }
    if (!miss) eligible++;
    const list = miss ? near : heap;

    // Cheap factors first; stop when even the best case of the rest cannot reach the list's top K.
    const hasPref = (fl & F_PREF) !== 0;
    const v4 = availabilityValue(late, grace);
    const vw = posting ? postingWageValue(minWage, f.wageMin, wageMax, f.benefits) : orderWageValue(minWage, f.commitWage);
    const sameTownship = township[i] !== NONE && township[i] === work9;
    const vd = destinationValue(hasPref, destKinds[i], tMask, regionState, tMask >= 8, sameTownship);
    const prio = priorityPoints(pts, (fl & F_POOR) !== 0, (fl & F_PRIO) !== 0, (fl & F_RISK) !== 0);
    const vt = posting ? 0 : trainingValue(hasPref, trainKinds[i], f.trainingKindBit);
    const v5 = posting ? 0 : trainingSiteValue(county, f.siteCounty);
    if (prune || list.k === 0) {
      const ub = restMax + pts.e1 * vt + pts.e4 * v4 + pts.e5 * v5 + pts.dest * vd + pts.wage * vw + pts.record * vr + prio;
      if (outOfReach(list, ub)) continue;
    }
    fully++;
    const { level, cert, years } = skills ?? bestSkillOf(c, i, relevant, best);
    const v1 = posting ? skillValue(level) : vt;
    const v2 = posting ? (cert ? 1 : 0) : skillValue(level);
    const v3 = experienceValue(years);
    const vo = occupationPrefValue(hasPref, po.start[i + 1] - po.start[i], has(po, i, targetOcc));
    const declined = employerId >= 0 && has(c.declinedEmployers, i, employerId);
    list.offer(totalScore(pts, v1, v2, v3, v4, v5, vd, vw, vo, vr, prio, declined), i);
  }
  return { top: heap.sorted(), nearMisses: near.sorted(), eligible, pairsScored: considered, fullyScored: fully };
}

export type PartHit = ColumnHit & { part: number };
/**
 * rankColumns over a population held in several column sets (chunks of a province, plus the people
 * changed since they were encoded): each part is told the K-th best so far, and the lists are
 * merged. The same people, order and scores as rankColumns over all of them at once.
 */
export function rankColumnParts(
  target: MatchTarget,
  parts: readonly WorkerColumns[],
  policy: MatchPolicy,
  opts: Omit<ColumnRankOptions, "bar">,
): { top: PartHit[]; nearMisses: PartHit[]; eligible: number; pairsScored: number; fullyScored: number } {
  const k = opts.k ?? policy.topN,
    nearK = opts.nearMissN ?? policy.nearMissN;
  let top: PartHit[] = [],
    near: PartHit[] = [];
  let eligible = 0,
    pairsScored = 0,
    fullyScored = 0;
  const merge = (a: PartHit[], b: ColumnHit[], part: number, n: number) =>
    [...a, ...b.map((h) => ({ ...h, part }))].sort((x, y) => compareRanked(x.score, x.workerId, y.score, y.workerId)).slice(0, n);
  parts.forEach((cols, part) => {
    const bar = {
      top: k > 0 && top.length >= k ? top[top.length - 1].score : -Infinity,
      near: nearK > 0 && near.length >= nearK ? near[near.length - 1].score : -Infinity,
    };
    const r = rankColumns(target, cols, policy, { ...opts, bar });
    eligible += r.eligible;
    pairsScored += r.pairsScored;
    fullyScored += r.fullyScored;
    top = merge(top, r.top, part, k);
    near = merge(near, r.nearMisses, part, nearK);
  });
  return { top, nearMisses: near, eligible, pairsScored, fullyScored };
}
