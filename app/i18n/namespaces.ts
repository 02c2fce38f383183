// The namespaces of app/i18n/locales/<language>/<namespace>.json (zh-CN is the source; en mirrors it).
// A t() key's first segment names its namespace (reg.title is in reg.json); the keys of
// common.json (app, nav, roles, common, errors, …) sit at the top level instead. Written by hand:
// a new namespace is a pair of JSON files plus a line here, in all-locales.ts and in messages.ts.
export const NAMESPACES = [
  "common",
  "home",
  "login",
  "admin",
  "coordinator",
  "provider",
  "employer",
  "me",
  "training",
  "reg",
  "import",
  "emp",
  "out",
  "matching",
  "plans",
  "search",
  "ref",
  "subsidy",
  "desk",
  "lists",
  "ops",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/**
 * What every page gets (root.tsx declares them): the shell's strings, the failed sign-ins notice
 * (login) and the search outage text of the root error page.
 */
export const ROOT_NAMESPACES: readonly Namespace[] = ["common", "login", "search"];

/** The id of the inline JSON that carries a page's strings to the browser (root.tsx writes it, entry.client.tsx reads it). */
export const I18N_SCRIPT_ID = "lb-i18n";

export type Bundles = Partial<Record<Namespace, Record<string, unknown>>>;

export function isNamespace(v: unknown): v is Namespace {
  return typeof v === "string" && (NAMESPACES as readonly string[]).includes(v);
}

/** The one resource object t() reads: common's keys at the top, every other namespace under its name. */
export function mergeBundles(bundles: Bundles): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [ns, strings] of Object.entries(bundles)) {
    if (ns === "common") Object.assign(merged, strings);
    else merged[ns] = strings;
  }
  return merged;
}

/**
 * The namespaces a page needs: the root's plus what each matched route declares in
 * `export const handle = { i18n: [...] }`, in a fixed order (the document's inline JSON is stable).
 */
export function pageNamespaces(matches: readonly { handle?: unknown }[]): Namespace[] {
  const wanted = new Set<string>(ROOT_NAMESPACES);
  for (const m of matches) {
    const list = (m.handle as { i18n?: unknown } | undefined)?.i18n;
    if (Array.isArray(list)) for (const ns of list) if (isNamespace(ns)) wanted.add(ns);
  }
  return NAMESPACES.filter((ns) => wanted.has(ns));
}

/** A route's `handle`: the namespaces its page shows beyond the root's. */
export type RouteStrings = { i18n: readonly Namespace[] };
