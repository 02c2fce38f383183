import { queryTokens } from "./chinese";
import { CompactIndex, documentTokens } from "./compact-index";
import type { EmbeddedSearchStore, StoreChange } from "./embedded-store.server";
import {
  INDEX_UID,
  InvalidIndexSchemaError,
  SearchIndexNotFoundError,
  assertNever,
  assertValidSchema,
  sameSchema,
  validateDocuments,
  validateQuery,
  type IndexSchema,
  type SearchDocument,
  type SearchIndex,
  type SearchIndexName,
  type SearchQuery,
  type SearchResult,
} from "./types";

export type { EmbeddedSearchStore } from "./embedded-store.server";

/**
 * The embedded search engine: a CompactIndex per index (./compact-index: roaring bitmaps for
 * text postings and keyed fields, typed arrays for numbers, exact facet counts), kept in step
 * across processes through an EmbeddedSearchStore (ADR 0002, ADR 0005).
 *
 * Documents are not kept: bitmaps hold the tokens and values, typed arrays the numbers, and
 * hits are ids (pages load rows from the database).
 */
export interface EmbeddedSearchOptions {
  /** Shared store for multi-process use; without it the engine is purely in memory. */
  store?: EmbeddedSearchStore;
  /** Prefix of the store's index names, to let several apps or tests share one store. */
  indexPrefix?: string;
  /** How often to read other processes' writes from the store (and the staleness a search tolerates). */
  pollIntervalMs?: number;
  /**
   * Where searches are answered: "engine" (default; the store only while the engine warms) or
   * "store" (always the store's own search: tests and diagnostics of the warming path).
   */
  searchFrom?: "engine" | "store";
  /**
   * Write snapshots of the built indexes to the store (the workers do; web processes only read
   * them). `true` uses the defaults below; tests pass shorter times.
   */
  writeSnapshots?: boolean | SnapshotPolicy;
}

export interface SnapshotPolicy {
  /** An index changed since its last snapshot gets a new one once it has had no change for this long… */
  settleMs: number;
  /** …or, if it never settles, once its last snapshot is this old. */
  maxAgeMs: number;
  /** Never two snapshots of one index closer than this (a snapshot at 1M is ~100 MB and ~1 s of CPU). */
  minIntervalMs: number;
}

const DEFAULT_SNAPSHOT_POLICY: SnapshotPolicy = { settleMs: 10_000, maxAgeMs: 15 * 60_000, minIntervalMs: 5 * 60_000 };
const DEFAULT_POLL_MS = 500;
const CHANGE_BATCH = 1000;

// ---------------------------------------------------------------------------------------------

export class EmbeddedSearchIndex implements SearchIndex {
  readonly adapter = "embedded" as const;
  private readonly indexes = new Map<SearchIndexName, CompactIndex>();
  /** Indexes still loading from the store (first load in this process): not answered from memory yet. */
  private readonly loading = new Map<SearchIndexName, { schema: IndexSchema; ready: Promise<void>; failed?: boolean }>();
  private readonly searchFrom: "engine" | "store";
  private readonly store: EmbeddedSearchStore | undefined;
  private readonly prefix: string;
  private readonly pollMs: number;
  /** Store cursor up to which other processes' changes have been applied; set by the first hydration. */
  private cursor: number | undefined;
  private lastSyncAt = 0;
  private syncing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Serialises every mutation of memory that involves the store (own writes and applying changes). */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly snapshotPolicy: SnapshotPolicy | undefined;
  /** Per index: what the snapshot in the store reflects and when this process last changed it. */
  private readonly snapshots = new Map<SearchIndexName, { dirty: boolean; changedAt: number; writtenAt: number }>();
  private snapshotting: Promise<unknown> | undefined;

  constructor(options: EmbeddedSearchOptions = {}) {
    this.store = options.store;
    this.prefix = options.indexPrefix ?? "";
    this.pollMs = options.pollIntervalMs ?? DEFAULT_POLL_MS;
    this.searchFrom = options.searchFrom ?? "engine";
    const write = options.writeSnapshots;
    this.snapshotPolicy = write === true ? DEFAULT_SNAPSHOT_POLICY : write ? write : undefined;
    if (this.prefix && !INDEX_UID.test(this.prefix)) throw new Error(`illegal index prefix "${this.prefix}"`);
  }

