// Subsidies (issue 18, docs/subsidies.md): claims made from the records by the `subsidy-claims`
// job, reviewed with separation of duties, paid in bank batches. The rules are in
// app/domain/subsidy.ts; this module loads their facts, writes, and audits.
import { parse as parseCsvSync } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Principal } from "~/domain/access";
import { isAdmin } from "~/domain/access";
import { readFlags } from "~/domain/placement";
import { regionPrefix } from "~/domain/regions";
import {
  accountable,
  APPROVAL_SETTING,
  approvalCheck,
  approverLevel,
  claimFlags,
  claimStep,
  classEntitlements,
  maskAccountNumber,
  normaliseAccountNumber,
  parseBankReturn,
  placementEntitlements,
  readClaimFlags,
  readThresholds,
  reconcile,
  type ClaimFlag,
  type ClaimStatus,
  type Entitlement,
  type ExistingClaim,
  type PolicyRule,
  type SubsidyPayee,
} from "~/domain/subsidy";
import { calendarDay, chinaDateTime, chinaDay, chinaTime } from "~/platform/china-time";
import type { Prisma } from "~/generated/prisma/client";
import type { AccountInput, ClaimListFilter, DecisionInput } from "./schema";
import { audit, auditMany, auditOutOfScope, type AuditEntry } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { conflict, invalid, refused, type Outcome } from "~/platform/outcome";
import { columnsOf } from "~/platform/input-columns";
import { blindIndex, blindIndexes, decryptPii, encryptPii, sameValueHashes } from "~/services/pii.server";
import { regionNames } from "~/platform/selects";

type Tx = Prisma.TransactionClient;
/**
 * Who acted, for separation of duties (`accountable`, app/domain/subsidy.ts): a user is themself; an
 * API token is the person it was issued for and the person who created it. A token with nobody behind
 * it may list and read claims but not prepare, decide or batch them.
 */
const personOf = (p: Principal) => accountable(p);
/** The id recorded as the actor: the accountable person, or (a token with nobody behind it, for non-decisions) the token. */
const recordedId = (p: Principal) => personOf(p).recordAs ?? `token:${p.id}`;
export const TOKEN_WITHOUT_PERSON = "subsidy.refusal.tokenWithoutPerson";

// ───────────── scope ─────────────

/** Claims of the counties this coordinator covers (admins: all). Provider staff and employers see none here. */
export function claimScopeWhere(p: Principal): Prisma.SubsidyClaimWhereInput {
  if (isAdmin(p)) return {};
  const roots = p.grants.filter((g) => g.role === "COORDINATOR" && g.regionCode).map((g) => g.regionCode as string);
  if (roots.length === 0) return { id: "-" };
  return { OR: roots.map((r) => ({ countyCode: { startsWith: regionPrefix(r) } })) };
}

const inScope = (p: Principal, countyCode: string) =>
  isAdmin(p) || p.grants.some((g) => g.role === "COORDINATOR" && g.regionCode && countyCode.startsWith(regionPrefix(g.regionCode)));

// ───────────── policies ─────────────

type PolicyRow = Prisma.SubsidyPolicyGetPayload<object>;
export function toRule(p: PolicyRow): PolicyRule {
  return {
    id: p.id,
    code: p.code,
    version: p.version,
    kind: p.kind,
    amount: p.amount,
    unit: p.unit,
    maxUnits: p.maxUnits,
    payee: p.payee,
    occupationCode: p.occupationCode,
    transferTypes: p.transferTypes,
    retentionMonths: p.retentionMonths,
    requireRegisteredPoor: p.requireRegisteredPoor,
    requirePovertyCounty: p.requirePovertyCounty,
    requireCertificate: p.requireCertificate,
    certificateLevel: p.certificateLevel,
    validFrom: calendarDay(p.validFrom),
    validTo: p.validTo ? calendarDay(p.validTo) : null,
  };
}

async function policyRules(db: Db | Tx): Promise<PolicyRule[]> {
  return (await db.subsidyPolicy.findMany()).map(toRule);
}

// ───────────── generation (the job) ─────────────

export type ClaimSource = { entityType: "trainingClass" | "placement" | "followUp"; entityId: string };
export type GenerationResult = { created: number; updated: number; withdrawn: number; flagged: number };

/**
 * Makes the claims a record entitles and takes back those it no longer does. Idempotent: run twice
 * on the same records it changes nothing. One source at a time (advisory lock on its id); one claim
 * per person, kind and period whatever the source (the unique key absorbs a race between sources).
 */
