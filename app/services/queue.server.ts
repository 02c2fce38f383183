// The job-queue port. The same BullMQ Queue/Worker code runs on Redis (REDIS_URL set) or on
// BullMQ's PostgreSQL backend in the application database (embedded default); only the backend
// factory and the connection differ. Jobs carry ids, never data: processors reload the record.
import { Queue as RedisQueue, Worker as RedisWorker, FlowProducer as RedisFlowProducer, createPostgresBackend, withBackend } from "bullmq";
import type { JobsOptions, Processor, Queue, Worker, WorkerOptions } from "bullmq";
import { Redis } from "ioredis";
import { z } from "zod";
import type { QueuePort } from "./env.server";
import { getConfig } from "./env.server";

// ───────────── the job catalog: name → queue, payload schema, default options ─────────────

const entityRef = z.object({
  entityType: z.enum(["worker", "employer", "posting", "trainingOrder", "trainingClass", "placement", "plan"]),
  entityId: z.string().min(1),
  entityVersion: z.number().int().nonnegative(),
});

const exponential = (delay: number) => ({ type: "exponential", delay }) as const;
/** One entity's re-match: five tries 2 s doubling; kept an hour (at most 1000), failures a week. */
const rematchOptions = {
  attempts: 5,
  backoff: exponential(2000),
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 86400 },
} satisfies JobsOptions;
/** A job of the nightly flow: five tries 5 s doubling; failures kept 30 days, done ones `keepDone` seconds. */
const nightlyFlowOptions = (keepDone: number) =>
  ({ attempts: 5, backoff: exponential(5000), removeOnComplete: { age: keepDone }, removeOnFail: { age: 30 * 86400 } }) satisfies JobsOptions;
/** A scheduled run (nightly, hourly, daily): three tries a minute apart; its next run comes anyway. */
const scheduledOptions = { attempts: 3, backoff: exponential(60_000), removeOnComplete: 100, removeOnFail: 500 } satisfies JobsOptions;
/** A scheduled maintenance job that takes no payload. */
const sweep = { queue: "maintenance", payload: z.object({}), options: scheduledOptions } as const;

