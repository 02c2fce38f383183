// Employers, job postings, training orders and candidate review: one schema per form, shared by
// the browser (conform), the server actions, the bulk upload and /api/v1 (and so the OpenAPI
// document). Messages are i18n keys (emp.*; a few reuse reg.* and admin.*). Checks against the
// database (an occupation or region exists) are made by the services.
import { z } from "zod";
import { isValidCreditCode, normaliseCreditCode } from "~/domain/credit-code";
import { EMPLOYER_DECISIONS, EMPLOYER_STATUSES, INDUSTRIES, isEmployerLocation } from "~/domain/employer";
import { EMPLOYER_DECLINE_REASONS, WORKER_DECLINE_REASONS } from "~/domain/match";
import { findDiscriminatoryCondition, POSTING_ACTIONS, POSTING_MAX_AGE, POSTING_MIN_AGE, POSTING_STATUSES } from "~/domain/posting";
import { checkOrderTerms, GENERAL_MODULES, ORDER_ACTIONS, ORDER_KINDS, TRAINING_ORDER_STATUSES } from "~/domain/training-order";
import {
  always,
  blankToUndefined,
  checkbox,
  formRows,
  isCalendarDay,
  isRecord,
  optionalTextFor,
  printable,
  rawNumber,
  rawString,
  typedList,
  wholeNumber,
} from "~/platform/zod-fields";
import { NewUserSchema } from "~/schemas/users";
import { phoneField } from "~/features/registration/index";

// ───────────── field helpers (form posts send strings; the API sends JSON types) ─────────────

const text = (min: number, max: number, required = "emp.required") =>
  z
    .string({ error: required })
    .trim()
    .min(min, min <= 1 ? required : "emp.tooShort")
    .max(max, "emp.tooLong")
    .refine(printable, "emp.invalidCharacters");
const optionalText = optionalTextFor({ tooLong: "emp.tooLong", invalidCharacters: "emp.invalidCharacters" });
const toNumber = wholeNumber("元人个月小时%");
const int = (min: number, max: number, messages: { required?: string; range: string }) =>
  z.preprocess(
    toNumber,
    z
      .number({ error: messages.required ?? "emp.numberFormat" })
      .int("emp.numberFormat")
      .min(min, messages.range)
      .max(max, messages.range),
  );
const optionalInt = (min: number, max: number, range: string) =>
  z.preprocess(
    (v) => toNumber(blankToUndefined(v)),
    z.number({ error: "emp.numberFormat" }).int("emp.numberFormat").min(min, range).max(max, range).optional(),
  );
/** A real calendar day in a plausible range (2026-02-30 is refused, not rolled over). */
const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "emp.dateFormat")
  .refine((s) => isCalendarDay(s), "emp.dateFormat");
const optionalDate = z.preprocess(blankToUndefined, dateString.optional());
const occupationCode = z.string({ error: "emp.occupationRequired" }).regex(/^[a-z0-9-]{2,40}$/, "emp.occupationRequired");
const regionCode = (required: string) => z.string({ error: required }).regex(/^\d{6}$/, required);
const manyOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
    z.array(z.enum(values, { error: "emp.invalidChoice" })).max(values.length),
  );
const noDiscrimination = (s: string | undefined, ctx: z.RefinementCtx) => {
  const found = s ? findDiscriminatoryCondition(s) : null;
  if (found) ctx.addIssue({ code: "custom", message: `emp.posting.discriminatory_${found.ground}` });
};
/** Rows left entirely blank on a form (fixed rows work without JavaScript) are dropped after validation. */
const rows = formRows({ tooMany: "emp.tooMany", notAList: "emp.invalidChoice" });

// ───────────── employers ─────────────

export const creditCodeField = z
  .string({ error: "emp.signup.creditCodeRequired" })
  .transform((v) => normaliseCreditCode(v))
  .superRefine((v, ctx) => {
    if (v === "") ctx.addIssue({ code: "custom", message: "emp.signup.creditCodeRequired" });
    else if (v.length !== 18 || !/^[0-9A-HJ-NPQRTUWXY]+$/.test(v)) ctx.addIssue({ code: "custom", message: "emp.signup.creditCodeFormat" });
    else if (!isValidCreditCode(v)) ctx.addIssue({ code: "custom", message: "emp.signup.creditCodeChecksum" });
  });

/** The organisation itself: the sign-up form's first part, and POST /api/v1/employers. */
export const EmployerProfileSchema = z.object({
  name: text(2, 80, "emp.signup.nameRequired"),
  creditCode: creditCodeField,
  districtCode: regionCode("emp.signup.districtRequired").refine(isEmployerLocation, "emp.signup.districtRequired"),
  industry: z.enum(INDUSTRIES, { error: "emp.signup.industryRequired" }),
  address: optionalText(120),
  contactName: text(2, 30, "emp.signup.contactNameRequired"),
  contactPhone: phoneField,
});
export type EmployerProfile = z.output<typeof EmployerProfileSchema>;

