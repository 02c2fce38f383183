// /api/v1/subsidy-policies and /api/v1/subsidy-claims: resources and queries as zod schemas (the
// OpenAPI document is generated from them), mapped from the same services the pages use.
import { z } from "zod";
import type { Principal } from "~/domain/access";
import { accountable, CERTIFICATE_LEVELS, CLAIM_FLAG_CODES, CLAIM_STATUSES, SUBSIDY_KINDS, SUBSIDY_PAYEES, SUBSIDY_UNITS } from "~/domain/subsidy";
import { TRANSFER_TYPES } from "~/domain/placement";
import { ClaimListQuery } from "~/features/subsidies/index";
import { apiError, pickResource } from "./api.server";
import type { claimFor, listClaims } from "~/features/subsidies/index.server";
import type { PolicyView } from "~/features/subsidies/index.server";

export const SubsidyPolicyResourceSchema = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  kind: z.enum(SUBSIDY_KINDS),
  nameZh: z.string(),
  nameEn: z.string(),
  amount: z.number().int(),
  unit: z.enum(SUBSIDY_UNITS),
  maxUnits: z.number().int().nullable(),
  payee: z.enum(SUBSIDY_PAYEES),
  occupationCode: z.string().nullable(),
  transferTypes: z.array(z.enum(TRANSFER_TYPES)),
  retentionMonths: z.number().int().nullable(),
  requireRegisteredPoor: z.boolean(),
  requirePovertyCounty: z.boolean(),
  requireCertificate: z.boolean(),
  certificateLevel: z
    .enum(CERTIFICATE_LEVELS)
    .nullable()
    .describe(
      "Training only: pays graduates holding a certificate of this level (LEVEL_5 初级工 … LEVEL_1 高级技师, " +
        "SPECIAL_ABILITY 专项职业能力证书, TRAINING_CERTIFICATE 培训合格证书); null = any",
    ),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  legalSource: z.string(),
  sourceUrl: z.string().nullable(),
});
export const SubsidyPolicyListSchema = z.object({ items: z.array(SubsidyPolicyResourceSchema.extend({ history: z.array(SubsidyPolicyResourceSchema) })) });

const FlagSchema = z.object({ code: z.enum(CLAIM_FLAG_CODES), detail: z.record(z.string(), z.union([z.string(), z.number()])) });
export const SubsidyClaimResourceSchema = z.object({
  id: z.string(),
  kind: z.enum(SUBSIDY_KINDS),
  status: z.enum(CLAIM_STATUSES),
  amount: z.number().int(),
  units: z.number().int(),
  period: z.string(),
  countyCode: z.string(),
  payeeType: z.enum(SUBSIDY_PAYEES),
  payeeName: z.string(),
  worker: z.object({ id: z.string(), fullName: z.string() }),
  policy: z.object({ code: z.string(), version: z.number().int() }),
  flags: z.array(FlagSchema),
  statusNote: z.string().nullable(),
  paymentBatchId: z.string().nullable(),
  createdAt: z.string(),
});
export const SubsidyClaimDetailSchema = SubsidyClaimResourceSchema.extend({
  evidence: z.array(z.object({ type: z.string(), id: z.string(), label: z.string(), level: z.enum(CERTIFICATE_LEVELS).optional() })),
  policy: z.object({ code: z.string(), version: z.number().int(), legalSource: z.string(), sourceUrl: z.string().nullable() }),
  account: z.object({ holderName: z.string(), bankName: z.string(), accountMasked: z.string() }).nullable(),
  /** Before approval, the version of the payee's account on file: send it back as `accountStamp` when approving. */
  accountStamp: z.string().nullable(),
  preparedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  bankReference: z.string().nullable(),
});
export const SubsidyClaimQuerySchema = ClaimListQuery;
export const SubsidyClaimPageSchema = z.object({ total: z.number().int(), items: z.array(SubsidyClaimResourceSchema) });
export const SubsidyClaimChangeSchema = z
  .object({
    status: z.enum(["PREPARED", "APPROVED", "REJECTED"]),
    note: z.string().trim().min(1).max(500).optional(),
    /** The claim's `accountStamp` as read: approval is refused (409) if the payee's account changed since, as on the page. */
    accountStamp: z.string().max(40).optional(),
  })
  .refine((v) => v.status !== "REJECTED" || !!v.note, { path: ["note"], message: "subsidy.rejectReasonRequired" });
export const PaymentBatchBodySchema = z.object({ countyCode: z.string().regex(/^\d{6}$/) });
export const PaymentBatchResultSchema = z.object({ batchId: z.string(), claims: z.number().int() });

export function toPolicyResource(p: PolicyView): z.infer<typeof SubsidyPolicyResourceSchema> {
  return pickResource(SubsidyPolicyResourceSchema, p);
}

type Row = Awaited<ReturnType<typeof listClaims>>["rows"][number];
export function toClaimResource(r: Row): z.infer<typeof SubsidyClaimResourceSchema> {
  return pickResource(SubsidyClaimResourceSchema, { ...r, policy: { code: r.policy.code, version: r.policy.version } });
}

type Detail = NonNullable<Awaited<ReturnType<typeof claimFor>>>;
export function toClaimDetail(c: Detail): z.infer<typeof SubsidyClaimDetailSchema> {
  return {
    ...toClaimResource({ ...c, worker: { id: c.worker.id, fullName: c.worker.fullName } } as unknown as Row),
    evidence: c.evidence as z.infer<typeof SubsidyClaimDetailSchema>["evidence"],
    policy: { code: c.policy.code, version: c.policy.version, legalSource: c.policy.legalSource, sourceUrl: c.policy.sourceUrl },
    account: c.account,
    accountStamp: c.accountStamp,
    preparedAt: c.preparedAt?.toISOString() ?? null,
    approvedAt: c.approvedAt?.toISOString() ?? null,
    paidAt: c.paidAt?.toISOString() ?? null,
    bankReference: c.bankReference,
  };
}

/**
 * Preparing, deciding and batching need a person accountable (docs/subsidies.md): a token with nobody
 * behind it (no user it was issued for, no creator) may list and read claims, not act on them — 403.
 */
export function requireAccountablePerson(p: Principal): void {
  if (accountable(p).persons.length === 0)
    throw apiError(
      403,
      "token_without_person",
      "This token has no person behind it (issued for or created by a user): it may list and read subsidy claims but " +
        "not prepare, approve, reject or batch them",
    );
}
