// The real HTTP host (app/server/web.ts: Express + the production Remix build) in the test's own
// process, on a free port, against the test file's database, serving the run's web bundle as it is
// (./web-bundle.ts). For attacks that live in the HTTP layer (body caps, headers) rather than in a route.
import { startWebServer } from "~/server/web";
import { getConfig, type Config } from "~/services/env.server";
import { freePort } from "../e2e/server";
import { runBundle } from "./web-bundle";

export async function startTestWebServer(overrides: Partial<Config> = {}): Promise<{ baseURL: string; close: () => Promise<void> }> {
  await runBundle();
  const port = await freePort();
  const web = await startWebServer({ ...getConfig(), host: "127.0.0.1", port, ...overrides }, { log: () => {} });
  return { baseURL: `http://127.0.0.1:${port}`, close: web.close };
}
