// The search port for this process: Meilisearch when MEILI_URL is set, else the embedded engine
// whose documents live in PostgreSQL (search_document) so the web and worker processes agree.
import pg from "pg";
import { SEARCH_UNAVAILABLE } from "~/domain/search";
import type { ApiError } from "./api/api.server";
import { getConfig, type Config } from "./env.server";
import { createSearchIndex } from "./search/index.server";
import { MeilisearchSearchIndex } from "./search/meilisearch.server";
import { PostgresSearchStore } from "./search/postgres-store.server";
import { BASE_INDEX_NAMES, INDEX_SCHEMAS, SearchUnavailableError, type SearchIndex, type SearchIndexName, type IndexSchema } from "./search/types";

/**
 * What this process does with Meilisearch (the embedded engine ignores it):
 * - "web" (default): searches only, with MEILI_SEARCH_KEY and a short timeout; never creates an
 *   index or changes settings; verifies the settings read-only when the port is first opened.
 * - "write": workers and search:reindex, with MEILI_ADMIN_KEY.
 * - "read": search:check, with MEILI_ADMIN_KEY (it reads documents and tasks) but never writes.
 */
export type SearchRole = "web" | "write" | "read";

const g = globalThis as {
  __lbSearch?: SearchIndex;
  __lbSearchPool?: pg.Pool;
  __lbSearchStore?: PostgresSearchStore;
  __lbSearchRole?: SearchRole;
  __lbSearchWarned?: boolean;
};

/** Call before the first getSearchIndex() in workers and commands. */
export function setSearchRole(role: SearchRole): void {
  if (g.__lbSearch && g.__lbSearchRole !== role && getConfig().search.adapter === "meilisearch") {
    throw new Error(`the search port is already open as "${g.__lbSearchRole ?? "web"}"`);
  }
  g.__lbSearchRole = role;
}

function warnDeprecated(config: Config, log: (line: string) => void) {
  if (config.search.adapter !== "meilisearch" || !config.search.deprecation || g.__lbSearchWarned) return;
  g.__lbSearchWarned = true;
  log(`WARNING: ${config.search.deprecation}`);
}

/** A Meilisearch adapter for a role (the process-wide one, or setup's own). */
export function meilisearchFor(config: Config, role: SearchRole | "setup", log: (line: string) => void = console.warn): MeilisearchSearchIndex {
  if (config.search.adapter !== "meilisearch") throw new Error("MEILI_URL is not set");
  warnDeprecated(config, log);
  const web = role === "web";
  return new MeilisearchSearchIndex({
    host: config.search.url,
    apiKey: web ? config.search.searchKey : config.search.adminKey,
    manageIndexes: role === "write" || role === "setup",
    requestTimeoutMs: web ? config.search.searchTimeoutMs : 60_000,
    log,
  });
}

const baseSchemas = () => new Map<SearchIndexName, IndexSchema>(BASE_INDEX_NAMES.map((name) => [name, INDEX_SCHEMAS[name]]));

export function getSearchIndex(): SearchIndex {
  if (g.__lbSearch) return g.__lbSearch;
  const config = getConfig();
  if (config.search.adapter === "meilisearch") {
    const role = g.__lbSearchRole ?? "web";
    const index = meilisearchFor(config, role);
    g.__lbSearch = index;
    if (role === "web") void verifyAtBoot(index);
  } else {
    g.__lbSearchPool = new pg.Pool({ connectionString: config.database.url, max: 3 });
    g.__lbSearchPool.on("error", () => {});
    g.__lbSearchStore = new PostgresSearchStore(g.__lbSearchPool);
    // The workers ("write") persist snapshots of the built index; web processes restore them on start.
    g.__lbSearch = createSearchIndex({ store: g.__lbSearchStore, writeSnapshots: g.__lbSearchRole === "write" });
  }
  return g.__lbSearch;
}

/**
 * Web processes: record the schemas (no request) and compare the server's settings with them,
 * read-only; a mismatch is logged loudly (search:setup was not run for this release), never fixed here.
 */
async function verifyAtBoot(index: MeilisearchSearchIndex): Promise<void> {
  // Started together so all are recorded before the first health check's ping (no request is made).
  await Promise.all([...baseSchemas()].map(([name, schema]) => index.ensureIndex(name, schema)));
  const problems = await index.verify(baseSchemas()).catch((error: Error) => [{ index: "*", problem: "unreadable", detail: error.message }]);
  for (const p of problems) console.warn(`WARNING: search index ${p.index}: ${p.problem}: ${p.detail}`);
}

/**
 * The deploy step (npm run search:setup; npm start's migrate phase): refuses a server older than
 * the minimum, creates missing indexes, applies settings where they differ (waiting for the tasks
 * to end), then verifies them. Uses MEILI_ADMIN_KEY.
 */
export async function setupSearch(config: Config = getConfig(), log: (line: string) => void = console.log): Promise<{ version: string; indexes: string[] }> {
  const index = meilisearchFor(config, "setup", log);
  try {
    const version = await index.checkVersion();
    log(`search: Meilisearch ${version} at ${config.search.adapter === "meilisearch" ? config.search.url : ""}`);
    for (const [name, schema] of baseSchemas()) await index.ensureIndex(name, schema);
    const problems = await index.verify(baseSchemas());
    if (problems.length > 0) throw new Error(`search settings did not take: ${problems.map((p) => `${p.index}: ${p.detail}`).join("; ")}`);
    return { version, indexes: [...BASE_INDEX_NAMES] };
  } finally {
    await index.close();
  }
}

/**
 * Runs a search for a page or API call: if the search server is down, hung or refuses our key,
 * the request answers 503 "search unavailable" (JSON body; pages show it in their error boundary).
 */
export async function orSearchUnavailable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SearchUnavailableError) {
      console.warn(`search unavailable (${error.reason}): ${error.message}`);
      const body: ApiError = { error: { code: SEARCH_UNAVAILABLE, message: "Search is unavailable right now; try again in a minute" } };
      throw Response.json(body, { status: 503, headers: { "Retry-After": "30", "Cache-Control": "no-store" } });
    }
    throw error;
  }
}

export async function closeSearchIndex(): Promise<void> {
  await g.__lbSearch?.close();
  await g.__lbSearchPool?.end();
  g.__lbSearch = undefined;
  g.__lbSearchPool = undefined;
  g.__lbSearchStore = undefined;
}

/** Deletes embedded-engine tombstones older than `olderThanMs` (Meilisearch keeps none: 0). */
export async function purgeSearchTombstones(olderThanMs: number): Promise<number> {
  getSearchIndex();
  return g.__lbSearchStore ? g.__lbSearchStore.purgeTombstones(olderThanMs) : 0;
}
