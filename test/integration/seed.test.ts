import { describe, expect, it } from "vitest";
import { isValidCreditCode } from "~/domain/credit-code";
import { parseResidentId } from "~/domain/resident-id";
import { resetSignInLimits, signIn } from "~/services/auth.server";
import { getDb } from "~/services/db.server";
import { decryptPii } from "~/services/pii.server";
import { DEMO_PASSWORD, seedDemo } from "../../prisma/seed/demo";
import { seedReferenceData } from "../../prisma/seed/reference";

describe("reference and demo data", () => {
  it("has the reference data from the template, and re-loading it changes nothing", async () => {
    const db = getDb();
    expect(await db.region.count({ where: { level: "COUNTY", code: { startsWith: "13" } } })).toBeGreaterThanOrEqual(160);
    expect(await db.region.count({ where: { level: "TOWNSHIP" } })).toBeGreaterThan(2000);
    expect(await db.occupation.count()).toBeGreaterThanOrEqual(80);
    const fuping = await db.region.findUniqueOrThrow({ where: { code: "130624" } });
    expect(fuping).toMatchObject({ name: "阜平县", isPovertyCounty: true, path: "130000/130600/130624" });
    // An administrator's edit survives a re-load of changed reference files.
    await db.region.update({ where: { code: "130624" }, data: { isPovertyCounty: false } });
    await db.setting.delete({ where: { key: "reference.version" } });
    expect(await seedReferenceData(db)).toBe(true);
    expect((await db.region.findUniqueOrThrow({ where: { code: "130624" } })).isPovertyCounty).toBe(false);
    expect(await seedReferenceData(db)).toBe(false);
  });

  it("seeds a valid, deterministic demo whose logins work", async () => {
    const db = getDb();
    const logins = await seedDemo(db);
    expect(logins.map((l) => l.role)).toEqual(expect.arrayContaining(["ADMIN", "COORDINATOR", "PROVIDER_STAFF", "EMPLOYER", "JOB_SEEKER"]));
    expect(await db.worker.count()).toBe(3000);
    expect(await db.annualPlan.count({ where: { region: { level: "COUNTY" } } })).toBeGreaterThanOrEqual(160);
    for (const e of await db.employer.findMany()) expect(isValidCreditCode(e.creditCode)).toBe(true);
    const sample = await db.worker.findMany({ take: 50 });
    for (const w of sample) {
      const parsed = parseResidentId(decryptPii(w.idNumberCipher));
      expect(parsed.ok && parsed.id.areaCode).toBe(w.countyCode);
    }
    // The province plan is the sum of its counties (a roll-up the dashboard issue will check live).
    const province = await db.annualPlan.findFirstOrThrow({ where: { regionCode: "130000" } });
    const counties = await db.annualPlan.aggregate({ where: { region: { level: "COUNTY" } }, _sum: { trainingPersonTimes: true } });
    expect(province.trainingPersonTimes).toBe(counties._sum.trainingPersonTimes);

    await resetSignInLimits();
    const seeker = logins.find((l) => l.role === "JOB_SEEKER")!;
    const r = await signIn(seeker.username, DEMO_PASSWORD, "10.3.0.1");
    expect(r.ok && r.principal.workerId).toBeTruthy();
  });

  it("the demo has subsidy claims made by the real generation and review: open, submitted, one paid batch, nothing approved outside a batch", async () => {
    const db = getDb();
    const claims = await db.subsidyClaim.findMany({ include: { policy: true } });
    const by = (status: string) => claims.filter((c) => c.status === status).length;
    expect(by("OPEN")).toBeGreaterThan(0);
    expect(by("PREPARED")).toBeGreaterThan(0);
    expect(by("PAID")).toBe(4);
    expect(by("APPROVED")).toBe(0);
    const batches = await db.paymentBatch.findMany();
    expect(batches.map((b) => [b.status, b.claimCount, b.paidCount])).toEqual([["RECONCILED", 4, 4]]);
    // Every claim was made by the job from its records (audited as such), in Fuping, prepared by fuping and approved by fuping2.
    expect(await db.auditLog.count({ where: { action: "subsidyClaim.generate" } })).toBe(claims.length);
    const users = Object.fromEntries((await db.user.findMany({ where: { username: { in: ["fuping", "fuping2"] } } })).map((u) => [u.username, u.id]));
    for (const c of claims.filter((x) => x.status === "PAID" || x.status === "PREPARED")) expect(c.preparedById).toBe(users.fuping);
    for (const c of claims.filter((x) => x.status === "PAID")) expect(c.approvedById).toBe(users.fuping2);
    // Each was paid to the account recorded at its approval (masked form and ciphertext, never the number).
    for (const c of claims.filter((x) => x.status === "PAID")) expect(c.approvedAccountMasked).toMatch(/^\*+\d{4}$/);
    for (const c of claims.filter((x) => x.status === "PAID")) expect(c.approvedAccountCipher).toMatch(/^v2\./);
    expect(new Set(claims.map((c) => c.countyCode))).toEqual(new Set(["130624"]));
    // Training claims follow the certificate levels recorded on the class: at least the level schedule and the general policy pay.
    const training = claims.filter((c) => c.kind === "TRAINING");
    expect(training.some((c) => c.policy.certificateLevel !== null)).toBe(true);
    expect(training.some((c) => c.policy.code === "training-general")).toBe(true);
    expect(new Set(training.map((c) => c.enrollmentId)).size).toBe(training.length);
    expect(claims.some((c) => c.kind === "TRANSPORT" || c.kind === "HIRING")).toBe(true);
  });
});
