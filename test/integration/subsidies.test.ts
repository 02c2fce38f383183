// Subsidies (issue 18) on real PostgreSQL: claims made from the records (finished class, verified
// placement, follow-up still employed) through the outbox and the job's processor, idempotent; evidence
// corrected later withdraws or flags them; review with separation of duties and thresholds; payment
// batches (masked and audited unmasked export, the bank's return file); fraud flags; scope; policy versions.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Principal } from "~/domain/access";
import {
  claimFor,
  createPaymentBatch,
  decideClaim,
  generateClaims,
  listClaims,
  prepareClaims,
  reconcileBatch,
  batchFileRows,
  revealClaimAccount,
  setClaimAccount,
} from "~/features/subsidies/index.server";
import { savePolicyVersion, setBudget } from "~/features/subsidies/index.server";
import { finishClass, recordAssessment } from "~/features/training/index.server";
import { decidePlacement, createPlacement } from "~/features/placements/index.server";
import { relayOutbox, type OutboxEvent } from "~/services/outbox.server";
import { getDb } from "~/services/db.server";
import { PolicySchema, type PolicyInput } from "~/features/subsidies/index";
import { processors } from "../../workers/registry";
import { dayFromToday, makeAdmin, makeClass, makeCoordinator, makeEmployer, makeProvider, makeWorker } from "../setup/factories";
import { expectOk } from "../setup/expect-ok";
import { errorsByField } from "../setup/schema-fixtures";

