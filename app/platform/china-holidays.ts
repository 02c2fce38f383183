// China's public holidays and make-up working days (调休上班), from `chinese-days`, a maintained
// package that follows the State Council's yearly notices. Server-side only (its data is ~40 KB).
//
// The State Council publishes a year's arrangement in the autumn before it; for a year the package
// does not hold yet, the statutory days of 《全国年节及纪念日放假办法》 (as revised in 2024) still
// hold — New Year's Day, Spring Festival eve to the third day, Qingming, 1–2 May, Dragon Boat,
// Mid-Autumn, 1–3 October — and are computed with the package's own lunar calendar and solar
// terms; that year's bridging days and make-up working days are unknown until the notice, so none
// are assumed.
import chineseDays from "chinese-days";
import { addDays } from "./china-time";
import type { WorkCalendar } from "~/domain/training-class";

const { getDayDetail, getSolarDateFromLunar, getSolarTermDate } = chineseDays;

/** A named holiday period in the package ("National Day,国庆节,3"), not an ordinary weekend ("Sunday"). */
const named = (day: string) => getDayDetail(day).name.includes(",");

const covered = new Map<number, boolean>();
/** Does the package hold this year's arrangement? New Year's Day is always a named holiday when it does. */
function yearCovered(year: number): boolean {
  let c = covered.get(year);
  if (c === undefined) {
    const d = getDayDetail(`${year}-01-01`);
    c = !d.work && named(`${year}-01-01`);
    covered.set(year, c);
  }
  return c;
}

const statutory = new Map<number, Set<string>>();
/** The statutory days off of a year (used for a year the package does not cover yet). */
export function statutoryDays(year: number): ReadonlySet<string> {
  let days = statutory.get(year);
  if (!days) {
    const lunar = (md: string) => getSolarDateFromLunar(`${year}-${md}`).date;
    const springFestival = lunar("01-01");
    days = new Set([
      `${year}-01-01`,
      addDays(springFestival, -1),
      springFestival,
      addDays(springFestival, 1),
      addDays(springFestival, 2),
      getSolarTermDate(year, 4, "pure_brightness"),
      `${year}-05-01`,
      `${year}-05-02`,
      lunar("05-05"),
      lunar("08-15"),
      `${year}-10-01`,
      `${year}-10-02`,
      `${year}-10-03`,
    ]);
    statutory.set(year, days);
  }
  return days;
}

/** A public holiday (including the weekend days the arrangement bridges into it). */
export function isPublicHoliday(day: string): boolean {
  const year = Number(day.slice(0, 4));
  if (yearCovered(year)) return !getDayDetail(day).work && named(day);
  return statutoryDays(year).has(day);
}

/** A weekend day made a working day to make up for a holiday (调休上班). */
export function isMakeUpWorkday(day: string): boolean {
  const year = Number(day.slice(0, 4));
  return yearCovered(year) && getDayDetail(day).work && named(day);
}

export const chinaWorkCalendar: WorkCalendar = { isPublicHoliday, isMakeUpWorkday };
