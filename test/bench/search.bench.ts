// Embedded search engine benchmark: builds N synthetic worker profiles in memory and times a few
// text + filter queries (wall and this process's CPU time per query), checks every count against a
// brute-force scan of the same profiles, and optionally times a restart: hydrating a fresh engine
// from PostgreSQL's search_document (a scratch database). Script-style; `npm run bench` calls benchSearch.
import os from "node:os";
import pg from "pg";
import roaring from "roaring";
import { mulberry32 } from "~/domain/prng";
import { EmbeddedSearchIndex } from "~/services/search/embedded.server";
import { PostgresSearchStore } from "~/services/search/postgres-store.server";
import { INDEX_SCHEMAS, type SearchDocument, type SearchQuery } from "~/services/search/types";
import { matchesQuery, queryTerms } from "../contract/brute-force";
import { databaseUrl } from "../setup/env";
import { withServer } from "../setup/db";

export interface SearchBenchQuery {
  name: string;
  total: number;
  bruteForceTotal: number;
  p50Ms: number;
  p95Ms: number;
  /** CPU time of this process per query (user + system). */
  cpuP50Ms: number;
  cpuP95Ms: number;
}

export interface SearchBenchResult {
  docs: number;
  buildMs: number;
  buildCpuMs: number;
  /** V8 heap after the build (after a GC when run with --expose-gc), and before it. */
  heapMb: number;
  heapBeforeMb: number;
  /** CRoaring's native allocations (outside the V8 heap). */
  nativeMb: number;
  rssMb: number;
  /** `uptime` load averages when the queries started. */
  loadAverage: number[];
  queries: SearchBenchQuery[];
  /** Restart to searchable: a new engine building from PostgreSQL's documents, then one restoring a snapshot (when measured). */
  hydration?: {
    ms: number;
    cpuMs: number;
    loadAverage: number[];
    warmingQueryMs: number;
    warmingTotal: number;
    snapshot: {
      /** Serialising the built index and storing it (the worker's cost). */
      write: { ms: number; cpuMs: number; bytes: number };
      /** Changes made after the snapshot, replayed by the restart. */
      changes: { updated: number; deleted: number };
      ms: number;
      cpuMs: number;
      loadAverage: number[];
      warmingQueryMs: number;
      /** Reading the snapshot's bytes from PostgreSQL alone. */
      readMs: number;
      readCpuMs: number;
    };
  };
}

const OCCUPATIONS = [
  "护工",
  "保洁员",
  "育婴师",
  "电焊工",
  "厨师",
  "司机",
  "快递员",
  "瓦工",
  "月嫂",
  "油漆工",
  "钢筋工",
  "装卸工",
  "收银员",
  "保安",
  "绿化工",
  "缝纫工",
  "养老护理员",
  "家政服务员",
  "叉车司机",
  "水电工",
];
const SKILLS = ["持证上岗", "三年经验", "能吃苦", "会开车", "夜班", "早教", "月子护理", "中餐", "面点", "氩弧焊", "高空作业", "普通话流利"];
const SURNAMES = Array.from("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董");
const GIVEN = Array.from("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华兰桂平刚建国红霞玉梅");
const VILLAGES = ["王家庄", "李家营", "东河", "西关", "南屯", "北岗", "前进", "后坡", "张家峪", "马家寨"];

