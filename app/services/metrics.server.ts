// Prometheus metrics (issue 16 item 8), served by each web process at /metrics (app/server/web.ts).
// Request latency is this process's; queue depth, outbox lag and search lag are the deployment's,
// read when scraped (a few indexed queries and one count call per queue, each with a timeout).
// Who may read it: requests from this machine (loopback), or with `Authorization: Bearer
// <METRICS_TOKEN>` when that is set; see docs/operations.md.
import { timingSafeEqual, createHash } from "node:crypto";
import client from "prom-client";
import { getDb, type Db } from "./db.server";
import { getQueue, queueNames, withTimeout } from "./queue.server";

type Metrics = {
  registry: client.Registry;
  requestSeconds: client.Histogram<"method" | "route" | "status">;
};

const g = globalThis as { __lbMetrics?: Metrics };

/** Below Prometheus's default scrape timeout (10 s): a slow backend reads as down, the scrape still answers. */
const SCRAPE_TIMEOUT_MS = 8000;

/** Job states shown per queue (BullMQ's names). */
export const QUEUE_STATES = ["waiting", "active", "delayed", "prioritized", "waiting-children", "failed"] as const;

export function getMetrics(db: () => Db = getDb): Metrics {
  if (g.__lbMetrics) return g.__lbMetrics;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "lb_" });
  const requestSeconds = new client.Histogram({
    name: "lb_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method, route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // Deployment-wide figures, read once per scrape (every gauge's collect awaits the same read); a
  // backend that does not answer is reported as down, not as an error.
  let scrape: { at: number; figures: Promise<Figures> } | null = null;
  const figures = () => {
    if (!scrape || Date.now() - scrape.at > 1000) scrape = { at: Date.now(), figures: readFigures(db) };
    return scrape.figures;
  };
  const gauge = (name: string, help: string, value: (f: Figures) => number | null) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const v = value(await figures());
        if (v !== null) this.set(v);
      },
    });
  new client.Gauge({
    name: "lb_queue_jobs",
    help: "Jobs per queue and state (failed: jobs that used up their attempts, kept for inspection)",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      const f = await figures();
      this.reset(); // a queue that did not answer shows no figures rather than old ones
      for (const [queue, counts] of f.queues ?? []) for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
    },
  });
  gauge("lb_queue_up", "1 when the queue backend answered this scrape", (f) => (f.queues ? 1 : 0));
  gauge("lb_database_up", "1 when the database answered this scrape", (f) => (f.outbox ? 1 : 0));
  gauge("lb_outbox_unrelayed", "Outbox rows not yet turned into jobs", (f) => f.outbox?.unrelayed ?? null);
  gauge("lb_outbox_undone", "Outbox rows whose job has not run yet", (f) => f.outbox?.undone ?? null);
  gauge("lb_outbox_lag_seconds", "Age of the oldest outbox row whose job has not run (0 when none)", (f) => f.outbox?.lagSeconds ?? null);
  gauge("lb_search_lag_seconds", "Age of the oldest change not yet written to the search index (0 when none)", (f) => f.outbox?.searchLagSeconds ?? null);
  g.__lbMetrics = { registry, requestSeconds };
  return g.__lbMetrics;
}

type Figures = { queues: (readonly [string, Record<string, number>])[] | null; outbox: Awaited<ReturnType<typeof outboxFigures>> | null };

async function readFigures(db: () => Db): Promise<Figures> {
  const [queues, outbox] = await Promise.all([
    withTimeout(Promise.all(queueNames.map(async (name) => [name, await getQueue(name).getJobCounts(...QUEUE_STATES)] as const)), SCRAPE_TIMEOUT_MS).then(
      (r) => r,
      () => null,
    ),
    withTimeout(outboxFigures(db()), SCRAPE_TIMEOUT_MS).then(
      (r) => r,
      () => null,
    ),
  ]);
  return { queues, outbox };
}

/** Outbox figures from the ("relayedAt", "id") and ("doneAt", "id") indexes. */
export async function outboxFigures(db: Db) {
  const [row] = await db.$queryRaw<Array<{ unrelayed: bigint; undone: bigint; oldest: Date | null; oldestSearch: Date | null; now: Date }>>`
    SELECT (SELECT count(*) FROM "Outbox" WHERE "relayedAt" IS NULL) AS unrelayed,
           (SELECT count(*) FROM "Outbox" WHERE "doneAt" IS NULL) AS undone,
           (SELECT "createdAt" FROM "Outbox" WHERE "doneAt" IS NULL ORDER BY "doneAt", "id" LIMIT 1) AS oldest,
           (SELECT "createdAt" FROM "Outbox" WHERE "doneAt" IS NULL AND "topic" = 'search-index' ORDER BY "doneAt", "id" LIMIT 1) AS "oldestSearch",
           CURRENT_TIMESTAMP AS now`;
  const age = (d: Date | null) => (d ? Math.max(0, (row.now.getTime() - d.getTime()) / 1000) : 0);
  return { unrelayed: Number(row.unrelayed), undone: Number(row.undone), lagSeconds: age(row.oldest), searchLagSeconds: age(row.oldestSearch) };
}

/**
 * The route label: the path with ids replaced, first three segments, so that the number of series
 * stays small whatever the URLs (a scanner's random paths all become "other").
 */
export function routeLabel(pathname: string, status: number): string {
  if (status === 404) return "other";
  const segments = pathname
    .replace(/\.data$/, "")
    .split("/")
    .filter(Boolean)
    .slice(0, 3);
  return `/${segments.map((s) => (/^[0-9a-f-]{8,}$/i.test(s) || /^\d+$/.test(s) || s.length > 40 ? ":id" : s)).join("/")}`;
}

export function observeRequest(method: string, pathname: string, status: number, seconds: number) {
  const m = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"].includes(method) ? method : "OTHER";
  getMetrics().requestSeconds.observe({ method: m, route: routeLabel(pathname, status), status: String(status) }, seconds);
}

/** Loopback callers may read /metrics; others need the configured token (none configured: nobody). */
export function mayReadMetrics(remoteAddress: string | undefined, authorization: string | undefined, token: string | undefined): boolean {
  if (remoteAddress && /^(127\.|::1$|::ffff:127\.)/.test(remoteAddress)) return true;
  if (!token || !authorization?.startsWith("Bearer ")) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(authorization.slice(7).trim()), digest(token));
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = getMetrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
