import { chinaDay, chinaTime } from "~/platform/china-time";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  attendanceEdit,
  attendanceWindow,
  attendedPct,
  completionRate,
  decideCompletion,
  DROP_REASONS,
  dropReasonShown,
  findOverlap,
  finishCheck,
  generateSessions,
  placeFor,
  promoteFromWaitlist,
  rangesOverlap,
  type AttendanceStatus,
} from "./training-class";

const NO_DAYS_OFF = { isPublicHoliday: () => false, isMakeUpWorkday: () => false };

describe("session schedule", () => {
  it("makes one session per chosen weekday, at China time", () => {
    // 2026-11-30 is a Monday.
    const s = generateSessions({ startDate: "2026-11-30", endDate: "2026-12-06", weekdays: [1, 3, 5], startTime: "09:00", endTime: "12:00" }, NO_DAYS_OFF);
    expect(s.map((x) => chinaDay(x.startsAt))).toEqual(["2026-11-30", "2026-12-02", "2026-12-04"]);
    expect(s[0].startsAt.toISOString()).toBe("2026-11-30T01:00:00.000Z");
    expect(s[0].endsAt.toISOString()).toBe("2026-11-30T04:00:00.000Z");
  });

  it("makes nothing from an inverted range or hours", () => {
    expect(generateSessions({ startDate: "2026-12-06", endDate: "2026-11-30", weekdays: [1], startTime: "09:00", endTime: "12:00" }, NO_DAYS_OFF)).toEqual([]);
    expect(generateSessions({ startDate: "2026-11-30", endDate: "2026-12-06", weekdays: [1], startTime: "12:00", endTime: "09:00" }, NO_DAYS_OFF)).toEqual([]);
  });
});

describe("overlap", () => {
  it("counts shared days, ends inclusive", () => {
    expect(rangesOverlap({ startDate: "2026-01-01", endDate: "2026-01-10" }, { startDate: "2026-01-10", endDate: "2026-01-20" })).toBe(true);
    expect(rangesOverlap({ startDate: "2026-01-01", endDate: "2026-01-09" }, { startDate: "2026-01-10", endDate: "2026-01-20" })).toBe(false);
    expect(rangesOverlap({ startDate: "2026-01-05", endDate: "2026-01-06" }, { startDate: "2026-01-01", endDate: "2026-01-20" })).toBe(true);
  });

  it("names the first overlapping class", () => {
    const others = [
      { name: "A", startDate: "2026-02-01", endDate: "2026-02-10" },
      { name: "B", startDate: "2026-03-01", endDate: "2026-03-10" },
    ];
    expect(findOverlap({ startDate: "2026-03-05", endDate: "2026-03-20" }, others)?.name).toBe("B");
    expect(findOverlap({ startDate: "2026-04-01", endDate: "2026-04-02" }, others)).toBeNull();
  });

  it("is symmetric", () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
    const range = fc.tuple(day, day).map(([a, b]) => (a <= b ? { startDate: a, endDate: b } : { startDate: b, endDate: a }));
    fc.assert(fc.property(range, range, (a, b) => rangesOverlap(a, b) === rangesOverlap(b, a)));
  });
});

describe("waiting list", () => {
  it("seats people while places are free, then queues them", () => {
    expect(placeFor(2, 1)).toBe("ENROLLED");
    expect(placeFor(2, 2)).toBe("WAITLISTED");
  });

  it("promotes the longest-waiting, as many as seats are free", () => {
    const w = [
      { id: "c", enrolledAt: new Date("2026-01-03") },
      { id: "a", enrolledAt: new Date("2026-01-01") },
      { id: "b", enrolledAt: new Date("2026-01-02") },
    ];
    expect(promoteFromWaitlist(3, 1, w).map((x) => x.id)).toEqual(["a", "b"]);
    expect(promoteFromWaitlist(3, 3, w)).toEqual([]);
    expect(promoteFromWaitlist(3, 5, w)).toEqual([]);
  });
});

describe("attendance edit window", () => {
  const session = { startsAt: chinaTime("2026-12-01", "09:00"), endsAt: chinaTime("2026-12-01", "17:00") };
  it("opens at 00:00 China time on the session's day", () => {
    expect(attendanceWindow(session, chinaTime("2026-11-30", "23:59"))).toBe("notYet");
    expect(attendanceWindow(session, chinaTime("2026-12-01", "00:00"))).toBe("open");
  });
  it("closes 48 hours after the session ends", () => {
    expect(attendanceWindow(session, chinaTime("2026-12-03", "17:00"))).toBe("open");
    expect(attendanceWindow(session, chinaTime("2026-12-03", "17:01"))).toBe("closed");
  });
  it("after the window only a coordinator changes marks, with a reason", () => {
    expect(attendanceEdit("open", false)).toEqual({ ok: true, reasonRequired: false });
    expect(attendanceEdit("closed", false)).toEqual({ ok: false, reason: "closed" });
    expect(attendanceEdit("closed", true)).toEqual({ ok: true, reasonRequired: true });
    expect(attendanceEdit("notYet", true)).toEqual({ ok: false, reason: "notYet" });
  });
});

