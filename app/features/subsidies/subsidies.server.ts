// Subsidies (issue 18, docs/subsidies.md): claims made from the records by the `subsidy-claims`
// job, reviewed with separation of duties, paid in bank batches. The rules are in
// app/domain/subsidy.ts. This module reads claims, takes them through review and keeps payee
// accounts; beside it: subsidy-access (who acted, scope), claim-generation (the job), claim-flags,
// payment-batches and subsidy-funds.
import type { Principal } from "~/domain/access";
import { isAdmin } from "~/domain/access";
import {
  APPROVAL_SETTING,
  AWAITING_PAYMENT,
  approvalCheck,
  approverLevel,
  claimStep,
  maskAccountNumber,
  normaliseAccountNumber,
  readClaimFlags,
  readThresholds,
  type ClaimStatus,
} from "~/domain/subsidy";
import { chinaDateTime } from "~/platform/china-time";
import type { Prisma } from "~/generated/prisma/client";
import type { AccountInput, ClaimListFilter, DecisionInput } from "./schema";
import { audit, auditOutOfScope } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { conflict, invalid, refused, type Outcome } from "~/platform/outcome";
import { blindIndex, blindIndexes, decryptPii, encryptPii, sameValueHashes } from "~/services/pii.server";
import { regionNames } from "~/platform/selects";
import {
  type Ctx,
  TOKEN_WITHOUT_PERSON,
  type Tx,
  claimScopeWhere,
  claimSourceSelect,
  countyEntry,
  inScope,
  personOf,
  recordedId,
} from "./subsidy-access.server";
import { refreshClaimFlags } from "./claim-flags.server";

// ───────────── reading ─────────────

const listSelect = {
  id: true,
  kind: true,
  status: true,
  amount: true,
  units: true,
  period: true,
  countyCode: true,
  payeeType: true,
  payeeName: true,
  flags: true,
  createdAt: true,
  preparedById: true,
  approvedById: true,
  paymentBatchId: true,
  statusNote: true,
  worker: { select: { id: true, fullName: true } },
  county: regionNames,
  policy: { select: { code: true, version: true, nameZh: true, nameEn: true } },
} satisfies Prisma.SubsidyClaimSelect;

export async function listClaims(p: Principal, f: ClaimListFilter & { batchId?: string; take?: number } = {}, db: Db = getDb()) {
  const where: Prisma.SubsidyClaimWhereInput = {
    AND: [
      claimScopeWhere(p),
      f.status ? { status: f.status } : {},
      f.kind ? { kind: f.kind } : {},
      f.countyCode ? { countyCode: f.countyCode } : {},
      f.batchId ? { paymentBatchId: f.batchId } : {},
      f.flagged ? { NOT: { flags: { equals: [] } } } : {},
    ],
  };
  const [rows, total, byStatus] = await Promise.all([
    db.subsidyClaim.findMany({ where, select: listSelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: f.take ?? 200 }),
    db.subsidyClaim.count({ where }),
    db.subsidyClaim.groupBy({ by: ["status"], where: claimScopeWhere(p), _count: { _all: true }, _sum: { amount: true } }),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, flags: readClaimFlags(r.flags), createdAt: r.createdAt.toISOString() })),
    total,
    byStatus: byStatus.map((b) => ({ status: b.status, count: b._count._all, amount: b._sum.amount ?? 0 })),
  };
}

/**
 * One claim with its evidence, flags, masked payee account and history; out of scope → null (audited).
 * `account`: once approved, the account recorded at approval (the one paid); before, the payee's
 * account on file, with `accountStamp` naming that version for the approval form.
 */