export function* workers(count: number): Generator<SearchDocument> {
  const random = mulberry32(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  for (let i = 0; i < count; i++) {
    const county = 130100 + 25 + Math.floor(random() * 60);
    const occupations = [...new Set([pick(OCCUPATIONS), pick(OCCUPATIONS)])].slice(0, 1 + Math.floor(random() * 2));
    yield {
      id: `w${i}`,
      name: pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : ""),
      occupationNames: occupations,
      skillsText: `${occupations.join("、")}，${pick(SKILLS)}，${pick(SKILLS)}`,
      villageName: `${pick(VILLAGES)}村`,
      provinceCode: "130000",
      prefectureCode: `${String(county).slice(0, 4)}00`,
      countyCode: String(county),
      townshipCode: `${county}${100 + Math.floor(random() * 20)}`,
      occupationCodes: occupations.map((name) => `occ-${OCCUPATIONS.indexOf(name)}`),
      skillLevels: [pick(["junior", "intermediate", "senior"])],
      isPoorHousehold: random() < 0.4,
      status: pick(["active", "active", "active", "placed", "inactive"]),
      availableFrom: 20_000 + Math.floor(random() * 365),
      minWage: 3000 + 100 * Math.floor(random() * 50),
      registeredAt: 1_700_000_000_000 + i * 60_000,
    };
  }
}

const QUERIES: { name: string; query: SearchQuery }[] = [
  { name: "text 护工", query: { q: "护工" } },
  { name: "text 3 chars + county", query: { q: "育婴师", filters: [{ field: "countyCode", op: "eq", value: "130130" }] } },
  {
    name: "two terms + poor + wage range",
    query: {
      q: "保洁 持证",
      filters: [
        { field: "isPoorHousehold", op: "eq", value: true },
        { field: "minWage", op: "range", lte: 5000 },
      ],
    },
  },
  {
    name: "filters only + facets",
    query: {
      filters: [
        { field: "prefectureCode", op: "eq", value: "130100" },
        { field: "status", op: "eq", value: "active" },
      ],
      facets: ["countyCode", "occupationCodes"],
    },
  },
  { name: "text + sort by wage", query: { q: "工", sort: [{ field: "minWage", direction: "desc" }], limit: 20 } },
];