/** The public sign-up: the organisation, its first account, and the employer's declaration. */
export const EmployerSignupSchema = EmployerProfileSchema.extend({
  username: NewUserSchema.shape.username,
  password: NewUserSchema.shape.password,
  passwordConfirm: z.string({ error: "emp.required" }),
  declaration: checkbox.refine((v) => v, "emp.signup.declarationRequired"),
}).refine((v) => !isRecord(v) || typeof v.passwordConfirm !== "string" || v.password === v.passwordConfirm, {
  path: ["passwordConfirm"],
  message: "emp.signup.passwordMismatch",
  ...always,
});
export type EmployerSignup = z.output<typeof EmployerSignupSchema>;

export const EmployerDecisionSchema = z
  .object({ intent: z.enum(EMPLOYER_DECISIONS), reason: optionalText(200) })
  .refine((v) => !isRecord(v) || !(v.intent === "reject" || v.intent === "suspend") || v.reason, {
    path: ["reason"],
    message: "emp.reasonRequired",
    ...always,
  });

export const EmployerStatusChangeSchema = z.object({ status: z.enum(EMPLOYER_STATUSES), reason: optionalText(200) });

// ───────────── job postings ─────────────

export const RequirementSkillSchema = z.object({
  occupationCode,
  minLevel: optionalInt(1, 5, "emp.invalidChoice"),
});

const certificateList = z.preprocess(
  typedList,
  z.array(z.string().trim().min(1).max(40, "emp.tooLong").refine(printable, "emp.invalidCharacters"), { error: "emp.invalidChoice" }).max(5, "emp.tooMany"),
);

const postingShape = {
  occupationCode,
  title: text(2, 60, "emp.posting.titleRequired").superRefine(noDiscrimination),
  description: optionalText(2000)
    .superRefine(noDiscrimination)
    .transform((v) => v ?? ""),
  headcount: int(1, 1000, { required: "emp.posting.headcountRequired", range: "emp.posting.headcountRange" }),
  wageMin: int(1000, 100000, { required: "emp.posting.wageRequired", range: "emp.posting.wageRange" }),
  wageMax: int(1000, 100000, { required: "emp.posting.wageRequired", range: "emp.posting.wageRange" }),
  workRegionCode: regionCode("emp.posting.workRegionRequired"),
  workAddress: optionalText(120),
  startDate: optionalDate,
  contractMonths: optionalInt(1, 120, "emp.posting.contractRange"),
  housing: checkbox,
  meals: checkbox,
  socialInsurance: checkbox,
  travelSubsidy: optionalInt(0, 20000, "emp.posting.subsidyRange"),
  skills: rows(RequirementSkillSchema, 3).default([]),
  certificates: certificateList.default([]),
  ageMin: optionalInt(POSTING_MIN_AGE, POSTING_MAX_AGE, "emp.posting.ageRange"),
  ageMax: optionalInt(POSTING_MIN_AGE, POSTING_MAX_AGE, "emp.posting.ageRange"),
  deadline: optionalDate,
};

type Loose = Record<string, unknown>;
const postingRules = z.superRefine((v: Loose, ctx) => {
  if (!isRecord(v)) return;
  const [wageMin, wageMax, ageMin, ageMax] = [rawNumber(v.wageMin), rawNumber(v.wageMax), rawNumber(v.ageMin), rawNumber(v.ageMax)];
  if (wageMin !== undefined && wageMax !== undefined && wageMax < wageMin)
    ctx.addIssue({ code: "custom", path: ["wageMax"], message: "emp.posting.wageOrder" });
  if (ageMin !== undefined && ageMax !== undefined && ageMax < ageMin) ctx.addIssue({ code: "custom", path: ["ageMax"], message: "emp.posting.ageOrder" });
  const [deadline, startDate] = [rawString(v.deadline), rawString(v.startDate)];
  if (deadline && startDate && deadline > startDate) ctx.addIssue({ code: "custom", path: ["deadline"], message: "emp.posting.deadlineAfterStart" });
}, always);

/** A job posting as the form, the bulk upload and the API write it. */
export const PostingSchema = z.object(postingShape).check(postingRules);
export type PostingInput = z.output<typeof PostingSchema>;

/** The edit form also carries the version it was loaded at, so a concurrent change is noticed, not overwritten. */
export const PostingEditSchema = z.object({ ...postingShape, version: z.coerce.number().int().min(1) }).check(postingRules);

