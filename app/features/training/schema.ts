// Training classes: one schema per form, shared by the browser (conform), the actions and /api/v1.
// Messages are i18n keys (training.*). Checks against the database (the provider exists, the
// region is a county in scope, the order is approved, overlaps) are made by the services.
import { z } from "zod";
import { ATTENDANCE_STATUSES, DROP_REASONS } from "~/domain/training-class";
import { ORDER_KINDS } from "~/domain/training-order";
import { CERTIFICATE_LEVELS } from "~/domain/subsidy";
import {
  always,
  blankToUndefined,
  checkbox,
  isCalendarDay,
  isRecord,
  optionalTextFor,
  printable,
  rawString,
  typedList,
  wholeNumber,
} from "~/platform/zod-fields";

const text = (min: number, max: number) =>
  z.string({ error: "training.required" }).trim().min(min, "training.required").max(max, "training.tooLong").refine(printable, "training.invalidCharacters");
const optionalText = optionalTextFor({ tooLong: "training.tooLong", invalidCharacters: "training.invalidCharacters" });
const toNumber = wholeNumber("人%分");
const int = (min: number, max: number, range: string) =>
  z.preprocess(toNumber, z.number({ error: "training.numberFormat" }).int("training.numberFormat").min(min, range).max(max, range));
const optionalInt = (min: number, max: number, range: string) =>
  z.preprocess(
    (v) => toNumber(blankToUndefined(v)),
    z.number({ error: "training.numberFormat" }).int("training.numberFormat").min(min, range).max(max, range).optional(),
  );
export const dateString = z
  .string({ error: "training.dateFormat" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "training.dateFormat")
  .refine((s) => isCalendarDay(s), "training.dateFormat");
const time = z.string({ error: "training.timeFormat" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "training.timeFormat");
const id = (message = "training.invalidChoice") => z.string({ error: message }).uuid(message);
/** A cross-field check (see `always`): `end` is blank, or not before `start` (ISO days and HH:MM times compare as text). */
const endNotBefore = (start: string, end: string, message: string, strictlyAfter = false) =>
  z.refine(
    (v) => {
      if (!isRecord(v)) return true;
      const s = rawString(v[start]),
        e = rawString(v[end]);
      return !s || !e || (strictlyAfter ? e > s : e >= s);
    },
    { path: [end], message, ...always },
  );
const endTimeAfterStart = () => endNotBefore("startTime", "endTime", "training.endTimeBeforeStart", true);

/** Trainers as typed on a form ("张老师，李老师" or one per line) or as a JSON array. */
const trainers = z.preprocess(
  typedList,
  z
    .array(z.string().trim().min(1, "training.required").max(40, "training.tooLong").refine(printable, "training.invalidCharacters"))
    .max(10, "training.tooManyTrainers"),
);
const weekdays = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "").map(Number) : [Number(v)]),
  z.array(z.number().int().min(1, "training.invalidChoice").max(7, "training.invalidChoice")).min(1, "training.weekdaysRequired").max(7),
);

const ruleShape = {
  capacity: int(1, 200, "training.capacityRange"),
  attendanceThreshold: int(1, 100, "training.thresholdRange"),
  assessmentRequired: checkbox,
};

/** Forming a class: from an approved order (its terms prefilled) or from the county's own plan. */
export const ClassSchema = z
  .object({
    trainingOrderId: z.preprocess(blankToUndefined, id().optional()),
    name: text(2, 60),
    providerId: id("training.providerRequired"),
    occupationCode: z.string({ error: "training.occupationRequired" }).regex(/^[a-z0-9-]{2,40}$/, "training.occupationRequired"),
    kind: z.enum(ORDER_KINDS, { error: "training.invalidChoice" }),
    regionCode: z.string({ error: "training.countyRequired" }).regex(/^\d{6}$/, "training.countyRequired"),
    location: optionalText(200),
    trainers,
    ...ruleShape,
    startDate: dateString,
    endDate: dateString,
    weekdays,
    startTime: time,
    endTime: time,
    /** Class hours to schedule (prefilled from the order); blank schedules every class day to the end date. */
    totalHours: optionalInt(1, 2000, "training.hoursRange"),
  })
  .check(endNotBefore("startDate", "endDate", "training.endBeforeStart"), endTimeAfterStart());