/** Substring truth over the searchable text plus the filters, independent of the engine. */
function bruteForceCounts(docs: number): number[] {
  const counts = QUERIES.map(() => 0);
  const compiled = QUERIES.map(({ query }) => ({ terms: queryTerms(query.q), filters: query.filters ?? [] }));
  for (const doc of workers(docs)) {
    compiled.forEach(({ terms, filters }, i) => {
      if (matchesQuery(doc, terms, filters)) counts[i]++;
    });
  }
  return counts;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function insertDocs(index: EmbeddedSearchIndex, docs: number) {
  let batch: SearchDocument[] = [];
  for (const doc of workers(docs)) {
    batch.push(doc);
    if (batch.length === 10_000) {
      await index.upsert("workers", batch);
      batch = [];
    }
  }
  await index.upsert("workers", batch);
}

const SEARCH_DDL = `
  CREATE SEQUENCE IF NOT EXISTS "search_document_seq";
  CREATE TABLE IF NOT EXISTS "search_document" ("index_name" TEXT NOT NULL, "doc_id" TEXT NOT NULL, "doc"
    JSONB, "seq" BIGINT NOT NULL DEFAULT nextval('search_document_seq'), "updated_at" TIMESTAMPTZ(3) NOT NULL
    DEFAULT CURRENT_TIMESTAMP, "tokens" TEXT[], CONSTRAINT "search_document_pkey" PRIMARY KEY ("index_name","doc_id"));
  CREATE INDEX IF NOT EXISTS "search_document_seq_idx" ON "search_document"("seq");
  CREATE INDEX IF NOT EXISTS "search_document_tokens_idx" ON "search_document" USING GIN ("tokens");
  CREATE TABLE IF NOT EXISTS "search_snapshot" ("index_name" TEXT NOT NULL, "part" INTEGER NOT NULL, "seq"
    BIGINT NOT NULL, "data" BYTEA NOT NULL, "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "search_snapshot_pkey" PRIMARY KEY ("index_name","part"));
  ALTER TABLE "search_snapshot" ALTER COLUMN "data" SET STORAGE EXTERNAL;`;

const WARMING_QUERY: SearchQuery = { q: "育婴师", filters: [{ field: "countyCode", op: "eq", value: "130130" }] };

/** A new engine (a restarted process): time until searchable, its CPU, and a text query answered meanwhile. */
async function restart(store: PostgresSearchStore) {
  const loadAverage = os.loadavg();
  const started = performance.now();
  const startedCpu = cpuMs();
  const reader = new EmbeddedSearchIndex({ store });
  await reader.ensureIndex("workers", INDEX_SCHEMAS.workers); // starts the load, resolves at once
  // While warming, a text query is answered by PostgreSQL (GIN over tokens).
  const t0 = performance.now();
  const warming = await reader.search("workers", WARMING_QUERY);
  const warmingQueryMs = performance.now() - t0;
  const count = await reader.count("workers"); // waits for the load
  const ms = performance.now() - started;
  const cpu = cpuMs() - startedCpu;
  const warm = await reader.search("workers", WARMING_QUERY);
  if (warm.total !== warming.total) throw new Error(`warming answer ${warming.total}, engine ${warm.total}`);
  return { reader, count, ms, cpuMs: cpu, loadAverage, warmingQueryMs, warmingTotal: warming.total };
}

/**
 * Restart to searchable: fills a scratch database's search_document with the profiles (not
 * timed; with `db`, a database kept from an earlier run is reused when it holds them), then times
 * (1) a new engine building from the documents (no snapshot), (2) that engine writing a snapshot,
 * (3) after `changes` updates and deletions, a new engine restoring the snapshot and replaying them.
 */
async function benchHydration(docs: number, db?: string): Promise<SearchBenchResult["hydration"]> {
  const scratch = db ?? `lb_bench_search_${process.pid}`;
  const exists = await withServer((c) => c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [scratch])).then((r) => (r.rowCount ?? 0) > 0);
  if (!db || !exists) await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`).then(() => c.query(`CREATE DATABASE "${scratch}"`)));
  const pool = new pg.Pool({ connectionString: databaseUrl(scratch), max: 3 });
  pool.on("error", () => {}); // an idle client terminated by the scratch database's drop
  try {
    await pool.query(SEARCH_DDL);
    const store = new PostgresSearchStore(pool);
    const held = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "search_document" WHERE "index_name" = 'workers' AND "doc" IS NOT NULL`);
    const seeded = Number(held.rows[0].n) === docs;
    if (!seeded) {
      await pool.query(`TRUNCATE "search_document", "search_snapshot"`);
      const writer = new EmbeddedSearchIndex({ store });
      await writer.ensureIndex("workers", INDEX_SCHEMAS.workers);
      await insertDocs(writer, docs);
      await writer.close();
      await pool.query(`VACUUM ANALYZE "search_document"`);
    }

    // (1) No snapshot: built from every document (the path before snapshots).
    await pool.query(`DELETE FROM "search_snapshot"`);
    const built = await restart(store);
    if (built.count !== docs) throw new Error(`hydrated ${built.count} of ${docs} documents`);

    // (2) The loaded engine writes its snapshot (what a worker does once changes settle).
    let t0 = performance.now();
    let c0 = cpuMs();
    const stored = await built.reader.writeSnapshot("workers");
    if (!stored) throw new Error("no snapshot was stored");
    const write = { ms: performance.now() - t0, cpuMs: cpuMs() - c0, bytes: stored.bytes };

    // (3) Changes after the snapshot (1 % updated, 0.1 % deleted), then a restart from it.
    const updated = Math.max(1, Math.floor(docs / 100));
    const deleted = Math.max(1, Math.floor(docs / 1000));
    const originals = [...workers(updated + deleted)];
    await built.reader.remove(
      "workers",
      originals.slice(0, deleted).map((d) => d.id),
    );
    for (let i = deleted; i < originals.length; i += 10_000) {
      await built.reader.upsert(
        "workers",
        originals.slice(i, i + 10_000).map((d) => ({ ...d, name: "快照后改名", minWage: 99_999 })),
      );
    }
    const reference = await built.reader.search("workers", WARMING_QUERY);
    await built.reader.close();
    const restored = await restart(store);
    const renamed = await restored.reader.search("workers", { q: "快照后改名", limit: 0 });
    const again = await restored.reader.search("workers", WARMING_QUERY);
    await restored.reader.close();
    if (restored.count !== docs - deleted) throw new Error(`restored ${restored.count}, expected ${docs - deleted}`);
    if (renamed.total !== updated) throw new Error(`restored engine finds ${renamed.total} of ${updated} updates`);
    if (again.total !== reference.total) throw new Error(`restored engine ${again.total}, live engine ${reference.total}`);
    // The read of the snapshot alone (PostgreSQL → bytes), for the breakdown.
    t0 = performance.now();
    c0 = cpuMs();
    await store.loadSnapshot("workers");
    const readMs = performance.now() - t0;
    const readCpuMs = cpuMs() - c0;

    // Put the kept database back as it was seeded (the snapshot stays; the next run deletes it).
    const writer = new EmbeddedSearchIndex({ store });
    await writer.ensureIndex("workers", INDEX_SCHEMAS.workers);
    await writer.count("workers");
    await writer.upsert("workers", originals);
    await writer.close();

    const { reader: _b, count: _c, ...fromDocuments } = built;
    return {
      ...fromDocuments,
      snapshot: {
        write,
        changes: { updated, deleted },
        ms: restored.ms,
        cpuMs: restored.cpuMs,
        loadAverage: restored.loadAverage,
        warmingQueryMs: restored.warmingQueryMs,
        readMs,
        readCpuMs,
      },
    };
  } finally {
    await pool.end();
    if (!db) await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
  }
}