  /**
   * With a store, an index this process does not hold yet starts loading in the background and
   * this resolves at once: until it is loaded ("warming"), searches with text go to the store
   * (GIN over tokens) and everything else waits for the load. Never a half-loaded answer.
   */
  async ensureIndex(name: SearchIndexName, schema: IndexSchema): Promise<void> {
    assertIndexName(name);
    assertValidSchema(schema);
    const loading = this.loading.get(name);
    if (loading && sameSchema(loading.schema, schema)) return;
    if (this.store && !loading && !this.indexes.has(name)) {
      this.startLoading(name, schema);
      return;
    }
    await loading?.ready.catch(() => undefined);
    await this.exclusive(async () => {
      const existing = this.indexes.get(name);
      if (existing && sameSchema(existing.schema, schema)) return;
      if (!this.store) {
        if (existing && existing.size > 0) {
          throw new InvalidIndexSchemaError(`index "${name}" holds documents under another schema; rebuild it`);
        }
        this.indexes.set(name, new CompactIndex(schema));
        return;
      }
      await this.hydrate(name, schema);
      this.startPolling();
    });
  }

  async upsert(name: SearchIndexName, docs: readonly SearchDocument[]): Promise<void> {
    const schema = this.schemaOf(name);
    const valid = validateDocuments(schema, docs);
    if (valid.length === 0) return;
    await this.loaded(name);
    await this.exclusive(async () => {
      const tokens = this.store ? valid.map((doc) => documentTokens(schema, doc)) : undefined;
      const seqs = this.store ? await this.store.put(this.storeName(name), valid, tokens) : undefined;
      const data = this.data(name);
      for (const doc of valid) data.put(doc, seqs?.get(doc.id) ?? 0);
      this.changed(name);
    });
  }

  async remove(name: SearchIndexName, ids: readonly string[]): Promise<void> {
    this.schemaOf(name);
    if (ids.length === 0) return;
    await this.loaded(name);
    await this.exclusive(async () => {
      await this.store?.remove(this.storeName(name), ids);
      const data = this.data(name);
      for (const id of ids) data.remove(id, 0);
      this.changed(name);
    });
  }

  async search(name: SearchIndexName, query: SearchQuery): Promise<SearchResult> {
    const schema = this.schemaOf(name);
    const validated = validateQuery(schema, query);
    const store = this.store;
    if (store?.search && (this.searchFrom === "store" || this.loading.has(name))) {
      const tokens = queryTokens(validated.q);
      // Selective (text, through GIN) while warming; everything when asked to (tests).
      if (this.searchFrom === "store" || tokens.length > 0) {
        const { ids, total, facets } = await store.search(this.storeName(name), schema, validated, tokens);
        return { hits: ids.map((id) => ({ id })), total, facets };
      }
    }
    await this.loaded(name);
    await this.syncIfStale();
    const data = this.data(name);
    const { slots, total, facets } = data.search(validated);
    return { hits: Array.from(slots, (slot) => ({ id: data.idOf(slot)! })), total, facets };
  }

  async count(name: SearchIndexName): Promise<number> {
    await this.loaded(name);
    await this.syncIfStale();
    return this.data(name).size;
  }

  async allIds(name: SearchIndexName): Promise<string[]> {
    await this.loaded(name);
    await this.syncIfStale();
    return [...this.data(name).slotById.keys()];
  }

  async versions(name: SearchIndexName): Promise<Map<string, number | null>> {
    await this.loaded(name);
    await this.syncIfStale();
    const data = this.data(name);
    const out = new Map<string, number | null>();
    for (const [id, slot] of data.slotById) out.set(id, data.numberOf("version", slot));
    return out;
  }

  async dropIndex(name: SearchIndexName): Promise<void> {
    assertIndexName(name);
    await this.loading.get(name)?.ready.catch(() => undefined);
    await this.exclusive(async () => {
      await this.store?.drop(this.storeName(name));
      this.indexes.delete(name);
      this.snapshots.delete(name);
    });
  }

  async swap(a: SearchIndexName, b: SearchIndexName): Promise<void> {
    await this.loaded(a);
    await this.loaded(b);
    if (a === b) return;
    await this.exclusive(async () => {
      const resetAt = this.store ? await this.store.swap(this.storeName(a), this.storeName(b)) : 0;
      const dataA = this.data(a);
      const dataB = this.data(b);
      // The store moved the rows, so local memory can swap too; our own reset changes are then skipped.
      dataA.loadedAt = dataB.loadedAt = Math.max(resetAt, dataA.loadedAt, dataB.loadedAt);
      this.indexes.set(a, dataB);
      this.indexes.set(b, dataA);
      // The store deleted both indexes' snapshots.
      this.changed(a);
      this.changed(b);
    });
  }