const db = () => getDb();
const ctx = { ip: null };
const year = dayFromToday(0).slice(0, 4);
let codeSeq = 0;
const uniq = () => `${Date.now().toString(36)}${(codeSeq++).toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** A fresh county-scoped set of policies: each test gets its own codes, so budgets and rules do not mix across tests. */
async function policies(over: { trainingAmount?: number; occupationCode?: string | null; budget?: number; county?: string } = {}) {
  const admin = await makeAdmin();
  // The earlier tests' policies end: each test pays by its own.
  await db().subsidyPolicy.updateMany({ data: { validTo: new Date("2001-01-01") } });
  const tag = uniq();
  const base = {
    validFrom: `${Number(year) - 1}-01-01`,
    legalSource: "冀人社字〔2023〕测试号",
    requireRegisteredPoor: false,
    requirePovertyCounty: false,
    requireCertificate: false,
    transferTypes: [],
  } as const;
  const defs: PolicyInput[] = [
    {
      ...base,
      code: `train-${tag}`,
      kind: "TRAINING",
      nameZh: "职业培训补贴",
      nameEn: "Training subsidy",
      amount: over.trainingAmount ?? 1200,
      unit: "PERSON",
      payee: "PROVIDER",
      occupationCode: over.occupationCode === null ? undefined : (over.occupationCode ?? "domestic-helper"),
      requireCertificate: true,
      transferTypes: [],
    },
    {
      ...base,
      code: `living-${tag}`,
      kind: "LIVING_ALLOWANCE",
      nameZh: "生活费补贴",
      nameEn: "Living allowance",
      amount: 50,
      unit: "DAY",
      maxUnits: 2,
      payee: "WORKER",
      requireRegisteredPoor: true,
      transferTypes: [],
    },
    {
      ...base,
      code: `transport-${tag}`,
      kind: "TRANSPORT",
      nameZh: "一次性交通补贴",
      nameEn: "Transport subsidy",
      amount: 500,
      unit: "PERSON",
      payee: "WORKER",
      requireRegisteredPoor: true,
      transferTypes: ["BEIJING_TIANJIN"],
    },
    {
      ...base,
      code: `hiring-${tag}`,
      kind: "HIRING",
      nameZh: "吸纳就业补贴",
      nameEn: "Hiring subsidy",
      amount: 1000,
      unit: "PERSON",
      payee: "EMPLOYER",
      retentionMonths: 6,
      transferTypes: [],
    },
  ];
  const ids: Record<string, string> = {};
  for (const d of defs) {
    ids[d.kind] = expectOk(await savePolicyVersion(admin.principal, PolicySchema.parse(d), ctx)).policyId;
    expectOk(
      await setBudget(admin.principal, { policyCode: d.code, countyCode: over.county ?? "130624", year: Number(year), amount: over.budget ?? 1_000_000 }, ctx),
    );
  }
  return { admin, ids, codes: Object.fromEntries(defs.map((d) => [d.kind, d.code])) as Record<string, string> };
}

/** A class that ran yesterday and today (one session each day) in 阜平, with the given trainees' marks and assessments. */
async function ranClass(
  trainees: { workerId: string; present: number; certificate: string | null }[],
  opts: { occupationCode?: string; start?: string; end?: string } = {},
) {
  const provider = await makeProvider("130624");
  const start = opts.start ?? dayFromToday(-1),
    end = opts.end ?? dayFromToday(0);
  const cls = await makeClass(provider, {
    start,
    end,
    occupationCode: opts.occupationCode ?? "domestic-helper",
    name: `家政班 ${uniq()}`,
    capacity: 20,
    assessmentRequired: true,
    attendanceThreshold: 50,
    status: "RUNNING",
  });
  const sessions = [];
  for (const d of [start, end])
    sessions.push(await db().classSession.create({ data: { classId: cls.id, startsAt: new Date(`${d}T01:00:00Z`), endsAt: new Date(`${d}T09:00:00Z`) } }));
  for (const t of trainees) {
    const e = await db().enrollment.create({ data: { classId: cls.id, workerId: t.workerId, status: "ENROLLED" } });
    for (const [i, s] of sessions.entries())
      await db().attendance.create({ data: { sessionId: s.id, enrollmentId: e.id, status: i < t.present ? "PRESENT" : "ABSENT" } });
    await db().assessment.create({
      data: { enrollmentId: e.id, passed: t.certificate !== null, score: t.certificate ? 90 : 30, certificateNumber: t.certificate },
    });
  }
  return { cls, provider };
}

async function finish(classId: string) {
  const county = await makeCoordinator("130624");
  const cls = await db().trainingClass.findUniqueOrThrow({ where: { id: classId } });
  expectOk(await finishClass(county.principal, classId, cls.version, ctx));
}

/** Relays the committed outbox rows and runs the subsidy job's processor on its own rows (as the worker would). */
async function runSubsidyJobs(): Promise<OutboxEvent[]> {
  const mine: OutboxEvent[] = [];
  await relayOutbox(db(), async (events) => {
    mine.push(...events.filter((e) => e.topic === "subsidy-claims"));
  });
  for (const e of mine)
    await processors["subsidy-claims"]({ data: { entityType: e.entityType, entityId: e.entityId, entityVersion: e.entityVersion } } as never);
  return mine;
}

const poorWorker = async () => {
  const w = await makeWorker("130624");
  return db().worker.update({ where: { id: w.id }, data: { isRegisteredPoor: true } });
};
/** A placement in Beijing (朝阳区, 6,000 a month) from `startDate`, recorded by `by`. */
const placeInBeijing = (by: Principal, workerId: string, employerId: string, startDate: string) =>
  createPlacement(by, { workerId, employerId, startDate, monthlyWage: 6000, workRegionCode: "110105", homeBased: false }, { ip: null });
/** The policies in force, and a poor person of 阜平 a 阜平 coordinator placed in Beijing from `startDate` with an employer of `employerStatus`. */
async function placedInBeijing(employerStatus: "VERIFIED" | "PENDING", startDate: string) {
  await policies();
  const county = await makeCoordinator("130624");
  const { employer } = await makeEmployer({ status: employerStatus });
  const w = await poorWorker();
  const pl = expectOk(await placeInBeijing(county.principal, w.id, employer.id, startDate));
  return { county, employer, w, pl };
}
const claimsOf = (workerId: string) => db().subsidyClaim.findMany({ where: { workerId }, orderBy: { kind: "asc" } });

describe("claims made from the records", () => {
  it(
    "a finished class makes, through the outbox and the job, the training subsidy for the certified and the living " + "allowance for the registered poor",
    async () => {
      const { ids } = await policies();
      const poor = await poorWorker();
      const plain = await makeWorker("130624");
      const uncertified = await poorWorker();
      const { cls, provider } = await ranClass([
        { workerId: poor.id, present: 2, certificate: "C-1" },
        { workerId: plain.id, present: 2, certificate: "C-2" },
        { workerId: uncertified.id, present: 1, certificate: null },
      ]);
      await finish(cls.id);
      const events = await runSubsidyJobs();
      expect(events.some((e) => e.entityType === "trainingClass" && e.entityId === cls.id)).toBe(true);

      const [poorTraining, poorLiving] = [
        (await claimsOf(poor.id)).find((c) => c.kind === "TRAINING")!,
        (await claimsOf(poor.id)).find((c) => c.kind === "LIVING_ALLOWANCE")!,
      ];
      expect(poorTraining).toMatchObject({
        policyId: ids.TRAINING,
        amount: 1200,
        units: 1,
        payeeType: "PROVIDER",
        payeeId: provider.id,
        status: "OPEN",
        period: year,
        trainingClassId: cls.id,
      });
      expect((poorTraining.evidence as { type: string }[]).map((e) => e.type)).toEqual(["trainingClass", "enrollment", "assessment"]);
      // 2 attended days × 50, capped at maxUnits 2.
      expect(poorLiving).toMatchObject({ policyId: ids.LIVING_ALLOWANCE, units: 2, amount: 100, payeeType: "WORKER", payeeId: poor.id });
      // Not registered poor: training only. Failed the assessment: allowance for the one day attended, no training subsidy.
      expect((await claimsOf(plain.id)).map((c) => c.kind)).toEqual(["TRAINING"]);
      expect((await claimsOf(uncertified.id)).map((c) => [c.kind, c.units, c.amount])).toEqual([["LIVING_ALLOWANCE", 1, 50]]);
      expect(await db().auditLog.count({ where: { action: "subsidyClaim.generate", entityId: poorTraining.id } })).toBe(1);

      // Idempotent: the same job again (a replay) and a direct re-run change nothing.
      expect(await generateClaims({ entityType: "trainingClass", entityId: cls.id })).toEqual({ created: 0, updated: 0, withdrawn: 0, flagged: 0 });
      expect(await db().subsidyClaim.count({ where: { trainingClassId: cls.id } })).toBe(4);
    },
  );

  it("one person gets one subsidy of a kind per period: a second class in the same year makes no second training claim", async () => {
    await policies();
    const w = await makeWorker("130624");
    const first = await ranClass([{ workerId: w.id, present: 2, certificate: "A-1" }], { start: dayFromToday(-20), end: dayFromToday(-19) });
    await finish(first.cls.id);
    await generateClaims({ entityType: "trainingClass", entityId: first.cls.id });
    const second = await ranClass([{ workerId: w.id, present: 2, certificate: "A-2" }]);
    await finish(second.cls.id);
    expect(await generateClaims({ entityType: "trainingClass", entityId: second.cls.id })).toMatchObject({ created: 0 });
    const claims = await claimsOf(w.id);
    expect(claims).toHaveLength(1);
    expect(claims[0].trainingClassId).toBe(first.cls.id);
  });

  it("nothing before the class finished, nothing without a policy in force for the occupation", async () => {
    await policies({ occupationCode: "welder" });
    const w = await makeWorker("130624");
    const { cls } = await ranClass([{ workerId: w.id, present: 2, certificate: "W-1" }], { occupationCode: "security-guard" });
    expect(await generateClaims({ entityType: "trainingClass", entityId: cls.id })).toMatchObject({ created: 0 });
    await finish(cls.id);
    await generateClaims({ entityType: "trainingClass", entityId: cls.id });
    // The policy in force names welder: a security-guard class gets no training subsidy.
    expect((await claimsOf(w.id)).filter((c) => c.kind === "TRAINING")).toEqual([]);
  });

  it("a verified placement makes the transport subsidy; a follow-up still employed at 6 months the hiring subsidy for the employer", async () => {
    const { county, employer, w, pl } = await placedInBeijing("VERIFIED", dayFromToday(-200));
    await runSubsidyJobs();
    expect(await claimsOf(w.id)).toEqual([]); // not verified yet
    expectOk(await decidePlacement(county.principal, pl.placementId, "verify", undefined, { ip: null }));
    await runSubsidyJobs();
    expect((await claimsOf(w.id)).map((c) => [c.kind, c.amount, c.payeeType, c.placementId])).toEqual([["TRANSPORT", 500, "WORKER", pl.placementId]]);

    // The 6-month follow-up records the person still employed (as recordFollowUp does), then the job runs for it.
    const six = await db().followUp.findFirstOrThrow({ where: { placementId: pl.placementId, dueMonth: 6 } });
    await db().followUp.update({ where: { id: six.id }, data: { completedAt: new Date(), stillEmployed: true, monthlyWage: 6100 } });
    await generateClaims({ entityType: "followUp", entityId: six.id });
    const hiring = (await claimsOf(w.id)).find((c) => c.kind === "HIRING")!;
    expect(hiring).toMatchObject({ payeeType: "EMPLOYER", payeeId: employer.id, amount: 1000, followUpId: six.id });
  });
});

describe("evidence corrected later: withdrawn or flagged, never silently kept", () => {
  it("a placement rejected withdraws its open claim, and flags one already paid", async () => {
    await policies();
    const county = await makeCoordinator("130624");
    const { employer } = await makeEmployer({ status: "VERIFIED" });
    const [a, b] = [await poorWorker(), await poorWorker()];
    const pls = [];
    for (const w of [a, b]) {
      const pl = expectOk(await placeInBeijing(county.principal, w.id, employer.id, dayFromToday(-20)));
      expectOk(await decidePlacement(county.principal, pl.placementId, "verify", undefined, { ip: null }));
      pls.push(pl.placementId);
    }
    await runSubsidyJobs();
    const paid = (await claimsOf(b.id))[0];
    await db().subsidyClaim.update({ where: { id: paid.id }, data: { status: "PAID", paidAt: new Date() } });
    for (const id of pls) expectOk(await decidePlacement(county.principal, id, "reject", "合同系伪造", { ip: null }));
    await runSubsidyJobs();
    expect((await claimsOf(a.id))[0]).toMatchObject({ status: "WITHDRAWN", statusNote: "evidenceChanged" });
    const flagged = (await claimsOf(b.id))[0];
    expect(flagged.status).toBe("PAID");
    expect((flagged.flags as { code: string }[]).map((f) => f.code)).toContain("evidenceChanged");
    expect(await db().auditLog.count({ where: { action: "subsidyClaim.withdraw", entityId: (await claimsOf(a.id))[0].id } })).toBe(1);
  });

  it("an attendance mark changed recomputes an open allowance; a certificate taken away withdraws the training claim", async () => {
    await policies();
    const w = await poorWorker();
    const { cls } = await ranClass([{ workerId: w.id, present: 2, certificate: "X-1" }]);
    await finish(cls.id);
    await generateClaims({ entityType: "trainingClass", entityId: cls.id });
    expect((await claimsOf(w.id)).map((c) => [c.kind, c.amount])).toEqual([
      ["TRAINING", 1200],
      ["LIVING_ALLOWANCE", 100],
    ]);
    const e = await db().enrollment.findFirstOrThrow({ where: { classId: cls.id, workerId: w.id } });
    const mark = await db().attendance.findFirstOrThrow({ where: { enrollmentId: e.id }, orderBy: { markedAt: "asc" } });
    await db().attendance.update({ where: { id: mark.id }, data: { status: "ABSENT" } });
    await db().assessment.update({ where: { enrollmentId: e.id }, data: { certificateNumber: null, passed: false } });
    expect(await generateClaims({ entityType: "trainingClass", entityId: cls.id })).toMatchObject({ updated: 1, withdrawn: 1 });
    expect((await claimsOf(w.id)).map((c) => [c.kind, c.status, c.amount])).toEqual([
      ["TRAINING", "WITHDRAWN", 1200],
      ["LIVING_ALLOWANCE", "OPEN", 50],
    ]);
  });
});

async function openClaimWithAccount(amount?: number) {
  await policies({ trainingAmount: amount });
  const w = await makeWorker("130624");
  const { cls } = await ranClass([{ workerId: w.id, present: 2, certificate: "R-1" }]);
  await finish(cls.id);
  await generateClaims({ entityType: "trainingClass", entityId: cls.id });
  const claim = (await claimsOf(w.id)).find((c) => c.kind === "TRAINING")!;
  return { claim, worker: w, cls };
}

describe("review with separation of duties", () => {
  it("no payee account, no preparing; the preparer cannot approve; another county coordinator approves; every step audited", async () => {
    const { claim } = await openClaimWithAccount();
    const preparer = await makeCoordinator("130624");
    const approver = await makeCoordinator("130624");
    expect(await prepareClaims(preparer.principal, [claim.id], ctx)).toMatchObject({ ok: false, message: "subsidy.refusal.noAccount" });
    expectOk(
      await setClaimAccount(
        preparer.principal,
        claim.id,
        { holderName: "阜平职教中心", bankName: "中国农业银行阜平支行", accountNumber: "6228 4801 2345 6789 012" },
        ctx,
      ),
    );
    const stored = await db().payeeAccount.findFirstOrThrow({ where: { ownerId: claim.payeeId } });
    expect(stored.accountCipher).not.toContain("6228480123456789012");
    expect(stored.accountMasked).toBe("***************9012");
    expectOk(await prepareClaims(preparer.principal, [claim.id], ctx));
    expect(await decideClaim(preparer.principal, claim.id, { decision: "approve" }, ctx)).toMatchObject({ ok: false, message: "subsidy.refusal.samePerson" });
    expect(await decideClaim(preparer.principal, claim.id, { decision: "reject", note: "x" }, ctx)).toMatchObject({
      ok: false,
      message: "subsidy.refusal.samePerson",
    });
    expect(expectOk(await decideClaim(approver.principal, claim.id, { decision: "approve" }, ctx)).status).toBe("APPROVED");
    const actions = (await db().auditLog.findMany({ where: { entityType: "SubsidyClaim", entityId: claim.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["subsidyClaim.generate", "payeeAccount.set", "subsidyClaim.prepare", "subsidyClaim.approve"]);
  });

  it("above the threshold only a prefecture (then province) coordinator approves; a rejection needs a reason", async () => {
    const { claim } = await openClaimWithAccount(5000);
    const preparer = await makeCoordinator("130624");
    expectOk(await setClaimAccount(preparer.principal, claim.id, { holderName: "职教中心", bankName: "农行", accountNumber: "622848012345678" }, ctx));
    expectOk(await prepareClaims(preparer.principal, [claim.id], ctx));
    expect(await decideClaim((await makeCoordinator("130624")).principal, claim.id, { decision: "approve" }, ctx)).toMatchObject({
      ok: false,
      message: "subsidy.refusal.needsPrefecture",
    });
    const { DecisionSchema } = await import("~/features/subsidies/index");
    expect(DecisionSchema.safeParse({ decision: "reject" }).error?.issues[0]).toMatchObject({ path: ["note"], message: "subsidy.rejectReasonRequired" });
    const prefecture = await makeCoordinator("130600");
    expect(expectOk(await decideClaim(prefecture.principal, claim.id, { decision: "reject", note: "证书编号与名册不符" }, ctx)).status).toBe("REJECTED");
    expect((await db().subsidyClaim.findUniqueOrThrow({ where: { id: claim.id } })).statusNote).toBe("证书编号与名册不符");

    const big = await openClaimWithAccount(12000);
    expectOk(await setClaimAccount(preparer.principal, big.claim.id, { holderName: "职教中心", bankName: "农行", accountNumber: "622848012345678" }, ctx));
    expectOk(await prepareClaims(preparer.principal, [big.claim.id], ctx));
    expect(await decideClaim(prefecture.principal, big.claim.id, { decision: "approve", note: "核对无误" }, ctx)).toMatchObject({
      ok: false,
      message: "subsidy.refusal.needsProvince",
    });
    expectOk(await decideClaim((await makeCoordinator("130000")).principal, big.claim.id, { decision: "approve", note: "核对无误" }, ctx));
  });

  it("a coordinator of another county sees none of it (404, refusal audited under the claim's county)", async () => {
    const { claim } = await openClaimWithAccount();
    const other = await makeCoordinator("130881");
    expect(await claimFor(other.principal, claim.id)).toBeNull();
    expect((await listClaims(other.principal)).rows.some((r) => r.id === claim.id)).toBe(false);
    expect(await decideClaim(other.principal, claim.id, { decision: "approve" }, ctx)).toBeNull();
    expect(await db().auditLog.count({ where: { action: "denied.out-of-scope", entityId: claim.id, regionCode: "130624" } })).toBeGreaterThan(0);
  });
});

describe("payment batches and the bank's return file", () => {
  it("exports masked by default and unmasked only audited; the return file marks paid and reopens failures; a bad file changes nothing", async () => {
    const preparer = await makeCoordinator("130624");
    const approver = await makeCoordinator("130624");
    // Claims approved by earlier tests of this file are set aside: the batch holds only this test's.
    await db().subsidyClaim.updateMany({ where: { countyCode: "130624", status: "APPROVED" }, data: { status: "REJECTED" } });
    const made = [await openClaimWithAccount(), await openClaimWithAccount()];
    for (const [i, m] of made.entries()) {
      expectOk(await setClaimAccount(preparer.principal, m.claim.id, { holderName: `机构${i}`, bankName: "农行", accountNumber: `62284801234567${i}0` }, ctx));
      expectOk(await prepareClaims(preparer.principal, [m.claim.id], ctx));
      expectOk(await decideClaim(approver.principal, m.claim.id, { decision: "approve" }, ctx));
    }
    const batch = expectOk(await createPaymentBatch(preparer.principal, "130624", ctx));
    expect(batch.claims).toBe(2);
    const purpose = (c: { policyName: string; period: string }) => `${c.policyName} ${c.period}`;
    const masked = (await batchFileRows(preparer.principal, batch.batchId, { unmasked: false, purpose }, ctx))!;
    expect(masked.rows.map((r) => r.account)).toEqual(expect.arrayContaining(["************6700", "************6710"]));
    expect(masked.rows.every((r) => r.amount === 1200 && r.purpose === `职业培训补贴 ${year}`)).toBe(true);
    const full = (await batchFileRows(preparer.principal, batch.batchId, { unmasked: true, purpose }, ctx))!;
    expect(full.rows.map((r) => r.account).sort()).toEqual(["6228480123456700", "6228480123456710"]);
    expect(await db().auditLog.count({ where: { action: "paymentBatch.export.unmasked", entityId: batch.batchId, regionCode: "130624" } })).toBe(1);
    expect(await revealClaimAccount(preparer.principal, made[0].claim.id, ctx)).toEqual({ accountNumber: "6228480123456700" });
    expect(await db().auditLog.count({ where: { action: "payeeAccount.reveal", entityId: made[0].claim.id } })).toBe(1);

    const [paidId, failedId] = [made[0].claim.id, made[1].claim.id];
    const bad = `流水号,结果,银行交易号,失败原因\n${paidId},成功,B-1,\n${failedId},失败,,\n`;
    const refusedFile = await reconcileBatch(preparer.principal, batch.batchId, { bytes: new TextEncoder().encode(bad), name: "return.csv" }, ctx);
    expect(refusedFile).toMatchObject({ ok: false, kind: "invalid", problems: [{ field: "file", message: "subsidy.return.reasonRequired|3" }] });
    expect((await db().subsidyClaim.findUniqueOrThrow({ where: { id: paidId } })).status).toBe("BATCHED");

    const good = `\uFEFF流水号,结果,银行交易号,失败原因\r\n${paidId},成功,B-1,\r\n${failedId},失败,,账户已销户\r\n`;
    expect(expectOk(await reconcileBatch(preparer.principal, batch.batchId, { bytes: new TextEncoder().encode(good), name: "return.csv" }, ctx))).toMatchObject(
      {
        paid: 1,
        failed: 1,
      },
    );
    expect(await db().subsidyClaim.findUniqueOrThrow({ where: { id: paidId } })).toMatchObject({ status: "PAID", bankReference: "B-1" });
    expect(await db().subsidyClaim.findUniqueOrThrow({ where: { id: failedId } })).toMatchObject({
      status: "OPEN",
      statusNote: "账户已销户",
      paymentBatchId: null,
      preparedById: null,
    });
    expect(await db().paymentBatch.findUniqueOrThrow({ where: { id: batch.batchId } })).toMatchObject({ status: "RECONCILED", paidCount: 1, failedCount: 1 });
    // The same file again: both already settled, nothing changes.
    expect(await reconcileBatch(preparer.principal, batch.batchId, { bytes: new TextEncoder().encode(good), name: "return.csv" }, ctx)).toMatchObject({
      ok: false,
      kind: "invalid",
    });
  });
});

describe("fraud flags", () => {
  it(
    "over budget, payee account shared by unrelated people (not by one household), two classes at once, staff of " +
      "the provider, and the placement's own flags",
    async () => {
      await policies({ budget: 100 });
      const [a, b, c] = [await poorWorker(), await poorWorker(), await poorWorker()];
      const hh = await db().household.create({ data: { countyCode: "130624", isRegisteredPoor: true } });
      await db().worker.updateMany({ where: { id: { in: [a.id, c.id] } }, data: { householdId: hh.id } });
      const { cls } = await ranClass([a, b, c].map((w) => ({ workerId: w.id, present: 2, certificate: null })));
      // b attended another class on a day inside this class's window.
      const other = await ranClass([{ workerId: b.id, present: 1, certificate: null }]);
      // a is also staff of the provider (an account with the same ID number blind index).
      const provider = (await db().trainingClass.findUniqueOrThrow({ where: { id: cls.id } })).providerId;
      await db().user.create({
        data: { username: `staff-${uniq()}`, displayName: "s", passwordHash: "x", providerId: provider, idNumberHash: a.idNumberHash },
      });
      await finish(cls.id);
      await generateClaims({ entityType: "trainingClass", entityId: cls.id });
      void other;
      const county = await makeCoordinator("130624");
      const living = async (w: { id: string }) => (await claimsOf(w.id)).find((x) => x.kind === "LIVING_ALLOWANCE")!;
      for (const w of [a, b, c])
        expectOk(
          await setClaimAccount(county.principal, (await living(w)).id, { holderName: "户主", bankName: "农信社", accountNumber: "6217000011112222" }, ctx),
        );
      const codes = async (w: { id: string }) => ((await living(w)).flags as { code: string }[]).map((f) => f.code).sort();
      // Budget 100: three allowances of 100 exceed it. a and c share a card within one household; b shares it with them, unrelated.
      expect(await codes(a)).toEqual(["overBudget", "sharedAccount", "staffOfProvider"]);
      expect(await codes(b)).toEqual(["overBudget", "sharedAccount", "twoClassesAtOnce"]);
      expect(((await living(a)).flags as { code: string; detail: { others: number } }[]).find((f) => f.code === "sharedAccount")!.detail.others).toBe(1);

      // A flagged claim is approved only with a note saying what was checked.
      const claim = await living(b);
      expectOk(await prepareClaims(county.principal, [claim.id], ctx));
      const approver = await makeCoordinator("130624");
      expect(await decideClaim(approver.principal, claim.id, { decision: "approve" }, ctx)).toMatchObject({
        ok: false,
        kind: "invalid",
        problems: [{ field: "note", message: "subsidy.flaggedNoteRequired" }],
      });
      expectOk(await decideClaim(approver.principal, claim.id, { decision: "approve", note: "已电话核实两个班的签到" }, ctx));
    },
  );

  it("a transport claim carries the placement's flags (unverified employer, overlap)", async () => {
    const { county, w, pl } = await placedInBeijing("PENDING", dayFromToday(-20));
    expectOk(await decidePlacement(county.principal, pl.placementId, "verify", "核对了劳动合同", { ip: null }));
    await generateClaims({ entityType: "placement", entityId: pl.placementId });
    const claim = (await claimsOf(w.id))[0];
    expect(claim.flags).toEqual(expect.arrayContaining([{ code: "placement", detail: { codes: "employerNotVerified" } }]));
  });
});

describe("policies as data", () => {
  it("versions, never edits: v2 pays claims from its start day, v1 stays on the claims it made; only admins; the kind is fixed; audited", async () => {
    const { admin, codes } = await policies();
    const v1 = await db().subsidyPolicy.findFirstOrThrow({ where: { code: codes.TRAINING } });
    const input = PolicySchema.parse({
      ...v1,
      validFrom: dayFromToday(-3),
      validTo: "",
      maxUnits: "",
      occupationCode: "domestic-helper",
      sourceUrl: "",
      transferTypes: [],
      retentionMonths: "",
      amount: 1500,
      changeNote: "2026 年标准上调",
    });
    expect(await savePolicyVersion((await makeCoordinator("130000")).principal, input, ctx)).toMatchObject({ ok: false, message: "subsidy.refusal.adminOnly" });
    expect(await savePolicyVersion(admin.principal, { ...input, kind: "HIRING", retentionMonths: 6 }, ctx)).toMatchObject({
      ok: false,
      kind: "invalid",
      problems: [{ field: "kind" }],
    });
    const v2 = expectOk(await savePolicyVersion(admin.principal, input, ctx));
    expect(v2.version).toBe(2);
    expect(await db().subsidyPolicy.findUniqueOrThrow({ where: { id: v1.id } })).toMatchObject({ amount: 1200, version: 1 });
    expect(await db().auditLog.findFirst({ where: { action: "subsidyPolicy.version", entityId: v2.policyId } })).toMatchObject({
      detail: { before: { amount: 1200 }, after: { amount: 1500 } },
    });
    const w = await makeWorker("130624");
    const { cls } = await ranClass([{ workerId: w.id, present: 2, certificate: "V-2" }]);
    await finish(cls.id);
    await generateClaims({ entityType: "trainingClass", entityId: cls.id });
    expect((await claimsOf(w.id)).find((c) => c.kind === "TRAINING")).toMatchObject({ policyId: v2.policyId, amount: 1500 });
  });

  it("the form schema answers bad input field by field", () => {
    const r = PolicySchema.safeParse({
      code: "Bad Code",
      kind: "TRANSPORT",
      nameZh: "",
      nameEn: "x",
      amount: "-1",
      unit: "DAY",
      payee: "WORKER",
      validFrom: "2026-02-30x",
      legalSource: "x",
    });
    expect(errorsByField(r)).toMatchObject({
      code: "subsidy.codeFormat",
      nameZh: "subsidy.required",
      amount: "subsidy.amountFormat",
      validFrom: "subsidy.dateFormat",
    });
  });
});

describe("API: /api/v1/subsidy-policies, /api/v1/subsidy-claims", () => {
  it("region-scoped like the rest; submit, approve (not by the same token), reject needs a reason, batch; in the OpenAPI document", async () => {
    const { createApiToken } = await import("~/services/api-tokens.server");
    const { callApi } = await import("../setup/api-call");
    const claimsRoute = await import("~/routes/api/subsidy-claims");
    const claimRoute = await import("~/routes/api/subsidy-claim");
    const batchRoute = await import("~/routes/api/subsidy-batches");
    const policiesRoute = await import("~/routes/api/subsidy-policies");
    const { openApiDocument } = await import("~/services/api/openapi.server");
    const { claim } = await openClaimWithAccount();
    const county = await makeCoordinator("130624");
    // A number nobody else in this file uses (a shared one would flag the claim and need a note).
    expectOk(await setClaimAccount(county.principal, claim.id, { holderName: "职教中心", bankName: "农行", accountNumber: "622848019999567" }, ctx));
    // Tokens that decide need a person behind them (docs/subsidies.md): two people, two tokens.
    const a = (await createApiToken({ name: "fuping-a", role: "COORDINATOR", regionCode: "130624", createdById: county.userId })).token;
    const b = (await createApiToken({ name: "fuping-b", role: "COORDINATOR", regionCode: "130624", createdById: (await makeCoordinator("130624")).userId }))
      .token;
    const other = (await createApiToken({ name: "pingquan", role: "COORDINATOR", regionCode: "130881" })).token;
    const path = `/api/v1/subsidy-claims/${claim.id}`;
    const params = { claimId: claim.id };

    const list = await (await callApi(claimsRoute.loader, "/api/v1/subsidy-claims?status=OPEN", a)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(claim.id);
    expect((await (await callApi(claimsRoute.loader, "/api/v1/subsidy-claims", other)).json()).items.map((i: { id: string }) => i.id)).not.toContain(claim.id);
    expect((await callApi(claimRoute.loader, path, other, {}, params)).status).toBe(404);
    expect((await callApi(claimRoute.action, path, other, { method: "PATCH", body: { status: "PREPARED" } }, params)).status).toBe(404);

    const read = await (await callApi(claimRoute.loader, path, a, {}, params)).json();
    expect(read).toMatchObject({ id: claim.id, kind: "TRAINING", status: "OPEN", account: { accountMasked: "***********9567" } });
    expect(JSON.stringify(read)).not.toContain("622848019999567");
    expect((await callApi(claimRoute.action, path, a, { method: "PATCH", body: { status: "PREPARED" } }, params)).status).toBe(200);
    const same = await callApi(claimRoute.action, path, a, { method: "PATCH", body: { status: "APPROVED" } }, params);
    expect(same.status).toBe(409);
    expect((await same.json()).error.code).toBe("transition_refused");
    const noReason = await callApi(claimRoute.action, path, b, { method: "PATCH", body: { status: "REJECTED" } }, params);
    expect(noReason.status).toBe(400);
    // An approval naming the account version read is refused if the payee's account changed since (as on the page).
    const { accountStamp } = await (await callApi(claimRoute.loader, path, b, {}, params)).json();
    expect(accountStamp).toEqual(expect.any(String));
    const stale = await callApi(
      claimRoute.action,
      path,
      b,
      { method: "PATCH", body: { status: "APPROVED", accountStamp: "2000-01-01T00:00:00.000Z" } },
      params,
    );
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "transition_refused", message: expect.stringContaining("account changed") } });
    const approved = await callApi(claimRoute.action, path, b, { method: "PATCH", body: { status: "APPROVED", accountStamp } }, params);
    expect(await approved.json()).toMatchObject({ status: "APPROVED", account: { accountMasked: "***********9567" }, accountStamp: null });
    expect((await callApi(batchRoute.action, "/api/v1/subsidy-claims/batch", other, { method: "POST", body: { countyCode: "130624" } })).status).toBe(400);
    const batch = await callApi(batchRoute.action, "/api/v1/subsidy-claims/batch", b, { method: "POST", body: { countyCode: "130624" } });
    expect(batch.status).toBe(201);
    expect((await db().subsidyClaim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("BATCHED");

    const policies = await (await callApi(policiesRoute.loader, "/api/v1/subsidy-policies", a)).json();
    expect(policies.items.length).toBeGreaterThan(0);
    expect(policies.items[0]).toHaveProperty("legalSource");
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/api/v1/subsidy-claims/{claimId}"]).sort()).toEqual(["get", "patch"]);
    expect(doc.paths["/api/v1/subsidy-policies"]).toHaveProperty("get");
    expect(doc.paths["/api/v1/subsidy-claims/batch"]).toHaveProperty("post");
  });
});

describe("certificate level: the most specific training policy pays, once per enrolment", () => {
  it(
    "recorded with the assessment (validated next to the field), picked occupation+level > occupation > level > " + "general, on the evidence, in the API",
    async () => {
      const { admin } = await policies({ occupationCode: null });
      const tag = uniq();
      const base = {
        validFrom: `${Number(year) - 1}-01-01`,
        legalSource: "冀人社字〔2023〕测试号（按等级）",
        kind: "TRAINING",
        unit: "PERSON",
        payee: "PROVIDER",
        nameEn: "Training by level",
      } as const;
      const defs = [
        { code: `lvl4-${tag}`, nameZh: "四级", amount: 1800, certificateLevel: "LEVEL_4" },
        { code: `sa-${tag}`, nameZh: "专项能力", amount: 1000, certificateLevel: "SPECIAL_ABILITY" },
        { code: `dh-${tag}`, nameZh: "家政", amount: 1300, occupationCode: "domestic-helper", requireCertificate: "on" },
        { code: `dh4-${tag}`, nameZh: "家政四级", amount: 2000, occupationCode: "domestic-helper", certificateLevel: "LEVEL_4" },
      ];
      const ids: Record<string, string> = {};
      for (const d of defs) ids[d.code.split("-")[0]] = expectOk(await savePolicyVersion(admin.principal, PolicySchema.parse({ ...base, ...d }), ctx)).policyId;
      expect(await db().subsidyPolicy.findUniqueOrThrow({ where: { id: ids.dh4 } })).toMatchObject({
        certificateLevel: "LEVEL_4",
        occupationCode: "domestic-helper",
      });
      // A level condition is for training only, answered next to the field.
      const bad = PolicySchema.safeParse({
        ...base,
        code: `x-${tag}`,
        nameZh: "x",
        amount: 10,
        kind: "HIRING",
        retentionMonths: 6,
        payee: "EMPLOYER",
        certificateLevel: "LEVEL_4",
      });
      expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual(["certificateLevel", "subsidy.certificateLevelTrainingOnly"]);

      const county = await makeCoordinator("130624");
      const people = await Promise.all([0, 1, 2, 3, 4, 5].map(() => makeWorker("130624")));
      const dh = await ranClass(people.slice(0, 3).map((w, i) => ({ workerId: w.id, present: 2, certificate: `DH-${i}` })));
      const sg = await ranClass(
        people.slice(3).map((w, i) => ({ workerId: w.id, present: 2, certificate: `SG-${i}` })),
        { occupationCode: "security-guard" },
      );
      const levels = [
        ["LEVEL_4", "LEVEL_5", "SPECIAL_ABILITY"],
        ["LEVEL_4", "SPECIAL_ABILITY", null],
      ] as const;
      for (const [k, { cls }] of [dh, sg].entries()) {
        const enrollments = await db().enrollment.findMany({ where: { classId: cls.id }, include: { assessment: true } });
        // The trainer's page: a level without a pass, or without the certificate's number, is refused next to the field and nothing is written.
        const e0 = enrollments[0];
        expect(await recordAssessment(county.principal, cls.id, { enrollmentId: e0.id, passed: false, certificateLevel: "LEVEL_4" }, ctx)).toMatchObject({
          ok: false,
          problems: [{ field: "certificateLevel", message: "training.certificateLevelNeedsPass" }],
        });
        expect(await recordAssessment(county.principal, cls.id, { enrollmentId: e0.id, passed: true, certificateLevel: "LEVEL_4" }, ctx)).toMatchObject({
          ok: false,
          problems: [{ field: "certificateNumber", message: "training.certificateLevelNeedsNumber" }],
        });
        expect((await db().assessment.findUniqueOrThrow({ where: { enrollmentId: e0.id } })).certificateLevel).toBeNull();
        for (const e of enrollments) {
          const level = levels[k][people.findIndex((w) => w.id === e.workerId) - k * 3];
          expectOk(
            await recordAssessment(
              county.principal,
              cls.id,
              { enrollmentId: e.id, passed: true, score: 90, certificateNumber: e.assessment!.certificateNumber!, certificateLevel: level ?? undefined },
              ctx,
            ),
          );
        }
        await finish(cls.id);
        await generateClaims({ entityType: "trainingClass", entityId: cls.id });
      }
      const training = async (i: number) => (await claimsOf(people[i].id)).filter((c) => c.kind === "TRAINING");
      const paid = await Promise.all(people.map(async (_, i) => (await training(i)).map((c) => [c.policyId, c.amount])));
      expect(paid).toEqual([
        [[ids.dh4, 2000]], // domestic helper, level 4: occupation + level
        [[ids.dh, 1300]], // level 5 (no level-5 policy): occupation
        [[ids.dh, 1300]], // special ability: occupation beats a level-only policy
        [[ids.lvl4, 1800]], // security guard, level 4: level
        [[ids.sa, 1000]], // special ability: level
        [[expect.any(String), 1200]], // certificate without a recorded level: the general one
      ]);
      const general = await db().subsidyPolicy.findUniqueOrThrow({ where: { id: paid[5][0][0] as string } });
      expect(general.certificateLevel).toBeNull();
      expect(general.occupationCode).toBeNull();
      // The level is on the claim's evidence (the claim page shows it).
      const first = await claimFor(county.principal, (await training(0))[0].id);
      expect((first!.evidence as { type: string; level?: string }[]).find((e) => e.type === "assessment")).toMatchObject({ label: "DH-0", level: "LEVEL_4" });
      // One training subsidy per enrolment, whatever the re-runs.
      for (const { cls } of [dh, sg])
        expect(await generateClaims({ entityType: "trainingClass", entityId: cls.id })).toEqual({ created: 0, updated: 0, withdrawn: 0, flagged: 0 });
      const perEnrollment = await db().subsidyClaim.groupBy({
        by: ["enrollmentId"],
        where: { kind: "TRAINING", trainingClassId: { in: [dh.cls.id, sg.cls.id] } },
        _count: { _all: true },
      });
      expect(perEnrollment.map((g) => g._count._all)).toEqual([1, 1, 1, 1, 1, 1]);

      // /api/v1/subsidy-policies exposes the condition; the OpenAPI document has it from the same schema.
      const { createApiToken } = await import("~/services/api-tokens.server");
      const { callApi } = await import("../setup/api-call");
      const policiesRoute = await import("~/routes/api/subsidy-policies");
      const { openApiDocument } = await import("~/services/api/openapi.server");
      const token = (await createApiToken({ name: "reader", role: "COORDINATOR", regionCode: "130624" })).token;
      const listed = (await (await callApi(policiesRoute.loader, "/api/v1/subsidy-policies", token)).json()).items as {
        code: string;
        certificateLevel: string | null;
      }[];
      expect(listed.find((p) => p.code === `dh4-${tag}`)?.certificateLevel).toBe("LEVEL_4");
      expect(listed.find((p) => p.code === `dh-${tag}`)?.certificateLevel).toBeNull();
      expect(JSON.stringify(openApiDocument())).toContain("TRAINING_CERTIFICATE");
    },
  );
});

describe("API tokens act as the people behind them (separation of duties)", () => {
  it(
    "a user prepares on screen: a token that user created (or was issued) cannot approve; another user's token " +
      "can; a token with nobody behind it reads but cannot act (403)",
    async () => {
      const { createApiToken } = await import("~/services/api-tokens.server");
      const { callApi } = await import("../setup/api-call");
      const claimsRoute = await import("~/routes/api/subsidy-claims");
      const claimRoute = await import("~/routes/api/subsidy-claim");
      const batchRoute = await import("~/routes/api/subsidy-batches");
      const { claim } = await openClaimWithAccount();
      const preparer = await makeCoordinator("130624");
      const other = await makeCoordinator("130624");
      const admin = await makeAdmin();
      expectOk(await setClaimAccount(preparer.principal, claim.id, { holderName: "职教中心", bankName: "农行", accountNumber: "622848017777123" }, ctx));
      expectOk(await prepareClaims(preparer.principal, [claim.id], ctx));
      const path = `/api/v1/subsidy-claims/${claim.id}`;
      const params = { claimId: claim.id };
      const token = async (by: { createdById?: string; userId?: string }) =>
        (await createApiToken({ name: "t", role: "COORDINATOR", regionCode: "130624", ...by })).token;
      const approve = (t: string) => callApi(claimRoute.action, path, t, { method: "PATCH", body: { status: "APPROVED" } }, params);

      // Nobody behind it: lists and reads, but neither approves nor prepares nor batches — 403 with a clear error.
      const nobody = await token({});
      expect((await callApi(claimsRoute.loader, "/api/v1/subsidy-claims", nobody)).status).toBe(200);
      expect((await callApi(claimRoute.loader, path, nobody, {}, params)).status).toBe(200);
      const refused403 = await approve(nobody);
      expect(refused403.status).toBe(403);
      expect((await refused403.json()).error).toMatchObject({ code: "token_without_person" });
      expect((await callApi(batchRoute.action, "/api/v1/subsidy-claims/batch", nobody, { method: "POST", body: { countyCode: "130624" } })).status).toBe(403);

      // Created by the preparer; issued to the preparer by an admin; created by the preparer for someone else: all the preparer.
      for (const by of [
        { createdById: preparer.userId },
        { userId: preparer.userId, createdById: admin.userId },
        { userId: other.userId, createdById: preparer.userId },
      ]) {
        const r = await approve(await token(by));
        expect(r.status).toBe(409);
        expect((await r.json()).error.message).toContain("separation of duties");
      }
      expect((await db().subsidyClaim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("PREPARED");

      // Another user's token approves, recorded as that person (and the token in the audit row).
      const othersToken = await token({ createdById: other.userId });
      const approved = await approve(othersToken);
      expect(approved.status).toBe(200);
      expect(await db().subsidyClaim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
        status: "APPROVED",
        approvedById: other.userId,
        preparedById: preparer.userId,
      });
      const row = await db().auditLog.findFirstOrThrow({ where: { action: "subsidyClaim.approve", entityId: claim.id } });
      expect(row.actorTokenId).toBeTruthy();
      expect(row.detail).toMatchObject({ asPerson: other.userId });
    },
  );

  it("a claim prepared with a token: neither its creator nor the person it was issued for approves on screen; someone else does", async () => {
    const { createApiToken } = await import("~/services/api-tokens.server");
    const { callApi } = await import("../setup/api-call");
    const claimRoute = await import("~/routes/api/subsidy-claim");
    const { claim } = await openClaimWithAccount();
    const creator = await makeCoordinator("130624");
    const holder = await makeCoordinator("130624");
    const third = await makeCoordinator("130624");
    expectOk(await setClaimAccount(creator.principal, claim.id, { holderName: "职教中心", bankName: "农行", accountNumber: "622848016666321" }, ctx));
    const t = (await createApiToken({ name: "for holder", role: "COORDINATOR", regionCode: "130624", userId: holder.userId, createdById: creator.userId }))
      .token;
    expect(
      (await callApi(claimRoute.action, `/api/v1/subsidy-claims/${claim.id}`, t, { method: "PATCH", body: { status: "PREPARED" } }, { claimId: claim.id }))
        .status,
    ).toBe(200);
    const stored = await db().subsidyClaim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(stored).toMatchObject({ status: "PREPARED", preparedById: holder.userId });
    expect(stored.preparedByTokenId).toBeTruthy();
    expect(await decideClaim(holder.principal, claim.id, { decision: "approve" }, ctx)).toMatchObject({ ok: false, message: "subsidy.refusal.samePerson" });
    expect(await decideClaim(creator.principal, claim.id, { decision: "approve" }, ctx)).toMatchObject({ ok: false, message: "subsidy.refusal.samePerson" });
    expect(await decideClaim(creator.principal, claim.id, { decision: "reject", note: "x" }, ctx)).toMatchObject({
      ok: false,
      message: "subsidy.refusal.samePerson",
    });
    expect((await claimFor(creator.principal, claim.id))!.canDecide).toBe("samePerson");
    expect((await claimFor(third.principal, claim.id))!.canDecide).toBe("yes");
    expect(expectOk(await decideClaim(third.principal, claim.id, { decision: "approve" }, ctx)).status).toBe("APPROVED");
  });
});

describe("the account an approver approved is the account paid", () => {
  const A = "6228480111122223333";
  const B = "6217000999988887777";
  const C = "6217000555566664444";
  const mask = (n: string) => "*".repeat(n.length - 4) + n.slice(-4);
  const purpose = (c: { policyName: string; period: string }) => `${c.policyName} ${c.period}`;
  /** Approves as the page does: with the stamp of the account the approver was shown. */
  const approveAsShown = async (by: Principal, claimId: string, note?: string) =>
    decideClaim(by, claimId, { decision: "approve", note, account: (await claimFor(by, claimId))!.accountStamp ?? "none" }, ctx);
  const rowOf = async (by: Principal, batchId: string, claimId: string, unmasked: boolean) =>
    (await batchFileRows(by, batchId, { unmasked, purpose }, ctx))!.rows.find((r) => r.claimId === claimId)!;

  it(
    "a preparer elsewhere changes the payee's account on an open claim: the batched and the approved claims are still paid to the " +
      "approved account (bank file, reveal, page), flagged and audited on each; the open claim gets the new one",
    async () => {
      await policies();
      const [w1, w2] = [await makeWorker("130624"), await makeWorker("130624")];
      // A trainee from another county: their claim is filed (and prepared) there, but paid to the same provider.
      const w3 = await makeWorker("130681");
      const { cls, provider } = await ranClass([
        { workerId: w1.id, present: 2, certificate: "P-1" },
        { workerId: w2.id, present: 2, certificate: "P-2" },
        { workerId: w3.id, present: 2, certificate: "P-3" },
      ]);
      await finish(cls.id);
      await generateClaims({ entityType: "trainingClass", entityId: cls.id });
      const [c1, c2, c3] = await Promise.all([w1, w2, w3].map(async (w) => (await claimsOf(w.id)).find((c) => c.kind === "TRAINING")!));
      expect(new Set([c1.payeeId, c2.payeeId, c3.payeeId])).toEqual(new Set([provider.id]));
      expect(c3.countyCode).toBe("130681");

      const preparer = await makeCoordinator("130624");
      const approver = await makeCoordinator("130624");
      expectOk(await setClaimAccount(preparer.principal, c1.id, { holderName: "阜平职教中心", bankName: "农行阜平支行", accountNumber: A }, ctx));
      expectOk(await prepareClaims(preparer.principal, [c1.id, c2.id], ctx));
      // The approver is shown the account they approve; it is recorded on the claim (ciphertext, never the number).
      const shown = (await claimFor(approver.principal, c1.id))!;
      expect(shown.account).toEqual({ holderName: "阜平职教中心", bankName: "农行阜平支行", accountMasked: mask(A) });
      expect(shown.accountStamp).toBeTruthy();
      expectOk(await approveAsShown(approver.principal, c1.id));
      const recorded = await db().subsidyClaim.findUniqueOrThrow({ where: { id: c1.id } });
      expect(recorded).toMatchObject({ approvedAccountMasked: mask(A), approvedBankName: "农行阜平支行", approvedHolderName: "阜平职教中心" });
      expect(recorded.approvedAccountCipher).not.toContain(A);
      expect(recorded.approvedAccountHash).toBe((await db().payeeAccount.findFirstOrThrow({ where: { ownerId: provider.id } })).accountHash);
      // c1 goes into a batch (this test's claims only), c2 is approved after it and waits.
      await db().subsidyClaim.updateMany({ where: { countyCode: "130624", status: "APPROVED", id: { not: c1.id } }, data: { status: "REJECTED" } });
      const batch = expectOk(await createPaymentBatch(approver.principal, "130624", ctx));
      expectOk(await approveAsShown(approver.principal, c2.id));

      // Another county's preparer, who can edit only the open claim c3, replaces the provider's account.
      const elsewhere = await makeCoordinator("130681");
      expectOk(await setClaimAccount(elsewhere.principal, c3.id, { holderName: "另一个户名", bankName: "别的银行", accountNumber: B }, ctx));

      // The batched claim: the bank file (masked and in full) and the reveal still carry the approved account.
      expect(await rowOf(approver.principal, batch.batchId, c1.id, false)).toMatchObject({
        account: mask(A),
        bankName: "农行阜平支行",
        payeeName: "阜平职教中心",
      });
      expect((await rowOf(approver.principal, batch.batchId, c1.id, true)).account).toBe(A);
      expect(await revealClaimAccount(approver.principal, c1.id, ctx)).toEqual({ accountNumber: A });
      // The approved claim: its page shows the approved account, and so will its bank file.
      const c2Page = (await claimFor(approver.principal, c2.id))!;
      expect(c2Page.account).toMatchObject({ accountMasked: mask(A), holderName: "阜平职教中心" });
      expect(c2Page.accountApproved).toBe(true);
      expect(await revealClaimAccount(approver.principal, c2.id, ctx)).toEqual({ accountNumber: A });
      // Both are flagged (the payee's account moved away from the one approved) and the change is in their history, under their county.
      for (const id of [c1.id, c2.id]) {
        expect((await claimFor(approver.principal, id))!.flags).toContainEqual({ code: "accountChanged", detail: { approved: mask(A), current: mask(B) } });
        const row = await db().auditLog.findFirstOrThrow({ where: { entityId: id, action: "payeeAccount.changedAfterApproval" } });
        expect(row).toMatchObject({ regionCode: "130624", actorUserId: elsewhere.userId });
        expect(row.detail).toMatchObject({ onClaim: c3.id, accountMasked: mask(B), approvedAccountMasked: mask(A) });
        expect(JSON.stringify(row.detail)).not.toContain(B);
      }
      // The open claim (and any claim not yet approved) gets the new account.
      expect((await claimFor(elsewhere.principal, c3.id))!.account).toMatchObject({ accountMasked: mask(B), holderName: "另一个户名" });
      expect(await revealClaimAccount(elsewhere.principal, c3.id, ctx)).toEqual({ accountNumber: B });

      const batch2 = expectOk(await createPaymentBatch(approver.principal, "130624", ctx));
      expect(await rowOf(approver.principal, batch2.batchId, c2.id, true)).toMatchObject({ account: A, bankName: "农行阜平支行", payeeName: "阜平职教中心" });

      // c3 is prepared and approved in its county (flagged: no budget there, so a note) and paid to the account its approver saw.
      expectOk(await prepareClaims(elsewhere.principal, [c3.id], ctx));
      const approver3 = await makeCoordinator("130681");
      expect((await claimFor(approver3.principal, c3.id))!.account).toMatchObject({ accountMasked: mask(B) });
      expectOk(await approveAsShown(approver3.principal, c3.id, "已核对账户变更"));
      const batch3 = expectOk(await createPaymentBatch(approver3.principal, "130681", ctx));
      expect((await rowOf(approver3.principal, batch3.batchId, c3.id, true)).account).toBe(B);
      // Approved with the account on file: nothing to flag there.
      expect((await claimFor(approver3.principal, c3.id))!.flags.map((f) => f.code)).not.toContain("accountChanged");

      // The bank fails c1 (closed account): open again, approval and its account cleared, flag gone; the next approval records anew.
      const file = `流水号,结果,银行交易号,失败原因\n${c1.id},失败,,账户已变更\n`;
      expectOk(await reconcileBatch(approver.principal, batch.batchId, { bytes: new TextEncoder().encode(file), name: "r.csv" }, ctx));
      const reopened = await db().subsidyClaim.findUniqueOrThrow({ where: { id: c1.id } });
      expect(reopened).toMatchObject({ status: "OPEN", approvedAccountCipher: null, approvedAccountMasked: null, approvedById: null });
      expect((await claimFor(approver.principal, c1.id))!.account).toMatchObject({ accountMasked: mask(B) });
      expect((await claimFor(approver.principal, c1.id))!.flags.map((f) => f.code)).not.toContain("accountChanged");
    },
  );

  it("approval names the account shown: changed since the page was opened → refused, nothing recorded; no account → refused", async () => {
    await policies();
    const [w1, w2] = [await makeWorker("130624"), await makeWorker("130624")];
    const { cls } = await ranClass([
      { workerId: w1.id, present: 2, certificate: "S-1" },
      { workerId: w2.id, present: 2, certificate: "S-2" },
    ]);
    await finish(cls.id);
    await generateClaims({ entityType: "trainingClass", entityId: cls.id });
    const [c1, c2] = await Promise.all([w1, w2].map(async (w) => (await claimsOf(w.id)).find((c) => c.kind === "TRAINING")!));
    const preparer = await makeCoordinator("130624");
    const approver = await makeCoordinator("130624");
    expectOk(await setClaimAccount(preparer.principal, c1.id, { holderName: "职教中心", bankName: "农行", accountNumber: A }, ctx));
    expectOk(await prepareClaims(preparer.principal, [c1.id], ctx));
    const seen = (await claimFor(approver.principal, c1.id))!;
    expect(seen.account?.accountMasked).toBe(mask(A));
    // Meanwhile the payee's account is replaced through its other, still open claim.
    expectOk(await setClaimAccount(preparer.principal, c2.id, { holderName: "职教中心", bankName: "农行", accountNumber: C }, ctx));
    expect(await decideClaim(approver.principal, c1.id, { decision: "approve", account: seen.accountStamp! }, ctx)).toMatchObject({
      ok: false,
      message: "subsidy.refusal.accountChangedSinceShown",
    });
    expect(await db().subsidyClaim.findUniqueOrThrow({ where: { id: c1.id } })).toMatchObject({ status: "PREPARED", approvedAccountCipher: null });
    // Reloaded, the approver sees the new account and approves that one.
    const again = (await claimFor(approver.principal, c1.id))!;
    expect(again.account?.accountMasked).toBe(mask(C));
    expectOk(await decideClaim(approver.principal, c1.id, { decision: "approve", account: again.accountStamp! }, ctx));
    expect((await db().subsidyClaim.findUniqueOrThrow({ where: { id: c1.id } })).approvedAccountMasked).toBe(mask(C));
    const approval = await db().auditLog.findFirstOrThrow({ where: { entityId: c1.id, action: "subsidyClaim.approve" } });
    expect(approval.detail).toMatchObject({ accountMasked: mask(C) });

    // A prepared claim whose payee has no account on file (removed out of band) is not approved.
    expectOk(await prepareClaims(preparer.principal, [c2.id], ctx));
    await db().payeeAccount.deleteMany({ where: { ownerId: c2.payeeId } });
    expect(await decideClaim(approver.principal, c2.id, { decision: "approve" }, ctx)).toMatchObject({ ok: false, message: "subsidy.refusal.noAccount" });
    expect((await db().subsidyClaim.findUniqueOrThrow({ where: { id: c2.id } })).status).toBe("PREPARED");
  });

  it("the migration records, on claims already past approval, their payee's account (ciphertext copied, no key needed)", async () => {
    await policies();
    const ws = [await makeWorker("130624"), await makeWorker("130624"), await makeWorker("130624")];
    const { cls, provider } = await ranClass(ws.map((w, i) => ({ workerId: w.id, present: 2, certificate: `M-${i}` })));
    await finish(cls.id);
    await generateClaims({ entityType: "trainingClass", entityId: cls.id });
    const [approved, paid, open] = await Promise.all(ws.map(async (w) => (await claimsOf(w.id)).find((c) => c.kind === "TRAINING")!));
    const preparer = await makeCoordinator("130624");
    const approver = await makeCoordinator("130624");
    expectOk(await setClaimAccount(preparer.principal, open.id, { holderName: "迁移前", bankName: "农行", accountNumber: A }, ctx));
    expectOk(await prepareClaims(preparer.principal, [approved.id, paid.id], ctx));
    for (const id of [approved.id, paid.id]) expectOk(await decideClaim(approver.principal, id, { decision: "approve" }, ctx));
    await db().subsidyClaim.update({ where: { id: paid.id }, data: { status: "PAID", paidAt: new Date() } });

    // The old shape: no recorded account columns at all.
    const columns = ["approvedAccountCipher", "approvedAccountHash", "approvedAccountMasked", "approvedBankName", "approvedHolderName"];
    await db().$executeRawUnsafe(`ALTER TABLE "SubsidyClaim" ${columns.map((c) => `DROP COLUMN "${c}"`).join(", ")}`);
    const dir = fs.readdirSync("prisma/migrations").find((d) => d.endsWith("_claim_approved_account"));
    expect(dir).toBeDefined();
    const sql = fs.readFileSync(path.join("prisma/migrations", dir!, "migration.sql"), "utf8");
    for (const statement of sql.split(/;\s*$/m).filter((s) => s.replace(/--.*$/gm, "").trim())) await db().$executeRawUnsafe(statement);

    const account = await db().payeeAccount.findFirstOrThrow({ where: { ownerId: provider.id } });
    for (const id of [approved.id, paid.id])
      expect(await db().subsidyClaim.findUniqueOrThrow({ where: { id } })).toMatchObject({
        approvedAccountCipher: account.accountCipher,
        approvedAccountHash: account.accountHash,
        approvedAccountMasked: mask(A),
        approvedBankName: "农行",
        approvedHolderName: "迁移前",
      });
    expect((await db().subsidyClaim.findUniqueOrThrow({ where: { id: open.id } })).approvedAccountCipher).toBeNull();
    expect(await revealClaimAccount(approver.principal, paid.id, ctx)).toEqual({ accountNumber: A });
  });
});
