import type { IndexSchema, SearchDocument, SearchResult, ValidatedQuery } from "./types";

/**
 * Shared, durable copy of the embedded engine's documents plus an ordered change feed.
 *
 * The web and worker processes each hold their own in-memory engine; this store is how they
 * agree. Every write goes to the store first and then to local memory; each process applies the
 * others' writes by reading `changesSince` (see EmbeddedSearchIndex). Index names here are the
 * physical names (prefix included).
 *
 * Contract an implementation must keep:
 * - Change cursors (`seq`) grow with commit order: once a change with cursor c is readable,
 *   every change with a smaller cursor is readable too, so a reader never skips a late commit.
 * - A row holds the latest state of a document, so `changesSince` returns each changed document
 *   once with its latest state (and cursor).
 * - `swap` and `drop` move or delete rows without a per-document change; they emit one `reset`
 *   change per affected index instead, and a reader reloads such an index with `loadAll`.
 */
export interface StoredDocument {
  doc: SearchDocument;
  seq: number;
}

export type StoreChange =
  | { kind: "put"; index: string; doc: SearchDocument; seq: number }
  | { kind: "remove"; index: string; id: string; seq: number }
  /** The index was swapped or dropped as a whole: reload it. */
  | { kind: "reset"; index: string; seq: number };

export interface EmbeddedSearchStore {
  /**
   * Streams the documents of one index, in batches, from one consistent snapshot, and resolves
   * to that snapshot's cursor (every change up to it is in the snapshot, none after it). With
   * `fields`, documents carry only those fields (and their id): a narrow projection.
   */
  loadAll(index: string, onBatch: (docs: StoredDocument[]) => void, fields?: readonly string[]): Promise<number>;
  /**
   * Upserts (ids are unique within a call) and resolves to each id's new cursor. `tokens`, aligned
   * with `docs`, are each document's text tokens, kept for `search`.
   */
  put(index: string, docs: readonly SearchDocument[], tokens?: readonly (readonly string[])[]): Promise<ReadonlyMap<string, number>>;
  /** Records deletions; unknown ids are ignored. */
  remove(index: string, ids: readonly string[]): Promise<void>;
  /**
   * Changes with a cursor above `cursor`, oldest first, at most `limit`; `cursor` is the last one
   * returned. With `index`, only that index's changes (catching up after a snapshot).
   */
  changesSince(cursor: number, limit: number, index?: string): Promise<{ cursor: number; changes: StoreChange[] }>;
  /** Exchanges the documents of two indexes atomically; resolves to the cursor of the reset changes. */
  swap(a: string, b: string): Promise<number>;
  /** Deletes an index's documents; resolves to the cursor of its reset change. */
  drop(index: string): Promise<number>;
  /**
   * Optional: answers a query from the store itself (exact, slower), used for selective queries
   * while a process's engine is still loading. `tokens` are the query's text tokens.
   */
  search?(
    index: string,
    schema: IndexSchema,
    query: ValidatedQuery,
    tokens: readonly string[],
  ): Promise<{ ids: string[]; total: number; facets: SearchResult["facets"] }>;
  /**
   * Optional: the latest persisted snapshot of an index's built engine (CompactIndex.snapshot)
   * and the cursor it reflects, or undefined when there is none or it can no longer be trusted:
   * the index was swapped or dropped after it, or tombstones newer than it were purged. A reader
   * restores it and then applies `changesSince(seq, …, index)`.
   */
  loadSnapshot?(index: string): Promise<{ seq: number; bytes: Buffer } | undefined>;
  /** Optional: stores a snapshot unless one at the same or a later cursor is already there; true when stored. */
  saveSnapshot?(index: string, seq: number, bytes: Uint8Array): Promise<boolean>;
  ping(): Promise<boolean>;
}
