// The one description of a job seeker's record: the public registration form, the coordinator's
// assisted entry, the roster import and POST /api/v1/workers all validate with these schemas, in
// the browser and on the server. Messages are i18n keys (reg.*).
import { z } from "zod";
import { ageOn, normaliseResidentId, parseResidentId } from "~/domain/resident-id";
import { normalisePhone } from "~/domain/mask";
import { always, checkbox, formRows, isCalendarDay, optionalTextFor, printable } from "~/platform/zod-fields";

import { CONSENT_VERSIONS, EDUCATION, PRIORITY_FACTORS, TRAINING_KINDS, TRANSFER_TYPES } from "./choices";

export { CONSENT_VERSIONS, EDUCATION, PRIORITY_FACTORS, TRAINING_KINDS, TRANSFER_TYPES };

/** Working age for labour transfer: 16 (legal minimum) to 65. */
export const MIN_AGE = 16;
export const MAX_AGE = 65;

const optionalText = optionalTextFor({ tooLong: "reg.tooLong", invalidCharacters: "reg.invalidCharacters" });
const manyOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { error: "reg.invalidChoice" })).max(values.length),
  );
const codes = (pattern: RegExp, max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
    z.array(z.string().regex(pattern, "reg.invalidChoice")).max(max, "reg.tooMany"),
  );
// A real calendar day (Date.parse would turn 02-30 into 03-01); birth dates and work history go back to 1900.
const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "reg.dateFormat")
  .refine((s) => isCalendarDay(s, 1900), "reg.dateFormat");

/** Resident ID number: normalised (full-width digits, lowercase x), checked, of working age. */
export function residentIdField(today: () => Date = () => new Date()) {
  return z
    .string({ error: "reg.idRequired" })
    .transform((v) => normaliseResidentId(v))
    .superRefine((value, ctx) => {
      if (value === "") return void ctx.addIssue({ code: "custom", message: "reg.idRequired" });
      const parsed = parseResidentId(value, { today: today() });
      if (!parsed.ok) return void ctx.addIssue({ code: "custom", message: `reg.id_${parsed.problem}` });
      const age = ageOn(parsed.id.birthDate, today());
      if (age < MIN_AGE) ctx.addIssue({ code: "custom", message: "reg.idTooYoung" });
      if (age > MAX_AGE) ctx.addIssue({ code: "custom", message: "reg.idTooOld" });
    });
}

export const phoneField = z.string({ error: "reg.phoneRequired" }).transform((v, ctx) => {
  const phone = normalisePhone(v);
  if (!phone) {
    ctx.addIssue({ code: "custom", message: "reg.phoneFormat" });
    return z.NEVER;
  }
  return phone;
});

export const SkillSchema = z.object({
  occupationCode: z.string({ error: "reg.skillOccupationRequired" }).regex(/^[a-z0-9-]{2,40}$/, "reg.invalidChoice"),
  level: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : Number(v)),
    z.number().int().min(1, "reg.invalidChoice").max(5, "reg.invalidChoice").optional(),
  ),
  certificateNumber: optionalText(40),
});

export const HistorySchema = z.object({
  employerName: z.string({ error: "reg.required" }).trim().min(1, "reg.required").max(60, "reg.tooLong").refine(printable, "reg.invalidCharacters"),
  occupationCode: optionalText(40),
  place: optionalText(40),
  startDate: dateString.optional().or(z.literal("").transform(() => undefined)),
  endDate: dateString.optional().or(z.literal("").transform(() => undefined)),
});

/**
 * Form rows left entirely blank are dropped (fixed rows work without JavaScript). They are dropped
 * after validation, so an error's path names the row the person typed in; a row with something in
 * it but not its main field is an error there, not silently lost.
 */
const rows = formRows({ tooMany: "reg.tooMany" });