export async function claimFor(p: Principal, claimId: string, ip: string | null = null, db: Db = getDb()) {
  if (!/^[0-9a-f-]{36}$/i.test(claimId)) return null;
  const c = await db.subsidyClaim.findUnique({
    where: { id: claimId },
    select: {
      ...listSelect,
      ...claimSourceSelect,
      preparedByTokenId: true,
      evidence: true,
      payeeId: true,
      preparedAt: true,
      approvedAt: true,
      paidAt: true,
      bankReference: true,
      version: true,
      approvedAccountMasked: true,
      approvedBankName: true,
      approvedHolderName: true,
      policy: { select: { id: true, code: true, version: true, nameZh: true, nameEn: true, amount: true, unit: true, legalSource: true, sourceUrl: true } },
      worker: { select: { id: true, fullName: true, idNumberMasked: true, isRegisteredPoor: true } },
      paymentBatch: { select: { id: true, number: true } },
    },
  });
  if (!c) return null;
  if (!inScope(p, c.countyCode)) return auditOutOfScope(p, { entityType: "SubsidyClaim", entityId: c.id, regionCode: c.countyCode, ip }, db);
  const [onFile, history, thresholds, preparedBy] = await Promise.all([
    db.payeeAccount.findUnique({
      where: { ownerType_ownerId: { ownerType: c.payeeType, ownerId: c.payeeId } },
      select: { holderName: true, bankName: true, accountMasked: true, updatedAt: true },
    }),
    db.auditLog.findMany({
      where: { entityType: "SubsidyClaim", entityId: c.id },
      orderBy: { id: "asc" },
      select: { at: true, action: true, actorUserId: true, detail: true },
    }),
    approvalThresholds(db),
    preparers(c, db),
  ]);
  const actors = new Map(
    (
      await db.user.findMany({
        where: { id: { in: [...new Set([c.preparedById, c.approvedById, ...history.map((h) => h.actorUserId)].filter((x): x is string => !!x))] } },
        select: { id: true, displayName: true },
      })
    ).map((u) => [u.id, u.displayName]),
  );
  const level = approverLevel(p.grants, c.countyCode, isAdmin(p));
  const check = approvalCheck({ preparedBy, amount: c.amount, flags: readClaimFlags(c.flags) }, { persons: personOf(p).persons, level }, thresholds, "x");
  const accountApproved = c.approvedAccountMasked !== null;
  const account = accountApproved
    ? { holderName: c.approvedHolderName ?? "", bankName: c.approvedBankName ?? "", accountMasked: c.approvedAccountMasked ?? "" }
    : paysApprovedAccount(c.status) || !onFile
      ? null
      : { holderName: onFile.holderName, bankName: onFile.bankName, accountMasked: onFile.accountMasked };
  return {
    ...c,
    worker: { ...c.worker, idNumberMasked: c.worker.idNumberMasked.slice(0, 4) + "*".repeat(Math.max(0, c.worker.idNumberMasked.length - 4)) },
    flags: readClaimFlags(c.flags),
    createdAt: c.createdAt.toISOString(),
    account,
    accountApproved,
    accountStamp: !accountApproved && onFile ? onFile.updatedAt.toISOString() : null,
    preparedBy: c.preparedById ? (actors.get(c.preparedById) ?? null) : null,
    approvedBy: c.approvedById ? (actors.get(c.approvedById) ?? null) : null,
    // China wall-clock time (the readers' clock), not UTC.
    history: history.map((h) => ({
      at: chinaDateTime(h.at),
      action: h.action,
      actor: h.actorUserId ? (actors.get(h.actorUserId) ?? null) : null,
      detail: h.detail,
    })),
    canPrepare: c.status === "OPEN",
    canDecide: c.status === "PREPARED" ? (check.ok ? "yes" : check.reason) : null,
    preparedByPersons: preparedBy,
  };
}

/** Everyone behind a claim's preparation: the recorded person and, if a token was used, the people behind that token. */
async function preparers(c: { preparedById: string | null; preparedByTokenId: string | null }, db: Db | Tx): Promise<string[]> {
  const token = c.preparedByTokenId ? await db.apiToken.findUnique({ where: { id: c.preparedByTokenId }, select: { userId: true, createdById: true } }) : null;
  return [...new Set([c.preparedById, token?.userId, token?.createdById].filter((x): x is string => !!x))];
}

