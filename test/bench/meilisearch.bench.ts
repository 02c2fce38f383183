// What the Meilisearch adapter does on the worker side before a request leaves (issue 19): the
// hidden pre-tokenised copies and byte-sized JSON batches, against what it did before (original
// text, batches of 5,000 documents however large). No server runs here, so this measures the
// CPU and the bytes sent, not indexing on the server.
import { mulberry32 } from "~/domain/prng";
import { jsonBatches, meilisearchDocument, meilisearchQuery } from "~/services/search/meilisearch.server";
import { INDEX_SCHEMAS, type SearchDocument } from "~/services/search/types";

const OCCUPATIONS = ["护工", "保洁员", "育婴师", "电焊工", "厨师", "司机", "快递员", "瓦工", "月嫂", "养老护理员", "家政服务员", "叉车司机"];
const SKILLS = ["持证上岗", "三年经验", "能吃苦", "会开车", "夜班", "早教", "月子护理", "中餐", "面点", "氩弧焊", "高空作业", "普通话流利"];
const NAMES = Array.from("王李张刘陈杨赵黄周吴徐孙马朱胡郭伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华兰桂");

function documents(count: number): SearchDocument[] {
  const random = mulberry32(19);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, i) => {
    const occupations = [...new Set([pick(OCCUPATIONS), pick(OCCUPATIONS)])];
    return {
      id: `w${i}`,
      name: pick(NAMES) + pick(NAMES) + pick(NAMES),
      occupationNames: occupations,
      skillsText: `${occupations.join("、")}，${pick(SKILLS)}，${pick(SKILLS)}`,
      villageName: `${pick(NAMES)}家庄村`,
      provinceCode: "130000",
      prefectureCode: "130100",
      countyCode: `1301${25 + (i % 60)}`,
      townshipCode: `1301${25 + (i % 60)}101`,
      occupationCodes: occupations.map((o) => `occ-${OCCUPATIONS.indexOf(o)}`),
      skillLevels: ["junior"],
      isPoorHousehold: random() < 0.4,
      status: "active",
      availableFrom: 20_000 + (i % 365),
      minWage: 3000 + 100 * (i % 50),
      registeredAt: 1_700_000_000_000 + i,
      version: 1,
    };
  });
}

export interface MeilisearchPayloadResult {
  docs: number;
  variants: { name: string; wallMs: number; cpuMs: number; bytes: number; batches: number; largestBatchBytes: number }[];
  queriesPerSecond: number;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function measure(name: string, run: () => string[]) {
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  const bodies = run();
  const wallMs = performance.now() - wall0;
  const cpu = cpuMs() - cpu0;
  const sizes = bodies.map((body) => Buffer.byteLength(body));
  return { name, wallMs, cpuMs: cpu, bytes: sizes.reduce((a, b) => a + b, 0), batches: bodies.length, largestBatchBytes: Math.max(...sizes) };
}

export async function benchMeilisearchPayload({ docs }: { docs: number }): Promise<MeilisearchPayloadResult> {
  const all = documents(docs);
  const schema = INDEX_SCHEMAS.workers;
  const variants = [
    // Before: the documents as they are, 5,000 per request, each request serialised as one array.
    measure("original text, 5,000 documents per batch (before)", () => {
      const out: string[] = [];
      for (let i = 0; i < all.length; i += 5000) out.push(JSON.stringify(all.slice(i, i + 5000)));
      return out;
    }),
    // Now: hidden copies instead of the text, batches of at most 8 MB.
    measure("pre-tokenised copies, 8 MB batches (now)", () =>
      jsonBatches(
        all.map((doc) => meilisearchDocument(schema, doc)),
        8 * 1024 * 1024,
      ),
    ),
  ];
  const queries = ["护工", "王芳 保洁", "－保洁 C1", "养老护理员 夜班", "张家庄村"];
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < 300)
    for (const q of queries) {
      meilisearchQuery(q);
      n++;
    }
  return { docs, variants, queriesPerSecond: n / ((performance.now() - started) / 1000) };
}
