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
      for (const file of throughBarrel(target, namedImports(m[0]))) {
        if (opts.serverModules === false && /\.server\.tsx?$/.test(file)) continue;
        stack.push(file);
      }
    }
  }
  return { namespaces, files: [...seen] };
}

/** The names an `import { a, b as c } from …` statement takes (null: all of the module, e.g. `import * as`). */
function namedImports(statement: string): string[] | null {
  const braces = /^(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s*from/.exec(statement);
  if (!braces) return null;
  return braces[1]
    .split(",")
    .map((part) =>
      part
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)[0]
        .trim(),
    )
    .filter(Boolean);
}

const RE_EXPORT = /^export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s+from\s+["']([^"']+)["'];?$/;

/**
 * A feature's public module only re-exports its files (`export * from "./x.server"`): an import of
 * some names from it reaches the files that export those names, not the whole feature, as the
 * bundler's tree-shaking does. Any other module is followed as a whole.
 */
function throughBarrel(file: string, names: string[] | null): string[] {
  if (!names) return [file];
  const lines = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("//"));
  if (!lines.length || !lines.every((l) => RE_EXPORT.test(l))) return [file];
  const reached: string[] = [];
  for (const line of lines) {
    const target = resolveImport(file, RE_EXPORT.exec(line)![1]);
    if (!target) continue;
    const source = fs.readFileSync(target, "utf8");
    if (names.some((name) => exportsName(line, source, name))) reached.push(...throughBarrel(target, names));
  }
  return reached;
}

function exportsName(reExport: string, source: string, name: string): boolean {
  const list = /\{([^}]*)\}/.exec(reExport);
  if (list)
    return list[1].split(",").some(
      (part) =>
        (
          part
            .trim()
            .replace(/^type\s+/, "")
            .split(/\s+as\s+/)[1] ?? part.trim().replace(/^type\s+/, "")
        ).trim() === name,
    );
  const escaped = name.replace(/[$]/g, "\\$");
  return (
    new RegExp(`export\\s+(?:declare\\s+)?(?:async\\s+)?(?:function\\*?|const|let|var|class|type|interface|enum)\\s+${escaped}\\b`).test(source) ||
    new RegExp(`export\\s+(?:type\\s+)?\\{[^}]*\\b${escaped}\\b[^}]*\\}`).test(source)
  );
}
