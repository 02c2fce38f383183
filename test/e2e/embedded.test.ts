// The promise of `npm ci && npm start`: with no service configured, the platform starts its own
// PostgreSQL under DATA_DIR, queues on BullMQ's PostgreSQL backend, searches in process, seeds the
// demo, runs the workers, stops cleanly, and a second start reuses the data.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runBundle } from "../setup/web-bundle";
import { freePort, waitForHealthy } from "./server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-embedded-"));
let proc: ChildProcess | undefined;
let output = "";

async function start(webPort: number, pgPort: number) {
  output = "";
  // A clean environment: no DATABASE_URL, REDIS_URL or MEILI_URL. The run's web bundle as it is (../setup/web-bundle.ts).
  await runBundle();
  const child = spawn(process.execPath, ["--import", "tsx", "app/cli/start.ts", "--no-build"], {
    env: {
      NODE_ENV: "development",
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      PORT: String(webPort),
      HOST: "127.0.0.1",
      EMBEDDED_PG_PORT: String(pgPort),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc = child;
  child.stdout!.on("data", (d) => (output += String(d)));
  child.stderr!.on("data", (d) => (output += String(d)));
  const baseURL = `http://127.0.0.1:${webPort}`;
  try {
    return { baseURL, health: await waitForHealthy(baseURL, 240_000, () => child.exitCode !== null) };
  } catch (e) {
    throw new Error(`${String(e)}\n${output}`);
  }
}

async function stop(): Promise<number | null> {
  if (!proc || proc.exitCode !== null) return proc?.exitCode ?? null;
  proc.kill("SIGTERM");
  return new Promise((r) => proc!.once("exit", (code) => r(code)));
}

afterAll(async () => {
  await stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded mode (no services configured)", () => {
  it("boots, reports the embedded adapters, runs the workers, stops, and restarts on the same data", async () => {
    const webPort = await freePort();
    const pgPort = await freePort();
    const first = await start(webPort, pgPort);
    expect(first.health).toEqual({
      ok: true,
      ports: {
        database: { adapter: "embedded-postgres", ok: true },
        queue: { adapter: "bullmq-postgres", ok: true },
        search: { adapter: "embedded", ok: true },
      },
    });
    // The sign-ins are printed last, once the launcher sees the site answer (it polls /healthz too).
    await expect.poll(() => output, { timeout: 10_000 }).toContain("Demo sign-ins");
    expect(fs.existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true);
    const home = await (await fetch(first.baseURL)).text();
    expect(home).toContain('lang="zh-CN"');

    // The worker process relays the demo's outbox into search-index jobs on the PostgreSQL-backed
    // queue and indexes the documents: proof that web, queue and workers are wired end to end.
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
    expect(Buffer.from(secrets.piiKey, "base64")).toHaveLength(32);
    const client = new pg.Client({ connectionString: `postgresql://postgres:laborbridge-local@127.0.0.1:${pgPort}/laborbridge` });
    await client.connect();
    try {
      await expect
        .poll(async () => Number((await client.query(`SELECT count(*) FROM search_document WHERE index_name = 'workers'`)).rows[0].count), {
          timeout: 120_000,
          interval: 1000,
        })
        .toBeGreaterThan(100);
    } finally {
      await client.end();
    }

    expect(await stop()).toBe(0);
    // PostgreSQL was ours and stopped with us.
    await expect(new pg.Client({ connectionString: `postgresql://postgres:laborbridge-local@127.0.0.1:${pgPort}/postgres` }).connect()).rejects.toThrow();

    const second = await start(webPort, pgPort);
    expect((second.health as { ok: boolean }).ok).toBe(true);
    expect(output).not.toContain("Demo sign-ins");
    expect(output).not.toContain("initialising a new cluster");
    expect(await stop()).toBe(0);
  });
});