/** Past approval a claim is paid to the account recorded then, never to the payee's account on file (which can change). */
const paysApprovedAccount = (status: ClaimStatus) => AWAITING_PAYMENT.includes(status) || status === "PAID";

export async function approvalThresholds(db: Db | Tx = getDb()) {
  return readThresholds((await db.setting.findUnique({ where: { key: APPROVAL_SETTING }, select: { value: true } }))?.value);
}

// ───────────── review ─────────────

/** Prepares open claims for approval (the preparer is recorded and may not approve them). A claim without a payee account cannot be prepared. */
export async function prepareClaims(
  p: Principal,
  claimIds: string[],
  ctx: Ctx,
  db: Db = getDb(),
): Promise<Outcome<{ prepared: number; skipped: { id: string; reason: string }[] }>> {
  const ids = [...new Set(claimIds)].filter((id) => /^[0-9a-f-]{36}$/i.test(id)).slice(0, 500);
  if (ids.length === 0) return invalid("claimIds", "subsidy.selectClaims");
  const who = personOf(p);
  if (!who.recordAs) return refused(TOKEN_WITHOUT_PERSON);
  const claims = await db.subsidyClaim.findMany({
    where: { AND: [{ id: { in: ids } }, claimScopeWhere(p)] },
    select: { id: true, status: true, version: true, countyCode: true, payeeType: true, payeeId: true },
  });
  const accounts = await db.payeeAccount.findMany({
    where: { OR: claims.map((c) => ({ ownerType: c.payeeType, ownerId: c.payeeId })) },
    select: { ownerType: true, ownerId: true },
  });
  const hasAccount = new Set(accounts.map((a) => `${a.ownerType}|${a.ownerId}`));
  const skipped: { id: string; reason: string }[] = ids.filter((id) => !claims.some((c) => c.id === id)).map((id) => ({ id, reason: "notFound" }));
  let prepared = 0;
  await db.$transaction(
    async (tx) => {
      for (const c of claims) {
        if (claimStep(c.status, "prepare") === null) {
          skipped.push({ id: c.id, reason: "notOpen" });
          continue;
        }
        if (!hasAccount.has(`${c.payeeType}|${c.payeeId}`)) {
          skipped.push({ id: c.id, reason: "noAccount" });
          continue;
        }
        const done = await tx.subsidyClaim.updateMany({
          where: { id: c.id, status: "OPEN", version: c.version },
          data: {
            status: "PREPARED",
            preparedById: who.recordAs,
            preparedByTokenId: who.tokenId,
            preparedAt: new Date(),
            statusNote: null,
            version: { increment: 1 },
          },
        });
        if (done.count === 0) {
          skipped.push({ id: c.id, reason: "changed" });
          continue;
        }
        await refreshClaimFlags(tx, c.id);
        await audit(
          countyEntry("SubsidyClaim", c, {
            actor: p,
            action: "subsidyClaim.prepare",
            detail: who.tokenId ? { asPerson: who.recordAs } : undefined,
            ip: ctx.ip,
          }),
          tx,
        );
        prepared++;
      }
    },
    { timeout: 60_000 },
  );
  if (prepared === 0 && skipped.length) return refused(`subsidy.refusal.${skipped[0].reason}`);
  return { ok: true, prepared, skipped };
}

