// The real HTTP host (app/server/web.ts: Express + the production Remix build) in the test's own
// process, on a free port, against the test file's database. For attacks that live in the HTTP
// layer (body caps, headers) rather than in a route.
import fs from "node:fs";
import path from "node:path";
import { ensureBuildAsync } from "~/server/build";
import { startWebServer } from "~/server/web";
import { getConfig, type Config } from "~/services/env.server";
import { freePort } from "../e2e/server";

/** Builds the bundle when stale, one test process at a time (two forks must not build into build/ at once). */
async function buildOnce() {
  const lock = path.resolve(".cache/web-build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(lock, { recursive: true, force: true }); // left by a killed run
      if (Date.now() > deadline) throw new Error("waited 5 minutes for another test's web build");
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await ensureBuildAsync();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export async function startTestWebServer(overrides: Partial<Config> = {}): Promise<{ baseURL: string; close: () => Promise<void> }> {
  await buildOnce();
  const port = await freePort();
  const web = await startWebServer({ ...getConfig(), host: "127.0.0.1", port, ...overrides }, { log: () => {} });
  return { baseURL: `http://127.0.0.1:${port}`, close: web.close };
}
