// The layout's rules (docs/decisions/0006-feature-folders.md), checked by reading every import under
// app/ (and workers/): a feature is used from outside only through its public modules
// (app/features/<F>/index.ts for what the browser may load, index.server.ts for server code); the
// browser module re-exports nothing from a *.server file; app/domain stays pure (no Prisma, Remix,
// services, features, platform adapters or Node built-ins beyond what its tests read).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const SPEC = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"'\s,]+)["']/g;

function* walk(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "generated" || e.name === "node_modules") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (/\.(ts|tsx|mjs|js)$/.test(e.name) && !e.name.endsWith(".d.ts")) yield p;
  }
}

const rel = (abs: string) => path.relative(ROOT, abs).split(path.sep).join("/");
export const featureOf = (file: string) => /^app\/features\/([^/]+)\//.exec(file)?.[1] ?? null;
const PUBLIC = /^app\/features\/[^/]+(\/index(\.server)?(\.tsx?)?)?$/;

/** The repo-relative path an app-internal specifier names (no extension resolution), or null for packages. */
export function target(file: string, spec: string): string | null {
  if (spec.startsWith("~/")) return `app/${spec.slice(2)}`;
  if (spec.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  return null;
}

/** Imports of another feature's internals: "file → specifier" for each offence. */
export function boundaryViolations(files: { file: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    for (const [, spec] of text.matchAll(SPEC)) {
      const t = target(file, spec);
      if (!t) continue;
      const f = featureOf(`${t}/`);
      if (!f || f === featureOf(file)) continue;
      if (!PUBLIC.test(t) && !/\.(css|json|svg|png)$/.test(t)) out.push(`${file} → ${spec}`);
    }
  }
  return out;
}

/** Public browser modules that re-export a *.server file. */
export function serverInBrowserModule(files: { file: string; text: string }[]): string[] {
  return files
    .filter(({ file }) => /^app\/features\/[^/]+\/index\.tsx?$/.test(file))
    .flatMap(({ file, text }) => [...text.matchAll(SPEC)].filter(([, s]) => /\.server(\.tsx?)?$/.test(s)).map(([, s]) => `${file} → ${s}`));
}

const DOMAIN_PACKAGES = new Set(["zod", "vitest", "fast-check", "node:fs", "node:path", "node:url"]);
/**
 * app/domain files importing anything but domain code, ~/platform/china-time and a few pure packages
 * (the test packages in tests and their *.test-support.ts helpers only).
 */
export function impureDomain(files: { file: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    if (!file.startsWith("app/domain/")) continue;
    for (const [, spec] of text.matchAll(SPEC)) {
      const t = target(file, spec);
      const forTests = /\.test(-support)?\.ts$/.test(file);
      const ok = t
        ? // a test helper (*.test-support, which may import fast-check) is for tests and other helpers only
          (t.startsWith("app/domain/") && (forTests || !/\.test-support$/.test(t))) || t === "app/platform/china-time"
        : DOMAIN_PACKAGES.has(spec) && (spec === "zod" || forTests);
      if (!ok) out.push(`${file} → ${spec}`);
    }
  }
  return out;
}

const tree = [...walk(path.join(ROOT, "app")), ...walk(path.join(ROOT, "workers"))].map((abs) => ({ file: rel(abs), text: fs.readFileSync(abs, "utf8") }));

describe("feature boundaries", () => {
  it("finds the tree and the features", () => {
    const features = new Set(tree.map(({ file }) => featureOf(file)).filter(Boolean));
    expect([...features].sort()).toEqual(["employers", "imports", "matching", "placements", "plans", "registration", "search", "subsidies", "training"]);
  });

  it("no file imports another feature's internals except through its public module", () => {
    expect(boundaryViolations(tree)).toEqual([]);
  });

  it("a feature's browser module re-exports no *.server file", () => {
    expect(serverInBrowserModule(tree)).toEqual([]);
  });

  it("app/domain stays pure", () => {
    expect(impureDomain(tree)).toEqual([]);
  });

  it("the checks catch what they are for", () => {
    // Built from specifiers so that the import rewriter (and this test's own scan) never takes them for imports.
    const imp = (...specs: string[]) => specs.map((s) => `import { x } from ${JSON.stringify(s)};`).join("\n");
    const exp = (...specs: string[]) => specs.map((s) => `export * from ${JSON.stringify(s)};`).join("\n");
    const bad = [
      { file: "app/routes/coordinator/plans.tsx", text: imp("~/features/plans/plans.server", "~/features/plans/index.server") },
      { file: "app/features/matching/fairness.server.ts", text: imp("../plans/schema", "./matching.server", "~/features/plans") },
      { file: "workers/registry.ts", text: imp("../app/features/matching/matching.server") },
      { file: "app/features/plans/index.ts", text: exp("./schema", "./plans.server") },
      { file: "app/domain/plans.ts", text: imp("~/services/db.server", "@prisma/client", "zod") },
      { file: "app/domain/matching/rank.ts", text: imp("fast-check") },
      { file: "app/domain/matching/arbitraries.test-support.ts", text: imp("fast-check") },
      { file: "app/domain/matching/columns.ts", text: imp("./arbitraries.test-support") },
      { file: "app/domain/matching/columns.test.ts", text: imp("./arbitraries.test-support") },
    ];
    expect(boundaryViolations(bad)).toEqual([
      "app/routes/coordinator/plans.tsx → ~/features/plans/plans.server",
      "app/features/matching/fairness.server.ts → ../plans/schema",
      "workers/registry.ts → ../app/features/matching/matching.server",
    ]);
    expect(serverInBrowserModule(bad)).toEqual(["app/features/plans/index.ts → ./plans.server"]);
    expect(impureDomain(bad)).toEqual([
      "app/domain/plans.ts → ~/services/db.server",
      "app/domain/plans.ts → @prisma/client",
      "app/domain/matching/rank.ts → fast-check",
      "app/domain/matching/columns.ts → ./arbitraries.test-support",
    ]);
  });
});
