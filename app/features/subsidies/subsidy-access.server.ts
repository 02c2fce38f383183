// Subsidies: who acted (for separation of duties) and what a coordinator may see, shared by the
// feature's services, with the helpers every section of them uses.
import type { Principal } from "~/domain/access";
import { isAdmin } from "~/domain/access";
import { regionPrefix } from "~/domain/regions";
import { accountable } from "~/domain/subsidy";
import type { Prisma } from "~/generated/prisma/client";
import type { AuditEntry } from "~/services/audit.server";

export type Tx = Prisma.TransactionClient;
/**
 * Who acted, for separation of duties (`accountable`, app/domain/subsidy.ts): a user is themself; an
 * API token is the person it was issued for and the person who created it. A token with nobody behind
 * it may list and read claims but not prepare, decide or batch them.
 */
export const personOf = (p: Principal) => accountable(p);
/** The id recorded as the actor: the accountable person, or (a token with nobody behind it, for non-decisions) the token. */
export const recordedId = (p: Principal) => personOf(p).recordAs ?? `token:${p.id}`;
export const TOKEN_WITHOUT_PERSON = "subsidy.refusal.tokenWithoutPerson";

// ───────────── scope ─────────────

/** Claims of the counties this coordinator covers (admins: all). Provider staff and employers see none here. */
export function claimScopeWhere(p: Principal): Prisma.SubsidyClaimWhereInput {
  if (isAdmin(p)) return {};
  const roots = p.grants.filter((g) => g.role === "COORDINATOR" && g.regionCode).map((g) => g.regionCode as string);
  if (roots.length === 0) return { id: "-" };
  return { OR: roots.map((r) => ({ countyCode: { startsWith: regionPrefix(r) } })) };
}

export const inScope = (p: Principal, countyCode: string) =>
  isAdmin(p) || p.grants.some((g) => g.role === "COORDINATOR" && g.regionCode && countyCode.startsWith(regionPrefix(g.regionCode)));

/** The record a claim was made from (Entitlement["source"]): a class and enrolment, or a placement and follow-up. */
export const claimSourceSelect = { trainingClassId: true, enrollmentId: true, placementId: true, followUpId: true } satisfies Prisma.SubsidyClaimSelect;

/** An audit entry about a claim or a payment batch, filed under its county. */
export const countyEntry = (
  entityType: "SubsidyClaim" | "PaymentBatch",
  record: { id: string; countyCode: string },
  entry: Pick<AuditEntry, "actor" | "action" | "detail" | "ip">,
): AuditEntry => ({ ...entry, entityType, entityId: record.id, regionCode: record.countyCode });

export type Ctx = { ip: string | null };

/**
 * A claim sent back to OPEN (the bank failed it, or its evidence came back after a withdrawal) is
 * prepared and approved anew: who did, and the account approved, are cleared.
 */
export const REVIEW_CLEARED = {
  preparedById: null,
  preparedByTokenId: null,
  preparedAt: null,
  approvedById: null,
  approvedAt: null,
  approvedAccountCipher: null,
  approvedAccountHash: null,
  approvedAccountMasked: null,
  approvedBankName: null,
  approvedHolderName: null,
} satisfies Prisma.SubsidyClaimUpdateManyMutationInput;
