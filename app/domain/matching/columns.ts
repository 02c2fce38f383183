// The fast path for province scale: workers encoded once into typed arrays, then one target scored
// against all of them with the same hard filters and the same kernel as scorePair, keeping the top K
// in a bounded heap. A property test (columns.test.ts) checks it ranks exactly as rankTarget does.
import { isMatchable } from "../lifecycle";
import type { WorkerStatus } from "../lifecycle";
import { isWithinRegion } from "../regions";
import {
  NONE, availabilityValue, dayNumber, destinationValue, experienceValue, occupationPrefValue, orderWageValue,
  postingWageValue, priorityPoints, recordValue, skillValue, totalScore, trainingSiteValue, trainingValue, ymd,
} from "./kernel";
import { slotPoints, type MatchPolicy } from "./policy";
import { compareRanked } from "./rank";
import { codeInt, kindBit, kindsMask, targetFacts, trainingKindsMask, wantsOnlyLocal } from "./score";
import type { Day, MatchTarget, MatchWorker } from "./types";

const F_MATCHABLE = 1, F_POOR = 2, F_PRIO = 4, F_RISK = 8, F_PREF = 16, F_HOME_ONLY = 32, F_UNWILLING = 64;

/** Strings → dense ints, so comparisons in the scan are integer compares. */
class Dict {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) { i = this.values.length; this.ids.set(s, i); this.values.push(s); }
    return i;
  }
  get(s: string): number { return this.ids.get(s) ?? -1; }
}

/** Compressed rows: values of worker i are vals[start[i] .. start[i+1]). */
type Csr = { start: Int32Array; ids: Int32Array };

export type WorkerColumns = {
  n: number;
  ids: string[];
  versions: Int32Array;
  flags: Uint8Array;
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
  dict: { occupations: Dict; regions: Dict; employers: Dict; targets: Dict; villages: Dict };
};

/** A growable list of ints, trimmed into an Int32Array at the end. */
class IntList {
  private a = new Int32Array(1024);
  length = 0;
  push(v: number) {
    if (this.length === this.a.length) { const b = new Int32Array(this.a.length * 2); b.set(this.a); this.a = b; }
    this.a[this.length++] = v;
  }
  done(): Int32Array { return this.a.slice(0, this.length); }
}

class CsrBuilder {
  readonly start: Int32Array;
  private vals = new IntList();
  constructor(n: number, private dict: Dict) { this.start = new Int32Array(n + 1); }
  row(i: number, values: readonly string[]) {
    for (const v of values) this.vals.push(this.dict.id(v));
    this.start[i + 1] = this.vals.length;
  }
  done(): Csr { return { start: this.start, ids: this.vals.done() }; }
}

export function encodeWorkers(workers: readonly MatchWorker[]): WorkerColumns {
  return encodeWorkerStream(workers.length, (i) => workers[i]);
}

/**
 * Encode n workers handed over one at a time (nth(0), nth(1) … each once, in order), so a service or
 * a benchmark can stream a province's workers without holding them all as objects.
 */
export function encodeWorkerStream(n: number, nth: (i: number) => MatchWorker): WorkerColumns {
  const dict = { occupations: new Dict(), regions: new Dict(), employers: new Dict(), targets: new Dict(), villages: new Dict() };
  const c = {
    versions: new Int32Array(n), flags: new Uint8Array(n), province: new Int32Array(n), county: new Int32Array(n), township: new Int32Array(n),
    village: new Int32Array(n), birthYmd: new Int32Array(n), minWage: new Int32Array(n), availDay: new Int32Array(n),
    destKinds: new Uint8Array(n), trainKinds: new Uint8Array(n),
  };
  const ids: string[] = new Array(n);
  const skillStart = new Int32Array(n + 1);
  const skillOcc = new IntList(), skillLevel = new IntList(), skillCert = new IntList(), skillYears = new IntList();
  const destRegions = new CsrBuilder(n, dict.regions), prefOccupations = new CsrBuilder(n, dict.occupations);
  const declinedEmployers = new CsrBuilder(n, dict.employers), declinedTargets = new CsrBuilder(n, dict.targets);
  for (let i = 0; i < n; i++) {
    const w = nth(i);
    const p = w.preference;
    ids[i] = w.id;
    c.versions[i] = w.version;
    c.flags[i] = (isMatchable(w.status as WorkerStatus) ? F_MATCHABLE : 0) | (w.isRegisteredPoor ? F_POOR : 0) | (w.hasPriorityFactors ? F_PRIO : 0) | (w.atRiskOfPoverty ? F_RISK : 0)
      | (p ? F_PREF : 0) | (p?.homeBasedOnly ? F_HOME_ONLY : 0) | (p && !p.willingToTrain ? F_UNWILLING : 0);
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
    prefOccupations.row(i, p?.occupationCodes ?? []);
    declinedEmployers.row(i, w.declinedEmployerIds);
    declinedTargets.row(i, w.declinedByTargetIds);
  }
  return {
    n, ids, ...c,
    destRegions: destRegions.done(), prefOccupations: prefOccupations.done(),
    skillStart, skillOcc: skillOcc.done(), skillLevel: Int8Array.from(skillLevel.done()), skillCert: Uint8Array.from(skillCert.done()), skillYears: Int16Array.from(skillYears.done()),
    declinedEmployers: declinedEmployers.done(), declinedTargets: declinedTargets.done(),
    byOccupation: occupationIndex(n, skillStart, skillOcc.done(), dict.occupations.values.length),
    dict,
  };
}

