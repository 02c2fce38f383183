// Nightly re-match end to end through the matching service, the path production runs: a scratch
// database cloned from the test template gets synthetic workers (set-based SQL, not timed) and open
// postings; then, in this process as in a worker process:
//  - first night: the workers' columns loaded cold from PostgreSQL (one scan), every open posting
//    ranked (target shards of 100, matchShard) and written, the parent (finishNightly);
//  - unchanged night: the same again over unchanged data (warm columns; must write 0 rows);
//  - one posting's re-match (matchTarget: load the posting, refresh the warm columns, rank, diff,
//    write), after a change to the posting, repeated for several postings;
//  - the reference: a raw Float32Array dot product over the same number of workers (10 features),
//    the speed limit of one core for "look at every worker once".
// CPU is this process's CPU time (PostgreSQL's own work is in the wall time only). Script-style;
// `npm run bench -- --only nightly [--nightly-workers 1000000]` calls benchNightly.
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import { disconnectDb, getDb } from "~/services/db.server";
import { setConfig } from "~/services/env.server";
import { forgetWorkerPool, workerPool } from "~/features/matching/index.server";
import { chinaToday } from "~/platform/china-time";
import { finishNightly, loadOpenTargets, matchShard, matchTarget, shardTargets, type ShardTotals } from "~/features/matching/index.server";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { testConfig } from "../setup/env";
import { ensureTemplate } from "../setup/global-setup";

type Timed = { wallS: number; cpuS: number };
export type NightlyBench = {
  workers: number;
  postings: number;
  seedSeconds: number;
  loadAverage: number[];
  dot: { pairsPerSecondCpu: number; pairsPerSecondWall: number };
  firstNight: Timed & { columnsLoadS: number; pairsScored: number; matches: number; nearMisses: number; rowsWritten: number; shards: number };
  unchangedNight: Timed & { rowsWritten: number; pairsScored: number };
  nights: boolean;
  onePosting: { runs: number; wallP50Ms: number; wallP95Ms: number; cpuP50Ms: number; cpuP95Ms: number; rowsWrittenAvg: number };
  ratioToDotCpu: number;
  heapMb: number;
  rssMb: number;
};

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T } & Timed> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, wallS: (performance.now() - t0) / 1000, cpuS: (c.user + c.system) / 1e6 };
}

/**
 * With NIGHTLY_PROFILE=<dir>: a V8 CPU profile of fn written to <dir>/<name>.cpuprofile (open in Chrome
 * DevTools, or summarise self time per function with test/bench/profile-summary.ts).
 */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.NIGHTLY_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 1000 });
  await session.post("Profiler.start");
  try {
    return await fn();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}

/** The raw reference: one Float32 dot product of 10 features per worker. */
function dotScan(n: number): { pairsPerSecondCpu: number; pairsPerSecondWall: number } {
  const F = 10;
  const features = new Float32Array(n * F);
  for (let i = 0; i < features.length; i++) features[i] = ((i * 2654435761) % 1000) / 1000;
  const weights = Float32Array.from({ length: F }, (_, i) => (i + 1) / F);
  const scores = new Float32Array(n);
  const run = () => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      const o = i * F;
      for (let f = 0; f < F; f++) s += features[o + f] * weights[f];
      scores[i] = s;
    }
  };
  run();
  run();
  const reps = 10;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) run();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  return { pairsPerSecondCpu: (n * reps) / cpu, pairsPerSecondWall: (n * reps) / wall };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Synthetic people, set-based: deterministic (hashint4), varied skills, wishes, wages, places and status. */
