// The translation files: en has exactly zh-CN's keys with the same {{placeholders}}, every string
// is a string; and each page declares every namespace its code can name (a missing one would show
// a raw key after a client-side navigation, or on the first paint of that page).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundledLocales } from "./all-locales";
import { getI18n, pickNamespaces } from "./i18n";
import { namespacesInSource, namespacesReachable } from "./key-usage";
import { mergeBundles, NAMESPACES, pageNamespaces, ROOT_NAMESPACES } from "./namespaces";

const LOCALES_DIR = path.join(import.meta.dirname, "locales");
const readJson = (lng: string, ns: string) => JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, lng, `${ns}.json`), "utf8")) as Record<string, unknown>;

function flatten(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
  return out;
}
const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();

describe("translation files", () => {
  it("hold one JSON file per namespace and language, nothing else", () => {
    for (const lng of ["zh-CN", "en"]) {
      expect(fs.readdirSync(path.join(LOCALES_DIR, lng)).sort()).toEqual(NAMESPACES.map((ns) => `${ns}.json`).sort());
    }
  });

  for (const ns of NAMESPACES) {
    it(`${ns}: en has exactly zh-CN's keys, each a non-empty string with the same {{placeholders}}`, () => {
      const zh = flatten(readJson("zh-CN", ns));
      const en = flatten(readJson("en", ns));
      expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
      for (const [key, text] of zh) {
        expect(typeof text, `zh-CN ${ns}:${key}`).toBe("string");
        expect(typeof en.get(key), `en ${ns}:${key}`).toBe("string");
        expect((en.get(key) as string).length, `en ${ns}:${key}`).toBeGreaterThan(0);
        expect(placeholders(en.get(key)), `${ns}:${key}`).toEqual(placeholders(text));
      }
    });
  }

  it("are what the server holds, and common's keys name no other namespace (t('reg.x') has one meaning)", () => {
    expect(bundledLocales["zh-CN"]?.reg).toEqual(readJson("zh-CN", "reg"));
    const commonKeys = Object.keys(readJson("zh-CN", "common"));
    expect(commonKeys.filter((k) => (NAMESPACES as readonly string[]).includes(k) && k !== "common")).toEqual([]);
    expect(getI18n("en").t("reg.title")).toBe((readJson("en", "reg") as { title: string }).title);
    expect(getI18n("zh-CN").t("app.name")).toBe("劳务桥");
  });
});

describe("per page strings", () => {
  it("a page's namespaces are the root's plus what its matched routes declare", () => {
    expect(pageNamespaces([{ handle: undefined }, { handle: { i18n: ["reg", "nope"] } }])).toEqual(["common", "login", "reg", "search"]);
    const picked = pickNamespaces("en", pageNamespaces([{ handle: { i18n: ["reg"] } }]));
    expect(Object.keys(picked).sort()).toEqual(["common", "login", "reg", "search"]);
    expect(mergeBundles(picked)).toMatchObject({ app: { name: "LaborBridge" }, reg: { title: expect.any(String) } });
  });

  it("finds the namespaces a source names", () => {
    expect([...namespacesInSource('t("reg.title"); t(`workerStatus.${s}`); "emp.x"; "nothing"; `training.a`')].sort()).toEqual([
      "common",
      "emp",
      "reg",
      "training",
    ]);
  });

  const routesFile = fs.readFileSync(path.join(import.meta.dirname, "../routes.ts"), "utf8");
  const pages = [...new Set([...routesFile.matchAll(/"(routes\/[^"]+\.tsx)"/g)].map((m) => m[1]))];

  it("the root declares what the shell and the root error page name", () => {
    const { namespaces } = namespacesReachable(path.join(import.meta.dirname, "../root.tsx"), { serverModules: false });
    expect([...namespaces].filter((ns) => !ROOT_NAMESPACES.includes(ns))).toEqual([]);
  });

  it.each(pages)("%s declares every namespace its code (and what it imports) can name", (page) => {
    const file = path.join(import.meta.dirname, "..", page);
    const declared = fs.readFileSync(file, "utf8").match(/export const handle: RouteStrings = \{\s*i18n: \[([^\]]*)\],?\s*\}/);
    expect(declared, `${page} has no handle.i18n`).not.toBeNull();
    const list = [...declared![1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
    const { namespaces } = namespacesReachable(file);
    const missing = [...namespaces].filter((ns) => !list.includes(ns) && !ROOT_NAMESPACES.includes(ns));
    expect(missing, page).toEqual([]);
  });

  it("follows a feature's public module only into the files that export what is imported", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-barrel-"));
    try {
      fs.writeFileSync(path.join(dir, "page.ts"), 'import { a } from "./index";\nexport const page = a;\n');
      fs.writeFileSync(path.join(dir, "index.ts"), '// the public module\nexport * from "./a";\nexport * from "./b";\n');
      fs.writeFileSync(path.join(dir, "a.ts"), 'export const a = "reg.title";\n');
      fs.writeFileSync(path.join(dir, "b.ts"), 'export const b = "emp.conflict";\n');
      fs.writeFileSync(path.join(dir, "all.ts"), 'import * as all from "./index";\nexport const x = all;\n');
      expect([...namespacesReachable(path.join(dir, "page.ts")).namespaces]).toEqual(["reg"]);
      expect([...namespacesReachable(path.join(dir, "all.ts")).namespaces].sort()).toEqual(["emp", "reg"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("/register carries only its own strings: not the employer, training or subsidy areas", () => {
    const source = fs.readFileSync(path.join(import.meta.dirname, "../routes/register.tsx"), "utf8");
    expect(source).toContain('export const handle: RouteStrings = { i18n: ["reg"] }');
  });
});
