// Persisted snapshots of the embedded engine (issue 13: restart to searchable): a process that
// restores a snapshot and replays the change feed after it answers exactly as one that built
// the index from every document, whatever happened after the snapshot was taken.
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { getConfig } from "~/services/env.server";
import { EmbeddedSearchIndex, type EmbeddedSearchStore } from "~/services/search/embedded.server";
import { PostgresSearchStore } from "~/services/search/postgres-store.server";
import { INDEX_SCHEMAS, shadowIndexName, type SearchDocument, type SearchQuery } from "~/services/search/types";

const pool = new pg.Pool({ connectionString: getConfig().database.url, max: 4 });
// As the platform's own pools do (app/services/search.server.ts): an idle client terminated when the
// test database is dropped reports to the pool, which must not throw (clean-clone CI run 14 did).
pool.on("error", () => {});
afterAll(() => pool.end());

const workers = "workers" as const;
const schema = INDEX_SCHEMAS.workers;
const JOBS = ["护工", "保洁员", "育婴师", "电焊工", "厨师", "司机"];
const doc = (i: number, job = JOBS[i % JOBS.length]): SearchDocument => ({
  id: `w${i}`,
  name: `张${"伟芳娜敏静丽"[i % 6]}${i}`,
  occupationNames: [job],
  skillsText: `${job}，${i % 3 === 0 ? "持证上岗" : "能吃苦"}`,
  countyCode: String(130125 + (i % 4)),
  isPoorHousehold: i % 2 === 0,
  minWage: 3000 + 100 * (i % 30),
  registeredAt: 1_700_000_000_000 + i,
  version: 1,
});
const QUERIES: SearchQuery[] = [
  { q: "护工" },
  { q: "育婴", filters: [{ field: "countyCode", op: "eq", value: "130126" }] },
  { q: "持证", filters: [{ field: "isPoorHousehold", op: "eq", value: true }], facets: ["countyCode"] },
  { filters: [{ field: "minWage", op: "range", gte: 4000 }], facets: ["countyCode", "occupationCodes"] },
  { q: "张", sort: [{ field: "registeredAt", direction: "desc" }] },
  {},
];

let run = 0;
const opened: EmbeddedSearchIndex[] = [];
afterEach(async () => {
  for (const index of opened.splice(0)) await index.close();
});
/** One OS process (worker or web) with its own engine. */
function processOf(prefix: string, options: { store?: EmbeddedSearchStore; writeSnapshots?: boolean } = {}) {
  const index = new EmbeddedSearchIndex({
    store: options.store ?? new PostgresSearchStore(pool),
    indexPrefix: prefix,
    pollIntervalMs: 50,
    writeSnapshots: options.writeSnapshots,
  });
  opened.push(index);
  return index;
}

/** A store that counts loads, so a test can tell a restore from a build. */
function countingStore() {
  const base = new PostgresSearchStore(pool);
  const counts = { loadAll: 0, restored: 0 };
  const store: EmbeddedSearchStore = Object.create(base);
  store.loadAll = (...args) => {
    counts.loadAll++;
    return base.loadAll(...args);
  };
  store.loadSnapshot = async (index) => {
    const snapshot = await base.loadSnapshot(index);
    if (snapshot) counts.restored++;
    return snapshot;
  };
  return { store, counts };
}

/** Totals, facets, the set of hits and (for sorted queries) the sort keys in order. */
async function answers(index: EmbeddedSearchIndex) {
  const out = [];
  for (const query of QUERIES) {
    // Every hit (the order of ties is slot order, which differs between a restored and a built index).
    const result = await index.search(workers, { ...query, limit: 1000 });
    const ids = result.hits.map((h) => h.id);
    // Sorted by a unique key: the order must agree too.
    out.push({ total: result.total, facets: result.facets, ids: query.sort ? ids : [...ids].sort() });
  }
  return {
    queries: out,
    count: await index.count(workers),
    ids: (await index.allIds(workers)).sort(),
    versions: Object.fromEntries([...(await index.versions(workers))].sort()),
  };
}