/** What every way of entering a worker shares. */
export function workerCoreShape(today?: () => Date) {
  return {
    fullName: z
      .string({ error: "reg.nameRequired" })
      .trim()
      .min(2, "reg.nameRequired")
      .max(30, "reg.tooLong")
      .regex(/^[\p{Script=Han}·•A-Za-z\s]+$/u, "reg.nameFormat"),
    idNumber: residentIdField(today),
    phone: phoneField,
    countyCode: z.string({ error: "reg.countyRequired" }).regex(/^\d{6}$/, "reg.countyRequired"),
    townshipCode: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^\d{9}$/, "reg.invalidChoice")
        .optional(),
    ),
    villageName: optionalText(40),
    isRegisteredPoor: checkbox,
    householdNumber: optionalText(30),
    education: z.preprocess((v) => (v === "" ? undefined : v), z.enum(EDUCATION, { error: "reg.invalidChoice" }).optional()),
    skills: rows(SkillSchema, 5),
    history: rows(HistorySchema, 5),
    destinationKinds: manyOf(TRANSFER_TYPES),
    destinationRegionCodes: codes(/^\d{6}$/, 10),
    occupationCodes: codes(/^[a-z0-9-]{2,40}$/, 5),
    minMonthlyWage: z.preprocess(
      (v) => (v === "" || v === undefined ? undefined : Number(String(v).replace(/[,，\s元]/g, ""))),
      z.number({ error: "reg.wageFormat" }).int("reg.wageFormat").min(1000, "reg.wageRange").max(50000, "reg.wageRange").optional(),
    ),
    willingToTrain: checkbox,
    trainingKinds: manyOf(TRAINING_KINDS),
    homeBasedOnly: checkbox,
    availableFrom: z.preprocess((v) => (v === "" ? undefined : v), dateString.optional()),
    priorityConsent: checkbox,
    priorityFactors: manyOf(PRIORITY_FACTORS),
  };
}

// These checks also run when other fields failed, so the input may not even be an object.
const priorityNeedsConsent = (v: { priorityConsent: boolean; priorityFactors: readonly string[] } | null | undefined) =>
  typeof v !== "object" || v === null || v.priorityConsent === true || !Array.isArray(v.priorityFactors) || v.priorityFactors.length === 0;
// Cross-field checks run even while other fields have problems (`always`), so a form shows every problem at once.
export const WorkerCoreSchema = z
  .object(workerCoreShape())
  .refine(priorityNeedsConsent, { path: ["priorityFactors"], message: "reg.priorityNeedsConsent", ...always });
export type WorkerInput = z.output<typeof WorkerCoreSchema>;

/** The public form: the person sets a sign-in secret and agrees to the registration notice. */
export const SelfRegistrationSchema = z
  .object({
    ...workerCoreShape(),
    secret: z.string({ error: "reg.secretRequired" }).min(6, "reg.secretShort").max(64, "reg.tooLong"),
    secretConfirm: z.string({ error: "reg.secretRequired" }),
    consentRegistration: checkbox.refine((v) => v, "reg.consentRequired"),
  })
  .refine(priorityNeedsConsent, { path: ["priorityFactors"], message: "reg.priorityNeedsConsent", ...always })
  .refine((v) => typeof v !== "object" || v === null || typeof v.secretConfirm !== "string" || v.secret === v.secretConfirm, {
    path: ["secretConfirm"],
    message: "reg.secretMismatch",
    ...always,
  });
export type SelfRegistration = z.output<typeof SelfRegistrationSchema>;

/** A coordinator entering someone: they confirm the person agreed (on paper or in person). */
export const AssistedRegistrationSchema = z
  .object({ ...workerCoreShape(), consentRegistration: checkbox.refine((v) => v, "reg.consentConfirmRequired") })
  .refine(priorityNeedsConsent, { path: ["priorityFactors"], message: "reg.priorityNeedsConsent", ...always });

/** Self-service changes: preferences and skills only (identity fields need a coordinator). */
export const PreferencesSchema = z.object({
  education: workerCoreShape().education,
  skills: workerCoreShape().skills,
  destinationKinds: workerCoreShape().destinationKinds,
  destinationRegionCodes: workerCoreShape().destinationRegionCodes,
  occupationCodes: workerCoreShape().occupationCodes,
  minMonthlyWage: workerCoreShape().minMonthlyWage,
  willingToTrain: workerCoreShape().willingToTrain,
  trainingKinds: workerCoreShape().trainingKinds,
  homeBasedOnly: workerCoreShape().homeBasedOnly,
  availableFrom: workerCoreShape().availableFrom,
});
export type PreferencesInput = z.output<typeof PreferencesSchema>;
