// Forms and API bodies of the subsidy area, one zod schema each (pages and /api/v1 share them).
// Messages are i18n keys (subsidy.*), shown next to the field in the reader's language.
import { z } from "zod";
import { TRANSFER_TYPES } from "~/domain/placement";
import { CERTIFICATE_LEVELS, CLAIM_STATUSES, SUBSIDY_KINDS, SUBSIDY_PAYEES, SUBSIDY_UNITS } from "~/domain/subsidy";
import { checkbox } from "~/platform/zod-fields";

const text = (max: number) =>
  z
    .string({ error: "subsidy.required" })
    .trim()
    .min(1, "subsidy.required")
    .max(max, "subsidy.tooLong")
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/.test(v), "subsidy.invalidCharacters");
const optionalText = (max: number) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), text(max).optional());
const day = z
  .string({ error: "subsidy.dateFormat" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "subsidy.dateFormat")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "subsidy.dateFormat");
const optionalDay = z.preprocess((v) => (v === "" || v === null ? undefined : v), day.optional());
const money = z.coerce
  .number({ error: "subsidy.amountFormat" })
  .int("subsidy.amountFormat")
  .min(0, "subsidy.amountFormat")
  .max(100_000_000, "subsidy.amountFormat");
const optionalInt = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.coerce.number({ error: "subsidy.numberFormat" }).int("subsidy.numberFormat").min(1, "subsidy.numberFormat").max(10000, "subsidy.numberFormat").optional(),
);
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const PolicySchema = z
  .object({
    code: z
      .string({ error: "subsidy.required" })
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,60}$/, "subsidy.codeFormat"),
    kind: z.enum(SUBSIDY_KINDS, { error: "subsidy.invalidChoice" }),
    nameZh: text(100),
    nameEn: text(120),
    amount: money.refine((v) => v > 0, "subsidy.amountFormat"),
    unit: z.enum(SUBSIDY_UNITS, { error: "subsidy.invalidChoice" }),
    maxUnits: optionalInt,
    payee: z.enum(SUBSIDY_PAYEES, { error: "subsidy.invalidChoice" }),
    occupationCode: optionalText(60),
    transferTypes: list(z.enum(TRANSFER_TYPES, { error: "subsidy.invalidChoice" })),
    retentionMonths: optionalInt,
    requireRegisteredPoor: checkbox,
    requirePovertyCounty: checkbox,
    requireCertificate: checkbox,
    /** Training only: the certificate level it pays for (blank = any level). */
    certificateLevel: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(CERTIFICATE_LEVELS, { error: "subsidy.invalidChoice" }).optional()),
    validFrom: day,
    validTo: optionalDay,
    legalSource: text(300),
    sourceUrl: z.preprocess((v) => (v === "" ? undefined : v), z.url({ error: "subsidy.urlFormat" }).max(500, "subsidy.tooLong").optional()),
    changeNote: optionalText(300),
  })
  .superRefine((v, ctx) => {
    if (v.validTo && v.validTo < v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "subsidy.endBeforeStart" });
    if (v.kind === "TRANSPORT" && v.transferTypes.length === 0)
      ctx.addIssue({ code: "custom", path: ["transferTypes"], message: "subsidy.transferTypesRequired" });
    if (v.kind === "HIRING" && !v.retentionMonths) ctx.addIssue({ code: "custom", path: ["retentionMonths"], message: "subsidy.retentionRequired" });
    if (v.certificateLevel && v.kind !== "TRAINING")
      ctx.addIssue({ code: "custom", path: ["certificateLevel"], message: "subsidy.certificateLevelTrainingOnly" });
    if (v.unit === "DAY" && v.kind !== "LIVING_ALLOWANCE") ctx.addIssue({ code: "custom", path: ["unit"], message: "subsidy.dayUnitOnlyAllowance" });
  });
export type PolicyInput = z.infer<typeof PolicySchema>;

export const BudgetSchema = z.object({
  policyCode: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,60}$/, "subsidy.codeFormat"),
  countyCode: z.string({ error: "subsidy.required" }).regex(/^\d{6}$/, "subsidy.invalidChoice"),
  year: z.coerce.number({ error: "subsidy.numberFormat" }).int("subsidy.numberFormat").min(2000, "subsidy.numberFormat").max(2100, "subsidy.numberFormat"),
  amount: money,
});
export type BudgetInput = z.infer<typeof BudgetSchema>;

export const AccountSchema = z.object({
  holderName: text(60),
  bankName: text(60),
  accountNumber: z
    .string({ error: "subsidy.required" })
    .trim()
    .min(1, "subsidy.required")
    .max(60, "subsidy.accountFormat")
    .refine((v) => /^\d{12,30}$/.test(v.normalize("NFKC").replace(/[\s-]/g, "")), "subsidy.accountFormat"),
});
export type AccountInput = z.infer<typeof AccountSchema>;

export const DecisionSchema = z
  .object({
    decision: z.enum(["approve", "reject"], { error: "subsidy.invalidChoice" }),
    note: optionalText(500),
    /**
     * The payee account the approver was shown (`claimFor(…).accountStamp`): approval is refused if the
     * account changed since, so the account recorded and paid is the one they saw. Absent: the account
     * on file when the approval is written (the API; the recorded account is in the answer).
     */
    account: z.preprocess((v) => (v === "" ? undefined : v), z.string({ error: "subsidy.invalidChoice" }).max(40, "subsidy.invalidChoice").optional()),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "subsidy.rejectReasonRequired" });
  });
export type DecisionInput = z.infer<typeof DecisionSchema>;

export const ClaimListQuery = z.object({
  status: z.enum(CLAIM_STATUSES).optional(),
  kind: z.enum(SUBSIDY_KINDS).optional(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  flagged: z.enum(["1"]).optional(),
});
export type ClaimListFilter = z.infer<typeof ClaimListQuery>;