  /** "warming" while some index is still loading into this process (see ensureIndex). */
  status(): "ready" | "warming" {
    return this.loading.size > 0 ? "warming" : "ready";
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    return this.store ? this.store.ping() : true;
  }

  /**
   * Writes a snapshot of `name` to the store now (the policy calls this; the bench and tests
   * too). Resolves to what was stored, or undefined when the store keeps no snapshots or already
   * holds one as recent.
   */
  async writeSnapshot(name: SearchIndexName): Promise<{ seq: number; bytes: number } | undefined> {
    const store = this.store;
    if (!store?.saveSnapshot) return undefined;
    await this.loaded(name);
    // A full sync, not "if stale": the snapshot's seq must cover every change committed before it —
    // this process's own swap included, whose reset marker would otherwise be newer than the
    // snapshot and make every restart discard it (a CI run saw that when the last sync was recent).
    await this.sync();
    // Taken inside the queue (no write or change in between), written outside it: a copy.
    const taken = await this.exclusive(async () => {
      const data = this.data(name);
      // Every change up to the feed cursor is in memory (and any own writes after it, which a
      // reader's replay skips by their per-slot cursors); a later-loaded index may be ahead of it.
      const seq = this.cursor ?? data.loadedAt;
      const state = this.snapshots.get(name);
      if (state) state.dirty = false;
      return { seq, bytes: data.snapshot(seq) };
    });
    const stored = await store.saveSnapshot(this.storeName(name), taken.seq, taken.bytes);
    const state = this.snapshots.get(name);
    if (state) state.writtenAt = Date.now();
    return stored ? { seq: taken.seq, bytes: taken.bytes.length } : undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.snapshotting?.catch(() => undefined);
    await this.queue.catch(() => undefined);
    this.indexes.clear();
  }

  // -------------------------------------------------------------------------------------------

  private schemaOf(name: SearchIndexName): IndexSchema {
    return this.loading.get(name)?.schema ?? this.data(name).schema;
  }

  /** Waits for the index's first load; a failed load is started again on use (its error is thrown meanwhile). */
  private async loaded(name: SearchIndexName): Promise<CompactIndex> {
    let loading = this.loading.get(name);
    if (loading?.failed) {
      this.startLoading(name, loading.schema);
      loading = this.loading.get(name);
    }
    if (loading) await loading.ready;
    return this.data(name);
  }

  private startLoading(name: SearchIndexName, schema: IndexSchema) {
    const entry: { schema: IndexSchema; ready: Promise<void>; failed?: boolean } = {
      schema,
      ready: this.exclusive(async () => {
        await this.hydrate(name, schema);
        this.startPolling();
      }),
    };
    this.loading.set(name, entry);
    entry.ready.then(
      () => {
        if (this.loading.get(name) === entry) this.loading.delete(name);
      },
      () => {
        entry.failed = true;
      },
    );
  }

  private data(name: SearchIndexName): CompactIndex {
    const data = this.indexes.get(name);
    if (!data) throw new SearchIndexNotFoundError(name);
    return data;
  }

  private storeName(name: SearchIndexName): string {
    return this.prefix + name;
  }

  private localName(storeName: string): SearchIndexName | undefined {
    if (!storeName.startsWith(this.prefix)) return undefined;
    const name = storeName.slice(this.prefix.length) as SearchIndexName;
    return this.indexes.has(name) ? name : undefined;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error("search index is closed"));
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Loads the index: from the store's persisted snapshot of a built engine plus the feed after
   * it when there is a usable one, else built from the documents. Callers hold the queue.
   */
  private async hydrate(name: SearchIndexName, schema: IndexSchema) {
    const restored = await this.restoreSnapshot(name, schema).catch((error: Error) => {
      console.warn(`search: snapshot of "${name}" not used (${error.message}); building from the documents`);
      return undefined;
    });
    const data = restored?.data ?? (await this.build(name, schema));
    this.indexes.set(name, data);
    // Changes after the first load are read from the feed; for later indexes the feed may be
    // behind their load, which is harmless because per-slot cursors skip what they already hold.
    this.cursor ??= data.loadedAt;
    const now = Date.now();
    // Built from documents, or the feed had changes after the snapshot: worth a new one.
    this.snapshots.set(name, { dirty: !restored || restored.replayed > 0, changedAt: now, writtenAt: restored ? now : 0 });
  }

  /** Builds the index from every document (a narrow projection of one database snapshot). */
  private async build(name: SearchIndexName, schema: IndexSchema): Promise<CompactIndex> {
    const store = this.store!;
    const data = new CompactIndex(schema);
    // Narrow projection: only the fields the engine indexes, not whole documents.
    const fields = [...schema.searchable, ...Object.keys(schema.fields)];
    data.loadedAt = await store.loadAll(
      this.storeName(name),
      (batch) => {
        for (const { doc, seq } of batch) data.put(doc, seq);
      },
      fields,
    );
    data.optimize();
    return data;
  }

