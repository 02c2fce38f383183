// The numbers behind every factor, as small functions of plain numbers. The object path (scorePair)
// and the columnar path (rankColumns) both call these, in the same order, so they give the same
// score to the last bit. Conventions: -1 means "not stated"; levels 1 best … 5 entry, 0 = skill
// without a graded level, -1 = no skill in that occupation.
import type { SlotPoints } from "./policy";

export const NONE = -1;

/** Skill in the target's occupation: having it at all counts most, a better level adds up to 0.4. */
export function skillValue(level: number): number {
  if (level < 0) return 0;
  return level === 0 ? 0.6 : 0.6 + (6 - level) * 0.08;
}

export function experienceValue(years: number): number {
  return years <= 0 ? 0 : years >= 5 ? 1 : years / 5;
}

/** Days late after the start (start = the target's date, or today when none): 0 → 1, grace → ~0. */
export function availabilityValue(lateDays: number, graceDays: number): number {
  return lateDays <= 0 ? 1 : 1 - lateDays / (graceDays + 1);
}

/** Wage offered vs the person's floor (hard when the floor is above wageMax); benefits add a little. */
export function postingWageValue(minWage: number, wageMin: number, wageMax: number, benefits: number): number {
  let base: number;
  if (minWage < 0) base = 0.7;
  else if (minWage <= wageMin) base = 1;
  else if (minWage > wageMax)
    base = 0; // a hard failure; kept at 0 so near-misses still rank sensibly
  else base = wageMax > wageMin ? 0.5 + (0.5 * (wageMax - minWage)) / (wageMax - wageMin) : 1;
  return 0.85 * base + 0.05 * benefits;
}

/** A training order's committed wage is a floor the employer promises, so a higher wish is soft only. */
export function orderWageValue(minWage: number, commitWage: number): number {
  if (commitWage < 0) return 0.5;
  if (minWage < 0) return 0.7;
  return minWage <= commitWage ? 1 : 0.3;
}

/**
 * Destination fit. kindsMask / targetMask are bit sets over DESTINATION_KINDS; regionState: 0 = the
 * person named no place, 1 = a named place contains the work place, 2 = named places, none fits.
 * Local and home-based work is better in the person's own township.
 */
export function destinationValue(hasPref: boolean, kindsMask: number, targetMask: number, regionState: number, local: boolean, sameTownship: boolean): number {
  let v: number;
  if (!hasPref) v = 0.5;
  else {
    const kind = kindsMask === 0 ? 0.5 : (kindsMask & targetMask) !== 0 ? 1 : 0;
    v = regionState === 1 ? 1 : regionState === 2 ? kind * 0.7 : kind;
  }
  return local && !sameTownship ? v * 0.9 : v;
}

/**
 * How near the training site is to home (both as 6-digit county codes, -1 unknown): the own county 1,
 * the same prefecture 0.8, the same province 0.6, Beijing/Tianjin from elsewhere 0.4, another
 * province 0.2; an unknown site 0.5. Travelling to class daily or boarding away costs poor households.
 */
export function trainingSiteValue(homeCounty: number, siteCounty: number): number {
  if (siteCounty < 0 || homeCounty < 0) return 0.5;
  if (siteCounty === homeCounty) return 1;
  if (Math.floor(siteCounty / 100) === Math.floor(homeCounty / 100)) return 0.8;
  const siteProv = Math.floor(siteCounty / 10000);
  if (siteProv === Math.floor(homeCounty / 10000)) return 0.6;
  return siteProv === 11 || siteProv === 12 ? 0.4 : 0.2;
}

export function occupationPrefValue(hasPref: boolean, prefCount: number, includes: boolean): number {
  if (!hasPref || prefCount === 0) return 0.5;
  return includes ? 1 : 0;
}

/** Willingness to train (being unwilling is a hard failure); the preferred kind of training adds to it. */
export function trainingValue(hasPref: boolean, kindsMask: number, kindBit: number): number {
  if (!hasPref) return 0.5;
  if (kindsMask === 0) return 0.8;
  return (kindsMask & kindBit) !== 0 ? 1 : 0.5;
}

export function recordValue(share: number): number {
  return Number.isNaN(share) ? 0.5 : share < 0 ? 0 : share > 1 ? 1 : share;
}

export function priorityPoints(p: SlotPoints, poor: boolean, prio: boolean, risk: boolean): number {
  return (poor ? p.poor : 0) + (prio ? p.prio : 0) + (risk ? p.risk : 0);
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The score: the two sides, the employer's record, priority points, less the earlier-decline penalty; 0–100. */
export function totalScore(
  p: SlotPoints,
  v1: number,
  v2: number,
  v3: number,
  v4: number,
  v5: number,
  vd: number,
  vw: number,
  vo: number,
  vr: number,
  prio: number,
  declined: boolean,
): number {
  const s =
    p.e1 * v1 + p.e2 * v2 + p.e3 * v3 + p.e4 * v4 + p.e5 * v5 + p.dest * vd + p.wage * vw + p.occ * vo + p.record * vr + prio - (declined ? p.penalty : 0);
  return round2(s < 0 ? 0 : s > 100 ? 100 : s);
}

/** Calendar helpers: "YYYY-MM-DD" or a Date (UTC) → day number / yyyymmdd integer. */
export function dayParts(d: string | Date): [number, number, number] {
  if (d instanceof Date) return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const [y, m, day] = d.slice(0, 10).split("-").map(Number);
  return [y, m, day];
}
export function dayNumber(d: string | Date | null | undefined): number {
  if (d === null || d === undefined) return NONE;
  const [y, m, day] = dayParts(d);
  return Math.floor(Date.UTC(y, m - 1, day) / 86_400_000);
}
export function ymd(d: string | Date): number {
  const [y, m, day] = dayParts(d);
  return y * 10000 + m * 100 + day;
}
/** Whole years between two yyyymmdd integers (a birthday counts on the day). */
export function ageYears(birthYmd: number, todayYmd: number): number {
  return Math.floor((todayYmd - birthYmd) / 10000);
}
