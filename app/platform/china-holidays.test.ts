import { describe, expect, it } from "vitest";
import { generateSessions, scheduledHours } from "~/domain/training-class";
import { chinaWorkCalendar, isMakeUpWorkday, isPublicHoliday, statutoryDays } from "./china-holidays";
import { addDays, chinaDay, chinaClock } from "./china-time";

const days = (s: { startsAt: Date }[]) => s.map((x) => chinaDay(x.startsAt));

describe("China's holidays and make-up working days (chinese-days)", () => {
  it("knows 2026's arrangement: National Day off, the make-up Saturdays worked, ordinary weekends neither", () => {
    expect(isPublicHoliday("2026-10-01")).toBe(true);
    expect(isPublicHoliday("2026-10-07")).toBe(true);
    expect(isMakeUpWorkday("2026-10-10")).toBe(true);
    expect(isMakeUpWorkday("2026-09-20")).toBe(true);
    expect(isPublicHoliday("2026-12-06")).toBe(false); // a plain Sunday is not a holiday
    expect(isMakeUpWorkday("2026-12-06")).toBe(false);
  });

  it("never treats New Year's Day 2027 as a working day, though the package's arrangements end with 2026", () => {
    expect(isPublicHoliday("2027-01-01")).toBe(true);
    expect(isPublicHoliday("2027-01-04")).toBe(false);
  });

  it("the statutory rule (for years not yet published) gives only days the published arrangement also gives off", () => {
    for (const year of [2025, 2026]) {
      const rule = [...statutoryDays(year)];
      expect(rule).toHaveLength(13);
      for (const d of rule) expect(isPublicHoliday(d), d).toBe(true);
    }
    // 2027: lunar new year on 6 February (eve the 5th), Qingming 5 April, Mid-Autumn 15 September.
    expect([...statutoryDays(2027)]).toEqual(
      expect.arrayContaining(["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-04-05", "2027-09-15", "2027-10-03"]),
    );
  });
});

describe("a class schedule from the order's hours", () => {
  const base = { weekdays: [1, 2, 3, 4, 5], startTime: "09:00", endTime: "17:00" };

  it("80 hours at 8 a day are 10 sessions, skipping New Year's Day 2027, however late the end date", () => {
    const s = generateSessions({ ...base, startDate: "2026-12-21", endDate: "2027-03-31", totalHours: 80 }, chinaWorkCalendar);
    expect(s).toHaveLength(10);
    expect(scheduledHours(s)).toBe(80);
    expect(days(s)).not.toContain("2027-01-01");
    expect(days(s)).toEqual([
      "2026-12-21",
      "2026-12-22",
      "2026-12-23",
      "2026-12-24",
      "2026-12-25",
      "2026-12-28",
      "2026-12-29",
      "2026-12-30",
      "2026-12-31",
      "2027-01-04",
    ]);
  });

  it("shortens the last session to the hours that remain", () => {
    const s = generateSessions({ ...base, startDate: "2026-12-07", endDate: "2026-12-31", totalHours: 20 }, chinaWorkCalendar);
    expect(s.map((x) => `${chinaClock(x.startsAt)}-${chinaClock(x.endsAt)}`)).toEqual(["09:00-17:00", "09:00-17:00", "09:00-13:00"]);
    expect(scheduledHours(s)).toBe(20);
  });

  it("skips the Golden Week and works the make-up Saturday (10 October 2026)", () => {
    const s = generateSessions({ ...base, startDate: "2026-09-28", endDate: "2026-10-16", totalHours: 80 }, chinaWorkCalendar);
    const d = days(s);
    for (let day = "2026-10-01"; day <= "2026-10-07"; day = addDays(day, 1)) expect(d).not.toContain(day);
    expect(d).toContain("2026-10-10");
    expect(scheduledHours(s)).toBe(80);
  });

  it("stops at the end date when the hours do not fit (the service then refuses the form)", () => {
    const s = generateSessions({ ...base, startDate: "2026-12-21", endDate: "2026-12-25", totalHours: 80 }, chinaWorkCalendar);
    expect(scheduledHours(s)).toBe(40);
  });

  it("without hours, every class day to the end date (weekend classes too, holidays still off)", () => {
    const s = generateSessions({ weekdays: [5, 6], startTime: "09:00", endTime: "12:00", startDate: "2026-12-25", endDate: "2027-01-02" }, chinaWorkCalendar);
    expect(days(s)).toEqual(["2026-12-25", "2026-12-26", "2027-01-02"]);
  });
});
