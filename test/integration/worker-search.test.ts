import { describe, expect, it } from "vitest";
import { getDb } from "~/services/db.server";
import { indexEntity } from "~/services/indexing.server";
import { searchWorkers } from "~/features/search/index.server";
import { makeWorker } from "../setup/factories";

const coordinator = (region: string) => ({
  kind: "user" as const,
  id: "00000000-0000-0000-0000-0000000000c2",
  grants: [{ role: "COORDINATOR" as const, regionCode: region }],
});

describe("coordinator worker search", () => {
  it("finds by Chinese name and skill inside the coordinator's region only", async () => {
    const a = await makeWorker("130624", { fullName: "张焊工" });
    const b = await makeWorker("130624", { fullName: "李秀英" });
    const c = await makeWorker("130881", { fullName: "张大山" });
    await getDb().workerSkill.create({ data: { workerId: b.id, occupationCode: "elderly-carer", level: 4 } });
    await getDb().worker.update({ where: { id: b.id }, data: { isRegisteredPoor: true } });
    for (const w of [a, b, c]) await indexEntity({ entityType: "worker", entityId: w.id, entityVersion: 1 });

    const fuping = coordinator("130624");
    const byName = await searchWorkers(fuping, { q: "张" });
    expect(byName.rows.map((r) => r.id)).toEqual([a.id]);
    expect(byName.total).toBe(1);

    const bySkill = await searchWorkers(fuping, { q: "养老护理" });
    expect(bySkill.rows.map((r) => r.id)).toEqual([b.id]);

    const all = await searchWorkers(fuping, {});
    expect(all.rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(all.facets.isPoorHousehold?.["true"]).toBe(1);
    expect((await searchWorkers(fuping, { poor: true })).rows.map((r) => r.id)).toEqual([b.id]);

    // Asking for another county's records is ignored, not obeyed.
    const sneaky = await searchWorkers(fuping, { countyCode: "130881" });
    expect(sneaky.rows.map((r) => r.id)).not.toContain(c.id);

    const baoding = await searchWorkers(coordinator("130600"), { q: "张" });
    expect(baoding.rows.map((r) => r.id)).toEqual([a.id]);
    const chengde = await searchWorkers(coordinator("130800"), { q: "张" });
    expect(chengde.rows.map((r) => r.id)).toEqual([c.id]);
  });

  it("drops a worker from results once deleted and re-indexed", async () => {
    const w = await makeWorker("130624", { fullName: "赵临时" });
    await indexEntity({ entityType: "worker", entityId: w.id, entityVersion: 1 });
    expect((await searchWorkers(coordinator("130624"), { q: "赵临时" })).total).toBe(1);
    await getDb().worker.delete({ where: { id: w.id } });
    await indexEntity({ entityType: "worker", entityId: w.id, entityVersion: 2 });
    expect((await searchWorkers(coordinator("130624"), { q: "赵临时" })).total).toBe(0);
  });
});