export const PostingActionSchema = z.object({ intent: z.enum(POSTING_ACTIONS) });
export const PostingStatusChangeSchema = z.object({ status: z.enum(POSTING_STATUSES) });

// ───────────── training orders ─────────────

const orderShape = {
  kind: z.enum(ORDER_KINDS, { error: "emp.order.kindRequired" }),
  occupationCode,
  title: text(2, 60, "emp.order.titleRequired"),
  description: optionalText(2000).transform((v) => v ?? ""),
  classSize: int(5, 200, { required: "emp.order.classSizeRequired", range: "emp.order.classSizeRange" }),
  trainingHours: int(8, 2000, { required: "emp.order.hoursRequired", range: "emp.order.hoursRange" }),
  providerId: z.preprocess(blankToUndefined, z.uuid("emp.invalidChoice").optional()),
  scheduleStart: optionalDate,
  scheduleEnd: optionalDate,
  locationRegionCode: regionCode("emp.order.locationRequired"),
  locationAddress: optionalText(120),
  attendanceThreshold: int(50, 100, { range: "emp.order.attendanceRange" }).default(80),
  assessmentRequired: checkbox,
  generalModules: manyOf(GENERAL_MODULES),
  commitHires: optionalInt(1, 1000, "emp.order.commitHiresRange"),
  commitWage: optionalInt(1000, 100000, "emp.posting.wageRange"),
  retentionMonths: optionalInt(1, 36, "emp.order.retentionRange"),
};

const orderRules = z.superRefine((v: Loose, ctx) => {
  if (!isRecord(v)) return;
  const kind = ORDER_KINDS.find((k) => k === v.kind);
  const classSize = rawNumber(v.classSize);
  if (kind && classSize !== undefined) {
    const terms = {
      kind,
      classSize,
      generalModules: Array.isArray(v.generalModules) ? v.generalModules : [],
      commitHires: rawNumber(v.commitHires),
      commitWage: rawNumber(v.commitWage),
      retentionMonths: rawNumber(v.retentionMonths),
    };
    for (const p of checkOrderTerms(terms)) ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
  }
  const [start, end] = [rawString(v.scheduleStart), rawString(v.scheduleEnd)];
  if (start && end && end < start) ctx.addIssue({ code: "custom", path: ["scheduleEnd"], message: "emp.order.endBeforeStart" });
}, always);

export const TrainingOrderSchema = z.object(orderShape).check(orderRules);
export type TrainingOrderInput = z.output<typeof TrainingOrderSchema>;
export const TrainingOrderEditSchema = z.object({ ...orderShape, version: z.coerce.number().int().min(1) }).check(orderRules);

export const OrderActionSchema = z
  .object({ intent: z.enum(ORDER_ACTIONS), reason: optionalText(200) })
  .refine((v) => !isRecord(v) || !(v.intent === "reject" || v.intent === "cancel") || v.reason, { path: ["reason"], message: "emp.reasonRequired", ...always });
export const TrainingOrderStatusChangeSchema = z.object({ status: z.enum(TRAINING_ORDER_STATUSES), reason: optionalText(200) });

// ───────────── candidate review ─────────────

export const CandidateActionSchema = z
  .object({
    intent: z.enum(["shortlist", "invite", "decline", "hire", "reveal"]),
    matchId: z.uuid(),
    reason: z.preprocess(blankToUndefined, z.enum(EMPLOYER_DECLINE_REASONS, { error: "emp.invalidChoice" }).optional()),
    reasonText: optionalText(200),
    startDate: optionalDate,
    monthlyWage: optionalInt(1000, 100000, "emp.posting.wageRange"),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "decline" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "emp.reasonRequired" });
    if (v.intent === "decline" && v.reason === "other" && !v.reasonText) ctx.addIssue({ code: "custom", path: ["reasonText"], message: "emp.reasonRequired" });
    if (v.intent === "hire" && !v.startDate) ctx.addIssue({ code: "custom", path: ["startDate"], message: "emp.candidates.startDateRequired" });
    if (v.intent === "hire" && v.monthlyWage === undefined) ctx.addIssue({ code: "custom", path: ["monthlyWage"], message: "emp.posting.wageRequired" });
  });

export const InvitationAnswerSchema = z.object({
  intent: z.enum(["accept", "decline", "withdraw"]),
  matchId: z.uuid(),
  reason: z.preprocess(blankToUndefined, z.enum(WORKER_DECLINE_REASONS, { error: "emp.invalidChoice" }).optional()),
});

/** The consent text a worker agrees to by accepting an invitation (stored with the consent). */
export const SHARE_CONSENT_VERSION = "share-with-employer-2026-11";
