import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addDays,
  addMonths,
  calendarDay,
  calendarDayOrNull,
  chinaClock,
  chinaDateTime,
  chinaDay,
  chinaDayRange,
  chinaMonth,
  chinaTime,
  chinaToday,
  chinaYear,
  dayDate,
  isoWeekday,
  monthEnd,
} from "./china-time";

// Beijing 23:59 on 6 December is 15:59 UTC; 00:01 on 7 December is 16:01 UTC the day before.
const at2359 = new Date("2026-12-06T15:59:00Z");
const at0001 = new Date("2026-12-06T16:01:00Z");

describe("china-time: the day in Beijing at either side of midnight", () => {
  it("23:59 Beijing is still that day; 00:01 is the next, though UTC still reads the day before", () => {
    expect(chinaDay(at2359)).toBe("2026-12-06");
    expect(chinaDay(at0001)).toBe("2026-12-07");
    expect(at0001.toISOString().slice(0, 10)).toBe("2026-12-06"); // the bug this module replaces
    expect(chinaToday(at2359)).toBe("2026-12-06");
    expect(chinaToday(at0001)).toBe("2026-12-07");
    expect(chinaClock(at2359)).toBe("23:59");
    expect(chinaClock(at0001)).toBe("00:01");
    expect(chinaDateTime(at0001)).toBe("2026-12-07 00:01");
    expect(chinaDateTime(at0001.toISOString())).toBe("2026-12-07 00:01"); // loader data arrives serialised
  });

  it("months and years turn at Beijing midnight (New Year's Eve 23:59 vs 00:01)", () => {
    const eve = new Date("2026-12-31T15:59:00Z");
    const newYear = new Date("2026-12-31T16:01:00Z");
    expect([chinaYear(eve), chinaMonth(eve)]).toEqual([2026, "2026-12"]);
    expect([chinaYear(newYear), chinaMonth(newYear)]).toEqual([2027, "2027-01"]);
  });

  it("a wall-clock time in Beijing maps back to the instant, and a day's range holds exactly its instants", () => {
    expect(chinaTime("2026-12-07", "00:01").toISOString()).toBe(at0001.toISOString());
    expect(chinaTime("2026-12-06", "23:59").toISOString()).toBe(at2359.toISOString());
    const { start, end } = chinaDayRange("2026-12-07");
    expect(at2359 < start && start <= at0001 && at0001 < end).toBe(true);
    expect(end.toISOString()).toBe("2026-12-07T16:00:00.000Z");
  });

  it("date columns (UTC midnight) keep their own day through every helper", () => {
    const col = dayDate("2027-01-01");
    expect(calendarDay(col)).toBe("2027-01-01");
    expect(calendarDay(col.toISOString())).toBe("2027-01-01");
    expect(chinaDay(col)).toBe("2027-01-01");
    expect(calendarDayOrNull(null)).toBeNull();
  });

  it("calendar arithmetic", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
    expect(isoWeekday("2026-12-07")).toBe(1); // a Monday
    expect(isoWeekday("2026-12-06")).toBe(7);
    expect(monthEnd(2028, 2)).toBe("2028-02-29");
  });

  it("adds months, clamped to the month's end, leap years included", () => {
    expect(addMonths("2026-01-10", 6)).toBe("2026-07-10");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-08-31", 1)).toBe("2026-09-30");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2026-12-31", 12)).toBe("2027-12-31");
  });

  it("agrees with Intl's Asia/Shanghai for any instant from 1992 to 2100, whatever TZ the process runs in", () => {
    const fmt = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const parts = Object.fromEntries(fmt.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
        expect(chinaDateTime(new Date(t))).toBe(`${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`);
      }),
      { numRuns: 2000 },
    );
  });
});
