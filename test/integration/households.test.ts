// A household (建档立卡) number typed on the public form must not let anyone rewrite another family.
import { beforeAll, describe, expect, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { WorkerCoreSchema } from "~/features/registration/index";
import { getDb } from "~/services/db.server";
import { registerWorker, upsertWorker, upsertWorkers } from "~/features/registration/index.server";
import { createUser } from "~/services/users.server";

const coordinator = { kind: "user" as const, id: "", grants: [{ role: "COORDINATOR" as const, regionCode: "130600" }] };

beforeAll(async () => {
  const created = await createUser(
    { username: "hh-coord", displayName: "保定协调员", password: "long-enough-1", role: "COORDINATOR", regionCode: "130600" },
    null,
  );
  if (!created.ok) throw new Error("setup");
  coordinator.id = created.userId;
});
const input = (seq: number, extra: Record<string, unknown>) =>
  WorkerCoreSchema.parse({ fullName: "韩户主", idNumber: makeResidentId("130624", "1985-07-07", seq), phone: "13911110000", countyCode: "130624", ...extra });

describe("households", () => {
  it("staff create and update a household; the public form only links to it", async () => {
    const staff = await registerWorker(input(1, { householdNumber: "HH-001", isRegisteredPoor: true }), { source: "COORDINATOR", actor: coordinator });
    expect(staff.ok).toBe(true);
    const h = await getDb().household.findUniqueOrThrow({ where: { householdNumber: "HH-001" } });
    expect(h).toMatchObject({ isRegisteredPoor: true, countyCode: "130624", priorityFactorsCipher: null });

    const self = await registerWorker(
      input(2, { householdNumber: "HH-001", isRegisteredPoor: false, priorityConsent: true, priorityFactors: ["noIndustry"] }),
      { source: "SELF", actor: null, secret: "secret-1" },
    );
    expect(self.ok).toBe(true);
    const after = await getDb().household.findUniqueOrThrow({ where: { householdNumber: "HH-001" } });
    expect(after).toMatchObject({ isRegisteredPoor: true, countyCode: "130624", priorityFactorsCipher: null });
    if (self.ok) expect((await getDb().worker.findUniqueOrThrow({ where: { id: self.workerId } })).householdId).toBe(h.id);
  });

  it("a number belonging to another county's household is neither linked nor changed, on any path", async () => {
    await registerWorker(input(3, { householdNumber: "HH-002", isRegisteredPoor: true, countyCode: "130636" }), { source: "COORDINATOR", actor: coordinator });
    const one = await upsertWorker(input(4, { householdNumber: "HH-002", isRegisteredPoor: false }), { source: "IMPORT", actor: coordinator });
    const [many] = await upsertWorkers([input(5, { householdNumber: "HH-002", isRegisteredPoor: false })], { source: "IMPORT", actor: coordinator });
    for (const r of [one, many]) {
      expect(r.ok).toBe(true);
      if (r.ok) expect((await getDb().worker.findUniqueOrThrow({ where: { id: r.workerId } })).householdId).toBeNull();
    }
    expect(await getDb().household.findUniqueOrThrow({ where: { householdNumber: "HH-002" } })).toMatchObject({ countyCode: "130636", isRegisteredPoor: true });
  });
});
