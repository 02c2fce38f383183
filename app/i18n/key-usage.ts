// Which namespaces a module's code can name, found by reading the source: a string or template
// literal that starts with a namespace's prefix ("reg.title", `workerStatus.${s}`), in the module
// and in every app module it imports, transitively. Used by the tests that hold each route's
// `handle.i18n` to what its page can show (namespaces.test.ts). Node only (reads files).
import fs from "node:fs";
import path from "node:path";
import { type Namespace, NAMESPACES } from "./namespaces";
import zhCommon from "./locales/zh-CN/common.json";

const APP = path.resolve(import.meta.dirname, "..");
const COMMON_KEYS = new Set(Object.keys(zhCommon));

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (/\.(tsx?)$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
const KEY = /["'`]([A-Za-z]+)\.[A-Za-z_$]/g;

/** Namespaces named in one file's own source. */
export function namespacesInSource(source: string): Set<Namespace> {
  const found = new Set<Namespace>();
  for (const m of source.matchAll(KEY)) {
    const first = m[1];
    if (COMMON_KEYS.has(first)) found.add("common");
    else if ((NAMESPACES as readonly string[]).includes(first)) found.add(first as Namespace);
  }
  return found;
}

/**
 * Namespaces a module and its app imports can name; type-only imports carry no strings and are
 * skipped. Server modules count by default (an action answers with keys its page shows); the
 * root's loader returns none, so its check leaves them out.
 */
export function namespacesReachable(file: string, opts: { serverModules?: boolean } = {}): { namespaces: Set<Namespace>; files: string[] } {
  const seen = new Set<string>();
  const namespaces = new Set<Namespace>();
  const stack = [path.resolve(file)];
  while (stack.length) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    const source = fs.readFileSync(current, "utf8");
    for (const ns of namespacesInSource(source)) namespaces.add(ns);
    for (const m of source.matchAll(IMPORT)) {
      if (/^(?:import|export)\s+type\s/.test(m[0])) continue;
      const target = resolveImport(current, m[1] ?? m[2]);
      if (!target || target.includes(`${path.sep}generated${path.sep}`)) continue;
      if (opts.serverModules === false && /\.server\.tsx?$/.test(target)) continue;
      stack.push(target);
    }
  }
  return { namespaces, files: [...seen] };
}
