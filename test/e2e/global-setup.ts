// E2E: one real platform (`npm start`: web + workers, on a fresh clone of the template database,
// with the demo data set seeded as on a first start) shared by the browser tests of this run.
import type { TestProject } from "vitest/node";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { databaseUrl, REDIS_URL } from "../setup/env";
import { ensureTemplate } from "../setup/global-setup";
import { spawnPlatform, waitForHealthy, type Platform } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The e2e server's database, for tests that play a part the platform has not built yet (e.g. matching). */
    databaseUrl: string;
  }
}

let server: Platform | undefined;
let dbName: string | undefined;

export default async function setup(project: TestProject) {
  const template = await ensureTemplate();
  dbName = `lb_test_e2e_${process.pid}`;
  await cloneTemplate(template, dbName);
  server = await spawnPlatform(dbName, [], { REDIS_URL, DEMO_SEED: "auto" });
  const { child, baseURL } = server;
  try {
    await waitForHealthy(baseURL, 240_000, () => child.exitCode !== null);
  } catch (error) {
    throw new Error(`the e2e server did not become healthy: ${String(error)}\n${server.output()}`);
  }
  project.provide("baseURL", baseURL);
  project.provide("databaseUrl", databaseUrl(dbName));
  return teardown;
}

async function teardown() {
  await server?.stop();
  if (dbName) await dropDatabase(dbName);
}