  /**
   * The store's snapshot of the built index brought up to date with the feed, or undefined
   * (none, another schema or format, or the index was reset after it: build instead).
   */
  private async restoreSnapshot(name: SearchIndexName, schema: IndexSchema): Promise<{ data: CompactIndex; replayed: number } | undefined> {
    const store = this.store!;
    if (!store.loadSnapshot) return undefined;
    const storeName = this.storeName(name);
    const snapshot = await store.loadSnapshot(storeName);
    if (!snapshot) return undefined;
    const data = CompactIndex.restore(schema, snapshot.bytes);
    if (!data) return undefined;
    // Every change of this index after the snapshot, in order: updates and deletions alike.
    let cursor = snapshot.seq;
    let replayed = 0;
    for (;;) {
      const { cursor: next, changes } = await store.changesSince(cursor, CHANGE_BATCH, storeName);
      for (const change of changes) {
        if (change.kind === "reset") return undefined; // swapped or dropped since: rebuild
        if (change.kind === "put") data.put(change.doc, change.seq);
        else data.remove(change.id, change.seq);
        replayed++;
      }
      cursor = next;
      if (changes.length < CHANGE_BATCH) break;
    }
    data.loadedAt = cursor;
    data.optimize();
    return { data, replayed };
  }

  /** Records a change to an index this process holds (for the snapshot policy). */
  private changed(name: SearchIndexName) {
    const state = this.snapshots.get(name);
    if (!state) return;
    state.dirty = true;
    state.changedAt = Date.now();
  }

  /** Writes the snapshots the policy asks for, one at a time, in the background. */
  private maybeSnapshot() {
    const policy = this.snapshotPolicy;
    if (!policy || this.snapshotting || this.closed || !this.store?.saveSnapshot) return;
    const now = Date.now();
    const due = [...this.snapshots].find(
      ([name, s]) =>
        s.dirty &&
        !this.loading.has(name) &&
        this.indexes.has(name) &&
        now - s.writtenAt >= policy.minIntervalMs &&
        (now - s.changedAt >= policy.settleMs || now - s.writtenAt >= policy.maxAgeMs),
    );
    if (!due) return;
    const [name] = due;
    this.snapshotting = this.writeSnapshot(name)
      .catch((error: Error) => {
        // Retried after minIntervalMs; meanwhile restarts replay a longer feed or build.
        const state = this.snapshots.get(name);
        if (state) {
          state.dirty = true;
          state.writtenAt = Date.now();
        }
        if (!this.closed) console.warn(`search: snapshot of "${name}" failed: ${error.message}`);
      })
      .finally(() => {
        this.snapshotting = undefined;
      });
  }

  private startPolling() {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // A failed background poll is retried on the next tick; a search that needs fresh data
      // syncs itself and reports the error to its caller.
      this.sync()
        .then(() => this.maybeSnapshot())
        .catch(() => undefined);
    }, this.pollMs);
    this.timer.unref();
  }

  private async syncIfStale() {
    if (this.store && Date.now() - this.lastSyncAt >= this.pollMs) await this.sync();
  }

  /** Applies every change committed by other processes since the last sync. */
  private sync(): Promise<void> {
    if (!this.store || this.cursor === undefined || this.closed) return Promise.resolve();
    this.syncing ??= this.exclusive(async () => {
      const store = this.store!;
      const startedAt = Date.now();
      for (;;) {
        const { cursor, changes } = await store.changesSince(this.cursor!, CHANGE_BATCH);
        for (const change of changes) await this.apply(change);
        this.cursor = cursor;
        if (changes.length < CHANGE_BATCH) break;
      }
      this.lastSyncAt = startedAt;
    }).finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async apply(change: StoreChange) {
    const name = this.localName(change.index);
    if (!name) return; // an index this process does not hold
    const data = this.data(name);
    this.changed(name);
    switch (change.kind) {
      case "put":
        data.put(change.doc, change.seq);
        return;
      case "remove":
        data.remove(change.id, change.seq);
        return;
      case "reset":
        if (change.seq > data.loadedAt) await this.hydrate(name, data.schema);
        return;
      default:
        assertNever(change);
    }
  }
}

function assertIndexName(name: string) {
  if (!INDEX_UID.test(name)) throw new Error(`illegal index name "${name}"`);
}