async function seed(workers: number, postings: number) {
  const db = getDb();
  const counties = (
    await db.region.findMany({ where: { level: "COUNTY", code: { startsWith: "13" } }, select: { code: true }, orderBy: { code: "asc" }, take: 62 })
  ).map((r) => r.code);
  const occupations = (await db.occupation.findMany({ select: { code: true }, orderBy: { code: "asc" }, take: 40 })).map((o) => o.code);
  const h = (expr: string, mod: number) => `(abs(hashint4(${expr})) % ${mod})`;
  for (let a = 1; a <= workers; a += 100_000) {
    const b = Math.min(workers, a + 99_999);
    await db.$executeRawUnsafe(
      `INSERT INTO "Worker" ("id", "fullName", "idNumberCipher", "idNumberHash", "idNumberMasked", "sex",
        "birthDate", "countyCode", "townshipCode", "isRegisteredPoor", "hasPriorityFactors", "atRiskOfPoverty",
        "villageName", "status", "updatedAt")
       SELECT 'bw' || lpad(i::text, 8, '0'), '工人' || i, 'x', 'bench-' || i, '1306**********0000', 'FEMALE',
         date '1962-01-01' + ${h("i", 16000)},
              c.codes[1 + ${h("i + 1", counties.length)}], NULL, ${h("i + 2", 5)} < 2, ${h("i + 5", 10)} = 0,
                ${h("i + 6", 20)} = 0, '村' || ${h("i + 3", 200)},
              (CASE WHEN ${h("i + 4", 10)} < 8 THEN 'REGISTERED' ELSE 'PLACED' END)::"WorkerStatus", now()
         FROM generate_series($1::int, $2::int) i, (SELECT $3::text[] AS codes) c`,
      a,
      b,
      counties,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "WorkerSkill" ("id", "workerId", "occupationCode", "level", "yearsExperience", "certificateNumber")
       SELECT 'bs' || i || '-' || k, 'bw' || lpad(i::text, 8, '0'), o.codes[1 +
         ${h("i * 3 + k", occupations.length)}], NULLIF(${h("i * 5 + k", 6)}, 0), ${h("i * 11 + k", 12)},
              CASE WHEN ${h("i * 13 + k", 3)} = 0 THEN 'C' || i ELSE NULL END
         FROM generate_series($1::int, $2::int) i, generate_series(1, 2) k, (SELECT $3::text[] AS codes) o
        WHERE k = 1 OR ${h("i * 17", 2)} = 0`,
      a,
      b,
      occupations,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "WorkerPreference" ("workerId", "destinationKinds", "destinationRegionCodes", "occupationCodes",
        "minMonthlyWage", "willingToTrain", "updatedAt")
       SELECT 'bw' || lpad(i::text, 8, '0'),
              (CASE ${h("i * 19", 4)} WHEN 0 THEN ARRAY['WITHIN_HEBEI'] WHEN 1 THEN ARRAY['BEIJING_TIANJIN']
                WHEN 2 THEN ARRAY['BEIJING_TIANJIN', 'WITHIN_HEBEI'] ELSE ARRAY[]::text[] END)::"TransferType"[],
              CASE WHEN ${h("i * 37", 5)} = 0 THEN ARRAY['110000'] ELSE ARRAY[]::text[] END, ARRAY[o.codes[1
                + ${h("i * 23", occupations.length)}]],
              CASE WHEN ${h("i * 41", 4)} = 0 THEN NULL ELSE 3000 + ${h("i * 29", 50)} * 100 END,
                ${h("i * 31", 10)} < 7, now()
         FROM generate_series($1::int, $2::int) i, (SELECT $3::text[] AS codes) o
        WHERE ${h("i * 43", 20)} <> 0`,
      a,
      b,
      occupations,
    );
  }
  await db.$executeRawUnsafe(`ANALYZE "Worker"; `);
  await db.$executeRawUnsafe(`ANALYZE "WorkerSkill"`);
  await db.$executeRawUnsafe(`ANALYZE "WorkerPreference"`);
  const employer = await db.employer.create({
    data: {
      name: "基准家政公司",
      creditCode: "91110105MA0BENCH01",
      districtCode: "110105",
      industry: "domestic-services",
      contactName: "张经理",
      contactPhoneCipher: "x",
      contactPhoneMasked: "139****2222",
      status: "VERIFIED",
    },
  });
  const places = ["110105", "110108", "110115", "120101", "120116", ...counties.slice(0, 5)];
  await db.jobPosting.createMany({
    data: Array.from({ length: postings }, (_, i) => {
      const occ = occupations[(i * 7) % occupations.length];
      const wageMin = 4000 + (i % 7) * 500;
      return {
        employerId: employer.id,
        occupationCode: occ,
        title: `岗位${i}`,
        headcount: 1 + (i % 20),
        wageMin,
        wageMax: wageMin + (i % 5) * 600,
        workRegionCode: places[i % places.length],
        status: "OPEN" as const,
        publishedAt: new Date(),
        housing: i % 2 === 0,
        socialInsurance: i % 3 !== 0,
        requirements:
          i % 2 === 0 ? { skills: [{ occupationCode: occ, minLevel: i % 4 === 0 ? 4 : null }], certificates: [] } : { skills: [], certificates: [] },
        ageMin: i % 3 === 0 ? 18 : null,
        ageMax: i % 4 === 0 ? 55 : null,
      };
    }),
  });
}

