// npm start: the whole platform on one machine. Starts the embedded PostgreSQL when DATABASE_URL
// is unset, migrates, loads reference data, seeds the demo into an empty database, builds the
// web bundle when its sources changed since `npm ci` built it, then runs the web server and the
// workers in a child process (a Worker never runs inside the web process), and prints the demo
// sign-ins last, once the site answers. The web server runs in WEB_CONCURRENCY processes (default:
// one per core) forked with node:cluster, which share the port; with one it runs in this process.
// `--only web|workers` runs one role. `--no-build` serves build/ as it is, changed sources or not (the
// test suite's servers: one build per run, never a new one under the servers already running).
import cluster from "node:cluster";
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { formatDemoLogins, seedDemo } from "../../prisma/seed/demo";
import { seedReferenceData } from "../../prisma/seed/reference";
import { startWorkers } from "../../workers/main";
import { ensureBuild } from "../server/build";
import { startWebServer } from "../server/web";
import { disconnectDb, getDb } from "../services/db.server";
import { ensureEmbeddedPostgres, type EmbeddedHandle } from "../services/embedded-postgres.server";
import { describePorts, getConfig } from "../services/env.server";
import { applyMigrations } from "../services/migrations.server";
import { encryptLegacyNotes } from "../services/legacy-notes.server";
import { closeRateLimiters } from "../services/auth.server";
import { closeProducer } from "../services/queue.server";
import { closeSearchIndex, getSearchIndex, setupSearch } from "../services/search.server";
import { SearchUnavailableError } from "../services/search/types";
import { markShuttingDown, supervise, surviveConnectionLoss } from "./supervise";

const { values } = parseArgs({
  options: { only: { type: "string" }, dev: { type: "boolean", default: false }, build: { type: "boolean", default: true } },
  allowNegative: true,
});
/** A web process forked by this launcher: the launcher has started the database, migrated, seeded and built. */
const webChild = cluster.isWorker;
const role = webChild ? "web" : values.only === "web" || values.only === "workers" ? values.only : "all";
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

surviveConnectionLoss(log);
const config = getConfig();
const ports = describePorts(config);
if (!webChild) {
  log(`LaborBridge 劳务桥 — ${role === "all" ? "web + workers" : role}`);
  log(`ports: database=${ports.database} queue=${ports.queue} search=${ports.search}`);
}

/** The demo sign-ins, printed once the web server listens (the last thing a first start prints). */
let demoLogins: string | null = null;
let pg: EmbeddedHandle | null = null;
if (config.database.adapter === "embedded-postgres" && !webChild) {
  pg = await ensureEmbeddedPostgres(config.database, log);
  log(`embedded-postgres: ${pg.owned ? "started" : "already running, reused"} (data in ${config.database.dataDir})`);
}

if (role !== "workers" && !webChild) {
  const { applied } = await applyMigrations(config.database.url, { log });
  if (applied.length) log(`migrations applied: ${applied.join(", ")}`);
  // Notes written before they were encrypted: SQL has no key, so the migration left them for this step.
  await encryptLegacyNotes({ log });
  // Meilisearch indexes and settings are applied here, never by web processes (issue 19).
  if (config.search.adapter === "meilisearch") {
    if (!config.search.adminKey && config.search.searchKey) log("search: MEILI_ADMIN_KEY not set here: search:setup skipped (run it in the deploy step)");
    else {
      await setupSearch(config, log).catch((error: unknown) => {
        // A search server that is down must not keep the platform down: pages answer "search
        // unavailable" until it is back. An old server or a refused key stops the start.
        if (!(error instanceof SearchUnavailableError) || error.reason === "forbidden") throw error;
        log(`search: WARNING: ${error.message}; search:setup skipped — run npm run search:setup once it is back`);
      });
    }
    getSearchIndex(); // this process serves the web: its read-only port verifies the settings now, at boot
  }
  await seedReferenceData(getDb(), log);
  if (config.demoSeed === "auto" && (await getDb().user.count()) === 0) {
    log("empty database: loading the demo data set (DEMO_SEED=off to skip)");
    demoLogins = formatDemoLogins(await seedDemo(getDb(), log));
  }
}

const closers: (() => Promise<void>)[] = [];
let child: ChildProcess | null = null;
const webChildren: ChildProcess[] = [];

if (role === "all") {
  // The workers run in their own process; it finds the embedded PostgreSQL running and reuses it.
  // A crashed worker process is started again with backoff (1 s, doubling to 30 s; back to 1 s once
  // it has stayed up a minute): the web server keeps serving meanwhile, and a database or Redis
  // outage that kills the workers must not take the whole platform down with it.
  const restarts = supervise(
    () => spawn(process.execPath, ["--import", "tsx", "app/cli/start.ts", "--only", "workers"], { stdio: "inherit", env: process.env }),
    { log, isStopping: () => stopping, name: "workers" },
  );
  child = restarts.current;
  restarts.onSpawn = (c) => (child = c);
}
if (role === "workers") {
  const handle = await startWorkers(config, log);
  closers.push(handle.close);
} else {
  if (!values.dev && !webChild && values.build) ensureBuild(log);
  const processes = values.dev || webChild ? 1 : config.webConcurrency;
  if (processes === 1) {
    const web = await startWebServer(config, { dev: values.dev, log });
    closers.push(web.close, closeProducer, closeSearchIndex, closeRateLimiters);
  } else {
    // Each web process is supervised like the workers: a crashed one is forked again with backoff
    // while the others keep serving. Sessions and rate limits are in PostgreSQL or Redis, so it
    // does not matter which process answers; each holds its own copy of the embedded search
    // index (ADR 0005).
    cluster.setupPrimary({ exec: import.meta.filename, execArgv: ["--import", "tsx"], args: [] });
    log(`web: ${processes} processes (WEB_CONCURRENCY)`);
    for (let i = 0; i < processes; i++) {
      const restarts = supervise(() => cluster.fork().process, { log, isStopping: () => stopping, name: `web process ${i + 1}` });
      webChildren[i] = restarts.current;
      restarts.onSpawn = (c) => (webChildren[i] = c);
    }
  }
  // The sign-ins come last, once the site answers (forked web processes listen a little later).
  if (demoLogins) {
    if (processes > 1) await answering(`http://127.0.0.1:${config.port}/healthz`);
    console.log(demoLogins);
  }
}

/** Waits until `url` answers at all (at most five minutes). */
async function answering(url: string): Promise<void> {
  const until = Date.now() + 300_000;
  while (Date.now() < until) {
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  markShuttingDown();
  log("stopping…");
  const running = [child, ...webChildren].filter((c): c is ChildProcess => c !== null && c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map((c) => {
      const exited = new Promise((r) => c.once("exit", r));
      c.kill("SIGTERM");
      return exited;
    }),
  );
  for (const close of closers) await close().catch((e) => log(`close: ${String(e)}`));
  await disconnectDb();
  if (pg?.owned) await pg.stop();
  process.exit(code);
}
// The launcher owns the order of shutdown (workers, then web and connections, then its own
// PostgreSQL). embedded-postgres registers an exit hook (async-exit-hook) that on SIGTERM/SIGINT
// stops every cluster and exits with 143/130 — racing the stop below, so a clean stop sometimes
// ended with 143 and the database pulled from under the closing workers. Ours is the only handler.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void stop());
}
