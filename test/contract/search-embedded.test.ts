import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { EmbeddedSearchIndex, type EmbeddedSearchStore } from "~/services/search/embedded.server";
import { PostgresSearchStore } from "~/services/search/postgres-store.server";
import { INDEX_SCHEMAS, shadowIndexName, type SearchDocument, type SearchIndex } from "~/services/search/types";
import { runSearchContract } from "./search-contract";

// The lead's migration creates exactly this; until the shared database setup exists, this file
// makes a throwaway database of its own.
const SEARCH_DOCUMENT_DDL = `
  CREATE SEQUENCE "search_document_seq";
  CREATE TABLE "search_document" ("index_name" TEXT NOT NULL, "doc_id" TEXT NOT NULL, "doc" JSONB, "seq"
    BIGINT NOT NULL DEFAULT nextval('search_document_seq'), "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT
    CURRENT_TIMESTAMP, "tokens" TEXT[], CONSTRAINT "search_document_pkey" PRIMARY KEY ("index_name","doc_id"));
  CREATE INDEX "search_document_seq_idx" ON "search_document"("seq");
  CREATE INDEX "search_document_tokens_idx" ON "search_document" USING GIN ("tokens");
  CREATE TABLE "search_snapshot" ("index_name" TEXT NOT NULL, "part" INTEGER NOT NULL, "seq" BIGINT NOT NULL,
    "data" BYTEA NOT NULL, "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT
    "search_snapshot_pkey" PRIMARY KEY ("index_name","part"));
`;
const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

