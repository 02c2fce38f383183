// Training classes as pure rules: the session schedule, who overlaps whom, the waiting list, the
// attendance edit window, the completion rule and the completion rate. No I/O; the services in
// app/features/training/ (classes, attendance, completion rates) apply them.
//
// Decisions (docs/training.md explains them to people):
// - Times are China time (UTC+8 all year). A session is marked on its own day: provider staff may
//   mark or change it from 00:00 of that day until ATTENDANCE_EDIT_HOURS after it ends. After that
//   only a coordinator changes it, with a reason, and the change is audited with before/after.
// - Completion: attended share = PRESENT / (sessions − EXCUSED). Excused absences (sick leave,
//   family emergency, approved by the trainer) neither help nor hurt, but at most half of the
//   sessions may be excused — beyond that the person has not been trained and the extra excused
//   sessions count as absent. A session with no mark counts as absent. When the class requires an
//   assessment, only a passed one completes.
// - Completion rate = completed / (completed + failed + dropped). Dropouts are in the denominator:
//   a class that loses half its people has not done its job, whatever its graduates scored.
//   Waiting-list places and people still in a running class are not counted yet.
import { addDays, chinaDay, chinaTime, isoWeekday } from "~/platform/china-time";

export const CLASS_STATUSES = ["PLANNED", "RUNNING", "FINISHED", "CANCELLED"] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];
export const ENROLLMENT_STATUSES = ["WAITLISTED", "ENROLLED", "DROPPED", "COMPLETED", "FAILED"] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
export const ATTENDANCE_STATUSES = ["PRESENT", "ABSENT", "EXCUSED"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Why people leave a class; the select on the dropout form (plus free text). */
export const DROP_REASONS = ["found-work", "family", "health", "moved-away", "lost-contact", "not-suitable", "other"] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/**
 * Health is a fact only the person's county coordinators (and admins) may see (docs/security.md).
 * Anyone else who sees the class (provider staff, coordinators of another county) learns that the
 * person dropped out, and why only when the reason cannot be health: hiding `health` alone would
 * give it away, so it reads "personal" together with the reasons that could stand in for it.
 */
const PERSONAL_DROP_REASONS: readonly string[] = ["health", "family", "other"];
export const dropReasonShown = (code: string | null, mayKnowHealth: boolean): DropReason | "personal" | null =>
  code === null ? null : mayKnowHealth ? (code as DropReason) : PERSONAL_DROP_REASONS.includes(code) ? "personal" : (code as DropReason);

export const ATTENDANCE_EDIT_HOURS = 48;
export const MAX_EXCUSED_SHARE = 0.5;

// ───────────── schedule ─────────────

export type ScheduleSpec = {
  startDate: string; // YYYY-MM-DD
  endDate: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  startTime: string; // HH:MM China time
  endTime: string;
  /** The class hours to schedule (an order's `trainingHours`); without it, every class day until the end date. */
  totalHours?: number;
};

/** Which days are days off and which weekend days are worked (app/platform/china-holidays.ts gives China's). */
export type WorkCalendar = { isPublicHoliday(day: string): boolean; isMakeUpWorkday(day: string): boolean };

export const MAX_SESSIONS = 200;
const WORKING_WEEK = [1, 2, 3, 4, 5];

/**
 * Is the class held on this day? Never on a public holiday; on its chosen weekdays; and on a
 * make-up working day (调休上班, a weekend day that stands in for a weekday) when it meets on
 * working days at all.
 */
export function isClassDay(day: string, weekdays: ReadonlySet<number>, calendar: WorkCalendar): boolean {
  if (calendar.isPublicHoliday(day)) return false;
  if (weekdays.has(isoWeekday(day))) return true;
  return calendar.isMakeUpWorkday(day) && WORKING_WEEK.some((d) => weekdays.has(d));
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const clockOf = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/**
 * Sessions from the start date on every class day, at the same hours, until the class hours are
 * scheduled (the last session is shortened to what remains) or, without hours, until the end date.
 * Never past the end date: when the hours do not fit, `scheduledHours` of the result says so.
 */
export function generateSessions(spec: ScheduleSpec, calendar: WorkCalendar): { startsAt: Date; endsAt: Date }[] {
  const out: { startsAt: Date; endsAt: Date }[] = [];
  const length = minutesOf(spec.endTime) - minutesOf(spec.startTime);
  if (spec.endDate < spec.startDate || length <= 0) return out;
  const days = new Set(spec.weekdays);
  let remaining = spec.totalHours === undefined ? Infinity : Math.round(spec.totalHours * 60);
  for (let day = spec.startDate; day <= spec.endDate && remaining > 0 && out.length < MAX_SESSIONS; day = addDays(day, 1)) {
    if (!isClassDay(day, days, calendar)) continue;
    const minutes = Math.min(length, remaining);
    remaining -= minutes;
    out.push({ startsAt: chinaTime(day, spec.startTime), endsAt: chinaTime(day, clockOf(minutesOf(spec.startTime) + minutes)) });
  }
  return out;
}

/** Class hours in a list of sessions. */
export const scheduledHours = (sessions: { startsAt: Date; endsAt: Date }[]) =>
  sessions.reduce((sum, s) => sum + (s.endsAt.getTime() - s.startsAt.getTime()), 0) / 3600_000;

// ───────────── overlap and waiting list ─────────────

export type DateRange = { startDate: string; endDate: string };

/** Do two classes' date ranges (inclusive days) share at least one day? */
export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}

/** The first class in `others` whose dates overlap `target` (for the refusal message), or null. */
export function findOverlap<T extends DateRange>(target: DateRange, others: T[]): T | null {
  return others.find((o) => rangesOverlap(target, o)) ?? null;
}

/** Statuses that hold a seat or a place in the queue (a class the person is still "in"). */
export const ACTIVE_ENROLLMENT: readonly EnrollmentStatus[] = ["WAITLISTED", "ENROLLED"];
/** Statuses that keep a person in a class for the overlap rule (a finished one still occupied those days). */
export const OCCUPYING_ENROLLMENT: readonly EnrollmentStatus[] = ["WAITLISTED", "ENROLLED", "COMPLETED", "FAILED"];

/** Where a new enrollment goes: a seat while places are free, else the waiting list. */
export function placeFor(capacity: number, enrolled: number): "ENROLLED" | "WAITLISTED" {
  return enrolled < capacity ? "ENROLLED" : "WAITLISTED";
}

/**
 * Who moves up when seats free: the longest-waiting first (enrolledAt, then id for a stable
 * order), as many as there are free seats. Only before the class finishes.
 */
export function promoteFromWaitlist<T extends { id: string; enrolledAt: Date }>(capacity: number, enrolled: number, waitlisted: T[]): T[] {
  const free = Math.max(0, capacity - enrolled);
  return [...waitlisted].sort((a, b) => a.enrolledAt.getTime() - b.enrolledAt.getTime() || a.id.localeCompare(b.id)).slice(0, free);
}

// ───────────── attendance window ─────────────

export type AttendanceWindow = "notYet" | "open" | "closed";

/** Provider staff mark a session from 00:00 of its day (China) until 48 h after it ends. */
export function attendanceWindow(session: { startsAt: Date; endsAt: Date }, now: Date): AttendanceWindow {
  if (chinaDay(now) < chinaDay(session.startsAt)) return "notYet";
  return now.getTime() <= session.endsAt.getTime() + ATTENDANCE_EDIT_HOURS * 3600_000 ? "open" : "closed";
}

/**
 * May this person change the marks now? Staff inside the window; a coordinator at any time once
 * the session's day has come, but after the window only with a reason (audited before/after).
 */
export function attendanceEdit(
  window: AttendanceWindow,
  asCoordinator: boolean,
): { ok: true; reasonRequired: boolean } | { ok: false; reason: "notYet" | "closed" } {
  if (window === "notYet") return { ok: false, reason: "notYet" };
  if (window === "open") return { ok: true, reasonRequired: false };
  return asCoordinator ? { ok: true, reasonRequired: true } : { ok: false, reason: "closed" };
}

// ───────────── completion ─────────────

export type CompletionRule = { attendanceThreshold: number; assessmentRequired: boolean };
export type CompletionFacts = {
  sessions: number;
  /** The person's marks; sessions without a mark count as absent. */
  marks: AttendanceStatus[];
  assessmentPassed: boolean | null;
};
export type CompletionDecision = {
  outcome: "COMPLETED" | "FAILED";
  /** Attended share in percent (rounded down), as the rule judged it. */
  attendancePct: number;
  reasons: ("attendance" | "assessment")[];
};

export function attendedPct(sessions: number, marks: AttendanceStatus[]): number {
  const present = marks.filter((m) => m === "PRESENT").length;
  const excused = Math.min(marks.filter((m) => m === "EXCUSED").length, Math.floor(sessions * MAX_EXCUSED_SHARE));
  const counted = sessions - excused;
  if (counted <= 0) return 0;
  return Math.floor((present / counted) * 100);
}

export function decideCompletion(rule: CompletionRule, facts: CompletionFacts): CompletionDecision {
  const pct = attendedPct(facts.sessions, facts.marks);
  const reasons: CompletionDecision["reasons"] = [];
  if (facts.sessions === 0 || pct < rule.attendanceThreshold) reasons.push("attendance");
  if (rule.assessmentRequired && facts.assessmentPassed !== true) reasons.push("assessment");
  return { outcome: reasons.length ? "FAILED" : "COMPLETED", attendancePct: pct, reasons };
}

/** May the class be finished on `today`? Not before its last day; every session marked; assessments in. */
export function finishCheck(input: {
  endDate: string;
  today: string;
  unmarkedSessions: number;
  missingAssessments: number;
  assessmentRequired: boolean;
}): { ok: true } | { ok: false; reason: "tooEarly" | "unmarkedSessions" | "missingAssessments"; count?: number } {
  if (input.today < input.endDate) return { ok: false, reason: "tooEarly" };
  if (input.unmarkedSessions > 0) return { ok: false, reason: "unmarkedSessions", count: input.unmarkedSessions };
  if (input.assessmentRequired && input.missingAssessments > 0) return { ok: false, reason: "missingAssessments", count: input.missingAssessments };
  return { ok: true };
}

// ───────────── completion rate ─────────────

/** The ways completion rates are broken down (one SQL group-by each). */
export const RATE_DIMENSIONS = ["class", "order", "provider", "occupation", "county"] as const;
export type RateDimension = (typeof RATE_DIMENSIONS)[number];

export type RateCounts = { completed: number; failed: number; dropped: number; enrolled: number; waitlisted: number };

/** completed / (completed + failed + dropped); null while nobody has reached an outcome. */
export function completionRate(c: Pick<RateCounts, "completed" | "failed" | "dropped">): number | null {
  const denominator = c.completed + c.failed + c.dropped;
  return denominator === 0 ? null : c.completed / denominator;
}

/** What enrolling one person came to (the class page and the API show it per person). */
export type EnrolResult =
  | { workerId: string; name: string; outcome: "ENROLLED" | "WAITLISTED" }
  | { workerId: string; name: string; outcome: "refused"; message: string; otherClass?: string };

/** One row of completion rates by a dimension (a class, an order, a provider …), for the pages. */
export type RateRow = {
  key: string | null;
  label: string;
  labelEn: string;
  completed: number;
  failed: number;
  dropped: number;
  enrolled: number;
  waitlisted: number;
  classes: number;
  rate: number | null;
};
