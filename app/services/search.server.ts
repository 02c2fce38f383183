// The search port for this process: Meilisearch when MEILI_URL is set, else the embedded engine
// whose documents live in PostgreSQL (search_document) so the web and worker processes agree.
import pg from "pg";
import { getConfig } from "./env.server";
import { createSearchIndex } from "./search/index.server";
import { PostgresSearchStore } from "./search/postgres-store.server";
import type { SearchIndex } from "./search/types";

const g = globalThis as { __lbSearch?: SearchIndex; __lbSearchPool?: pg.Pool; __lbSearchStore?: PostgresSearchStore };

export function getSearchIndex(): SearchIndex {
  if (g.__lbSearch) return g.__lbSearch;
  const config = getConfig();
  if (config.search.adapter === "meilisearch") {
    g.__lbSearch = createSearchIndex({ meiliUrl: config.search.url, meiliKey: config.search.key });
  } else {
    g.__lbSearchPool = new pg.Pool({ connectionString: config.database.url, max: 3 });
    g.__lbSearchPool.on("error", () => {});
    g.__lbSearchStore = new PostgresSearchStore(g.__lbSearchPool);
    g.__lbSearch = createSearchIndex({ store: g.__lbSearchStore });
  }
  return g.__lbSearch;
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
