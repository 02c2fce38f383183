// The one place that knows what time it is in China. Everything the product shows, exports or
// compares as "a day" is a day in Beijing (Asia/Shanghai, UTC+8 all year, no daylight saving since
// 1991), whatever the TZ of the server or the browser. Timestamps are stored in UTC; `@db.Date`
// columns hold the calendar day itself as UTC midnight. Pure: no I/O, safe in the browser.
//
// Fixed-offset arithmetic rather than Intl: it is exact for the zone (no DST) and several times
// cheaper in the tight loops that use it (schedules, dashboards); the unit tests compare it with
// Intl's Asia/Shanghai over a range of instants.

export const CHINA_TIME_ZONE = "Asia/Shanghai";
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86400_000;

type Instant = Date | string | number;
const ms = (at: Instant) => (at instanceof Date ? at.getTime() : new Date(at).getTime());
/** The instant shifted so that its UTC fields read Beijing wall-clock time. */
const shifted = (at: Instant) => new Date(ms(at) + OFFSET_MS).toISOString();

/** The calendar day in Beijing (YYYY-MM-DD) of an instant. A `@db.Date` value (UTC midnight) gives its own day. */
export function chinaDay(at: Instant): string {
  return shifted(at).slice(0, 10);
}

/** Today in Beijing as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return chinaDay(now);
}

/** "YYYY-MM" of today in Beijing. */
export const chinaMonth = (now: Date = new Date()): string => chinaDay(now).slice(0, 7);
/** The year in Beijing. */
export const chinaYear = (now: Date = new Date()): number => Number(chinaDay(now).slice(0, 4));

/** HH:MM of an instant on a Beijing clock. */
export function chinaClock(at: Instant): string {
  return shifted(at).slice(11, 16);
}

/** "YYYY-MM-DD HH:MM" in Beijing: how a moment is shown on pages and in exports. */
export function chinaDateTime(at: Instant): string {
  const s = shifted(at);
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** A Beijing wall-clock time (YYYY-MM-DD + HH:MM) as an instant. */
export function chinaTime(day: string, hhmm = "00:00"): Date {
  return new Date(new Date(`${day}T${hhmm}:00Z`).getTime() - OFFSET_MS);
}

/** The instants [start, end) of a Beijing calendar day: for "created today" queries on timestamps. */
export function chinaDayRange(day: string): { start: Date; end: Date } {
  const start = chinaTime(day);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

/** The value to store in a `@db.Date` column for a calendar day. */
export function dayDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/**
 * The calendar day of a `@db.Date` value (UTC midnight), or of a serialised one from loader data.
 * Never use it on a timestamp: that is `chinaDay`.
 */
export function calendarDay(d: Date | string): string {
  return (typeof d === "string" ? d : d.toISOString()).slice(0, 10);
}
/** `calendarDay` for nullable columns. */
export const calendarDayOrNull = (d: Date | string | null | undefined): string | null => (d ? calendarDay(d) : null);

/** The day `n` days after (or before, when negative) a calendar day. */
export function addDays(day: string, n: number): string {
  return new Date(dayDate(day).getTime() + n * DAY_MS).toISOString().slice(0, 10);
}

/** "2026-01-31" + 1 month → "2026-02-28": the same day of the month, clamped to the month's end. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return ((dayDate(day).getUTCDay() + 6) % 7) + 1;
}

/** The last day of a month (month 1–12). */
export function monthEnd(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