function throwawayDatabase() {
  const name = `lb_search_${randomBytes(6).toString("hex")}`;
  let pool: pg.Pool | undefined;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    pool = new pg.Pool({ connectionString: ADMIN_URL.replace(/\/postgres$/, `/${name}`), max: 8 });
    // As the platform's own pools do (app/services/search.server.ts): a client still closing when the
    // DROP ... WITH (FORCE) below terminates it reports to the pool, which must not throw (CI run 12 did).
    pool.on("error", () => {});
    await pool.query(SEARCH_DOCUMENT_DDL);
  });
  afterAll(async () => {
    await pool?.end();
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  return () => new PostgresSearchStore(pool!);
}

runSearchContract("embedded (in memory)", async () => new EmbeddedSearchIndex(), { substringQueries: true });

describe("embedded with PostgresSearchStore", () => {
  const store = throwawayDatabase();
  let contractRun = 0;

  runSearchContract(
    "embedded + PostgresSearchStore",
    // A fresh prefix per test keeps tests apart in the shared table.
    async () => new EmbeddedSearchIndex({ store: store(), indexPrefix: `c${++contractRun}_` }),
    { substringQueries: true },
  );

  runSearchContract(
    "embedded answering from PostgreSQL (the warming path: GIN over tokens, filters over JSONB)",
    async () => new EmbeddedSearchIndex({ store: store(), indexPrefix: `c${++contractRun}_`, searchFrom: "store" }),
    { substringQueries: true },
  );

  describe("two processes sharing one store", () => {
    const opened: SearchIndex[] = [];
    let run = 0;
    /** Each instance stands for one OS process (web or worker) with its own in-memory engine. */
    const process = (prefix: string) => {
      const index = new EmbeddedSearchIndex({ store: store(), indexPrefix: prefix, pollIntervalMs: 100 });
      opened.push(index);
      return index;
    };
    afterEach(async () => {
      for (const index of opened.splice(0)) await index.close();
    });

    const workers = "workers" as const;
    const schema = INDEX_SCHEMAS.workers;
    const docs: SearchDocument[] = [
      { id: "a1", name: "张桂兰", occupationNames: ["护工"], countyCode: "130125", minWage: 4500 },
      { id: "a2", name: "李秀英", occupationNames: ["保洁", "护工"], countyCode: "130126", minWage: 3800 },
      { id: "a3", name: "刘强", occupationNames: ["电焊"], countyCode: "130125", minWage: 7000 },
    ];
    const ids = async (index: SearchIndex, q: string, name: "workers" | "workers__shadow" = workers) =>
      (await index.search(name, { q, sort: [{ field: "minWage", direction: "asc" }] })).hits.map((hit) => hit.id);
    // Visibility depends on B's polling; wait generously rather than assert a latency.
    const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 10_000, interval: 50 });

    it("writes through A become visible to searches on B", async () => {
      const prefix = `p${++run}_`;
      const worker = process(prefix);
      const web = process(prefix);
      await worker.ensureIndex(workers, schema);
      await web.ensureIndex(workers, schema);

      await worker.upsert(workers, docs);
      await eventually(async () => expect(await ids(web, "护工")).toEqual(["a2", "a1"]));

      await worker.upsert(workers, [{ ...docs[0], occupationNames: ["厨师"] }]);
      await worker.remove(workers, ["a3"]);
      await eventually(async () => {
        expect(await ids(web, "护工")).toEqual(["a2"]);
        expect(await ids(web, "厨师")).toEqual(["a1"]);
        expect(await web.count(workers)).toBe(2);
      });

      // And the other way round: B's writes reach A; A does not re-apply its own.
      await web.upsert(workers, [docs[2]]);
      await eventually(async () => expect(await ids(worker, "电焊")).toEqual(["a3"]));
      expect(await worker.count(workers)).toBe(3);
    });

    it("a process started later loads the current contents", async () => {
      const prefix = `p${++run}_`;
      const worker = process(prefix);
      await worker.ensureIndex(workers, schema);
      await worker.upsert(workers, docs);
      await worker.remove(workers, ["a1"]);

      const web = process(prefix);
      await web.ensureIndex(workers, schema);
      expect(await ids(web, "护工")).toEqual(["a2"]);
      expect((await web.allIds(workers)).sort()).toEqual(["a2", "a3"]);
    });

    it("while a restarted process loads, text queries are answered by PostgreSQL, the rest wait, and it says warming", async () => {
      const prefix = `p${++run}_`;
      const worker = process(prefix);
      await worker.ensureIndex(workers, schema);
      await worker.upsert(workers, docs);

      // The restarted web process's load is held until released.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const base = store();
      const slowStore: EmbeddedSearchStore = Object.create(base);
      slowStore.loadAll = async (...args) => {
        await gate;
        return base.loadAll(...args);
      };
      const web = new EmbeddedSearchIndex({ store: slowStore, indexPrefix: prefix, pollIntervalMs: 100 });
      opened.push(web);
      await web.ensureIndex(workers, schema); // resolves before the load
      expect(web.status()).toBe("warming");
      // Nothing is in this process's memory yet, so these answers come from PostgreSQL.
      expect(await ids(web, "护工")).toEqual(["a2", "a1"]);
      expect(await web.search(workers, { q: "护工", facets: ["countyCode"], limit: 0 })).toEqual({
        hits: [],
        total: 2,
        facets: { countyCode: { "130125": 1, "130126": 1 } },
      });
      // A query without text is not selective: it waits for the engine, as counts do.
      let answered = false;
      const broad = web.search(workers, { filters: [{ field: "minWage", op: "range", gte: 4000 }] }).then((result) => {
        answered = true;
        return result;
      });
      const count = web.count(workers);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(answered).toBe(false);
      expect(web.status()).toBe("warming");

      release();
      expect((await broad).total).toBe(2);
      expect(await count).toBe(3);
      expect(web.status()).toBe("ready");
      expect(await ids(web, "电焊")).toEqual(["a3"]);
    });

    it("a shadow rebuild swapped in by A replaces what B serves", async () => {
      const prefix = `p${++run}_`;
      const worker = process(prefix);
      const web = process(prefix);
      const shadow = shadowIndexName(workers);
      await worker.ensureIndex(workers, schema);
      await web.ensureIndex(workers, schema);
      await worker.upsert(workers, docs);
      await eventually(async () => expect(await web.count(workers)).toBe(3));

      // B never loads the shadow; it must reload "workers" when the swap happens.
      await worker.ensureIndex(shadow, schema);
      await worker.upsert(shadow, [{ id: "b1", name: "孙红", occupationNames: ["护工"], minWage: 5000 }]);
      await worker.swap(workers, shadow);
      await eventually(async () => {
        expect(await ids(web, "护工")).toEqual(["b1"]);
        expect(await web.count(workers)).toBe(1);
      });
      expect(await ids(worker, "护工")).toEqual(["b1"]);
      expect(await ids(worker, "护工", shadow)).toEqual(["a2", "a1"]);

      // Later writes to the swapped-in index still flow.
      await worker.upsert(workers, [docs[2]]);
      await eventually(async () => expect(await ids(web, "电焊")).toEqual(["a3"]));

      await worker.dropIndex(workers);
      await eventually(async () => expect(await web.count(workers)).toBe(0));
    });
  });
});