function occupationIndex(n: number, skillStart: Int32Array, skillOcc: Int32Array, occupations: number): Csr {
  const start = new Int32Array(occupations + 1);
  const seen = (i: number, j: number) => { for (let k = skillStart[i]; k < j; k++) if (skillOcc[k] === skillOcc[j]) return true; return false; };
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
 * k: how many to keep (default policy.topN). prune (default true): skip a person as soon as an upper
 * bound of their score, from the cheap factors and the best case of the rest, cannot reach the K-th
 * best so far (margin 0.01 for the two-decimal rounding, so the result is exactly the same).
 */
export type ColumnRankOptions = { today: Day; k?: number; prune?: boolean };
/**
 * pairsScored: workers looked at (candidates of the required skill, or all unless the rest was provably
 * out of reach); eligible: of those, passed every hard constraint; fullyScored: of those, not pruned.
 * With prune: false every worker is looked at and scored in full.
 */
export type ColumnRankResult = { top: ColumnHit[]; eligible: number; pairsScored: number; fullyScored: number };

const has = (c: Csr, i: number, id: number) => {
  if (id < 0) return false;
  for (let j = c.start[i], e = c.start[i + 1]; j < e; j++) if (c.ids[j] === id) return true;
  return false;
};

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
  threshold(): number { return this.size < this.k ? -Infinity : this.scores[0]; }
  constructor(private k: number, private ids: string[]) { this.scores = new Float64Array(k); this.idx = new Int32Array(k); }
  /** a is weaker than b. */
  private weaker(sa: number, ia: number, sb: number, ib: number) { return compareRanked(sa, this.ids[ia], sb, this.ids[ib]) > 0; }
  offer(score: number, i: number) {
    if (this.k === 0) return;
    if (this.size < this.k) {
      let j = this.size++;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (!this.weaker(score, i, this.scores[p], this.idx[p])) break;
        this.scores[j] = this.scores[p]; this.idx[j] = this.idx[p]; j = p;
      }
      this.scores[j] = score; this.idx[j] = i;
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
      this.scores[j] = this.scores[m]; this.idx[j] = this.idx[m]; j = m;
    }
    this.scores[j] = score; this.idx[j] = i;
  }
  sorted(): ColumnHit[] {
    const out: ColumnHit[] = [];
    for (let j = 0; j < this.size; j++) out.push({ index: this.idx[j], workerId: this.ids[this.idx[j]], score: this.scores[j] });
    return out.sort((a, b) => compareRanked(a.score, a.workerId, b.score, b.workerId));
  }
}

