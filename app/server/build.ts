// The production web bundle (build/): rebuilt when missing or older than any source file under
// app/. Used by `npm start` and by the tests that run the real HTTP host.
import { spawnSync } from "node:child_process";
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

/** Rebuilds the web bundle when it is missing or any source file is newer than it. */
export function ensureBuild(log: (line: string) => void, opts: { quiet?: boolean } = {}): void {
  if (!buildIsStale()) return;
  log("building the web bundle (remix vite:build)…");
  const r = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: opts.quiet ? "pipe" : "inherit", encoding: "utf8" });
  if (r.status !== 0) throw new Error(`web build failed${opts.quiet ? `:\n${r.stdout}\n${r.stderr}` : ""}`);
}
