import { describe, expect, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { getDb, isUniqueViolation } from "~/services/db.server";
import { blindIndex, decryptPii, encryptPii } from "~/services/pii.server";
import { getWorkerMasked, revealWorkerPii } from "~/features/registration/index.server";
import { makeWorker } from "../setup/factories";

const coordinator = (region: string) => ({
  kind: "user" as const,
  id: "00000000-0000-0000-0000-0000000000c1",
  grants: [{ role: "COORDINATOR" as const, regionCode: region }],
});

describe("sensitive personal data", () => {
  it("encrypts with a fresh IV each time and decrypts back; tampering is detected", () => {
    const a = encryptPii("13062419900517123X");
    const b = encryptPii("13062419900517123X");
    expect(a).not.toBe(b);
    expect(decryptPii(a)).toBe("13062419900517123X");
    const parts = a.split(".");
    parts[3] = parts[3].slice(0, -2) + (parts[3].endsWith("AA") ? "BB" : "AA");
    expect(() => decryptPii(parts.join("."))).toThrow();
  });

  it("stores no plaintext ID number or phone in the worker row", async () => {
    const idNumber = makeResidentId("130624", "1988-02-03", 451);
    const w = await makeWorker("130624", { idNumber });
    const [row] = await getDb().$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Worker" WHERE id = ${w.id}`;
    expect(JSON.stringify(row)).not.toContain(idNumber);
    expect(JSON.stringify(row)).not.toContain(idNumber.slice(4, 14));
  });

  it("one person, one record: the database refuses a second worker with the same ID number", async () => {
    const idNumber = makeResidentId("130624", "1979-09-09", 123);
    await makeWorker("130624", { idNumber });
    const second = makeWorker("130881", { idNumber }).catch((e) => e);
    expect(isUniqueViolation(await second)).toBe(true);
    expect(await getDb().worker.count({ where: { idNumberHash: blindIndex("resident-id", idNumber) } })).toBe(1);
  });

  it("reveals for an in-scope coordinator and writes the audit log; out of scope reveals nothing and logs only the refusal", async () => {
    const idNumber = makeResidentId("130624", "1991-01-01", 77);
    const w = await makeWorker("130624", { idNumber });
    const revealed = await revealWorkerPii(coordinator("130624"), w.id, "10.9.9.9");
    expect(revealed?.idNumber).toBe(idNumber);
    const log = await getDb().auditLog.findMany({ where: { entityId: w.id, action: "worker.pii.reveal" } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorUserId: coordinator("130624").id, regionCode: "130624", ip: "10.9.9.9" });

    expect(await revealWorkerPii(coordinator("130881"), w.id, null)).toBeNull();
    expect(await getWorkerMasked(coordinator("130881"), w.id)).toBeNull();
    expect(await getDb().auditLog.count({ where: { entityId: w.id, action: "worker.pii.reveal" } })).toBe(1);
    // The refused attempts are audited (issue 11, item 16), under the worker's county.
    expect(await getDb().auditLog.count({ where: { entityId: w.id, action: "denied.out-of-scope", regionCode: "130624" } })).toBe(2);
  });
});