async function seed(prefix: string, count: number) {
  const writer = processOf(prefix);
  await writer.ensureIndex(workers, schema);
  await writer.upsert(
    workers,
    Array.from({ length: count }, (_, i) => doc(i)),
  );
  return writer;
}

describe("embedded search snapshots", () => {
  it("a snapshot plus the updates, deletions and re-additions after it answers like a fresh build", async () => {
    const prefix = `s${++run}_`;
    const writer = await seed(prefix, 300);
    await writer.remove(workers, ["w1", "w2"]); // deleted before the snapshot
    const stored = await writer.writeSnapshot(workers);
    expect(stored).toBeDefined();

    // After the snapshot: updates (text, filters, numbers), deletions, a deleted id re-added,
    // an id added then deleted, and a new document.
    await writer.upsert(workers, [doc(3, "厨师"), { ...doc(4), countyCode: "130126", minWage: 9900, version: 2 }, doc(1, "电焊工")]);
    await writer.remove(workers, ["w5", "w6", "w7", "w0"]);
    await writer.upsert(workers, [doc(500, "护工"), doc(501)]);
    await writer.remove(workers, ["w501"]);

    const { store, counts } = countingStore();
    const restarted = processOf(prefix, { store });
    await restarted.ensureIndex(workers, schema);
    const fromSnapshot = await answers(restarted);
    expect(counts).toEqual({ loadAll: 0, restored: 1 });

    // The reference: a build from every document, the snapshot ignored.
    const built = processOf(prefix, { store: Object.assign(Object.create(new PostgresSearchStore(pool)), { loadSnapshot: undefined }) });
    await built.ensureIndex(workers, schema);
    expect(fromSnapshot).toEqual(await answers(built));
    expect(fromSnapshot.count).toBe(300 - 2 - 4 + 1 + 1);
    expect(fromSnapshot.ids).not.toContain("w0");
    expect(fromSnapshot.ids).toContain("w1");
    expect(fromSnapshot.ids).not.toContain("w501");
    expect((await restarted.search(workers, { q: "厨师", filters: [{ field: "countyCode", op: "eq", value: "130128" }] })).hits.map((h) => h.id)).toContain(
      "w3",
    );
    expect((await restarted.search(workers, { filters: [{ field: "minWage", op: "range", gte: 9900 }] })).hits.map((h) => h.id)).toEqual(["w4"]);
    expect((await restarted.search(workers, { q: "张敏5" })).hits.map((h) => h.id)).not.toContain("w5");

    // And it keeps following the feed.
    await writer.upsert(workers, [doc(600, "月嫂")]);
    await writer.remove(workers, ["w8"]);
    await expect.poll(async () => (await restarted.search(workers, { q: "月嫂" })).hits.map((h) => h.id), { timeout: 10_000 }).toEqual(["w600"]);
    await expect.poll(async () => (await restarted.allIds(workers)).includes("w8"), { timeout: 10_000 }).toBe(false);
  });

  it("while a restored process replays the feed it is warming and text goes to PostgreSQL", async () => {
    const prefix = `s${++run}_`;
    const writer = await seed(prefix, 50);
    await writer.writeSnapshot(workers);
    await writer.upsert(workers, [doc(0, "月嫂")]);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const base = new PostgresSearchStore(pool);
    const slow: EmbeddedSearchStore = Object.create(base);
    slow.changesSince = async (...args) => {
      if (args[2] !== undefined) await gate; // the replay after the snapshot
      return base.changesSince(...args);
    };
    const web = processOf(prefix, { store: slow });
    await web.ensureIndex(workers, schema);
    expect(web.status()).toBe("warming");
    expect((await web.search(workers, { q: "月嫂" })).hits.map((h) => h.id)).toEqual(["w0"]);
    release();
    expect(await web.count(workers)).toBe(50);
    expect(web.status()).toBe("ready");
    expect((await web.search(workers, { q: "月嫂" })).hits.map((h) => h.id)).toEqual(["w0"]);
  });

  it("a swap or drop after a snapshot, or a purge of a newer tombstone, makes a restart build instead", async () => {
    const prefix = `s${++run}_`;
    const writer = await seed(prefix, 40);
    const shadow = shadowIndexName(workers);
    await writer.writeSnapshot(workers);

    // Swap: the snapshot described the documents that are now the shadow's.
    await writer.ensureIndex(shadow, schema);
    await writer.upsert(shadow, [doc(900, "月嫂")]);
    await writer.swap(workers, shadow);
    let probe = countingStore();
    let restarted = processOf(prefix, { store: probe.store });
    await restarted.ensureIndex(workers, schema);
    expect(await restarted.allIds(workers)).toEqual(["w900"]);
    expect(probe.counts).toEqual({ loadAll: 1, restored: 0 });

    // A snapshot written after the swap is used again.
    await writer.writeSnapshot(workers);
    probe = countingStore();
    restarted = processOf(prefix, { store: probe.store });
    await restarted.ensureIndex(workers, schema);
    expect(await restarted.allIds(workers)).toEqual(["w900"]);
    expect(probe.counts).toEqual({ loadAll: 0, restored: 1 });

    // A deletion after the snapshot whose tombstone is purged: replaying could not see it.
    await writer.remove(workers, ["w900"]);
    const store = new PostgresSearchStore(pool);
    expect(await store.loadSnapshot(`${prefix}workers`)).toBeDefined();
    await pool.query(`UPDATE "search_document" SET "updated_at" = now() - interval '2 days' WHERE "index_name" = $1 AND "doc" IS NULL`, [`${prefix}workers`]);
    expect(await store.purgeTombstones(24 * 3600_000)).toBeGreaterThanOrEqual(1);
    expect(await store.loadSnapshot(`${prefix}workers`)).toBeUndefined();
    restarted = processOf(prefix);
    await restarted.ensureIndex(workers, schema);
    expect(await restarted.count(workers)).toBe(0);

    // Drop: no snapshot survives it.
    await writer.upsert(workers, [doc(901)]);
    await writer.writeSnapshot(workers);
    await writer.dropIndex(workers);
    expect(await store.loadSnapshot(`${prefix}workers`)).toBeUndefined();
  });

  it("an older snapshot never replaces a newer one, and one of another schema is ignored", async () => {
    const prefix = `s${++run}_`;
    const writer = await seed(prefix, 20);
    const store = new PostgresSearchStore(pool);
    const first = await writer.writeSnapshot(workers);
    expect(first).toBeDefined();
    expect(await store.saveSnapshot(`${prefix}workers`, first!.seq - 1, Buffer.from("older"))).toBe(false);
    expect(await store.saveSnapshot(`${prefix}workers`, first!.seq, Buffer.from("same"))).toBe(false);
    expect((await store.loadSnapshot(`${prefix}workers`))!.seq).toBe(first!.seq);

    // The same stored bytes under another schema: built from the documents instead.
    const other = { ...schema, fields: { ...schema.fields, extra: "string" as const } };
    const { store: probeStore, counts } = countingStore();
    const restarted = processOf(prefix, { store: probeStore });
    await restarted.ensureIndex(workers, other);
    expect(await restarted.count(workers)).toBe(20);
    expect(counts.loadAll).toBe(1);
  });

  it("a worker writes a snapshot once changes settle, and a restart restores it", async () => {
    const prefix = `s${++run}_`;
    const worker = new EmbeddedSearchIndex({
      store: new PostgresSearchStore(pool),
      indexPrefix: prefix,
      pollIntervalMs: 50,
      writeSnapshots: { settleMs: 100, maxAgeMs: 60_000, minIntervalMs: 0 },
    });
    opened.push(worker);
    await worker.ensureIndex(workers, schema);
    await worker.upsert(
      workers,
      Array.from({ length: 30 }, (_, i) => doc(i)),
    );
    const store = new PostgresSearchStore(pool);
    await expect.poll(async () => (await store.loadSnapshot(`${prefix}workers`))?.seq, { timeout: 10_000 }).toBeGreaterThan(0);
    const { store: probeStore, counts } = countingStore();
    const restarted = processOf(prefix, { store: probeStore });
    await restarted.ensureIndex(workers, schema);
    expect(await restarted.count(workers)).toBe(30);
    expect(counts).toEqual({ loadAll: 0, restored: 1 });
  });
});
