// Queue throughput: no-op jobs per second through the platform's queue port (createQueueBackend),
// on Redis and on BullMQ's PostgreSQL backend (a scratch database). Jobs are added with addBulk in
// chunks, then one Worker with the given concurrency drains them; the clock runs from the first
// job taken to the last one finished. Script-style; `npm run bench -- --only queue` calls benchQueue.
import type { Job } from "bullmq";
import { createQueueBackend } from "~/services/queue.server";
import type { QueuePort } from "~/services/env.server";
import { databaseUrl, REDIS_URL } from "../setup/env";
import { withServer } from "../setup/db";

export type QueueBenchRow = { backend: string; jobs: number; concurrency: number; addPerSecond: number; processPerSecond: number; endToEndSeconds: number };

async function measure(label: string, port: QueuePort, jobs: number, concurrency: number): Promise<QueueBenchRow> {
  const backend = createQueueBackend(port);
  const name = `bench-noop-${process.pid}`;
  const queue = backend.makeQueue(name);
  queue.on("error", () => {});
  try {
    await queue.obliterate({ force: true }).catch(() => {});
    const started = performance.now();
    for (let i = 0; i < jobs; i += 1000) {
      const chunk = Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({ name: "noop", data: { i: i + k }, opts: { removeOnComplete: true, removeOnFail: true } }));
      await queue.addBulk(chunk);
    }
    const added = performance.now();
    let done = 0;
    let first = 0;
    let finished: () => void = () => {};
    const all = new Promise<void>((resolve) => (finished = resolve));
    const worker = backend.makeWorker(name, async (_job: Job) => {
      if (first === 0) first = performance.now();
      return null;
    }, { concurrency, autorun: true });
    worker.on("error", () => {});
    worker.on("completed", () => {
      if (++done === jobs) finished();
    });
    await all;
    const end = performance.now();
    await worker.close();
    return {
      backend: label, jobs, concurrency,
      addPerSecond: jobs / ((added - started) / 1000),
      processPerSecond: jobs / ((end - first) / 1000),
      endToEndSeconds: (end - started) / 1000,
    };
  } finally {
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await backend.close();
  }
}

export async function benchQueue({ jobs = 20_000, pgJobs = 5_000, concurrency = 16 } = {}): Promise<QueueBenchRow[]> {
  const rows: QueueBenchRow[] = [];
  rows.push(await measure("Redis", { adapter: "redis", url: REDIS_URL, prefix: `lb_bench_${process.pid}` }, jobs, concurrency));
  const scratch = `lb_bench_queue_${process.pid}`;
  await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`).then(() => c.query(`CREATE DATABASE "${scratch}"`)));
  try {
    rows.push(await measure("PostgreSQL backend", { adapter: "postgres", url: databaseUrl(scratch) }, pgJobs, concurrency));
  } finally {
    await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
  }
  return rows;
}
