// Embedded search engine benchmark: builds N synthetic worker profiles in memory and times a few
// text + filter queries. Script-style (no test runner); `npm run bench` calls benchSearch.
import { mulberry32 } from "~/domain/prng";
import { EmbeddedSearchIndex } from "~/services/search/embedded.server";
import { INDEX_SCHEMAS, type SearchDocument, type SearchQuery } from "~/services/search/types";

export interface SearchBenchResult {
  docs: number;
  buildMs: number;
  heapMb: number;
  queries: { name: string; total: number; p50Ms: number; p95Ms: number }[];
}

const OCCUPATIONS = ["护工", "保洁员", "育婴师", "电焊工", "厨师", "司机", "快递员", "瓦工", "月嫂", "油漆工", "钢筋工", "装卸工", "收银员", "保安", "绿化工", "缝纫工", "养老护理员", "家政服务员", "叉车司机", "水电工"];
const SKILLS = ["持证上岗", "三年经验", "能吃苦", "会开车", "夜班", "早教", "月子护理", "中餐", "面点", "氩弧焊", "高空作业", "普通话流利"];
const SURNAMES = Array.from("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董");
const GIVEN = Array.from("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华兰桂平刚建国红霞玉梅");
const VILLAGES = ["王家庄", "李家营", "东河", "西关", "南屯", "北岗", "前进", "后坡", "张家峪", "马家寨"];


function* workers(count: number): Generator<SearchDocument> {
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
  { name: "two terms + poor + wage range", query: { q: "保洁 持证", filters: [{ field: "isPoorHousehold", op: "eq", value: true }, { field: "minWage", op: "range", lte: 5000 }] } },
  { name: "filters only + facets", query: { filters: [{ field: "prefectureCode", op: "eq", value: "130100" }, { field: "status", op: "eq", value: "active" }], facets: ["countyCode", "occupationCodes"] } },
  { name: "text + sort by wage", query: { q: "工", sort: [{ field: "minWage", direction: "desc" }], limit: 20 } },
];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export async function benchSearch({ docs, runs = 40 }: { docs: number; runs?: number }): Promise<SearchBenchResult> {
  const index = new EmbeddedSearchIndex();
  await index.ensureIndex("workers", INDEX_SCHEMAS.workers);
  const started = performance.now();
  let batch: SearchDocument[] = [];
  for (const doc of workers(docs)) {
    batch.push(doc);
    if (batch.length === 10_000) {
      await index.upsert("workers", batch);
      batch = [];
    }
  }
  await index.upsert("workers", batch);
  const buildMs = performance.now() - started;
  const heapMb = process.memoryUsage().heapUsed / 1e6;

  const queries = [];
  for (const { name, query } of QUERIES) {
    const times: number[] = [];
    let total = 0;
    for (let run = 0; run < runs; run++) {
      const t0 = performance.now();
      total = (await index.search("workers", query)).total;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    queries.push({ name, total, p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95) });
  }
  await index.close();
  return { docs, buildMs, heapMb, queries };
}
