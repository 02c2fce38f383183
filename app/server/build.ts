// The production web bundle (build/): built by `npm ci` (postinstall, app/cli/build.ts) and again
// by `npm start` or a test only when the sources changed since — judged by a hash of the sources
// written beside the bundle, not by file times (a fresh clone or checkout makes every file look
// new, which cost a first start ~80 s of building it had just done at install).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Everything the bundle is made from, besides node_modules (pinned by the lock file). */
const INPUT_FILES = ["vite.config.ts", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const STAMP = "build/.source-hash";

/** SHA-256 over the paths and contents of app/ (generated code excepted: it follows the schema) and the build's inputs. */
export function sourceHash(root = process.cwd()): string {
  const hash = createHash("sha256");
  const add = (rel: string) =>
    hash
      .update(rel)
      .update("\0")
      .update(fs.readFileSync(path.join(root, rel)))
      .update("\0");
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = path.posix.join(rel, e.name);
      if (e.isDirectory()) {
        if (child !== "app/generated") walk(child);
      } else if (e.isFile()) add(child);
    }
  };
  walk("app");
  for (const f of INPUT_FILES) if (fs.existsSync(path.join(root, f))) add(f);
  return hash.digest("hex");
}

export function buildIsStale(root = process.cwd()): boolean {
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) return true;
  const stamp = path.join(root, STAMP);
  return !fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8").trim() !== sourceHash(root);
}

const BUILD = ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"];
/** Always a production bundle: a build started from a test process (NODE_ENV=test) once gave React's development build (+45 KB brotli), stamped and reused. */
const BUILD_ENV: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" as const };
const stampBuild = (hash: string, root = process.cwd()) => fs.writeFileSync(path.join(root, STAMP), `${hash}\n`);

/** Rebuilds the web bundle when it is missing or its sources changed; says whether it built. */
export function ensureBuild(log: (line: string) => void): boolean {
  if (!buildIsStale()) return false;
  const hash = sourceHash();
  log("building the web bundle (remix vite:build)…");
  const r = spawnSync(process.execPath, BUILD, { stdio: "inherit", env: BUILD_ENV });
  if (r.status !== 0) throw new Error("web build failed");
  stampBuild(hash);
  return true;
}

/** The same without blocking the event loop (for a process that must keep answering meanwhile, e.g. a test worker); output kept for the error. */
export async function ensureBuildAsync(): Promise<void> {
  if (!buildIsStale()) return;
  const hash = sourceHash();
  const child = spawn(process.execPath, BUILD, { stdio: ["ignore", "pipe", "pipe"], env: BUILD_ENV });
  const output: string[] = [];
  child.stdout.on("data", (d) => output.push(String(d)));
  child.stderr.on("data", (d) => output.push(String(d)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`web build failed:\n${output.join("")}`);
  stampBuild(hash);
}