export async function benchSearch({
  docs,
  runs = 40,
  hydrate = false,
  db,
}: {
  docs: number;
  runs?: number;
  hydrate?: boolean;
  db?: string;
}): Promise<SearchBenchResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBeforeMb = process.memoryUsage().heapUsed / 1e6;
  const index = new EmbeddedSearchIndex();
  await index.ensureIndex("workers", INDEX_SCHEMAS.workers);
  const started = performance.now();
  const startedCpu = cpuMs();
  await insertDocs(index, docs);
  // The first search applies the last buffered additions: part of the build.
  await index.search("workers", { limit: 0 });
  const buildMs = performance.now() - started;
  const buildCpuMs = cpuMs() - startedCpu;
  gc?.();
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  const rssMb = process.memoryUsage().rss / 1e6;
  const nativeMb = roaring.getRoaringUsedMemory() / 1e6;

  const loadAverage = os.loadavg();
  const queries: SearchBenchQuery[] = [];
  for (const { name, query } of QUERIES) {
    const wall: number[] = [];
    const cpu: number[] = [];
    let total = 0;
    for (let run = 0; run < runs; run++) {
      const t0 = performance.now();
      const c0 = cpuMs();
      total = (await index.search("workers", query)).total;
      cpu.push(cpuMs() - c0);
      wall.push(performance.now() - t0);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    queries.push({
      name,
      total,
      bruteForceTotal: -1,
      p50Ms: percentile(wall, 0.5),
      p95Ms: percentile(wall, 0.95),
      cpuP50Ms: percentile(cpu, 0.5),
      cpuP95Ms: percentile(cpu, 0.95),
    });
  }
  await index.close();
  const expected = bruteForceCounts(docs);
  queries.forEach((q, i) => {
    q.bruteForceTotal = expected[i];
    if (q.total !== expected[i]) throw new Error(`${q.name}: engine ${q.total}, brute force ${expected[i]}`);
  });
  const hydration = hydrate ? await benchHydration(docs, db) : undefined;
  return { docs, buildMs, buildCpuMs, heapMb, heapBeforeMb, nativeMb, rssMb, loadAverage, queries, hydration };
}
