// Subsidies: the policies the rules read and the `subsidy-claims` job that makes, updates and
// withdraws claims from the records (the rules are in app/domain/subsidy.ts).
import { classEntitlements, placementEntitlements, readClaimFlags, reconcile, type Entitlement, type ExistingClaim, type PolicyRule } from "~/domain/subsidy";
import { calendarDay, chinaDay } from "~/platform/china-time";
import type { Prisma } from "~/generated/prisma/client";
import { audit, auditMany } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { columnsOf } from "~/platform/input-columns";
import { type Tx, REVIEW_CLEARED, claimSourceSelect, countyEntry } from "./subsidy-access.server";
import { refreshClaimFlags } from "./claim-flags.server";

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
            ...(u.reopen ? { status: "OPEN", statusNote: null, ...REVIEW_CLEARED } : {}),
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
