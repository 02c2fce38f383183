// Issue 16's chaos suite: real processes, a real PostgreSQL and a real Redis of the test's own
// (test/chaos/servers.ts), stopped and started under load. Goals: a database restart leaves no
// process dead and loses no acknowledged write, on both queue backends; a Redis killed and
// restarted empty mid-flow leaves the index consistent (search:check's comparison in step) within
// 60 s with no manual step.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../prisma/seed/reference";
import { disconnectDb, getDb } from "~/services/db.server";
import { parseConfig, setConfig } from "~/services/env.server";
import { checkEntityType } from "~/services/indexing.server";
import { applyMigrations } from "~/services/migrations.server";
import { closeProducer, queueNames } from "~/services/queue.server";
import { closeSearchIndex } from "~/services/search.server";
import { startPostgres, startRedis, stopAll, type ThrowawayPostgres, type ThrowawayRedis } from "./servers";

/** The worker process's "ready" line: a Worker on every queue of the job catalog. */
const WORKERS_READY = new RegExp(`workers: ${queueNames.length} queues`);

const ROOT = path.resolve(import.meta.dirname, "../..");
const secrets = {
  SESSION_SECRET: randomBytes(32).toString("hex"),
  PII_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  PII_HMAC_KEY: randomBytes(32).toString("base64"),
};
let pg: ThrowawayPostgres;
let redis: ThrowawayRedis;
const children: ChildProcess[] = [];
let counties: string[] = [];

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  await applyMigrations(pg.url);
  setConfig(parseConfig({ NODE_ENV: "test", DATABASE_URL: pg.url, REDIS_URL: "", DEMO_SEED: "off", ...secrets }));
  await seedReferenceData(getDb());
  counties = (await getDb().region.findMany({ where: { level: "COUNTY", code: { startsWith: "13" } }, select: { code: true }, take: 5 })).map((r) => r.code);
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await closeSearchIndex().catch(() => {});
  await closeProducer().catch(() => {});
  await disconnectDb().catch(() => {});
  await stopAll();
}, 60_000);