export async function generateClaims(ref: ClaimSource, db: Db = getDb()): Promise<GenerationResult> {
  let source: ClaimSource | null = ref;
  if (ref.entityType === "followUp") {
    const f = await db.followUp.findUnique({ where: { id: ref.entityId }, select: { placementId: true } });
    source = f ? { entityType: "placement", entityId: f.placementId } : null;
  }
  if (!source) return { created: 0, updated: 0, withdrawn: 0, flagged: 0 };
  const s = source;
  /** The generator's audit entry (no actor) about one claim, naming the record it read. */
  const entry = (c: { id: string; countyCode: string }, action: string, detail: Prisma.InputJsonObject) =>
    countyEntry("SubsidyClaim", c, { actor: null, action, detail: { source: s, ...detail } });
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`subsidy:${s.entityId}`}))`;
      const policies = await policyRules(tx);
      const { entitlements, fromSource } =
        s.entityType === "trainingClass" ? await classFacts(tx, s.entityId, policies) : await placementFacts(tx, s.entityId, policies);
      const sameKey = entitlements.length
        ? (
            await tx.subsidyClaim.findMany({
              where: { OR: entitlements.map((e) => ({ workerId: e.workerId, kind: e.kind, period: e.period })) },
              select: existingSelect,
            })
          ).map(toExisting)
        : [];
      const plan = reconcile(entitlements, fromSource, sameKey);
      const touched = new Set<string>();
      if (plan.create.length) {
        await tx.subsidyClaim.createMany({ data: plan.create.map(claimData), skipDuplicates: true });
        const made = await tx.subsidyClaim.findMany({
          where: { OR: plan.create.map((e) => ({ workerId: e.workerId, kind: e.kind, period: e.period })) },
          select: { id: true, countyCode: true, kind: true, amount: true },
        });
        made.forEach((m) => touched.add(m.id));
        await auditMany(
          made.map((m) => entry(m, "subsidyClaim.generate", { kind: m.kind, amount: m.amount })),
          tx,
        );
      }
      for (const u of plan.update) {
        const c = await tx.subsidyClaim.update({
          where: { id: u.claimId },
          data: {
            ...claimData(u.entitlement),
            version: { increment: 1 },
            ...(u.reopen
              ? { status: "OPEN", statusNote: null, preparedById: null, preparedByTokenId: null, preparedAt: null, approvedById: null, approvedAt: null }
              : {}),
          },
          select: { id: true, countyCode: true },
        });
        touched.add(c.id);
        await audit(
          entry(c, u.reopen ? "subsidyClaim.reopen" : "subsidyClaim.recompute", { amount: u.entitlement.amount, policyId: u.entitlement.policyId }),
          tx,
        );
      }
      for (const w of plan.withdraw) {
        const c = await tx.subsidyClaim.update({
          where: { id: w.claimId },
          data: { status: "WITHDRAWN", statusNote: w.reason, version: { increment: 1 } },
          select: { id: true, countyCode: true },
        });
        await audit(entry(c, "subsidyClaim.withdraw", { reason: w.reason }), tx);
      }
      for (const f of plan.flag) {
        const c = await tx.subsidyClaim.findUniqueOrThrow({ where: { id: f.claimId }, select: { id: true, countyCode: true, flags: true } });
        const flags = readClaimFlags(c.flags);
        if (!flags.some((x) => x.code === "evidenceChanged")) {
          await tx.subsidyClaim.update({
            where: { id: c.id },
            data: { flags: [...flags, { code: "evidenceChanged", detail: {} }], version: { increment: 1 } },
          });
          await audit(entry(c, "subsidyClaim.flag", { reason: f.reason }), tx);
        }
      }
      for (const id of touched) await refreshClaimFlags(tx, id);
      return { created: plan.create.length, updated: plan.update.length, withdrawn: plan.withdraw.length, flagged: plan.flag.length };
    },
    { timeout: 60_000 },
  );
}

/** The record a claim was made from (Entitlement["source"]): a class and enrolment, or a placement and follow-up. */
const claimSourceSelect = { trainingClassId: true, enrollmentId: true, placementId: true, followUpId: true } satisfies Prisma.SubsidyClaimSelect;
const existingSelect = {
  id: true,
  kind: true,
  workerId: true,
  period: true,
  status: true,
  amount: true,
  units: true,
  policyId: true,
  ...claimSourceSelect,
} satisfies Prisma.SubsidyClaimSelect;
function toExisting(c: Prisma.SubsidyClaimGetPayload<{ select: typeof existingSelect }>): ExistingClaim {
  const source: Entitlement["source"] = {};
  if (c.trainingClassId) source.trainingClassId = c.trainingClassId;
  if (c.enrollmentId) source.enrollmentId = c.enrollmentId;
  if (c.placementId) source.placementId = c.placementId;
  if (c.followUpId) source.followUpId = c.followUpId;
  return { id: c.id, kind: c.kind, workerId: c.workerId, period: c.period, status: c.status, amount: c.amount, units: c.units, policyId: c.policyId, source };
}

/** An audit entry about a claim or a payment batch, filed under its county. */
const countyEntry = (
  entityType: "SubsidyClaim" | "PaymentBatch",
  record: { id: string; countyCode: string },
  entry: Pick<AuditEntry, "actor" | "action" | "detail" | "ip">,
): AuditEntry => ({ ...entry, entityType, entityId: record.id, regionCode: record.countyCode });

function claimData(e: Entitlement) {
  return {
    ...columnsOf(e, ["policyId", "kind", "workerId", "countyCode", "period", "units", "amount", "payeeType", "payeeId", "payeeName", "evidence"]),
    ...columnsOf(e.source, ["trainingClassId", "enrollmentId", "placementId", "followUpId"]),
  };
}

const personSelect = {
  id: true,
  fullName: true,
  countyCode: true,
  isRegisteredPoor: true,
  county: { select: { isPovertyCounty: true } },
} satisfies Prisma.WorkerSelect;
const person = (w: Prisma.WorkerGetPayload<{ select: typeof personSelect }>) => ({
  workerId: w.id,
  fullName: w.fullName,
  countyCode: w.countyCode,
  isRegisteredPoor: w.isRegisteredPoor,
  inPovertyCounty: w.county.isPovertyCounty,
});

async function classFacts(tx: Tx, classId: string, policies: PolicyRule[]) {
  const fromSource = (await tx.subsidyClaim.findMany({ where: { trainingClassId: classId }, select: existingSelect })).map(toExisting);
  const cls = await tx.trainingClass.findUnique({
    where: { id: classId },
    select: {
      id: true,
      name: true,
      occupationCode: true,
      status: true,
      provider: { select: { id: true, name: true } },
      enrollments: {
        select: {
          id: true,
          status: true,
          completedAt: true,
          worker: { select: personSelect },
          assessment: { select: { passed: true, certificateNumber: true, certificateLevel: true } },
          attendance: { where: { status: "PRESENT" }, select: { session: { select: { startsAt: true } } } },
        },
      },
    },
  });
  if (!cls) return { entitlements: [], fromSource };
  const people = cls.enrollments.map((e) => ({
    person: person(e.worker),
    enrollmentId: e.id,
    status: e.status,
    completedOn: e.completedAt ? chinaDay(e.completedAt) : null,
    certificateNumber: e.assessment?.certificateNumber ?? null,
    certificateLevel: e.assessment?.certificateLevel ?? null,
    assessmentPassed: e.assessment?.passed ?? null,
    attendedDays: new Set(e.attendance.map((a) => chinaDay(a.session.startsAt))).size,
  }));
  const entitlements = classEntitlements(cls, people, policies).map((e) =>
    e.payeeType === "WORKER" ? { ...e, payeeName: cls.enrollments.find((x) => x.worker.id === e.workerId)!.worker.fullName } : e,
  );
  return { entitlements, fromSource };
}

async function placementFacts(tx: Tx, placementId: string, policies: PolicyRule[]) {
  const fromSource = (await tx.subsidyClaim.findMany({ where: { placementId }, select: existingSelect })).map(toExisting);
  const pl = await tx.placement.findUnique({
    where: { id: placementId },
    select: {
      id: true,
      verification: true,
      startDate: true,
      transferType: true,
      employer: { select: { id: true, name: true } },
      worker: { select: personSelect },
      followUps: { select: { id: true, dueMonth: true, stillEmployed: true, completedAt: true } },
    },
  });
  if (!pl) return { entitlements: [], fromSource };
  const entitlements = placementEntitlements(
    {
      id: pl.id,
      person: person(pl.worker),
      verification: pl.verification,
      startDate: calendarDay(pl.startDate),
      transferType: pl.transferType,
      employer: pl.employer,
      followUps: pl.followUps.map((f) => ({
        id: f.id,
        dueMonth: f.dueMonth,
        stillEmployed: f.stillEmployed,
        completedOn: f.completedAt ? chinaDay(f.completedAt) : null,
      })),
    },
    policies,
  );
  return { entitlements, fromSource };
}

// ───────────── flags ─────────────

/** Recomputes a claim's flags from the stored facts (placement flags reused, plus the subsidy ones). */
export async function refreshClaimFlags(tx: Tx | Db, claimId: string): Promise<ClaimFlag[]> {
  const c = await tx.subsidyClaim.findUniqueOrThrow({
    where: { id: claimId },
    select: {
      id: true,
      kind: true,
      amount: true,
      period: true,
      countyCode: true,
      flags: true,
      trainingClassId: true,
      placementId: true,
      payeeType: true,
      payeeId: true,
      policy: { select: { code: true } },
      worker: { select: { id: true, idNumberHash: true, phoneHash: true, idNumberCipher: true, phoneCipher: true } },
    },
  });
  const placement = c.placementId ? await tx.placement.findUnique({ where: { id: c.placementId }, select: { flags: true } }) : null;
  let staffOfProvider = false;
  let otherClassesSameDays: { className: string; day: string }[] = [];
  if (c.trainingClassId) {
    const cls = await tx.trainingClass.findUnique({ where: { id: c.trainingClassId }, select: { providerId: true, startDate: true, endDate: true } });
    if (cls) {
      // During a key rotation either side may still hold the previous key's hash: both are compared.
      const same: Prisma.UserWhereInput[] = [
        { idNumberHash: { in: sameValueHashes("resident-id", c.worker.idNumberHash, c.worker.idNumberCipher) } },
        { workerId: c.worker.id },
      ];
      if (c.worker.phoneHash && c.worker.phoneCipher) same.push({ phoneHash: { in: sameValueHashes("phone", c.worker.phoneHash, c.worker.phoneCipher) } });
      staffOfProvider = (await tx.user.count({ where: { providerId: cls.providerId, OR: same } })) > 0;
      // Marked present in another class on a day inside this class's window: one person cannot be trained twice at once.
      otherClassesSameDays = await tx.$queryRaw<{ className: string; day: string }[]>`
        SELECT c."name" AS "className", to_char((s."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE
          'Asia/Shanghai')::date, 'YYYY-MM-DD') AS "day"
          FROM "Attendance" a JOIN "Enrollment" e ON e."id" = a."enrollmentId" JOIN "ClassSession" s ON
            s."id" = a."sessionId" JOIN "TrainingClass" c ON c."id" = e."classId"
         WHERE e."workerId" = ${c.worker.id} AND e."classId" <> ${c.trainingClassId} AND a."status" = 'PRESENT'
           AND (s."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date BETWEEN
             ${cls.startDate}::date AND ${cls.endDate}::date
         ORDER BY 2 LIMIT 20`;
    }
  }
  const [budget, committed, sharedWith] = await Promise.all([
    tx.subsidyBudget.findUnique({
      where: { policyCode_countyCode_year: { policyCode: c.policy.code, countyCode: c.countyCode, year: Number(c.period) } },
      select: { amount: true },
    }),
    tx.subsidyClaim.aggregate({
      where: { id: { not: c.id }, countyCode: c.countyCode, period: c.period, policy: { code: c.policy.code }, status: { notIn: ["WITHDRAWN", "REJECTED"] } },
      _sum: { amount: true },
    }),
    sharedAccountCount(tx, c.payeeType, c.payeeId),
  ]);
  const flags = claimFlags({
    placementFlags: placement ? readFlags(placement.flags) : [],
    staffOfProvider,
    otherClassesSameDays,
    budget: budget?.amount ?? null,
    committedOthers: committed._sum.amount ?? 0,
    amount: c.amount,
    sharedWith,
    evidenceChanged: readClaimFlags(c.flags).some((f) => f.code === "evidenceChanged"),
  });
  if (JSON.stringify(flags) !== JSON.stringify(readClaimFlags(c.flags))) await tx.subsidyClaim.update({ where: { id: c.id }, data: { flags } });
  return flags;
}

/** Other payees with the same account number, leaving out members of the same household (a family may share one card). */
async function sharedAccountCount(tx: Tx | Db, ownerType: SubsidyPayee, ownerId: string): Promise<number> {
  const mine = await tx.payeeAccount.findUnique({ where: { ownerType_ownerId: { ownerType, ownerId } }, select: { accountHash: true, accountCipher: true } });
  if (!mine) return 0;
  const others = await tx.payeeAccount.findMany({
    where: { accountHash: { in: sameValueHashes("bank-account", mine.accountHash, mine.accountCipher) }, NOT: { ownerType, ownerId } },
    select: { ownerType: true, ownerId: true },
  });
  if (others.length === 0) return 0;
  if (ownerType !== "WORKER") return others.length;
  const ids = [ownerId, ...others.filter((o) => o.ownerType === "WORKER").map((o) => o.ownerId)];
  const households = new Map(
    (await tx.worker.findMany({ where: { id: { in: ids } }, select: { id: true, householdId: true } })).map((w) => [w.id, w.householdId]),
  );
  const mineHh = households.get(ownerId);
  return others.filter((o) => !(o.ownerType === "WORKER" && mineHh && households.get(o.ownerId) === mineHh)).length;
}

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

/** One claim with its evidence, flags, masked payee account and history; out of scope → null (audited). */
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
      policy: { select: { id: true, code: true, version: true, nameZh: true, nameEn: true, amount: true, unit: true, legalSource: true, sourceUrl: true } },
      worker: { select: { id: true, fullName: true, idNumberMasked: true, isRegisteredPoor: true } },
      paymentBatch: { select: { id: true, number: true } },
    },
  });
  if (!c) return null;
  if (!inScope(p, c.countyCode)) return auditOutOfScope(p, { entityType: "SubsidyClaim", entityId: c.id, regionCode: c.countyCode, ip }, db);
  const [account, history, thresholds, preparedBy] = await Promise.all([
    db.payeeAccount.findUnique({
      where: { ownerType_ownerId: { ownerType: c.payeeType, ownerId: c.payeeId } },
      select: { holderName: true, bankName: true, accountMasked: true },
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
  return {
    ...c,
    worker: { ...c.worker, idNumberMasked: c.worker.idNumberMasked.slice(0, 4) + "*".repeat(Math.max(0, c.worker.idNumberMasked.length - 4)) },
    flags: readClaimFlags(c.flags),
    createdAt: c.createdAt.toISOString(),
    account,
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

export async function approvalThresholds(db: Db | Tx = getDb()) {
  return readThresholds((await db.setting.findUnique({ where: { key: APPROVAL_SETTING }, select: { value: true } }))?.value);
}

// ───────────── review ─────────────

type Ctx = { ip: string | null };

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
  return db.$transaction(async (tx) => {
    const done = await tx.subsidyClaim.updateMany({
      where: { id: c.id, status: "PREPARED", version: c.version },
      data: {
        status: to,
        statusNote: input.note ?? null,
        version: { increment: 1 },
        ...(to === "APPROVED" ? { approvedById: who.recordAs, approvedAt: new Date() } : {}),
      },
    });
    if (done.count === 0) return conflict;
    await audit(
      countyEntry("SubsidyClaim", c, {
        actor: p,
        action: `subsidyClaim.${input.decision}`,
        detail: { note: input.note ?? null, amount: c.amount, level, flags: c.flags.map((f) => f.code), ...(who.tokenId ? { asPerson: who.recordAs } : {}) },
        ip: ctx.ip,
      }),
      tx,
    );
    return { ok: true as const, status: to };
  });
}

// ───────────── payee accounts ─────────────

/** Sets (or replaces) the bank account of the claim's payee: encrypted, blind-indexed, masked; audited without the number. */
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
    for (const a of affected) await refreshClaimFlags(tx, a.id);
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

/** The full account number of a claim's payee: one audited reveal (as an ID number's). */
export async function revealClaimAccount(p: Principal, claimId: string, ctx: Ctx, db: Db = getDb()): Promise<{ accountNumber: string | null } | null> {
  const c = await claimFor(p, claimId, ctx.ip, db);
  if (!c) return null;
  const acc = await db.payeeAccount.findUnique({
    where: { ownerType_ownerId: { ownerType: c.payeeType, ownerId: c.payeeId } },
    select: { accountCipher: true },
  });
  await audit(
    countyEntry("SubsidyClaim", c, { actor: p, action: "payeeAccount.reveal", detail: { payeeType: c.payeeType, fields: ["accountNumber"] }, ip: ctx.ip }),
    db,
  );
  return { accountNumber: acc ? decryptPii(acc.accountCipher) : null };
}

// ───────────── payment batches ─────────────

/** Every approved claim of one county (in the caller's scope) into one batch, ready for export. */
export async function createPaymentBatch(p: Principal, countyCode: string, ctx: Ctx, db: Db = getDb()): Promise<Outcome<{ batchId: string; claims: number }>> {
  if (!/^\d{6}$/.test(countyCode) || !inScope(p, countyCode)) return invalid("countyCode", "subsidy.invalidChoice");
  if (!personOf(p).recordAs) return refused(TOKEN_WITHOUT_PERSON);
  return db.$transaction(async (tx) => {
    const claims = await tx.subsidyClaim.findMany({ where: { countyCode, status: "APPROVED" }, select: { id: true, amount: true }, orderBy: { id: "asc" } });
    if (claims.length === 0) return refused("subsidy.refusal.nothingApproved");
    const today = chinaDay(new Date()).replace(/-/g, "");
    const seq = (await tx.paymentBatch.count({ where: { countyCode, number: { startsWith: `${countyCode}-${today}` } } })) + 1;
    const batch = await tx.paymentBatch.create({
      data: {
        number: `${countyCode}-${today}-${String(seq).padStart(2, "0")}`,
        countyCode,
        claimCount: claims.length,
        totalAmount: claims.reduce((s, c) => s + c.amount, 0),
        createdById: recordedId(p),
      },
    });
    const moved = await tx.subsidyClaim.updateMany({
      where: { id: { in: claims.map((c) => c.id) }, status: "APPROVED" },
      data: { status: "BATCHED", paymentBatchId: batch.id, version: { increment: 1 } },
    });
    if (moved.count !== claims.length) throw new Error("claims changed while batching");
    await audit(
      countyEntry(
        "PaymentBatch",
        { id: batch.id, countyCode },
        { actor: p, action: "paymentBatch.create", detail: { number: batch.number, claims: claims.length, total: batch.totalAmount }, ip: ctx.ip },
      ),
      tx,
    );
    return { ok: true as const, batchId: batch.id, claims: claims.length };
  });
}

export async function listBatches(p: Principal, db: Db = getDb()) {
  const where: Prisma.PaymentBatchWhereInput = isAdmin(p)
    ? {}
    : { OR: p.grants.filter((g) => g.role === "COORDINATOR" && g.regionCode).map((g) => ({ countyCode: { startsWith: regionPrefix(g.regionCode!) } })) };
  if (!isAdmin(p) && !(where.OR as unknown[]).length) return [];
  const rows = await db.paymentBatch.findMany({ where, orderBy: { createdAt: "desc" }, take: 100 });
  return rows.map((b) => ({ ...b, createdAt: b.createdAt.toISOString(), reconciledAt: b.reconciledAt?.toISOString() ?? null }));
}

export async function batchFor(p: Principal, batchId: string, ip: string | null = null, db: Db = getDb()) {
  if (!/^[0-9a-f-]{36}$/i.test(batchId)) return null;
  const b = await db.paymentBatch.findUnique({ where: { id: batchId } });
  if (!b) return null;
  if (!inScope(p, b.countyCode)) return auditOutOfScope(p, { entityType: "PaymentBatch", entityId: b.id, regionCode: b.countyCode, ip }, db);
  const claims = await listClaims(p, { batchId: b.id, take: 5000 }, db);
  return { ...b, createdAt: b.createdAt.toISOString(), reconciledAt: b.reconciledAt?.toISOString() ?? null, claims: claims.rows };
}

export type BankFileRow = { claimId: string; payeeName: string; bankName: string; account: string; amount: number; purpose: string; person: string };

/**
 * The bank file's rows. Accounts masked unless `unmasked` (then decrypted, and the export audited
 * under the batch's county for every claim, like an unmasked drill-down export).
 */
export async function batchFileRows(
  p: Principal,
  batchId: string,
  opts: { unmasked: boolean; purpose: (c: { kind: string; policyName: string; period: string }) => string },
  ctx: Ctx,
  db: Db = getDb(),
): Promise<{ number: string; rows: BankFileRow[] } | null> {
  const b = await batchFor(p, batchId, ctx.ip, db);
  if (!b) return null;
  const claims = await db.subsidyClaim.findMany({
    where: { paymentBatchId: b.id },
    orderBy: { id: "asc" },
    select: {
      id: true,
      kind: true,
      amount: true,
      period: true,
      payeeType: true,
      payeeId: true,
      payeeName: true,
      countyCode: true,
      worker: { select: { fullName: true } },
      policy: { select: { nameZh: true } },
    },
  });
  const accounts = await db.payeeAccount.findMany({ where: { OR: claims.map((c) => ({ ownerType: c.payeeType, ownerId: c.payeeId })) } });
  const acc = new Map(accounts.map((a) => [`${a.ownerType}|${a.ownerId}`, a]));
  const rows = claims.map((c) => {
    const a = acc.get(`${c.payeeType}|${c.payeeId}`);
    return {
      claimId: c.id,
      payeeName: a?.holderName ?? c.payeeName,
      bankName: a?.bankName ?? "",
      account: a ? (opts.unmasked ? decryptPii(a.accountCipher) : a.accountMasked) : "",
      amount: c.amount,
      purpose: opts.purpose({ kind: c.kind, policyName: c.policy.nameZh, period: c.period }),
      person: c.worker.fullName,
    };
  });
  await audit(
    countyEntry("PaymentBatch", b, {
      actor: p,
      action: opts.unmasked ? "paymentBatch.export.unmasked" : "paymentBatch.export",
      detail: { claims: claims.length, claimIds: opts.unmasked ? claims.map((c) => c.id) : undefined },
      ip: ctx.ip,
    }),
    db,
  );
  return { number: b.number, rows };
}

/** Reads a bank return file (CSV or XLSX) into rows of cells. */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<string[][] | null> {
  try {
    if (/\.xlsx$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      if (!ws) return [];
      const out: string[][] = [];
      ws.eachRow({ includeEmpty: false }, (row) => {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = cell.text ?? "";
        });
        out.push(Array.from(cells, (c) => c ?? ""));
      });
      return out;
    }
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
    return parseCsvSync(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    return null;
  }
}

/**
 * The bank's return file: every row names a claim of this batch and its result. All or nothing: a
 * file with any bad line changes nothing and answers the lines. Paid → PAID; failed → OPEN again with
 * the bank's reason (to be corrected, prepared and approved anew).
 */
export async function reconcileBatch(
  p: Principal,
  batchId: string,
  file: { bytes: Uint8Array; name: string },
  ctx: Ctx,
  db: Db = getDb(),
): Promise<Outcome<{ paid: number; failed: number }> | null> {
  const b = await batchFor(p, batchId, ctx.ip, db);
  if (!b) return null;
  const table = await readTable(file.bytes, file.name);
  if (!table) return invalid("file", "subsidy.returnFileUnreadable");
  const parsed = parseBankReturn(table);
  const inBatch = new Map(b.claims.map((c) => [c.id, c.status]));
  const problems = [...parsed.problems.map((x) => ({ field: "file", message: `subsidy.return.${x.message}|${x.line}` }))];
  parsed.rows.forEach((r) => {
    if (!inBatch.has(r.claimId)) problems.push({ field: "file", message: `subsidy.return.notInBatch|${r.claimId.slice(0, 8)}` });
    else if (inBatch.get(r.claimId) !== "BATCHED") problems.push({ field: "file", message: `subsidy.return.alreadySettled|${r.claimId.slice(0, 8)}` });
  });
  if (parsed.rows.length === 0 && problems.length === 0) problems.push({ field: "file", message: "subsidy.return.empty|1" });
  if (problems.length) return { ok: false, kind: "invalid", problems: problems.slice(0, 20) };
  return db.$transaction(
    async (tx) => {
      let paid = 0,
        failed = 0;
      const now = new Date();
      for (const r of parsed.rows) {
        const c = await tx.subsidyClaim.findUniqueOrThrow({ where: { id: r.claimId }, select: { id: true, countyCode: true, status: true } });
        if (r.outcome === "PAID") {
          await tx.subsidyClaim.update({
            where: { id: c.id },
            data: { status: "PAID", paidAt: now, bankReference: r.bankReference, version: { increment: 1 } },
          });
          paid++;
        } else {
          await tx.subsidyClaim.update({
            where: { id: c.id },
            data: {
              status: "OPEN",
              statusNote: r.reason,
              paymentBatchId: null,
              preparedById: null,
              preparedByTokenId: null,
              preparedAt: null,
              approvedById: null,
              approvedAt: null,
              version: { increment: 1 },
            },
          });
          failed++;
        }
        await audit(
          countyEntry("SubsidyClaim", c, {
            actor: p,
            action: r.outcome === "PAID" ? "subsidyClaim.paid" : "subsidyClaim.paymentFailed",
            detail: { batch: b.number, bankReference: r.bankReference, reason: r.reason },
            ip: ctx.ip,
          }),
          tx,
        );
      }
      const open = await tx.subsidyClaim.count({ where: { paymentBatchId: b.id, status: "BATCHED" } });
      await tx.paymentBatch.update({
        where: { id: b.id },
        data: { paidCount: { increment: paid }, failedCount: { increment: failed }, ...(open === 0 ? { status: "RECONCILED", reconciledAt: now } : {}) },
      });
      await audit(countyEntry("PaymentBatch", b, { actor: p, action: "paymentBatch.reconcile", detail: { file: file.name, paid, failed }, ip: ctx.ip }), tx);
      return { ok: true as const, paid, failed };
    },
    { timeout: 60_000 },
  );
}

// ───────────── funds ─────────────

/** ?year= of the funds page and export, else this year in China. */
export function fundsYear(request: Request): number {
  const y = Number(new URL(request.url).searchParams.get("year"));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : Number(chinaDay(new Date()).slice(0, 4));
}

export type FundsRow = { countyCode: string; countyName: string; countyNameEn: string | null; kind: string; budget: number; committed: number; paid: number };

/**
 * Budget vs committed (made, not withdrawn or rejected) vs paid, per county of the reader's region and
 * subsidy kind, for one year; and the cost per person trained, placed, and kept six months (all
 * subsidies committed in the county ÷ distinct persons, by the person's home county, as claims are).
 */
export async function fundsSummary(p: Principal, year: number, db: Db = getDb()) {
  const roots = isAdmin(p) ? ["13"] : p.grants.filter((g) => g.role === "COORDINATOR" && g.regionCode).map((g) => regionPrefix(g.regionCode!));
  if (roots.length === 0) return { year, rows: [] as FundsRow[], costs: [] };
  const like = roots.map((r) => `${r}%`);
  const period = String(year);
  const rows = await db.$queryRaw<FundsRow[]>`
    WITH budgets AS (
      SELECT b."countyCode", pk."kind"::text AS "kind", SUM(b."amount")::int AS "budget"
        FROM "SubsidyBudget" b JOIN (SELECT DISTINCT "code", "kind" FROM "SubsidyPolicy") pk ON pk."code" = b."policyCode"
       WHERE b."year" = ${year} AND b."countyCode" LIKE ANY (${like}::text[])
       GROUP BY 1, 2),
    claims AS (
      SELECT c."countyCode", c."kind"::text AS "kind",
             SUM(c."amount") FILTER (WHERE c."status" NOT IN ('WITHDRAWN', 'REJECTED'))::int AS "committed",
             SUM(c."amount") FILTER (WHERE c."status" = 'PAID')::int AS "paid"
        FROM "SubsidyClaim" c WHERE c."period" = ${period} AND c."countyCode" LIKE ANY (${like}::text[])
       GROUP BY 1, 2)
    SELECT COALESCE(b."countyCode", c."countyCode") AS "countyCode", r."name" AS "countyName", r."nameEn" AS
      "countyNameEn", COALESCE(b."kind", c."kind") AS "kind",
           COALESCE(b."budget", 0) AS "budget", COALESCE(c."committed", 0) AS "committed", COALESCE(c."paid",
             0) AS "paid"
      FROM budgets b FULL JOIN claims c ON c."countyCode" = b."countyCode" AND c."kind" = b."kind"
      JOIN "Region" r ON r."code" = COALESCE(b."countyCode", c."countyCode")
     ORDER BY 1, 4`;
  const counties = [...new Set(rows.map((r) => r.countyCode))];
  const from = chinaTime(`${year}-01-01`),
    to = chinaTime(`${year + 1}-01-01`);
  const persons =
    counties.length === 0
      ? []
      : await db.$queryRaw<{ countyCode: string; trained: number; placed: number; kept: number }[]>`
    SELECT w."countyCode",
           COUNT(DISTINCT w."id") FILTER (WHERE EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."workerId" =
             w."id" AND e."status" = 'COMPLETED' AND e."completedAt" >= ${from} AND e."completedAt" < ${to}))::int AS "trained",
           COUNT(DISTINCT w."id") FILTER (WHERE EXISTS (SELECT 1 FROM "Placement" pl WHERE pl."workerId" =
             w."id" AND pl."verification" = 'VERIFIED' AND pl."startDate" >= ${`${year}-01-01`}::date AND pl."startDate"
             <= ${`${year}-12-31`}::date))::int AS "placed",
           COUNT(DISTINCT w."id") FILTER (WHERE EXISTS (SELECT 1 FROM "FollowUp" f JOIN "Placement" pl ON
             pl."id" = f."placementId" WHERE pl."workerId" = w."id" AND pl."verification" = 'VERIFIED' AND f."dueMonth" >=
             6 AND f."stillEmployed" AND f."completedAt" >= ${from} AND f."completedAt" < ${to}))::int AS "kept"
      FROM "Worker" w WHERE w."countyCode" = ANY (${counties}::text[])
     GROUP BY 1`;
  const costs = counties.map((code) => {
    const committed = rows.filter((r) => r.countyCode === code).reduce((s, r) => s + r.committed, 0);
    const n = persons.find((x) => x.countyCode === code) ?? { trained: 0, placed: 0, kept: 0 };
    const per = (count: number) => ({ persons: count, cost: count > 0 ? Math.round(committed / count) : null });
    return { countyCode: code, committed, trained: per(n.trained), placed: per(n.placed), kept: per(n.kept) };
  });
  return { year, rows, costs };
}