export const jobCatalog = {
  /**
   * Makes (or withdraws, or flags) the subsidy claims a record entitles: a finished class, a placement
   * verified or rejected, a follow-up recorded (docs/subsidies.md). Off the outbox; idempotent (one
   * claim per person, kind and period), so a replay changes nothing.
   */
  "subsidy-claims": {
    queue: "subsidies",
    payload: z.object({
      entityType: z.enum(["trainingClass", "placement", "followUp"]),
      entityId: z.string().min(1),
      entityVersion: z.number().int().nonnegative(),
    }),
    options: { attempts: 5, backoff: exponential(5000), removeOnComplete: 1000, removeOnFail: 5000 } satisfies JobsOptions,
  },
  /** Moves committed outbox rows into their jobs (runs from a job scheduler every few seconds). */
  "outbox-relay": {
    queue: "outbox",
    payload: z.object({}),
    options: { removeOnComplete: 100, removeOnFail: 500 } satisfies JobsOptions,
  },
  /**
   * Re-reads one entity from the database and writes it to the search index (or removes it).
   * Ten attempts, 2 s doubling: retries span ≈17 minutes, so a search server restarting for
   * several minutes loses nothing; a job that fails even so is re-queued by the outbox sweep.
   */
  "search-index": {
    queue: "search",
    payload: entityRef,
    options: { attempts: 10, backoff: exponential(2000), removeOnComplete: 1000, removeOnFail: 5000 } satisfies JobsOptions,
  },
  /**
   * Imports one uploaded roster (RosterImport row). One attempt: a failure is recorded on the row
   * and the coordinator may run it again (safe, the import is idempotent); an automatic retry
   * would only repeat the counting with misleading "unchanged" figures.
   */
  "roster-import": {
    queue: "imports",
    payload: z.object({ importId: z.uuid() }),
    options: { attempts: 1, removeOnComplete: 1000, removeOnFail: 5000 } satisfies JobsOptions,
  },
  /**
   * Re-matches one posting (OPEN) or training order (APPROVED/IN_PROGRESS) against matchable
   * workers: the warm worker columns of this process (matching-pool.server.ts), ranked by the
   * columnar engine, only the changed PROPOSED rows written. Ids derive from entity + version and, when a worker's change caused it, that worker
   * + version (rematchJobId: only the same work on the same data is deduped); bursts are debounced
   * and a change during a run is kept for right after it (see scheduleRematch).
   */
  "match-target": {
    queue: "matching",
    payload: z.object({ entityType: z.enum(["posting", "trainingOrder"]), entityId: z.string().min(1), entityVersion: z.number().int().nonnegative() }),
    options: rematchOptions,
  },
  /** Re-matches one worker against the open targets in reach (same upsert rules). */
  "match-worker": {
    queue: "matching",
    payload: z.object({ entityType: z.literal("worker"), entityId: z.string().min(1), entityVersion: z.number().int().nonnegative() }),
    options: rematchOptions,
  },
  /** Nightly full re-match (job scheduler, 02:00 China time): creates a MatchRun and adds the flow of target shards. */
  "match-nightly": {
    queue: "matching",
    payload: z.object({ runId: z.uuid().optional(), shardTargets: z.number().int().min(1).max(10_000).optional() }),
    options: scheduledOptions,
  },
  /** One shard of a nightly run (a child in the flow): these targets ranked against every worker, the changes written. */
  "match-shard": {
    queue: "matching",
    payload: z.object({
      runId: z.uuid(),
      shard: z.number().int().nonnegative(),
      targets: z.array(z.object({ kind: z.enum(["posting", "trainingOrder"]), id: z.string().min(1) })),
    }),
    // Kept after completion (age-bounded) so the parent can read every child's totals.
    options: nightlyFlowOptions(7 * 86400),
  },
  /** Parent of a nightly flow: runs once every shard has completed, clears closed targets' proposals, records the totals. */
  "match-nightly-finish": {
    queue: "matching",
    payload: z.object({ runId: z.uuid() }),
    options: nightlyFlowOptions(30 * 86400),
  },
  /** Deletes old embedded-search tombstones (search_document rows with doc NULL). */
  "search-purge": {
    queue: "maintenance",
    payload: z.object({}),
    options: { attempts: 2, removeOnComplete: 100, removeOnFail: 500 } satisfies JobsOptions,
  },
  /** Open postings whose application deadline has passed (China time) become EXPIRED (hourly; idempotent). */
  "postings-expire": sweep,
  /**
   * Opens one follow-up of a verified placement on its due day (a delayed job; the id carries the
   * follow-up id and due day, so adding it again is absorbed). Idempotent: a done or moved one is left.
   */
  "follow-up-open": {
    queue: "follow-ups",
    payload: z.object({ followUpId: z.uuid() }),
    options: { attempts: 5, backoff: exponential(30_000), removeOnComplete: 1000, removeOnFail: 5000 } satisfies JobsOptions,
  },
  /** Daily safety net: opens every due follow-up that no delayed job opened. */
  "follow-ups-sweep": sweep,
  /** Daily: draws the month's sample of verified placements (10 %, at least one per county) for re-verification. */
  "placements-sample": sweep,
  /**
   * Recomputes the dashboard's per-county monthly figures (DashboardStat) from the records for one
   * year (default: this year and last, China time). Every 5 minutes; idempotent (a full rewrite).
   */
  "dashboard-refresh": {
    queue: "maintenance",
    payload: z.object({ year: z.number().int().min(2000).max(2100).optional() }),
    options: { attempts: 3, backoff: exponential(30_000), removeOnComplete: 100, removeOnFail: 500 } satisfies JobsOptions,
  },
  /**
   * Every few seconds: refreshes this year's and last year's figures when records behind them
   * changed since their last refresh (see refreshIfChanged), so the dashboard's headline and its
   * live drill-down agree within seconds of a change. Cheap when nothing changed (two reads).
   */
  "dashboard-refresh-changed": {
    queue: "maintenance",
    payload: z.object({}),
    options: { attempts: 1, removeOnComplete: 100, removeOnFail: 500 } satisfies JobsOptions,
  },
} as const;