/** The worker process as production runs it, on this test's database and the given queue. */
function startWorkerProcess(redisUrl: string, extra: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    cwd: ROOT,
    env: {
      NODE_ENV: "test",
      PATH: process.env.PATH,
      DATABASE_URL: pg.url,
      REDIS_URL: redisUrl,
      DEMO_SEED: "off",
      ...secrets,
      QUEUE_LOCK_DURATION_MS: "15000",
      QUEUE_STALLED_INTERVAL_MS: "2000",
      QUEUE_CONCURRENCY: "4",
      QUEUE_SCHEDULE_CHECK_MS: "1000",
      OUTBOX_SWEEP_GRACE_MS: "3000",
      ...extra,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  children.push(child);
  // CHAOS_LOG=/tmp/x keeps each worker process's output in /tmp/x-<pid>.log for a post-mortem.
  if (process.env.CHAOS_LOG) child.on("exit", () => fs.writeFileSync(`${process.env.CHAOS_LOG}-${child.pid}.log`, out));
  return { child, output: () => out };
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

let seq = 0;
/** One registration as the services write it: the worker and its outbox row in one transaction. Resolves when committed. */
async function register(): Promise<string> {
  return (await registerMany(1))[0];
}

/**
 * Writes per second at most while loading. The test's bound is on recovery, not throughput (the queue
 * bench measures that): unpaced, a fast test process wrote ~2,000 people in 7 s, and indexing them
 * all on the PostgreSQL queue backend took 31 s on a quiet machine and over 40 s in a loaded CI run.
 */
const WRITES_PER_SECOND = 150;

/** Registers people for `ms` (paced), retrying each write until it commits (an outage only delays it); returns the acknowledged ids. */
async function loadFor(ms: number, acknowledged: string[]) {
  const start = Date.now();
  const until = start + ms;
  while (Date.now() < until) {
    if (acknowledged.length >= ((Date.now() - start) / 1000) * WRITES_PER_SECOND) {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    try {
      acknowledged.push(await register());
    } catch {
      await new Promise((r) => setTimeout(r, 100)); // the database is away: try again
    }
  }
}

/** Every acknowledged person indexed (search:check's comparison in step) and every outbox row done. */
async function consistent(acknowledged: string[]): Promise<string> {
  try {
    const [report, undone, stored] = await Promise.all([
      checkEntityType("worker"),
      getDb().outbox.count({ where: { doneAt: null } }),
      getDb().worker.count({ where: { id: { in: acknowledged } } }),
    ]);
    return (
      `stored=${stored}/${acknowledged.length} drift=${report.drift} missing=${report.missing} stale=${report.stale} ` +
      `undone=${undone} relayed=${await getDb().outbox.count({ where: { relayedAt: { not: null } } })}`
    );
  } catch (error) {
    return `unreachable: ${(error as Error).message}`;
  }
}

describe.each([
  { backend: "postgres", redisUrl: () => "" },
  { backend: "redis", redisUrl: () => redis.url },
])("database restart under load (queue on $backend)", ({ redisUrl }) => {
  it("the worker process stays up, work resumes, and no acknowledged write is lost", async () => {
    const worker = startWorkerProcess(redisUrl());
    await expect.poll(() => worker.output(), { timeout: 45_000 }).toMatch(WORKERS_READY);
    const acknowledged: string[] = [];
    const load = loadFor(7000, acknowledged);
    await new Promise((r) => setTimeout(r, 2000));
    await pg.stop(); // fast shutdown: every connection of every process is cut mid-work
    await new Promise((r) => setTimeout(r, 2500));
    await pg.start();
    await load;
    expect(acknowledged.length).toBeGreaterThan(5);
    const done = `stored=${acknowledged.length}/${acknowledged.length} drift=false missing=0 stale=0 undone=0 relayed=${await getDb().outbox.count()}`;
    await expect.poll(() => consistent(acknowledged), { timeout: 40_000, interval: 1000 }).toBe(done);
    expect(worker.child.exitCode, worker.output()).toBeNull();
    expect(worker.child.signalCode).toBeNull();
    await stopProcess(worker.child);
  }, 120_000);
});

/** `n` registrations written at once (as a roster import writes them), each with its outbox row, in one transaction. */
async function registerMany(n: number): Promise<string[]> {
  const rows = Array.from({ length: n }, () => {
    const id = randomUUID();
    const k = seq++;
    return {
      id,
      fullName: `工人${"甲乙丙丁戊己庚辛壬癸"[k % 10]}`,
      idNumberCipher: "x",
      idNumberHash: `chaos-${id}`,
      idNumberMasked: "1306**************",
      sex: "FEMALE" as const,
      birthDate: new Date(Date.UTC(1980 + (k % 20), k % 12, 1 + (k % 27))),
      countyCode: counties[k % counties.length],
      isRegisteredPoor: k % 3 === 0,
      villageName: "村",
    };
  });
  await getDb().$transaction([
    getDb().worker.createMany({ data: rows }),
    getDb().outbox.createMany({ data: rows.map((r) => ({ topic: "search-index", entityType: "worker", entityId: r.id, entityVersion: 1 })) }),
  ]);
  return rows.map((r) => r.id);
}

describe("Redis restart (empty) mid-import", () => {
  it("lost index jobs are relayed again from the outbox and the schedules come back: the index is consistent within 60 s, no manual step", async () => {
    const worker = startWorkerProcess(redis.url, { QUEUE_CONCURRENCY: "2" });
    await expect.poll(() => worker.output(), { timeout: 45_000 }).toMatch(WORKERS_READY);
    // An import's worth of people: the relay moves them into Redis at once, the index catches up slowly.
    const acknowledged = await registerMany(400);
    await expect.poll(() => getDb().outbox.count({ where: { relayedAt: null } }), { timeout: 40_000, interval: 100 }).toBe(0);
    await redis.kill(); // SIGKILL: every waiting job, lock and job scheduler in Redis is gone
    await redis.start(); // empty
    const restartedAt = Date.now();
    // Jobs were lost: relayed rows whose job never ran, that nothing in Redis will run now.
    expect(await getDb().outbox.count({ where: { doneAt: null } })).toBeGreaterThan(0);
    acknowledged.push(...(await registerMany(100))); // written after the restart: needs the relay's schedule back
    const done = `stored=${acknowledged.length}/${acknowledged.length} drift=false missing=0 stale=0 undone=0 relayed=${await getDb().outbox.count()}`;
    await expect.poll(() => consistent(acknowledged).then((r) => r.split(" ")), { timeout: 55_000, interval: 1000 }).toEqual(done.split(" "));
    expect(Date.now() - restartedAt).toBeLessThan(60_000);
    expect(worker.child.exitCode, worker.output()).toBeNull();
    await stopProcess(worker.child);
  }, 150_000);
});