/** Approve or reject a prepared claim: never by its preparer; above the thresholds only at prefecture/province level; a reason to reject. */
export async function decideClaim(
  p: Principal,
  claimId: string,
  input: DecisionInput,
  ctx: Ctx,
  db: Db = getDb(),
): Promise<Outcome<{ status: ClaimStatus }> | null> {
  const c = await claimFor(p, claimId, ctx.ip, db);
  if (!c) return null;
  const to = claimStep(c.status, input.decision);
  if (!to) return refused("subsidy.refusal.notPrepared");
  const who = personOf(p);
  const level = approverLevel(p.grants, c.countyCode, isAdmin(p));
  if (input.decision === "approve") {
    const fresh = await db.$transaction(async (tx) => refreshClaimFlags(tx, c.id));
    const check = approvalCheck(
      { preparedBy: c.preparedByPersons, amount: c.amount, flags: fresh },
      { persons: who.persons, level },
      await approvalThresholds(db),
      input.note,
    );
    if (!check.ok) return check.reason === "flaggedNoteRequired" ? invalid("note", "subsidy.flaggedNoteRequired") : refused(`subsidy.refusal.${check.reason}`);
  } else if (!level) {
    return refused("subsidy.refusal.notCoordinator");
  } else if (!who.recordAs) {
    return refused(TOKEN_WITHOUT_PERSON);
  } else if (who.persons.some((id) => c.preparedByPersons.includes(id))) {
    return refused("subsidy.refusal.samePerson");
  }
  return db.$transaction(async (tx): Promise<Outcome<{ status: ClaimStatus }>> => {
    let approved: Prisma.SubsidyClaimUpdateManyMutationInput = {};
    let accountMasked: string | undefined;
    if (to === "APPROVED") {
      // The account approved is the account paid: the payee's account on file is copied onto the claim (ciphertext, never
      // the number), its row locked until this commits so a change made meanwhile waits and is checked against the stamp.
      const [acc] = await tx.$queryRaw<PayeeAccountRow[]>`
        SELECT "accountCipher", "accountHash", "accountMasked", "bankName", "holderName", "updatedAt" FROM "PayeeAccount"
         WHERE "ownerType" = ${c.payeeType}::"SubsidyPayee" AND "ownerId" = ${c.payeeId} FOR UPDATE`;
      if (!acc) return refused("subsidy.refusal.noAccount");
      if (input.account !== undefined && input.account !== acc.updatedAt.toISOString()) return refused("subsidy.refusal.accountChangedSinceShown");
      accountMasked = acc.accountMasked;
      approved = {
        approvedById: who.recordAs,
        approvedAt: new Date(),
        approvedAccountCipher: acc.accountCipher,
        approvedAccountHash: acc.accountHash,
        approvedAccountMasked: acc.accountMasked,
        approvedBankName: acc.bankName,
        approvedHolderName: acc.holderName,
      };
    }
    const done = await tx.subsidyClaim.updateMany({
      where: { id: c.id, status: "PREPARED", version: c.version },
      data: { status: to, statusNote: input.note ?? null, version: { increment: 1 }, ...approved },
    });
    if (done.count === 0) return conflict;
    await audit(
      countyEntry("SubsidyClaim", c, {
        actor: p,
        action: `subsidyClaim.${input.decision}`,
        detail: {
          note: input.note ?? null,
          amount: c.amount,
          level,
          flags: c.flags.map((f) => f.code),
          ...(accountMasked ? { accountMasked } : {}),
          ...(who.tokenId ? { asPerson: who.recordAs } : {}),
        },
        ip: ctx.ip,
      }),
      tx,
    );
    return { ok: true as const, status: to };
  });
}

type PayeeAccountRow = { accountCipher: string; accountHash: string; accountMasked: string; bankName: string; holderName: string; updatedAt: Date };

// ───────────── payee accounts ─────────────

/**
 * Sets (or replaces) the bank account of the claim's payee: encrypted, blind-indexed, masked; audited
 * without the number. It reaches the payee's claims not yet approved; those approved and not yet paid
 * keep the account recorded at their approval, and are flagged `accountChanged` (with an audit row on
 * each, under its own county) while the account on file differs from it.
 */