export type JobName = keyof typeof jobCatalog;
export type JobPayload<N extends JobName> = z.infer<(typeof jobCatalog)[N]["payload"]>;
export const queueNames = [...new Set(Object.values(jobCatalog).map((j) => j.queue))];

/** BullMQ job ids may not contain ":"; ids derived from entity + version make replays harmless. */
export function entityJobId(name: JobName, ref: { entityType: string; entityId: string; entityVersion: number }): string {
  return [name, ref.entityType, ref.entityId, ref.entityVersion].join("__");
}

// ───────────── backend factory ─────────────

type Role = "producer" | "worker";
type Backend = {
  adapter: QueuePort["adapter"];
  makeQueue(name: string): Queue;
  makeWorker(name: string, processor: Processor, opts?: Partial<WorkerOptions>): Worker;
  makeFlowProducer(): import("bullmq").FlowProducer;
  close(): Promise<void>;
};

const PG_SCHEMA = "bullmq";
/** Connections per producer Queue (a web process holds one per queue it adds to). */
const PRODUCER_POOL_MAX = 4;

/** A Worker's pool: one connection per job it may hold, and one for its lock renewals and stalled checks. */
export function workerPoolMax(concurrency = 1): number {
  return Math.max(1, concurrency) + 1;
}

/**
 * The PostgreSQL backend's connection: BullMQ's own schema, created or upgraded by BullMQ under an
 * advisory lock on first connect (`migrate: true`), and `synchronous_commit=off` for this
 * connection's sessions only. The backend commits once per job state change, and each commit
 * otherwise waits for its WAL flush; off, a commit returns once written to the WAL buffers and
 * the WAL writer flushes within ~3 × wal_writer_delay (600 ms by default). A PostgreSQL crash
 * (not an application crash) can lose those last queue transitions, never the application's
 * data: its own transactions keep synchronous commit, and each flush also makes every earlier
 * queue commit durable. What a lost transition means, and why it is safe: docs/reliability.md.
 */
export function pgQueueConnection(url: string, max: number) {
  // node-postgres lets parameters in the URL override these: the URL must not carry `options`.
  return { connectionString: url, schema: PG_SCHEMA, max, migrate: true, options: "-c synchronous_commit=off" };
}

export function createQueueBackend(port: QueuePort): Backend {
  if (port.adapter === "redis") {
    const connections: Redis[] = [];
    // Producers fail fast so a request never hangs on a dead Redis; workers retry forever
    // (BullMQ "going to production").
    const connect = (role: Role) => {
      const c = new Redis(
        port.url,
        role === "worker" ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 3000 },
      );
      c.on("error", () => {}); // reported through health checks and job failures instead
      connections.push(c);
      return c;
    };
    const producer = connect("producer");
    return {
      adapter: "redis",
      makeQueue: (name) => new RedisQueue(name, { connection: producer, prefix: port.prefix }) as unknown as Queue,
      makeWorker: (name, processor, opts) =>
        new RedisWorker(name, processor, { ...opts, connection: connect("worker"), prefix: port.prefix }) as unknown as Worker,
      makeFlowProducer: () => new RedisFlowProducer({ connection: producer, prefix: port.prefix }),
      close: async () => {
        await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
      },
    };
  }
  const pgClasses = withBackend(createPostgresBackend);
  // Each Queue, Worker and FlowProducer builds its own pool from this config.
  const producer = pgQueueConnection(port.url, PRODUCER_POOL_MAX);
  return {
    adapter: "postgres",
    makeQueue: (name) => new pgClasses.Queue(name, { connection: producer }) as unknown as Queue,
    // A Worker holds up to `concurrency` jobs, and finishing each one (with the claim of the next)
    // is one query: a pool smaller than that makes finished jobs wait for a connection.
    makeWorker: (name, processor, opts) =>
      new pgClasses.Worker(name, processor, { ...opts, connection: pgQueueConnection(port.url, workerPoolMax(opts?.concurrency)) }) as unknown as Worker,
    makeFlowProducer: () => new pgClasses.FlowProducer({ connection: producer }) as unknown as import("bullmq").FlowProducer,
    close: async () => {},
  };
}

// ───────────── producer side (web process and CLI) ─────────────

type Producer = { backend: Backend; queues: Map<string, Queue>; flow?: import("bullmq").FlowProducer };
const g = globalThis as { __lbProducer?: Producer };

