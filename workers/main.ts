// The worker process: one BullMQ Worker per queue, dispatching by job name to the registry.
// Worker connections retry forever; errors are logged, never thrown into the void; SIGTERM and
// SIGINT close workers gracefully (the current job finishes, nothing new is taken).
import type { Job, Worker } from "bullmq";
import { pathToFileURL } from "node:url";
import { ensureEmbeddedPostgres } from "~/services/embedded-postgres.server";
import { getConfig, type Config } from "~/services/env.server";
import { closeProducer, createQueueBackend, getQueue, jobCatalog, queueNames, type JobName } from "~/services/queue.server";
import { closeSearchIndex, setSearchRole } from "~/services/search.server";
import { disconnectDb } from "~/services/db.server";
import { isConnectionLoss, isShuttingDown, markShuttingDown, surviveConnectionLoss } from "~/cli/supervise";
import { processors, schedules } from "./registry";

/** Creates every job scheduler the queue store lacks; returns the names it created. */
export async function ensureSchedules(): Promise<string[]> {
  const created: string[] = [];
  for (const s of schedules) {
    const entry = jobCatalog[s.name];
    const queue = getQueue(entry.queue);
    if (await queue.getJobScheduler(s.name)) continue;
    const repeat = "pattern" in s ? { pattern: s.pattern, tz: s.tz } : { every: s.every };
    await queue.upsertJobScheduler(s.name, repeat, { name: s.name, data: {}, opts: entry.options });
    created.push(s.name);
  }
  return created;
}

/** Pause before a Worker whose first connect failed is started again. */
const WORKER_RESTART_MS = 1000;

export async function startWorkers(config: Config, log: (line: string) => void): Promise<{ close: () => Promise<void> }> {
  setSearchRole("write"); // Meilisearch: workers index documents with MEILI_ADMIN_KEY
  const backend = createQueueBackend(config.queue);
  const workers = new Map<string, Worker>();
  let closing = false;
  const startWorker = (queue: string) => {
    const worker = backend.makeWorker(
      queue,
      async (job: Job) => {
        const processor = processors[job.name as JobName];
        if (!processor) throw new Error(`no processor for job "${job.name}" on queue "${queue}"`);
        return processor(job);
      },
      { concurrency: config.queueWorker.concurrency, lockDuration: config.queueWorker.lockDurationMs, stalledInterval: config.queueWorker.stalledIntervalMs },
    );
    worker.on("error", (err) => {
      // While stopping, a connection closed under the worker (the terminal's Ctrl-C also stops the
      // embedded PostgreSQL: 57P01) is the expected end, not an error to report per queue.
      if (isShuttingDown() && isConnectionLoss(err)) return;
      log(`workers: ${queue} error: ${err.message}`);
    });
    worker.on("failed", (job, err) => log(`workers: ${queue} job ${job?.name}/${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
    workers.set(queue, worker);
    // BullMQ's PostgreSQL connection keeps the outcome of its first connect for good: a Worker
    // started while the database is away (restarting) would never take a job. Start it again.
    if (backend.adapter === "postgres") {
      worker.waitUntilReady().catch((error: Error) => {
        if (closing || workers.get(queue) !== worker) return;
        log(`workers: ${queue} could not connect (${error.message}); starting it again in ${WORKER_RESTART_MS} ms`);
        void worker.close(true).catch(() => {});
        setTimeout(() => {
          if (!closing && workers.get(queue) === worker) startWorker(queue);
        }, WORKER_RESTART_MS).unref();
      });
    }
  };
  for (const queue of queueNames) startWorker(queue);
  // Job schedulers live in the queue's store: a Redis restarted empty forgets them, and with them
  // the outbox relay. They are created at start and checked again every few seconds; a missing one
  // is created again (an existing one is left alone, so its next run is not moved).
  let checking = false;
  let lastProblem = "";
  const checkSchedules = async () => {
    if (checking) return;
    checking = true;
    try {
      const created = await ensureSchedules();
      if (created.length) log(`workers: job schedulers (re)created: ${created.join(", ")}`);
      lastProblem = "";
    } catch (error) {
      const message = (error as Error).message;
      if (message !== lastProblem) log(`workers: cannot check job schedulers yet: ${message}`);
      lastProblem = message;
    } finally {
      checking = false;
    }
  };
  await ensureSchedules().catch((error) => log(`workers: job schedulers not created yet: ${(error as Error).message}`));
  const scheduleTimer = setInterval(() => void checkSchedules(), config.queueWorker.scheduleCheckMs);
  scheduleTimer.unref();
  log(`workers: ${workers.size} queues (${queueNames.join(", ")}) on ${backend.adapter}`);
  return {
    close: async () => {
      markShuttingDown();
      closing = true;
      clearInterval(scheduleTimer);
      await Promise.all([...workers.values()].map((w) => w.close()));
      await closeProducer();
      await backend.close();
      await closeSearchIndex();
      await disconnectDb();
    },
  };
}

// Run directly (npm run start:workers spawns this through app/cli/start.ts, or `tsx workers/main.ts`).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const log = (line: string) => console.log(line);
  surviveConnectionLoss((line) => log(`workers: ${line}`));
  const config = getConfig();
  if (config.database.adapter === "embedded-postgres") await ensureEmbeddedPostgres(config.database, log);
  const handle = await startWorkers(config, log);
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      log(`workers: ${signal} received, finishing current jobs`);
      await handle.close();
      process.exit(0);
    });
  }
}