export async function setClaimAccount(p: Principal, claimId: string, input: AccountInput, ctx: Ctx, db: Db = getDb()): Promise<Outcome | null> {
  const c = await claimFor(p, claimId, ctx.ip, db);
  if (!c) return null;
  if (c.status !== "OPEN") return refused("subsidy.refusal.accountLocked");
  const number = normaliseAccountNumber(input.accountNumber);
  if (!number) return invalid("accountNumber", "subsidy.accountFormat");
  const data = {
    holderName: input.holderName,
    bankName: input.bankName,
    accountCipher: encryptPii(number),
    accountHash: blindIndex("bank-account", number),
    accountMasked: maskAccountNumber(number),
    updatedById: recordedId(p),
  };
  await db.$transaction(async (tx) => {
    const before = await tx.payeeAccount.findUnique({
      where: { ownerType_ownerId: { ownerType: c.payeeType, ownerId: c.payeeId } },
      select: { accountHash: true, accountCipher: true },
    });
    await tx.payeeAccount.upsert({
      where: { ownerType_ownerId: { ownerType: c.payeeType, ownerId: c.payeeId } },
      create: { ownerType: c.payeeType, ownerId: c.payeeId, ...data },
      update: data,
    });
    // The shared-account flag of every unpaid claim paid into this number (or the one it replaced) may change.
    // (During a key rotation, under either key.)
    const hashes = [
      ...new Set([...blindIndexes("bank-account", number), ...(before ? sameValueHashes("bank-account", before.accountHash, before.accountCipher) : [])]),
    ];
    const owners = await tx.payeeAccount.findMany({ where: { accountHash: { in: hashes } }, select: { ownerType: true, ownerId: true } });
    const affected = await tx.subsidyClaim.findMany({
      where: { OR: owners.map((o) => ({ payeeType: o.ownerType, payeeId: o.ownerId })), status: { in: ["OPEN", "PREPARED", "APPROVED"] }, id: { not: c.id } },
      select: { id: true },
      take: 500,
    });
    // This payee's claims approved and not yet paid, in any county: still paid to the account approved; flagged and audited.
    const awaiting = await tx.subsidyClaim.findMany({
      where: { payeeType: c.payeeType, payeeId: c.payeeId, status: { in: [...AWAITING_PAYMENT] } },
      select: { id: true, countyCode: true, approvedAccountMasked: true },
    });
    for (const id of new Set([...affected.map((a) => a.id), ...awaiting.map((a) => a.id)])) await refreshClaimFlags(tx, id);
    for (const a of awaiting)
      await audit(
        countyEntry("SubsidyClaim", a, {
          actor: p,
          action: "payeeAccount.changedAfterApproval",
          detail: { onClaim: c.id, accountMasked: data.accountMasked, approvedAccountMasked: a.approvedAccountMasked },
          ip: ctx.ip,
        }),
        tx,
      );
    await audit(
      countyEntry("SubsidyClaim", c, {
        actor: p,
        action: "payeeAccount.set",
        detail: { payeeType: c.payeeType, payeeId: c.payeeId, accountMasked: data.accountMasked, bankName: input.bankName },
        ip: ctx.ip,
      }),
      tx,
    );
    await refreshClaimFlags(tx, c.id);
  });
  return { ok: true };
}

/**
 * The full account number of a claim's payee: one audited reveal (as an ID number's). Once approved,
 * the number recorded at approval (the one paid); before, the payee's account on file.
 */
export async function revealClaimAccount(p: Principal, claimId: string, ctx: Ctx, db: Db = getDb()): Promise<{ accountNumber: string | null } | null> {
  const c = await claimFor(p, claimId, ctx.ip, db);
  if (!c) return null;
  const { approvedAccountCipher } = await db.subsidyClaim.findUniqueOrThrow({ where: { id: c.id }, select: { approvedAccountCipher: true } });
  const cipher =
    approvedAccountCipher ??
    (paysApprovedAccount(c.status)
      ? null
      : (
          await db.payeeAccount.findUnique({
            where: { ownerType_ownerId: { ownerType: c.payeeType, ownerId: c.payeeId } },
            select: { accountCipher: true },
          })
        )?.accountCipher);
  await audit(
    countyEntry("SubsidyClaim", c, { actor: p, action: "payeeAccount.reveal", detail: { payeeType: c.payeeType, fields: ["accountNumber"] }, ip: ctx.ip }),
    db,
  );
  return { accountNumber: cipher ? decryptPii(cipher) : null };
}