export type ClassInput = z.output<typeof ClassSchema>;

/** Changing a class's terms (dates stay; sessions are edited one by one). Carries the version it started from. */
export const ClassEditSchema = z.object({
  name: text(2, 60),
  location: optionalText(200),
  trainers,
  ...ruleShape,
  version: z.preprocess(toNumber, z.number().int().min(1)),
});
export type ClassEditInput = z.output<typeof ClassEditSchema>;

export const SessionAddSchema = z
  .object({
    day: dateString,
    startTime: time,
    endTime: time,
    topic: optionalText(80),
  })
  .check(endTimeAfterStart());

export const DropSchema = z
  .object({
    enrollmentId: id(),
    dropReason: z.enum(DROP_REASONS, { error: "training.dropReasonRequired" }),
    dropNote: optionalText(200),
  })
  .check(
    z.refine((v) => !isRecord(v) || v.dropReason !== "other" || !!rawString(typeof v.dropNote === "string" ? v.dropNote.trim() : undefined), {
      path: ["dropNote"],
      message: "training.dropNoteRequired",
      ...always,
    }),
  );
export type DropInput = z.output<typeof DropSchema>;

const passed = z.preprocess(
  (v) => (v === "yes" || v === "true" || v === true ? true : v === "no" || v === "false" || v === false ? false : undefined),
  z.boolean({ error: "training.passedRequired" }),
);
export const AssessmentSchema = z.object({
  enrollmentId: id(),
  score: optionalInt(0, 100, "training.scoreRange"),
  passed,
  certificateNumber: optionalText(40),
  /** The certificate's level (the training subsidy pays by it); only with a pass and a certificate number (checked by the service). */
  certificateLevel: z.preprocess(blankToUndefined, z.enum(CERTIFICATE_LEVELS, { error: "training.invalidChoice" }).optional()),
});
export type AssessmentInput = z.output<typeof AssessmentSchema>;

export const MAX_MARKS = 300;
/** One pass over a session: every row's mark (the form posts marks[i].enrollmentId / marks[i].status). */
export const AttendanceSchema = z.object({
  marks: z
    .array(z.object({ enrollmentId: id(), status: z.enum(ATTENDANCE_STATUSES, { error: "training.invalidChoice" }) }))
    .min(1, "training.nobodyToMark")
    .max(MAX_MARKS),
  reason: optionalText(200),
});
export type AttendanceInput = z.output<typeof AttendanceSchema>;

export const FinishSchema = z.object({ version: z.preprocess(toNumber, z.number().int().min(1)) });

/** The class page's enrolment buttons: one worker (searched in the region), one accepted match, or all accepted. */
export const EnrolSchema = z.union([z.object({ workerId: id() }), z.object({ matchId: id() }), z.object({ allAccepted: z.literal(true) })]);

// ───────────── API ─────────────

export const EnrollmentPatchSchema = z
  .object({
    status: z.literal("DROPPED").optional(),
    dropReason: z.enum(DROP_REASONS).optional(),
    dropNote: optionalText(200),
    assessment: AssessmentSchema.omit({ enrollmentId: true }).optional(),
  })
  .check(
    z.refine((v) => !isRecord(v) || v.status !== undefined || v.assessment !== undefined, {
      message: "Send status DROPPED (with dropReason) or an assessment",
      ...always,
    }),
  );

/** PATCH a class: change its terms (fields left out stay as they are) and/or start or finish it. */
export const ClassPatchSchema = z.object({
  version: z.number({ error: "version is required" }).int().min(1),
  status: z.enum(["RUNNING", "FINISHED"]).optional(),
  name: text(2, 60).optional(),
  location: optionalText(200),
  trainers: trainers.optional(),
  capacity: ruleShape.capacity.optional(),
  attendanceThreshold: ruleShape.attendanceThreshold.optional(),
  assessmentRequired: z.boolean().optional(),
});
