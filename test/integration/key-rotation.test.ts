// Issue 16 item 8: `npm run keys:rotate` re-encrypts every encrypted field and file and rebuilds the
// blind indexes under new keys while the platform serves. Data is written under the old keys (one ID
// number even in the legacy `v1.` format); the ring then gets new current keys with the old ones as
// previous. Sign-in by ID number and by phone, duplicate registration (form and import batch) and
// reading every value work before the rotation, half-way (one batch), after it, and after the old
// keys are removed. A second run rewrites nothing; an unreadable value stops the run with its row.
import { createCipheriv, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { WorkerCoreSchema } from "~/features/registration/index";
import { signIn } from "~/services/auth.server";
import { getDb } from "~/services/db.server";
import { getConfig, setConfig, type Config } from "~/services/env.server";
import { ROTATED, rotateKeys, RotationRefused, unmatchedStaffHashes } from "~/services/key-rotation.server";
import { blindIndex, decryptBytes, decryptPii, encryptBytes, encryptPii, isCurrentBytes, isCurrentPii, keyId } from "~/services/pii.server";
import { registerWorker, upsertWorkers } from "~/features/registration/index.server";
import { searchWorkersToEnrol } from "~/features/training/index.server";
import { makeClass, makeCoordinator, makeEmployer, makeProvider, type TestUser } from "../setup/factories";
import fs from "node:fs";

const COUNTY = "130624";
const PASSWORD = "rotate-secret-1";
const original = getConfig();
const oldKeys = { piiKey: original.secrets.piiKey, piiHmacKey: original.secrets.piiHmacKey };
const newKeys = { piiKey: randomBytes(32), piiHmacKey: randomBytes(32) };
const useKeys = (secrets: Partial<Config["secrets"]>) =>
  setConfig({ ...original, secrets: { ...(secrets as Config["secrets"]), session: original.secrets.session } });
const RING = { ...newKeys, piiKeyPrevious: oldKeys.piiKey, piiHmacKeyPrevious: oldKeys.piiHmacKey };

type Person = { id: string; idNumber: string; phone: string };
const NOTES = { verification: "看过合同；有慢性病", reverification: "复核：已康复", followUp: "因病辞职", legacy: "旧版明文：住院", drop: "住院治疗" };
const people: Person[] = [];
let coordinator: TestUser;
let ipSeq = 0;
const input = (p: Person, extra: Record<string, unknown> = {}) =>
  WorkerCoreSchema.parse({
    fullName: "轮换测试",
    idNumber: p.idNumber,
    phone: p.phone,
    countyCode: COUNTY,
    priorityConsent: true,
    priorityFactors: ["noIndustry"],
    ...extra,
  });

/** A `v1.` ciphertext as the code before key ids wrote it. */
function legacyV1(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return ["v1", iv.toString("base64url"), c.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

beforeAll(async () => {
  coordinator = await makeCoordinator("130600");
  for (let i = 0; i < 5; i++) {
    const p = { id: "", idNumber: makeResidentId(COUNTY, "1988-03-09", 400 + i), phone: `1390000${String(5000 + i)}` };
    const r = await registerWorker(input(p), { source: "SELF", actor: null, secret: PASSWORD });
    if (!r.ok) throw new Error(`setup: ${JSON.stringify(r)}`);
    p.id = r.workerId;
    people.push(p);
  }
  people.sort((a, b) => (a.id < b.id ? -1 : 1)); // the rotation's order
  // The last person's ID number in the format written before ciphertexts named their key.
  await getDb().worker.update({ where: { id: people[4].id }, data: { idNumberCipher: legacyV1(people[4].idNumber, oldKeys.piiKey) } });
  const { employer } = await makeEmployer(); // contact phone, encrypted
  // Notes staff wrote about a person (they may tell of the person's health): encrypted, and one still in
  // the plaintext column a migration left, which the rotation encrypts first (encryptLegacyNotes).
  const placement = await getDb().placement.create({
    data: {
      workerId: people[0].id,
      employerId: employer.id,
      startDate: new Date("2026-01-05"),
      monthlyWage: 6000,
      workRegionCode: "110105",
      transferType: "BEIJING_TIANJIN",
      verificationNoteCipher: encryptPii(NOTES.verification),
      reverificationNoteCipher: encryptPii(NOTES.reverification),
    },
  });
  await getDb().followUp.createMany({
    data: [
      { placementId: placement.id, dueMonth: 1, dueAt: new Date("2026-02-05"), noteCipher: encryptPii(NOTES.followUp) },
      { placementId: placement.id, dueMonth: 3, dueAt: new Date("2026-04-05"), legacyNote: NOTES.legacy },
    ],
  });
  const cls = await makeClass(await makeProvider(COUNTY), { start: "2026-01-05", end: "2026-01-20" });
  await getDb().enrollment.create({
    data: { classId: cls.id, workerId: people[1].id, status: "DROPPED", dropReason: "health", dropNoteCipher: encryptPii(NOTES.drop) },
  });
  await getDb().payeeAccount.create({
    data: {
      ownerType: "WORKER",
      ownerId: people[0].id,
      holderName: "轮换",
      bankName: "农行",
      accountCipher: encryptPii("6228480000000000001"),
      accountHash: blindIndex("bank-account", "6228480000000000001"),
      accountMasked: "6228 **** 0001",
    },
  });
  // A claim approved to be paid to that account: the approval's copy of it is rotated as well.
  const policy = await getDb().subsidyPolicy.create({
    data: {
      code: `rotation-${Date.now()}`,
      version: 1,
      kind: "TRANSPORT",
      nameZh: "交通补贴",
      nameEn: "Transport",
      amount: 300,
      unit: "PERSON",
      payee: "WORKER",
      validFrom: new Date("2020-01-01"),
      legalSource: "测试",
    },
  });
  await getDb().subsidyClaim.create({
    data: {
      policyId: policy.id,
      kind: "TRANSPORT",
      workerId: people[0].id,
      countyCode: COUNTY,
      period: "2026",
      units: 1,
      amount: 300,
      payeeType: "WORKER",
      payeeId: people[0].id,
      payeeName: "轮换",
      status: "APPROVED",
      approvedAccountCipher: encryptPii("6228480000000000001"),
      approvedAccountHash: blindIndex("bank-account", "6228480000000000001"),
      approvedAccountMasked: "***************0001",
    },
  });
  await getDb().rosterImport.create({
    data: { regionCode: COUNTY, fileName: "r.csv", fileSha256: "x", contentCipher: encryptBytes(Buffer.from("姓名,身份证号\n")) },
  });
  // A staff account carrying a worker's ID hash (conflict-of-interest flags): it must follow the worker's.
  await getDb().user.create({
    data: { username: `staff-rot-${Date.now()}`, displayName: "s", passwordHash: "x", idNumberHash: blindIndex("resident-id", people[1].idNumber) },
  });
}, 120_000);

afterAll(() => setConfig(original));

/** Every check that must hold whatever key each row is under. */
async function everythingWorks(label: string) {
  for (const p of people) {
    const byId = await signIn(p.idNumber, PASSWORD, `10.9.0.${++ipSeq}`);
    expect(byId.ok, `${label}: sign-in by ID ${p.id}`).toBe(true);
    const byPhone = await signIn(p.phone, PASSWORD, `10.9.1.${++ipSeq}`);
    expect(byPhone.ok, `${label}: sign-in by phone ${p.id}`).toBe(true);
    const again = await registerWorker(input(p), { source: "SELF", actor: null, secret: PASSWORD });
    expect(again, `${label}: second registration of ${p.id}`).toEqual({ ok: false, kind: "duplicate" });
    const found = await searchWorkersToEnrol(coordinator.principal, p.idNumber);
    expect(
      found.map((w) => w.id),
      `${label}: enrol search by ID`,
    ).toEqual([p.id]);
  }
  const batch = await upsertWorkers(
    people.map((p) => input(p)),
    { source: "IMPORT", actor: coordinator.principal },
  );
  // Found (under either hash) and identical: unchanged, so nothing is rewritten by this check itself.
  for (const r of batch) expect(r, `${label}: import batch found the existing person`).toMatchObject({ ok: true, outcome: "unchanged" });
  expect(await getDb().worker.count({ where: { fullName: "轮换测试" } })).toBe(people.length);
  // Every stored value reads with the ring configured now.
  for (const w of await getDb().worker.findMany({ where: { id: { in: people.map((p) => p.id) } } })) {
    const p = people.find((x) => x.id === w.id)!;
    expect(decryptPii(w.idNumberCipher)).toBe(p.idNumber);
    expect(decryptPii(w.phoneCipher!)).toBe(p.phone);
  }
  for (const h of await getDb().household.findMany({ where: { priorityFactorsCipher: { not: null } } }))
    expect(JSON.parse(decryptPii(h.priorityFactorsCipher!))).toEqual(["noIndustry"]);
  for (const e of await getDb().employer.findMany()) expect(decryptPii(e.contactPhoneCipher)).toMatch(/^1\d{10}$/);
  for (const a of await getDb().payeeAccount.findMany()) expect(decryptPii(a.accountCipher)).toBe("6228480000000000001");
  for (const c of await getDb().subsidyClaim.findMany({ where: { approvedAccountCipher: { not: null } } }))
    expect(decryptPii(c.approvedAccountCipher!)).toBe("6228480000000000001");
  for (const r of await getDb().rosterImport.findMany()) expect(decryptBytes(r.contentCipher!).toString()).toBe("姓名,身份证号\n");
  for (const p of await getDb().placement.findMany())
    expect([decryptPii(p.verificationNoteCipher!), decryptPii(p.reverificationNoteCipher!)]).toEqual([NOTES.verification, NOTES.reverification]);
  for (const e of await getDb().enrollment.findMany()) expect(decryptPii(e.dropNoteCipher!)).toBe(NOTES.drop);
  // The plaintext note is read as it is until the rotation has moved it.
  const notes = await getDb().followUp.findMany({ orderBy: { dueMonth: "asc" } });
  expect(notes.map((f) => (f.noteCipher ? decryptPii(f.noteCipher) : f.legacyNote))).toEqual([NOTES.followUp, NOTES.legacy]);
}

describe("key rotation", () => {
  it("lists every encrypted column and blind index of the schema", () => {
    const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
    const listed = new Set(ROTATED.flatMap((t) => t.columns.flatMap((c) => [`${t.table}.${c.name}`, ...(c.hash ? [`${t.table}.${c.hash.column}`] : [])])));
    for (const m of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
      for (const f of m[2].matchAll(/^\s+(\w+Cipher|idNumberHash|phoneHash|\w*[aA]ccountHash)\s/gm)) {
        if (m[1] === "User") continue; // staff hashes follow the worker's (no plaintext of their own)
        expect(listed, `${m[1]}.${f[1]}`).toContain(`${m[1]}.${f[1]}`);
      }
    }
  });

  it("refuses without a previous key", async () => {
    await expect(rotateKeys()).rejects.toThrow(RotationRefused);
    await expect(rotateKeys()).rejects.toThrow(/No previous key/);
  });

  it("works before, half-way through, and after the rotation; a second run is a no-op; then without the old keys", async () => {
    useKeys(RING);
    await everythingWorks("before");

    // Half-rotated: the first batch of two workers only.
    const half = await rotateKeys({ batchSize: 2, maxBatches: 1 });
    expect(half).toEqual([{ table: "Worker", checked: 2, changed: 2, done: false }]);
    const rotated = await getDb().worker.findMany({ where: { id: { in: people.map((p) => p.id) } }, orderBy: { id: "asc" } });
    expect(rotated.map((w) => isCurrentPii(w.idNumberCipher))).toEqual([true, true, false, false, false]);
    expect(rotated[0].idNumberHash).toBe(blindIndex("resident-id", people[0].idNumber));
    expect(rotated[2].idNumberHash).toBe(blindIndex("resident-id", people[2].idNumber, oldKeys));
    await everythingWorks("half-way");

    // Resumes after the cursor; everything else rewritten.
    const lines: string[] = [];
    const full = await rotateKeys({ batchSize: 2, log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^Worker: resuming after/);
    const byTable = Object.fromEntries(full.map((r) => [r.table, r]));
    expect(byTable.Worker).toMatchObject({ checked: 5, changed: 5, done: true });
    expect(byTable.PayeeAccount.changed).toBe(1);
    expect(byTable.SubsidyClaim.changed).toBe(1);
    expect(byTable.RosterImport.changed).toBe(1);
    expect(byTable.Employer.changed).toBeGreaterThanOrEqual(1);
    expect(byTable.Household.changed).toBeGreaterThanOrEqual(5);
    for (const w of await getDb().worker.findMany()) {
      expect(isCurrentPii(w.idNumberCipher) && isCurrentPii(w.phoneCipher!)).toBe(true);
      expect(w.idNumberHash).toBe(blindIndex("resident-id", decryptPii(w.idNumberCipher)));
      expect(w.phoneHash).toBe(blindIndex("phone", decryptPii(w.phoneCipher!)));
    }
    for (const r of await getDb().rosterImport.findMany()) expect(isCurrentBytes(r.contentCipher!)).toBe(true);
    expect(byTable.FollowUp.changed).toBe(1); // the other was encrypted under the new key before the pass
    expect(byTable.Enrollment.changed).toBe(1);
    expect(byTable.Placement.changed).toBe(1);
    for (const f of await getDb().followUp.findMany()) expect(f.legacyNote === null && isCurrentPii(f.noteCipher!)).toBe(true);
    for (const e of await getDb().enrollment.findMany()) expect(isCurrentPii(e.dropNoteCipher!)).toBe(true);
    for (const p of await getDb().placement.findMany()) expect(isCurrentPii(p.verificationNoteCipher!) && isCurrentPii(p.reverificationNoteCipher!)).toBe(true);
    for (const a of await getDb().payeeAccount.findMany()) expect(a.accountHash).toBe(blindIndex("bank-account", "6228480000000000001"));
    for (const c of await getDb().subsidyClaim.findMany({ where: { approvedAccountCipher: { not: null } } })) {
      expect(isCurrentPii(c.approvedAccountCipher!)).toBe(true);
      expect(c.approvedAccountHash).toBe(blindIndex("bank-account", "6228480000000000001"));
    }
    expect(await getDb().user.count({ where: { idNumberHash: blindIndex("resident-id", people[1].idNumber) } })).toBe(1);
    expect(await unmatchedStaffHashes()).toBe(0);
    await everythingWorks("after");

    const second = await rotateKeys({ batchSize: 2 });
    for (const r of second) expect(r, r.table).toMatchObject({ changed: 0, done: true });
    expect(second.find((r) => r.table === "Worker")!.checked).toBe(5);

    // The operator removes the old keys.
    useKeys(newKeys);
    await everythingWorks("old keys removed");
    await expect(rotateKeys()).rejects.toThrow(/No previous key/);
    expect(keyId(newKeys.piiKey)).not.toBe(keyId(oldKeys.piiKey));
  }, 300_000);

  it("stops at a value no configured key reads, naming the row, and changes nothing in that batch", async () => {
    useKeys(RING);
    const stranger = { piiKey: randomBytes(32) };
    const bad = await getDb().employer.findFirstOrThrow();
    const before = await getDb().employer.findMany({ orderBy: { id: "asc" } });
    await getDb().employer.update({ where: { id: bad.id }, data: { contactPhoneCipher: encryptPii("13800000000", stranger) } });
    // An employer before it, under the old key, in the same batch: must stay as it was.
    await expect(rotateKeys({ batchSize: 1000 })).rejects.toThrow(new RegExp(`Employer ${bad.id}, contactPhoneCipher: cannot be decrypted`));
    const after = await getDb().employer.findMany({ orderBy: { id: "asc" } });
    for (const e of after) if (e.id !== bad.id) expect(e.contactPhoneCipher).toBe(before.find((b) => b.id === e.id)!.contactPhoneCipher);
    await getDb().employer.update({ where: { id: bad.id }, data: { contactPhoneCipher: bad.contactPhoneCipher } });
    useKeys(original.secrets);
  }, 120_000);
});
