// The production web bundle (build/): rebuilt when missing or older than any source file under
// app/. Used by `npm start` and by the tests that run the real HTTP host.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export function buildIsStale(root = process.cwd()): boolean {
  const marker = path.join(root, "build/server/index.js");
  const builtAt = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === "generated" ? max : Math.max(max, newest(p));
      return Math.max(max, fs.statSync(p).mtimeMs);
    }, 0);
  return builtAt <= newest(path.join(root, "app"));
}

const BUILD = ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"];

/** Rebuilds the web bundle when it is missing or any source file is newer than it. */
export function ensureBuild(log: (line: string) => void): void {
  if (!buildIsStale()) return;
  log("building the web bundle (remix vite:build)…");
  const r = spawnSync(process.execPath, BUILD, { stdio: "inherit" });
  if (r.status !== 0) throw new Error("web build failed");
}

/** The same without blocking the event loop (for a process that must keep answering meanwhile, e.g. a test worker); output kept for the error. */
export async function ensureBuildAsync(): Promise<void> {
  if (!buildIsStale()) return;
  const child = spawn(process.execPath, BUILD, { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout.on("data", (d) => output.push(String(d)));
  child.stderr.on("data", (d) => output.push(String(d)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`web build failed:\n${output.join("")}`);
}
