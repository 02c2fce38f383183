import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { databaseUrl, freshSecrets } from "../setup/env";
import { runBundle } from "../setup/web-bundle";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Polls /healthz until it answers 200 (bounded by `timeoutMs`), or the process has died. */
export async function waitForHealthy(baseURL: string, timeoutMs: number, died: () => boolean = () => false): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (died()) throw new Error("the server process exited");
    try {
      const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(5000) });
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return JSON.parse(last.slice(4));
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not healthy after ${timeoutMs} ms: ${last}`);
}

export type Platform = { child: ChildProcess; baseURL: string; output: () => string; stop: () => Promise<void> };

/**
 * `npm start` (app/cli/start.ts with `args`) in production mode with fresh secrets, on the database
 * `dbName` and a free port of 127.0.0.1; `env` adds to or overrides that. What it prints is kept.
 * It serves the run's web bundle as it is (`--no-build`, see ../setup/web-bundle.ts).
 */
export async function spawnPlatform(dbName: string, args: string[], env: Record<string, string>): Promise<Platform> {
  await runBundle();
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "app/cli/start.ts", "--no-build", ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl(dbName),
      PORT: String(port),
      HOST: "127.0.0.1",
      ...freshSecrets(),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += String(d)));
  child.stderr!.on("data", (d) => (output += String(d)));
  return {
    child,
    baseURL: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
