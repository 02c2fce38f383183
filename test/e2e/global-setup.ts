// E2E: one real platform (`npm start`: web + workers, on a fresh clone of the template database,
// with the demo data set seeded as on a first start) shared by the browser tests of this run.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { databaseUrl, REDIS_URL } from "../setup/env";
import { ensureTemplate } from "../setup/global-setup";
import { freePort, waitForHealthy } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The e2e server's database, for tests that play a part the platform has not built yet (e.g. matching). */
    databaseUrl: string;
  }
}

let server: ChildProcess | undefined;
let dbName: string | undefined;

export default async function setup(project: TestProject) {
  const template = await ensureTemplate();
  dbName = `lb_test_e2e_${process.pid}`;
  await cloneTemplate(template, dbName);
  const port = await freePort();
  const output: string[] = [];
  server = spawn(process.execPath, ["--import", "tsx", "app/cli/start.ts"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl(dbName),
      REDIS_URL,
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: randomBytes(32).toString("hex"),
      PII_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      PII_HMAC_KEY: randomBytes(32).toString("base64"),
      DEMO_SEED: "auto",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => output.push(String(d)));
  server.stderr!.on("data", (d) => output.push(String(d)));
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthy(baseURL, 240_000, () => server!.exitCode !== null);
  } catch (error) {
    throw new Error(`the e2e server did not become healthy: ${String(error)}\n${output.join("")}`);
  }
  project.provide("baseURL", baseURL);
  project.provide("databaseUrl", databaseUrl(dbName));
  return teardown;
}

async function teardown() {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  if (dbName) await dropDatabase(dbName);
}