describe("completion rule", () => {
  const marks = (p: number, a: number, e: number): AttendanceStatus[] => [...Array(p).fill("PRESENT"), ...Array(a).fill("ABSENT"), ...Array(e).fill("EXCUSED")];
  const rule = { attendanceThreshold: 80, assessmentRequired: true };

  it("completes at the threshold with a passed assessment", () => {
    expect(decideCompletion(rule, { sessions: 10, marks: marks(8, 2, 0), assessmentPassed: true })).toEqual({
      outcome: "COMPLETED",
      attendancePct: 80,
      reasons: [],
    });
  });
  it("fails below the threshold, and on a failed or missing assessment when one is required", () => {
    expect(decideCompletion(rule, { sessions: 10, marks: marks(7, 3, 0), assessmentPassed: true })).toMatchObject({
      outcome: "FAILED",
      reasons: ["attendance"],
    });
    expect(decideCompletion(rule, { sessions: 10, marks: marks(10, 0, 0), assessmentPassed: false })).toMatchObject({
      outcome: "FAILED",
      reasons: ["assessment"],
    });
    expect(decideCompletion(rule, { sessions: 10, marks: marks(10, 0, 0), assessmentPassed: null })).toMatchObject({
      outcome: "FAILED",
      reasons: ["assessment"],
    });
    expect(decideCompletion({ ...rule, assessmentRequired: false }, { sessions: 10, marks: marks(10, 0, 0), assessmentPassed: null }).outcome).toBe(
      "COMPLETED",
    );
  });
  it("leaves excused sessions out of the share, up to half of the sessions", () => {
    // 7 present of 10, 2 excused → 7/8 = 87 %.
    expect(attendedPct(10, marks(7, 1, 2))).toBe(87);
    // 4 present, 6 excused: only 5 excused count → 4/5 = 80 %.
    expect(attendedPct(10, marks(4, 0, 6))).toBe(80);
  });
  it("counts unmarked sessions as absent", () => {
    expect(attendedPct(10, marks(8, 0, 0))).toBe(80);
    expect(attendedPct(10, marks(7, 0, 0))).toBe(70);
  });
  it("fails a class without sessions", () => {
    expect(decideCompletion({ ...rule, assessmentRequired: false }, { sessions: 0, marks: [], assessmentPassed: null }).outcome).toBe("FAILED");
  });
  it("never completes someone with more absences than the threshold allows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 100 }), (n, threshold) => {
        const present = Math.floor((n * threshold) / 100) - 1;
        if (present < 0) return true;
        return (
          decideCompletion(
            { attendanceThreshold: threshold, assessmentRequired: false },
            { sessions: n, marks: marks(present, n - present, 0), assessmentPassed: null },
          ).outcome === "FAILED"
        );
      }),
    );
  });
});

describe("finishing a class", () => {
  const base = { endDate: "2026-12-10", today: "2026-12-10", unmarkedSessions: 0, missingAssessments: 0, assessmentRequired: true };
  it("waits for the last day, every session marked and every assessment", () => {
    expect(finishCheck(base)).toEqual({ ok: true });
    expect(finishCheck({ ...base, today: "2026-12-09" })).toEqual({ ok: false, reason: "tooEarly" });
    expect(finishCheck({ ...base, unmarkedSessions: 2 })).toEqual({ ok: false, reason: "unmarkedSessions", count: 2 });
    expect(finishCheck({ ...base, missingAssessments: 3 })).toEqual({ ok: false, reason: "missingAssessments", count: 3 });
    expect(finishCheck({ ...base, missingAssessments: 3, assessmentRequired: false })).toEqual({ ok: true });
  });
});

describe("completion rate", () => {
  it("counts dropouts in the denominator", () => {
    expect(completionRate({ completed: 6, failed: 2, dropped: 2 })).toBe(0.6);
    expect(completionRate({ completed: 0, failed: 0, dropped: 0 })).toBeNull();
  });
});

describe("drop reason shown", () => {
  it("gives the code to those who may know health facts, and nobody else a way to tell health apart", () => {
    for (const code of DROP_REASONS) expect(dropReasonShown(code, true)).toBe(code);
    const shown = DROP_REASONS.map((code) => dropReasonShown(code, false));
    expect(shown).not.toContain("health");
    // health reads exactly like other reasons: no answer singles it out.
    expect(shown.filter((s) => s === dropReasonShown("health", false)).length).toBeGreaterThan(1);
    expect(dropReasonShown("found-work", false)).toBe("found-work");
    expect(dropReasonShown(null, false)).toBeNull();
  });
});
