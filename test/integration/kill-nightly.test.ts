// SIGKILL in the middle of a nightly re-match (issue 5's hard requirement), on real Redis and on
// BullMQ's PostgreSQL backend: a real worker process (workers/main.ts) runs the nightly flow (open
// targets in shards, one posting per shard here), is killed with SIGKILL while shard jobs are in
// flight, and a second process takes over (loading its own worker columns). The run must finish,
// every shard run once, no job lost or failed, no duplicate Match row, and the Match table must
// equal what a clean run over the same data writes.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "~/services/db.server";
import { getConfig, type QueuePort } from "~/services/env.server";
import { createQueueBackend } from "~/services/queue.server";
import { childEnv, REDIS_URL } from "../setup/env";
import { makeEmployer } from "../setup/factories";

const ROOT = path.resolve(import.meta.dirname, "../..");
const COUNTIES = 12;
const WORKERS_PER_COUNTY = 60;
const POSTINGS = 48;
const SHARDS = POSTINGS; // shardTargets: 1
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/** A worker process as production runs it, pointed at this test's database and the given queue backend. */
function startWorkerProcess(adapter: QueuePort["adapter"]): { child: ChildProcess; output: () => string } {
  const c = getConfig();
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    cwd: ROOT,
    env: {
      ...childEnv(c, { REDIS_URL: adapter === "redis" ? REDIS_URL : "", DEMO_SEED: "off" }),
      // Quick recovery: a dead process's locks expire after 6 s and the stalled check runs every 1.5 s.
      QUEUE_LOCK_DURATION_MS: "6000",
      QUEUE_STALLED_INTERVAL_MS: "1500",
      QUEUE_CONCURRENCY: "2",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  children.push(child);
  return { child, output: () => out };
}

async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

let seeded = false;
/** Workers in COUNTIES counties (varied skills, wages, priority) and POSTINGS open postings. */
async function seed() {
  if (seeded) return;
  seeded = true;
  const db = getDb();
  const counties = (
    await db.region.findMany({ where: { level: "COUNTY", code: { startsWith: "13" } }, select: { code: true }, orderBy: { code: "asc" }, take: COUNTIES })
  ).map((r) => r.code);
  expect(counties).toHaveLength(COUNTIES);
  const workers = counties.flatMap((county, ci) =>
    Array.from({ length: WORKERS_PER_COUNTY }, (_, i) => ({
      id: randomUUID(),
      fullName: `工人${ci}-${i}`,
      idNumberCipher: "x",
      idNumberHash: `kill-${ci}-${i}`,
      idNumberMasked: "1306**********0000",
      sex: "FEMALE" as const,
      birthDate: new Date(Date.UTC(1970 + ((ci * 7 + i) % 30), i % 12, 1 + (i % 27))),
      countyCode: county,
      isRegisteredPoor: (ci + i) % 3 === 0,
      villageName: `村${i % 9}`,
    })),
  );
  await db.worker.createMany({ data: workers });
  const occupations = ["domestic-helper", "elderly-carer"];
  await db.workerSkill.createMany({
    data: workers.map((w, i) => ({ workerId: w.id, occupationCode: occupations[i % 2], level: i % 7 === 0 ? null : 1 + (i % 5), yearsExperience: i % 11 })),
  });
  await db.workerPreference.createMany({
    data: workers.map((w, i) => ({
      workerId: w.id,
      destinationKinds: i % 4 === 0 ? ["WITHIN_HEBEI" as const] : ["BEIJING_TIANJIN" as const],
      destinationRegionCodes: [],
      occupationCodes: [occupations[i % 2]],
      minMonthlyWage: 4000 + (i % 9) * 600,
    })),
  });
  const { employer } = await makeEmployer();
  await db.jobPosting.createMany({
    data: Array.from({ length: POSTINGS }, (_, i) => ({
      employerId: employer.id,
      occupationCode: occupations[i % 2],
      title: `岗位${i}`,
      headcount: 1 + (i % 5),
      wageMin: 5000 + (i % 4) * 500,
      wageMax: 6500 + (i % 6) * 600,
      workRegionCode: i % 5 === 0 ? "120101" : "110105",
      status: "OPEN" as const,
      publishedAt: new Date(),
      housing: i % 2 === 0,
    })),
  });
}

async function matchTable() {
  const rows = await getDb().match.findMany({
    orderBy: [{ postingId: "asc" }, { workerId: "asc" }],
    select: { workerId: true, postingId: true, score: true, rank: true, status: true, explanationZh: true },
  });
  const near = await getDb().matchNearMiss.findMany({
    orderBy: [{ postingId: "asc" }, { workerId: "asc" }],
    select: { workerId: true, postingId: true, score: true },
  });
  return { rows, near };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number, output: () => string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) {
      if (process.env.KILL_DEBUG) console.log(new Date().toISOString(), "reached:", what);
      return value;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n--- worker output ---\n${output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(["redis", "postgres"] as const)("SIGKILL during the nightly re-match, BullMQ on %s", (adapter) => {
  it("the run finishes after a kill -9, each shard once, nothing lost, no duplicates, same rows as a clean run", async () => {
    await seed();
    const db = getDb();
    const port: QueuePort = adapter === "redis" ? getConfig().queue : { adapter: "postgres", url: getConfig().database.url };
    const backend = createQueueBackend(port);
    const queue = backend.makeQueue("matching");
    queue.on("error", () => {});
    const first = startWorkerProcess(adapter);
    try {
      const runId = randomUUID();
      await queue.add("match-nightly", { runId, shardTargets: 1 }, { jobId: `match-nightly__${runId}` });

      // Mid-flight: some shards done, others running or waiting.
      await waitFor(
        "two shards done",
        async () => {
          const done = (await queue.getJobs(["completed"])).filter((j) => j.name === "match-shard" && j.data.runId === runId);
          return done.length >= 2 && done.length < SHARDS - 2;
        },
        60_000,
        first.output,
      );
      const active = (await queue.getJobs(["active"])).filter((j) => j.name === "match-shard");
      expect(active.length).toBeGreaterThan(0);
      await stop(first.child, "SIGKILL");
      expect(first.child.signalCode).toBe("SIGKILL");

      const second = startWorkerProcess(adapter);
      const run = await waitFor(
        "the run to finish",
        async () => {
          const r = await db.matchRun.findUnique({ where: { id: runId } });
          return r?.status === "DONE" ? r : undefined;
        },
        120_000,
        second.output,
      );

      expect(run).toMatchObject({ counties: COUNTIES, targets: POSTINGS });
      expect(run.finishedAt).not.toBeNull();
      expect(Number(run.pairsScored)).toBeGreaterThan(0);
      // Every shard completed (none failed, none left waiting), each with its own id and its own posting.
      const shardJobs = (await queue.getJobs(["completed", "failed", "waiting", "active", "delayed", "prioritized"])).filter(
        (j) => j.name === "match-shard" && j.data.runId === runId,
      );
      expect(shardJobs).toHaveLength(SHARDS);
      expect(new Set(shardJobs.map((j) => j.data.targets[0].id)).size).toBe(SHARDS);
      for (const job of shardJobs) expect(await job.getState()).toBe("completed");
      const parent = await queue.getJob(`match-nightly-finish__${runId}`);
      expect(await parent?.getState()).toBe("completed");
      expect(Object.keys((await parent!.getChildrenValues()) ?? {})).toHaveLength(SHARDS);
      expect((await queue.getJobs(["failed"])).filter((j) => j.data?.runId === runId)).toEqual([]);

      // No duplicate (worker, posting) rows; PROPOSED ranks are 1…n per posting without gaps.
      const dupes = await db.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM (SELECT 1 FROM "Match" GROUP BY "workerId", "postingId" HAVING count(*) > 1) d`;
      expect(Number(dupes[0].n)).toBe(0);
      const gaps = await db.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM (SELECT "postingId", max("rank") AS m, count(*) AS c FROM "Match" WHERE "status" =
        'PROPOSED' GROUP BY "postingId") g WHERE g.m <> g.c`;
      expect(Number(gaps[0].n)).toBe(0);
      const afterKill = await matchTable();
      expect(afterKill.rows.length).toBeGreaterThan(POSTINGS);
      expect(run.matchesUpserted).toBe(afterKill.rows.length);

      // A clean run from an empty table over the same data writes the same table.
      await db.match.deleteMany({});
      await db.matchNearMiss.deleteMany({});
      const cleanId = randomUUID();
      await queue.add("match-nightly", { runId: cleanId, shardTargets: 1 }, { jobId: `match-nightly__${cleanId}` });
      await waitFor("the clean run", async () => (await db.matchRun.findUnique({ where: { id: cleanId } }))?.status === "DONE", 90_000, second.output);
      expect(await matchTable()).toEqual(afterKill);
      await stop(second.child, "SIGTERM");
    } finally {
      await stop(first.child, "SIGKILL");
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      await backend.close();
    }
  }, 240_000); // ~40 s per backend on a quiet machine; the margin is for a loaded one
});
