// The web bundle (build/) every server of a test run serves: the first server of the run builds it
// when its sources changed (app/server/build.ts), and every later one, in any process of the run,
// serves it as it is. A rebuild later in the run would replace build/client's hashed assets under
// the servers already running (the e2e platform's pages then fail to hydrate), e.g. after an edit
// to app/ during a local `npm test`. The first server rather than a global setup decides, so that a
// run without one (a single integration file after an edit) never pays for a build.
//
// A run is what shares LB_TEST_RUN: the global setup below gives vitest's main process one before
// any test process starts (they inherit it); outside vitest (npm run bench) each process is a run.
// Under `vitest --watch` the session is one run: restart it to serve changed sources.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensureBuildAsync } from "~/server/build";

const RUN = "LB_TEST_RUN";
const LOCK = path.resolve(".cache/web-build.lock");
/** The run whose first server has decided on build/ (built it, or found it current). */
const DECIDED = path.resolve(".cache/web-build.run");

/** vitest globalSetup of every project whose tests start a web server (vitest.config.ts). */
export default function setup() {
  process.env[RUN] ??= randomUUID();
}

/** Call before starting a server: builds build/ if this is the run's first server and the bundle is stale; otherwise leaves it alone. */
export async function runBundle(): Promise<void> {
  if (!process.env[RUN]) {
    if (process.env.VITEST) throw new Error("this vitest project starts a web server without test/setup/web-bundle.ts in its globalSetup (vitest.config.ts)");
    process.env[RUN] = randomUUID();
  }
  const run = process.env[RUN];
  await withLock(async () => {
    if (fs.existsSync(DECIDED) && fs.readFileSync(DECIDED, "utf8") === run) return;
    await ensureBuildAsync();
    fs.writeFileSync(DECIDED, run);
  });
}

/** One process at a time (two processes must not build into build/ at once). */
async function withLock(fn: () => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(LOCK, { recursive: true, force: true }); // left by a killed run
      if (Date.now() > deadline) throw new Error("waited 5 minutes for another test's web build");
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
