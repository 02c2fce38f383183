// Placements, their verification, evidence, re-verification and follow-ups: one schema per form,
// shared by the browser (conform), the server actions and /api/v1. Messages are i18n keys (out.*).
// Checks against the database (the worker is in scope, the employer exists …) are the services'.
import { z } from "zod";
import { LEAVE_REASONS } from "~/domain/follow-up";
import { EVIDENCE_KINDS, VERIFICATION_DECISIONS } from "~/domain/placement";
import { always, blankToUndefined, checkbox, isCalendarDay, isRecord, optionalTextFor, wholeNumber } from "~/platform/zod-fields";

const optionalText = optionalTextFor({ tooLong: "out.tooLong", invalidCharacters: "out.invalidCharacters" });
/** Whole yuan as people type them: "5,000", "５０００", "5000元". */
const toNumber = wholeNumber("元");
const wage = (required: string) =>
  z.preprocess(
    toNumber,
    z
      .number({ error: (issue) => (issue.input === undefined ? required : "out.wageFormat") })
      .int("out.wageFormat")
      .min(100, "out.wageRange")
      .max(200_000, "out.wageRange"),
  );
const day = (required: string) =>
  z
    .string({ error: required })
    .regex(/^\d{4}-\d{2}-\d{2}$/, required)
    .refine((s) => isCalendarDay(s), "out.dateFormat");
const id = (required: string) => z.string({ error: required }).uuid(required);
const optionalId = z.preprocess(blankToUndefined, z.string().uuid("out.invalidChoice").optional());

export const PlacementSchema = z
  .object({
    workerId: id("out.workerRequired"),
    employerId: id("out.employerRequired"),
    postingId: optionalId,
    trainingClassId: optionalId,
    startDate: day("out.startDateRequired"),
    endDate: z.preprocess(blankToUndefined, day("out.dateFormat").optional()),
    monthlyWage: wage("out.wageRequired"),
    workRegionCode: z.string({ error: "out.workRegionRequired" }).regex(/^\d{6}$/, "out.workRegionRequired"),
    workAddress: optionalText(200),
    /** The one override of the derived transfer type: a home-based job / cottage workshop. */
    homeBased: checkbox,
  })
  .check(
    z.superRefine((v: unknown, ctx) => {
      if (isRecord(v) && typeof v.startDate === "string" && typeof v.endDate === "string" && v.endDate !== "" && v.endDate < v.startDate) {
        ctx.addIssue({ code: "custom", message: "out.endBeforeStart", path: ["endDate"] });
      }
    }, always),
  );
export type PlacementInput = z.output<typeof PlacementSchema>;

export const DecisionSchema = z.object({
  intent: z.enum(VERIFICATION_DECISIONS, { error: "out.invalidChoice" }),
  note: optionalText(500),
});

export const EvidenceSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS, { error: "out.evidenceKindRequired" }),
  /** A social insurance number or contract number; stored encrypted, shown masked. */
  reference: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(40, "out.tooLong")
      .regex(/^[0-9A-Za-z-]{4,40}$/, "out.referenceFormat")
      .optional(),
  ),
});

export const ReverifySchema = z
  .object({
    outcome: z.enum(["confirmed", "rejected"], { error: "out.invalidChoice" }),
    note: optionalText(500),
  })
  .check(
    z.superRefine((v: unknown, ctx) => {
      if (isRecord(v) && v.outcome === "rejected" && !(typeof v.note === "string" && v.note.trim()))
        ctx.addIssue({ code: "custom", message: "out.noteRequired", path: ["note"] });
    }, always),
  );

const yesNo = z.preprocess(
  (v) => (v === "yes" || v === true || v === "true" ? true : v === "no" || v === false || v === "false" ? false : undefined),
  z.boolean({ error: "out.stillEmployedRequired" }),
);

export const FollowUpResultSchema = z
  .object({
    stillEmployed: yesNo,
    monthlyWage: z.preprocess(
      (v) => toNumber(blankToUndefined(v)),
      z.number({ error: "out.wageFormat" }).int("out.wageFormat").min(100, "out.wageRange").max(200_000, "out.wageRange").optional(),
    ),
    leaveReason: z.preprocess(blankToUndefined, z.enum(LEAVE_REASONS, { error: "out.invalidChoice" }).optional()),
    note: optionalText(500),
  })
  .check(
    z.superRefine((v: unknown, ctx) => {
      if (!isRecord(v)) return;
      const employed = v.stillEmployed === true || v.stillEmployed === "yes" || v.stillEmployed === "true";
      const left = v.stillEmployed === false || v.stillEmployed === "no" || v.stillEmployed === "false";
      const blank = (x: unknown) => x === undefined || x === null || (typeof x === "string" && x.trim() === "");
      if (left && blank(v.leaveReason)) ctx.addIssue({ code: "custom", message: "out.leaveReasonRequired", path: ["leaveReason"] });
      if (employed && blank(v.monthlyWage)) ctx.addIssue({ code: "custom", message: "out.wageRequired", path: ["monthlyWage"] });
    }, always),
  );
export type FollowUpResult = z.output<typeof FollowUpResultSchema>;

/** PATCH /api/v1/placements/:id — the status asked for is the decision (VERIFIED = verify, FLAGGED = flag, REJECTED = reject). */
export const PlacementStatusChangeSchema = z.object({
  status: z.enum(["VERIFIED", "FLAGGED", "REJECTED"], { error: "out.invalidChoice" }),
  note: optionalText(500),
});