/** Top K eligible workers for one target over the columns: same hard filters and scores as rankTarget. */
export function rankColumns(target: MatchTarget, c: WorkerColumns, policy: MatchPolicy, opts: ColumnRankOptions): ColumnRankResult {
  const f = targetFacts(target, opts.today);
  const pts = slotPoints(policy, target.kind);
  const todayYmd = ymd(opts.today);
  const posting = target.kind === "posting";
  const occ = c.dict.occupations;
  const relevant = new Uint8Array(occ.values.length + 1);
  for (const o of f.occupations) { const id = occ.get(o); if (id >= 0) relevant[id] = 1; }
  const relatedOk = new Uint8Array(occ.values.length + 1);
  let nRelated = 0;
  for (const o of f.related) { const id = occ.get(o); if (id >= 0) { relatedOk[id] = 1; nRelated++; } }
  const reqOcc = f.required.map((r) => occ.get(r.occupationCode));
  const reqMin = f.required.map((r) => r.minLevel ?? 0);
  const nReq = reqOcc.length;
  const targetOcc = occ.get(target.occupationCode);
  const regionOk = new Uint8Array(c.dict.regions.values.length);
  c.dict.regions.values.forEach((code, i) => { regionOk[i] = isWithinRegion(f.workRegionCode, code) ? 1 : 0; });
  const workProv = codeInt(f.workRegionCode, 2), work6 = codeInt(f.workRegionCode, 6);
  const work9 = f.workRegionCode.length >= 9 && /^\d{9}/.test(f.workRegionCode) ? Number(f.workRegionCode.slice(0, 9)) : -2;
  const locProv = posting ? NONE : codeInt(target.locationRegionCode, 2), loc6 = posting ? NONE : codeInt(target.locationRegionCode, 6);
  const targetId = c.dict.targets.get(target.id);
  const employerId = c.dict.employers.get(target.employerId);
  const grace = policy.availabilityGraceDays;
  const homeBased = f.homeBased;
  const wageMax = f.wageMax;
  const vr = recordValue(f.record);
  const heap = new TopK(Math.min(opts.k ?? policy.topN, c.n), c.ids);
  const prune = opts.prune !== false;
  // Best case of the factors read last: skill, certificate/prior skill, experience, occupation wish.
  let restMax = (posting ? pts.e1 + pts.e2 : pts.e2) + pts.e3 + pts.occ;
  const { flags, skillStart, skillOcc, skillLevel, skillCert, skillYears, birthYmd, minWages, availDays, province, countyCol, township, destKinds, trainKinds } = {
    ...c, minWages: c.minWage, availDays: c.availDay, countyCol: c.county,
  };
  const dr = c.destRegions, po = c.prefOccupations;

  // Age by birth date cut-offs (exact integer form of ageMin ≤ age ≤ ageMax).
  const bornAfter = todayYmd - (f.ageMax + 1) * 10000, bornBy = todayYmd - f.ageMin * 10000;
  let eligible = 0, fully = 0, considered = 0;

  // Candidate generation. Phase 1 (k < p1.length): people with a skill in the required occupation
  // (nobody else can qualify) or, with no requirement, in the target's occupation (they fill the top
  // first). Phase 2 (no required skill): everyone else. They have no skill in the target's
  // occupation, so skill, certificate and experience give 0; when even their best case cannot reach
  // the top K they are not read at all. One loop, no closure: the hot locals stay in registers.
  const phase1Occ = nReq > 0 ? reqOcc[0] : targetOcc;
  const idx = c.byOccupation;
  const p1 = phase1Occ < 0 ? idx.ids.subarray(0, 0) : idx.ids.subarray(idx.start[phase1Occ], idx.start[phase1Occ + 1]);
  const n1 = p1.length;
  const total = nReq === 0 ? n1 + c.n : n1;
  let next = 0;
  for (let k = 0; k < total; k++) {
    let i: number;
    if (k < n1) i = p1[k];
    else {
      if (k === n1) {
        const best = pts.e1 * (posting ? 0 : 1) + pts.e4 + pts.e5 + pts.dest + pts.wage * (posting ? 0.85 + 0.05 * f.benefits : 1) + pts.occ + pts.record * vr + pts.poor + pts.prio + pts.risk;
        const thr = heap.threshold();
        if (prune && thr > 0.01 && best < thr - 0.01) break;
        restMax = pts.occ;
      }
      i = k - n1;
      if (next < n1 && p1[next] === i) { next++; continue; }
    }
    considered++;
    const fl = flags[i];
    if ((fl & F_MATCHABLE) === 0) continue;
    const birth = birthYmd[i];
    if (birth <= bornAfter || birth > bornBy) continue;
    const minWage = minWages[i];
    if (posting && minWage >= 0 && minWage > wageMax) continue;
    const avail = availDays[i];
    const late = avail === NONE ? 0 : avail - f.startDay;
    if (late > grace) continue;
    if (!posting && (fl & F_UNWILLING) !== 0) continue;
    const prov = province[i], county = countyCol[i];
    const tb = transferBit(prov, county, workProv, work6);
    const local = tb === 8;
    const tMask = local && homeBased ? 8 | 16 : tb;
    if ((fl & F_HOME_ONLY) !== 0) {
      const allowed = posting ? homeBased && local : local && transferBit(prov, county, locProv, loc6) === 8;
      if (!allowed) continue;
    }
    // Named places: 0 none, 1 one contains the work place, 2 named elsewhere.
    const r0 = dr.start[i], r1 = dr.start[i + 1];
    let regionState = 0;
    if (r1 > r0) { regionState = 2; for (let j = r0; j < r1; j++) if (regionOk[dr.ids[j]] === 1) { regionState = 1; break; } }
    if (!local && regionState !== 1 && wantsOnlyLocal(destKinds[i])) continue;
    if (targetId >= 0 && has(c.declinedTargets, i, targetId)) continue;
    const s0 = skillStart[i], s1 = skillStart[i + 1];
    if (nRelated > 0) {
      // One training step away (a skill only in a related trade, no wish for this one): a near-miss, not a match.
      let inTrade = false, related = false;
      for (let j = s0; j < s1; j++) { const o = skillOcc[j]; if (relevant[o] === 1) { inTrade = true; break; } if (relatedOk[o] === 1) related = true; }
      if (!inTrade && related) {
        for (let j = po.start[i], e = po.start[i + 1]; j < e; j++) if (relevant[po.ids[j]] === 1) { inTrade = true; break; }
        if (!inTrade) continue;
      }
    }
    let level = NONE, cert = false, years = NONE, skillsRead = false;
    if (nReq > 0 || f.needsCertificate) {
      let ok = true;
      for (let r = 0; r < nReq && ok; r++) {
        let found = false;
        for (let j = s0; j < s1; j++) {
          if (skillOcc[j] !== reqOcc[r]) continue;
          found = true;
          const l = skillLevel[j];
          if (reqMin[r] > 0 && (l === 0 || l > reqMin[r])) ok = false;
          break;
        }
        if (!found) ok = false;
      }
      if (!ok) continue;
      for (let j = s0; j < s1; j++) {
        if (relevant[skillOcc[j]] === 0) continue;
        const l = skillLevel[j];
        if (skillValue(l) > skillValue(level)) level = l;
        if (skillCert[j] === 1) cert = true;
        if (skillYears[j] > years) years = skillYears[j];
      }
      skillsRead = true;
      if (f.needsCertificate && !cert) continue;
    }
    eligible++;

    // Cheap factors first; stop when even the best case of the rest cannot reach the top K.
    const hasPref = (fl & F_PREF) !== 0;
    const v4 = availabilityValue(late, grace);
    const vw = posting ? postingWageValue(minWage, f.wageMin, wageMax, f.benefits) : orderWageValue(minWage, f.commitWage);
    const sameTownship = township[i] !== NONE && township[i] === work9;
    const vd = destinationValue(hasPref, destKinds[i], tMask, regionState, tMask >= 8, sameTownship);
    const prio = priorityPoints(pts, (fl & F_POOR) !== 0, (fl & F_PRIO) !== 0, (fl & F_RISK) !== 0);
    const vt = posting ? 0 : trainingValue(hasPref, trainKinds[i], f.trainingKindBit);
    const v5 = posting ? 0 : trainingSiteValue(county, f.siteCounty);
    if (prune) {
      const thr = heap.threshold();
      if (thr > 0.01) {
        const ub = restMax + pts.e1 * vt + pts.e4 * v4 + pts.e5 * v5 + pts.dest * vd + pts.wage * vw + pts.record * vr + prio;
        if (ub < thr - 0.01) continue;
      }
    }
    fully++;
    if (!skillsRead) {
      for (let j = s0; j < s1; j++) {
        if (relevant[skillOcc[j]] === 0) continue;
        const l = skillLevel[j];
        if (skillValue(l) > skillValue(level)) level = l;
        if (skillCert[j] === 1) cert = true;
        if (skillYears[j] > years) years = skillYears[j];
      }
    }
    const v1 = posting ? skillValue(level) : vt;
    const v2 = posting ? (cert ? 1 : 0) : skillValue(level);
    const v3 = experienceValue(years);
    const vo = occupationPrefValue(hasPref, po.start[i + 1] - po.start[i], has(po, i, targetOcc));
    const declined = employerId >= 0 && has(c.declinedEmployers, i, employerId);
    heap.offer(totalScore(pts, v1, v2, v3, v4, v5, vd, vw, vo, vr, prio, declined), i);
  }
  return { top: heap.sorted(), eligible, pairsScored: considered, fullyScored: fully };
}