async function night(runId: string): Promise<{ shards: ShardTotals[]; rowsWritten: number; pairs: number; matches: number; nearMisses: number }> {
  const db = getDb();
  const refs = shardTargets(await loadOpenTargets(db, chinaToday()));
  const shards: ShardTotals[] = [];
  for (const [i, targets] of refs.entries()) shards.push(await matchShard(runId, i, targets));
  const t = await finishNightly(runId, shards);
  return { shards, rowsWritten: t.rowsWritten, pairs: t.pairsScored, matches: t.matchesUpserted, nearMisses: t.nearMisses };
}

/** nights: false measures only the cold load of the columns and the single-posting re-matches (for sizes where two nights do not fit the session). */
export async function benchNightly({ workers = 100_000, postings = 1000, singleRuns = 20, nights = true } = {}): Promise<NightlyBench> {
  const name = `lb_test_${process.pid}_nightly`;
  await cloneTemplate(await ensureTemplate(), name);
  setConfig(testConfig(name));
  const db = getDb();
  forgetWorkerPool();
  try {
    const t0 = performance.now();
    await seed(workers, postings);
    const seedSeconds = (performance.now() - t0) / 1000;
    const dot = dotScan(workers);

    const skipped = { value: { shards: [], rowsWritten: 0, pairs: 0, matches: 0, nearMisses: 0 }, wallS: Number.NaN, cpuS: Number.NaN };
    const run1 = await db.matchRun.create({ data: { kind: "nightly", detail: { today: chinaToday() } } });
    const first = nights ? await timed(() => profiled("first-night", () => night(run1.id))) : (await workerPool(db), skipped);
    const pool = await workerPool(db);
    const run2 = await db.matchRun.create({ data: { kind: "nightly", detail: { today: chinaToday() } } });
    const second = nights ? await timed(() => profiled("unchanged-night", () => night(run2.id))) : skipped;

    const open = (await db.jobPosting.findMany({ where: { status: "OPEN" }, select: { id: true }, orderBy: { id: "asc" } })).map((p) => p.id);
    const wall: number[] = [],
      cpu: number[] = [];
    let rows = 0;
    await profiled("one-posting", async () => {
      for (let i = 0; i < singleRuns; i++) {
        const id = open[(i * 37) % open.length];
        // A change to the posting (the employer raises the wage), then its re-match end to end.
        await db.jobPosting.update({ where: { id }, data: { wageMax: { increment: 300 }, version: { increment: 1 } } });
        const r = await timed(() => matchTarget({ kind: "posting", id }));
        wall.push(r.wallS * 1000);
        cpu.push(r.cpuS * 1000);
        rows += r.value.rowsWritten;
      }
    });
    const mem = process.memoryUsage();
    return {
      workers,
      postings,
      seedSeconds,
      loadAverage: os.loadavg(),
      dot,
      nights,
      firstNight: {
        wallS: first.wallS,
        cpuS: first.cpuS,
        columnsLoadS: pool.stats.loadMs / 1000,
        pairsScored: first.value.pairs,
        matches: first.value.matches,
        nearMisses: first.value.nearMisses,
        rowsWritten: first.value.rowsWritten,
        shards: first.value.shards.length,
      },
      unchangedNight: { wallS: second.wallS, cpuS: second.cpuS, rowsWritten: second.value.rowsWritten, pairsScored: second.value.pairs },
      onePosting: {
        runs: singleRuns,
        wallP50Ms: pct(wall, 50),
        wallP95Ms: pct(wall, 95),
        cpuP50Ms: pct(cpu, 50),
        cpuP95Ms: pct(cpu, 95),
        rowsWrittenAvg: rows / singleRuns,
      },
      ratioToDotCpu: second.value.pairs / second.cpuS / dot.pairsPerSecondCpu,
      heapMb: mem.heapUsed / 2 ** 20,
      rssMb: mem.rss / 2 ** 20,
    };
  } finally {
    forgetWorkerPool();
    await disconnectDb();
    await dropDatabase(name);
  }
}