function producer(): Producer {
  g.__lbProducer ??= { backend: createQueueBackend(getConfig().queue), queues: new Map() };
  return g.__lbProducer;
}

export function getQueue(name: string): Queue {
  const p = producer();
  let q = p.queues.get(name);
  if (!q) {
    const made = p.backend.makeQueue(name);
    made.on("error", () => {});
    p.queues.set(name, made);
    forgetIfNeverReady(p, made, () => {
      if (p.queues.get(name) === made) p.queues.delete(name);
    });
    q = made;
  }
  return q;
}

/** The process's FlowProducer (parent/child job trees, e.g. the nightly re-match). */
export function getFlowProducer(): import("bullmq").FlowProducer {
  const p = producer();
  if (!p.flow) {
    const made = p.backend.makeFlowProducer();
    made.on("error", () => {});
    p.flow = made;
    forgetIfNeverReady(p, made, () => {
      if (p.flow === made) p.flow = undefined;
    });
  }
  return p.flow;
}

/**
 * BullMQ's PostgreSQL connection remembers its first connect (schema check/migration) for good,
 * a failed one included: a Queue or FlowProducer created while the database is away (restarting)
 * would fail every later call with that first error. Such an instance is dropped, so the next
 * call builds a new one. (Redis connections reconnect by themselves; nothing to do there.)
 */
function forgetIfNeverReady(p: Producer, made: { waitUntilReady(): Promise<unknown>; close(): Promise<unknown> }, forget: () => void) {
  if (p.backend.adapter !== "postgres") return;
  made.waitUntilReady().catch(() => {
    forget();
    made.close().catch(() => {});
  });
}

/** Validates the payload against the catalog before anything reaches the queue. */
export async function enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: JobsOptions = {}) {
  const entry = jobCatalog[name];
  const data = entry.payload.parse(payload);
  if (opts.jobId?.includes(":")) throw new Error(`job id may not contain ":" (${opts.jobId})`);
  // A Redis that is down makes add() wait for a connection that never comes: fail instead, so a
  // request answers and the caller's fallback (a sweeper, the outbox) takes over.
  return withTimeout(getQueue(entry.queue).add(name, data, { ...entry.options, ...opts }), ENQUEUE_TIMEOUT_MS);
}

export const ENQUEUE_TIMEOUT_MS = 5000;

export type BulkJob = { [N in JobName]: { name: N; payload: JobPayload<N>; opts?: JobsOptions } }[JobName];

/**
 * Adds many jobs with one `addBulk` per queue (one statement on the PostgreSQL backend, one
 * round trip on Redis) instead of one `add` each; every payload is validated first, so a bad one
 * adds nothing. Ids that exist already are absorbed, as with `add`. Resolves to the number of
 * jobs handed to the queues.
 */
export async function enqueueBulk(jobs: readonly BulkJob[]): Promise<number> {
  const byQueue = new Map<string, { name: string; data: unknown; opts: JobsOptions }[]>();
  for (const job of jobs) {
    const entry = jobCatalog[job.name];
    const data = entry.payload.parse(job.payload);
    if (job.opts?.jobId?.includes(":")) throw new Error(`job id may not contain ":" (${job.opts.jobId})`);
    const list = byQueue.get(entry.queue) ?? [];
    list.push({ name: job.name, data, opts: { ...entry.options, ...job.opts } });
    byQueue.set(entry.queue, list);
  }
  await withTimeout(Promise.all([...byQueue].map(([queue, list]) => getQueue(queue).addBulk(list))), ENQUEUE_TIMEOUT_MS);
  return jobs.length;
}

export async function pingQueue(): Promise<boolean> {
  try {
    await withTimeout(getQueue(jobCatalog["outbox-relay"].queue).getJobCounts("waiting"), 3000);
    return true;
  } catch {
    return false;
  }
}

export async function closeProducer(): Promise<void> {
  const p = g.__lbProducer;
  if (!p) return;
  g.__lbProducer = undefined;
  await Promise.all([...p.queues.values()].map((q) => q.close().catch(() => {})));
  await p.flow?.close().catch(() => {});
  await p.backend.close();
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
