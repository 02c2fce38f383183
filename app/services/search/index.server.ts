import { EmbeddedSearchIndex, type EmbeddedSearchStore } from "./embedded.server";
import { MeilisearchSearchIndex } from "./meilisearch.server";
import type { SearchIndex } from "./types";

export * from "./types";
export type { EmbeddedSearchStore } from "./embedded.server";

export interface SearchConfig {
  /** Set: Meilisearch. Absent: the embedded engine. */
  meiliUrl?: string;
  meiliKey?: string;
  /** Embedded engine only: the shared store that keeps web and worker processes in step. */
  store?: EmbeddedSearchStore;
  /** Prefix of every index name (tests, or several deployments on one server). */
  indexPrefix?: string;
  /** Embedded engine only: this process writes snapshots of its built indexes (the workers). */
  writeSnapshots?: boolean;
}

/** Picks the adapter from config (the config module reads the environment, not this one). */
export function createSearchIndex(config: SearchConfig): SearchIndex {
  if (config.meiliUrl) {
    return new MeilisearchSearchIndex({ host: config.meiliUrl, apiKey: config.meiliKey, indexPrefix: config.indexPrefix });
  }
  return new EmbeddedSearchIndex({ store: config.store, indexPrefix: config.indexPrefix, writeSnapshots: config.writeSnapshots });
}
