// search:check (issue 19 item 7): it waits for the index's pending writes before reading, and an
// id that differs is read a second time; only what still differs is reported. The index here is
// the embedded engine (in memory) behind a wrapper that plays a write still in flight on the
// search server at the first reading.
import { describe, expect, it } from "vitest";
import { getDb } from "~/services/db.server";
import { checkEntityType, indexEntity } from "~/services/indexing.server";
import { EmbeddedSearchIndex } from "~/services/search/embedded.server";
import type { SearchIndex, SearchIndexName } from "~/services/search/types";
import { makeWorker } from "../setup/factories";

/** The real index, except that the first `versions` reading shows `id` at an old version; counts settle calls. */
function inFlight(real: SearchIndex, id: () => string) {
  let readings = 0;
  const settled: SearchIndexName[][] = [];
  const index: SearchIndex = Object.assign(Object.create(real) as SearchIndex, {
    settle: async (names: readonly SearchIndexName[]) => void settled.push([...names]),
    versions: async (name: SearchIndexName) => {
      const versions = await real.versions(name);
      if (readings++ === 0) versions.set(id(), 0);
      return versions;
    },
  });
  return { index, settled, readings: () => readings };
}

describe("search:check", () => {
  it("a write in flight at the first reading is not reported: the id is read again after the queue settles", async () => {
    const real = new EmbeddedSearchIndex();
    const a = await makeWorker("130624", { fullName: "王建国" });
    const b = await makeWorker("130624", { fullName: "李桂兰" });
    for (const w of [a, b]) await indexEntity({ entityType: "worker", entityId: w.id, entityVersion: 1 }, getDb(), real);
    const probe = inFlight(real, () => a.id);

    const report = await checkEntityType("worker", getDb(), probe.index);
    expect(report).toMatchObject({ drift: false, missing: 0, stale: 0, extra: 0, samples: [] });
    expect(probe.readings()).toBe(2);
    expect(probe.settled).toEqual([["workers"], ["workers"]]);
    await real.close();
  });

  it("what differs at both readings is reported; an index in step is read once", async () => {
    const real = new EmbeddedSearchIndex();
    const c = await makeWorker("130624", { fullName: "赵小红" });
    const workers = await getDb().worker.findMany({ select: { id: true } });
    for (const w of workers) await indexEntity({ entityType: "worker", entityId: w.id, entityVersion: 1 }, getDb(), real);

    const inStep = inFlight(real, () => "nobody");
    // "nobody" appears only at the first reading (an extra id then), so it is read again and dropped.
    expect((await checkEntityType("worker", getDb(), inStep.index)).drift).toBe(false);

    await getDb().worker.update({ where: { id: c.id }, data: { fullName: "赵小红二", version: { increment: 1 } } });
    const stale = inFlight(real, () => "nobody");
    const report = await checkEntityType("worker", getDb(), stale.index);
    expect(report).toMatchObject({ drift: true, stale: 1, missing: 0, extra: 0 });
    expect(report.samples).toEqual([`stale ${c.id} (index v1, database v2)`]);
    expect(stale.readings()).toBe(2);

    await indexEntity({ entityType: "worker", entityId: c.id, entityVersion: 2 }, getDb(), real);
    const plain: SearchIndex = Object.assign(Object.create(real) as SearchIndex, { settle: async () => {} });
    let reads = 0;
    const counting: SearchIndex = Object.assign(Object.create(plain) as SearchIndex, {
      versions: async (name: SearchIndexName) => (reads++, real.versions(name)),
    });
    expect((await checkEntityType("worker", getDb(), counting)).drift).toBe(false);
    expect(reads).toBe(1);
    await real.close();
  });
});
