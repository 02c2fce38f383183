// Queue throughput: no-op jobs per second through the platform's queue port (createQueueBackend),
// on Redis and on BullMQ's PostgreSQL backend (a scratch database). Jobs are added with addBulk in
// chunks, then one Worker with the given concurrency drains them; the clock runs from the first
// job taken to the last one finished. Script-style; `npm run bench -- --only queue` calls benchQueue.
import os from "node:os";
import type { Job } from "bullmq";
import { createQueueBackend } from "~/services/queue.server";
import type { QueuePort } from "~/services/env.server";
import { databaseUrl, REDIS_URL } from "../setup/env";
import { withServer } from "../setup/db";

export type QueueBenchRow = {
  backend: string;
  jobs: number;
  concurrency: number;
  addPerSecond: number;
  processPerSecond: number;
  endToEndSeconds: number;
  cpuSeconds: number;
};
export type QueueBench = { rows: QueueBenchRow[]; pgToRedis: number; loadAverage: number[] };

async function measure(label: string, port: QueuePort, jobs: number, concurrency: number): Promise<QueueBenchRow> {
  const backend = createQueueBackend(port);
  const name = `bench-noop-${process.pid}`;
  const queue = backend.makeQueue(name);
  queue.on("error", () => {});
  try {
    await queue.obliterate({ force: true }).catch(() => {});
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (let i = 0; i < jobs; i += 1000) {
      const chunk = Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({
        name: "noop",
        data: { i: i + k },
        opts: { removeOnComplete: true, removeOnFail: true },
      }));
      await queue.addBulk(chunk);
    }
    const added = performance.now();
    let done = 0;
    let first = 0;
    let finished: () => void = () => {};
    const all = new Promise<void>((resolve) => (finished = resolve));
    const worker = backend.makeWorker(
      name,
      async (_job: Job) => {
        if (first === 0) first = performance.now();
        return null;
      },
      { concurrency, autorun: true },
    );
    worker.on("error", () => {});
    worker.on("completed", () => {
      if (++done === jobs) finished();
    });
    await all;
    const end = performance.now();
    const cpu = process.cpuUsage(cpuStarted);
    await worker.close();
    return {
      backend: label,
      jobs,
      concurrency,
      addPerSecond: jobs / ((added - started) / 1000),
      processPerSecond: jobs / ((end - first) / 1000),
      endToEndSeconds: (end - started) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
  } finally {
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await backend.close();
  }
}

/**
 * Redis, then the PostgreSQL backend, in the same run (the goal is their ratio:
 * PostgreSQL ≥ 0.25× Redis's no-op throughput). `concurrency` is one Worker's; the PostgreSQL
 * backend sizes that Worker's pool to it (queue.server.ts).
 */
export async function benchQueue({ jobs = 20_000, pgJobs = 10_000, concurrency = 16 } = {}): Promise<QueueBench> {
  const rows: QueueBenchRow[] = [];
  const loadAverage = os.loadavg();
  rows.push(await measure("Redis", { adapter: "redis", url: REDIS_URL, prefix: `lb_bench_${process.pid}` }, jobs, concurrency));
  const scratch = `lb_bench_queue_${process.pid}`;
  await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`).then(() => c.query(`CREATE DATABASE "${scratch}"`)));
  try {
    rows.push(await measure("PostgreSQL backend", { adapter: "postgres", url: databaseUrl(scratch) }, pgJobs, concurrency));
  } finally {
    await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
  }
  return { rows, pgToRedis: rows[1].processPerSecond / rows[0].processPerSecond, loadAverage };
}
