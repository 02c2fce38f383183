import { Index as FlexIndex } from "flexsearch";
import { indexTokens, queryTokens } from "./chinese";
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
  type FieldType,
  type IndexSchema,
  type SearchDocument,
  type SearchFilter,
  type SearchIndex,
  type SearchIndexName,
  type SearchQuery,
  type SearchResult,
  type SearchValue,
} from "./types";

export type { EmbeddedSearchStore } from "./embedded-store.server";

/**
 * The embedded search engine: FlexSearch finds the documents containing every query token
 * (bigram tokenizer from ./chinese), and everything else — filters, facets, sorting, paging — is
 * done here over compact per-field columns. FlexSearch's own tag filters look only at the first
 * 100 text hits and OR several tags, so they would give wrong totals (ADR 0002).
 *
 * Documents are not kept: FlexSearch holds the tokens, columns hold the filterable values, and
 * hits are ids (pages load rows from the database).
 */
export interface EmbeddedSearchOptions {
  /** Shared store for multi-process use; without it the engine is purely in memory. */
  store?: EmbeddedSearchStore;
  /** Prefix of the store's index names, to let several apps or tests share one store. */
  indexPrefix?: string;
  /** How often to read other processes' writes from the store (and the staleness a search tolerates). */
  pollIntervalMs?: number;
}

const DEFAULT_POLL_MS = 500;
const CHANGE_BATCH = 1000;
/**
 * FlexSearch runs the same encoder on documents and queries, but a query must be tokenised
 * differently (bigrams only). Query tokens are therefore passed pre-tokenised behind this marker,
 * a control character that is stripped from document text.
 */
const QUERY_MARK = "\u0001";
const TEXT_FIELD_SEPARATOR = "\n";

type Predicate = (slot: number) => boolean;
type FilterValue = string | number | boolean;

// ---------------------------------------------------------------------------------------------
// Columns: one compact array per typed field, indexed by slot.

abstract class Column {
  abstract grow(capacity: number): void;
  abstract set(slot: number, value: SearchValue | undefined): void;
  abstract clear(slot: number): void;
  /** Matches when the value (or any element of an array value) equals one of `values`. */
  abstract matchAny(values: readonly FilterValue[]): Predicate;
  /** Has a value: not missing, null, "" or []. */
  abstract has(): Predicate;
  abstract countFacets(slots: Int32Array): Record<string, number>;
  range(_gte: number, _lte: number): Predicate {
    throw new Error("range on a non-number column"); // validateQuery prevents this
  }
}

const never: Predicate = () => false;

class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  intern(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
  codeOf(value: FilterValue): number | undefined {
    return typeof value === "string" ? this.codes.get(value) : undefined;
  }
  /** Flags indexed by code, for `in` over many values. */
  flags(values: readonly FilterValue[]): Uint8Array {
    const flags = new Uint8Array(this.values.length);
    for (const value of values) {
      const code = this.codeOf(value);
      if (code !== undefined) flags[code] = 1;
    }
    return flags;
  }
  facetCounts(counts: Int32Array): Record<string, number> {
    const out: Record<string, number> = {};
    counts.forEach((count, code) => {
      if (count > 0) out[this.values[code]] = count;
    });
    return out;
  }
}

class StringColumn extends Column {
  private codes = new Int32Array(0);
  private readonly dict = new Dictionary();
  grow(capacity: number) {
    const codes = new Int32Array(capacity).fill(-1);
    codes.set(this.codes);
    this.codes = codes;
  }
  set(slot: number, value: SearchValue | undefined) {
    this.codes[slot] = typeof value === "string" && value !== "" ? this.dict.intern(value) : -1;
  }
  clear(slot: number) {
    this.codes[slot] = -1;
  }
  matchAny(values: readonly FilterValue[]): Predicate {
    const codes = this.codes;
    if (values.length === 1) {
      const code = this.dict.codeOf(values[0]);
      return code === undefined ? never : (slot) => codes[slot] === code;
    }
    const flags = this.dict.flags(values);
    return (slot) => codes[slot] >= 0 && flags[codes[slot]] === 1;
  }
  has(): Predicate {
    const codes = this.codes;
    return (slot) => codes[slot] >= 0;
  }
  countFacets(slots: Int32Array) {
    const counts = new Int32Array(this.dict.values.length);
    for (const slot of slots) {
      const code = this.codes[slot];
      if (code >= 0) counts[code]++;
    }
    return this.dict.facetCounts(counts);
  }
}

/** A single element is stored as a bare code, so the common one-value array costs no allocation. */
class StringArrayColumn extends Column {
  private values: (number | number[] | undefined)[] = [];
  private readonly dict = new Dictionary();
  grow(_capacity: number) {}
  set(slot: number, value: SearchValue | undefined) {
    const codes = Array.isArray(value) ? [...new Set(value.filter((v) => v !== "").map((v) => this.dict.intern(v)))] : [];
    this.values[slot] = codes.length === 0 ? undefined : codes.length === 1 ? codes[0] : codes;
  }
  clear(slot: number) {
    this.values[slot] = undefined;
  }
  matchAny(values: readonly FilterValue[]): Predicate {
    const stored = this.values;
    const flags = this.dict.flags(values);
    return (slot) => {
      const value = stored[slot];
      if (value === undefined) return false;
      if (typeof value === "number") return flags[value] === 1;
      for (const code of value) if (flags[code] === 1) return true;
      return false;
    };
  }
  has(): Predicate {
    const stored = this.values;
    return (slot) => stored[slot] !== undefined;
  }
  countFacets(slots: Int32Array) {
    const counts = new Int32Array(this.dict.values.length);
    for (const slot of slots) {
      const value = this.values[slot];
      if (typeof value === "number") counts[value]++;
      else if (value) for (const code of value) counts[code]++;
    }
    return this.dict.facetCounts(counts);
  }
}

/** NaN marks a missing value. */
class NumberColumn extends Column {
  values = new Float64Array(0);
  grow(capacity: number) {
    const values = new Float64Array(capacity).fill(Number.NaN);
    values.set(this.values);
    this.values = values;
  }
  set(slot: number, value: SearchValue | undefined) {
    this.values[slot] = typeof value === "number" ? value : Number.NaN;
  }
  clear(slot: number) {
    this.values[slot] = Number.NaN;
  }
  matchAny(values: readonly FilterValue[]): Predicate {
    const stored = this.values;
    const wanted = new Set(values.filter((v): v is number => typeof v === "number"));
    return (slot) => wanted.has(stored[slot]);
  }
  range(gte: number, lte: number): Predicate {
    const stored = this.values;
    return (slot) => stored[slot] >= gte && stored[slot] <= lte; // false for NaN
  }
  has(): Predicate {
    const stored = this.values;
    return (slot) => !Number.isNaN(stored[slot]);
  }
  countFacets(slots: Int32Array) {
    const counts = new Map<number, number>();
    for (const slot of slots) {
      const value = this.values[slot];
      if (!Number.isNaN(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return Object.fromEntries([...counts].map(([value, count]) => [String(value), count]));
  }
}

/** -1 missing, 0 false, 1 true. */
class BooleanColumn extends Column {
  private values = new Int8Array(0);
  grow(capacity: number) {
    const values = new Int8Array(capacity).fill(-1);
    values.set(this.values);
    this.values = values;
  }
  set(slot: number, value: SearchValue | undefined) {
    this.values[slot] = typeof value === "boolean" ? Number(value) : -1;
  }
  clear(slot: number) {
    this.values[slot] = -1;
  }
  matchAny(values: readonly FilterValue[]): Predicate {
    const stored = this.values;
    const wanted: number[] = values.map((v) => (v === true ? 1 : v === false ? 0 : -2));
    return (slot) => wanted.includes(stored[slot]);
  }
  has(): Predicate {
    const stored = this.values;
    return (slot) => stored[slot] >= 0;
  }
  countFacets(slots: Int32Array) {
    let yes = 0;
    let no = 0;
    for (const slot of slots) {
      if (this.values[slot] === 1) yes++;
      else if (this.values[slot] === 0) no++;
    }
    return { ...(yes > 0 && { true: yes }), ...(no > 0 && { false: no }) };
  }
}

function createColumn(type: FieldType): Column {
  switch (type) {
    case "string":
      return new StringColumn();
    case "string[]":
      return new StringArrayColumn();
    case "number":
      return new NumberColumn();
    case "boolean":
      return new BooleanColumn();
    default:
      return assertNever(type);
  }
}

/** The embedded adapter's translation of a (validated) filter. */
function compileFilter(column: Column, filter: SearchFilter): Predicate {
  switch (filter.op) {
    case "eq":
      return column.matchAny([filter.value]);
    case "in":
      return column.matchAny(filter.values);
    case "range":
      return column.range(filter.gte ?? Number.NEGATIVE_INFINITY, filter.lte ?? Number.POSITIVE_INFINITY);
    case "exists":
      return column.has();
    default:
      return assertNever(filter);
  }
}

function textOf(value: SearchValue | undefined): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.join(TEXT_FIELD_SEPARATOR);
  return "";
}

// ---------------------------------------------------------------------------------------------
// One index: FlexSearch over integer slots + columns + the id ↔ slot mapping.

class IndexData {
  readonly text = new FlexIndex({
    // Integer ids and fastupdate keep removal cheap (no scan of the whole term map on update).
    fastupdate: true,
    encode: (text: string) => (text.startsWith(QUERY_MARK) ? text.slice(1).split(" ") : indexTokens(text)),
  });
  readonly columns = new Map<string, Column>();
  readonly slotById = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  /** Store cursor of the version held per slot, so an older or own change is not applied twice. */
  private seqs = new Float64Array(0);
  private readonly free: number[] = [];
  /** Reused by textMatches, always left zeroed. */
  private scratch = new Uint16Array(0);
  /** Store cursor this index was (re)loaded at; older reset changes are already reflected. */
  loadedAt = 0;

  constructor(readonly schema: IndexSchema) {
    for (const [field, type] of Object.entries(schema.fields)) this.columns.set(field, createColumn(type));
  }

  get size() {
    return this.slotById.size;
  }

  idOf(slot: number): string | undefined {
    return this.ids[slot];
  }

  put(doc: SearchDocument, seq: number) {
    let slot = this.slotById.get(doc.id);
    if (slot !== undefined && seq > 0 && this.seqs[slot] >= seq) return;
    if (slot === undefined) slot = this.allocate(doc.id);
    else this.text.remove(slot);
    const text = this.schema.searchable
      .map((field) => textOf(doc[field]))
      .join(TEXT_FIELD_SEPARATOR)
      .replaceAll(QUERY_MARK, " ");
    if (text) this.text.add(slot, text);
    for (const [field, column] of this.columns) column.set(slot, doc[field]);
    this.seqs[slot] = seq;
  }

  remove(id: string, seq: number) {
    const slot = this.slotById.get(id);
    if (slot === undefined || (seq > 0 && this.seqs[slot] > seq)) return;
    this.text.remove(slot);
    for (const column of this.columns.values()) column.clear(slot);
    this.ids[slot] = undefined;
    this.seqs[slot] = 0;
    this.slotById.delete(id);
    this.free.push(slot);
  }

  /**
   * Slots containing every token, in the text ranking of the rarest token. Each token's whole
   * posting list comes from FlexSearch (a single-term lookup); the lists are intersected here
   * because FlexSearch's own multi-term intersection took 9–41 ms at 100k documents where this
   * takes under 1 ms.
   */
  textMatches(tokens: readonly string[]): readonly number[] {
    const lists = tokens
      // FlexSearch answers undefined (not []) for a term whose last document was removed.
      .map((token) => (this.text.search(QUERY_MARK + token, { limit: Number.MAX_SAFE_INTEGER }) as number[] | undefined) ?? [])
      .sort((a, b) => a.length - b.length);
    const [rarest = [], ...others] = lists;
    if (others.length === 0 || rarest.length === 0) return rarest;
    // seen[slot] counts the lists containing it so far; only slots of the rarest list are touched.
    const seen = this.scratch.length >= this.ids.length ? this.scratch : (this.scratch = new Uint16Array(this.seqs.length));
    for (const slot of rarest) seen[slot] = 1;
    others.forEach((list, k) => {
      for (const slot of list) if (seen[slot] === k + 1) seen[slot] = k + 2;
    });
    const all = lists.length;
    const result = rarest.filter((slot) => seen[slot] === all);
    for (const slot of rarest) seen[slot] = 0;
    return result;
  }

  /** Slots passing every predicate: among `candidates`, or among all documents in slot order. */
  collect(candidates: readonly number[] | undefined, predicates: readonly Predicate[]): Int32Array {
    // This runs once per document on filter-only queries, so: indexed loops (for…of allocates an
    // iterator each time) and a presized typed array (growing a JS array of ~1M was 5× slower).
    const ids = this.ids;
    const length = candidates ? candidates.length : ids.length;
    const matches = new Int32Array(length);
    const count = predicates.length;
    let found = 0;
    next: for (let i = 0; i < length; i++) {
      const slot = candidates ? candidates[i] : i;
      if (!candidates && ids[slot] === undefined) continue;
      for (let p = 0; p < count; p++) if (!predicates[p](slot)) continue next;
      matches[found++] = slot;
    }
    return matches.subarray(0, found);
  }

  private allocate(id: string): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.ids.length;
      if (slot >= this.seqs.length) this.grow(Math.max(1024, this.seqs.length * 2));
    }
    this.ids[slot] = id;
    this.slotById.set(id, slot);
    return slot;
  }

  private grow(capacity: number) {
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.seqs = seqs;
    for (const column of this.columns.values()) column.grow(capacity);
  }
}

function compareBySort(keys: readonly { values: Float64Array; direction: 1 | -1 }[]) {
  return (a: number, b: number): number => {
    for (let k = 0; k < keys.length; k++) {
      const { values, direction } = keys[k];
      const va = values[a];
      const vb = values[b];
      if (va === vb) continue;
      // Missing values go last whatever the direction (as Meilisearch does).
      const aMissing = Number.isNaN(va);
      const bMissing = Number.isNaN(vb);
      if (aMissing || bMissing) {
        if (aMissing && bMissing) continue;
        return aMissing ? 1 : -1;
      }
      return (va - vb) * direction;
    }
    return 0;
  };
}

/**
 * The first `count` items in sorted order; ties keep their order in `items` (relevance or slot
 * order), as a stable sort would. For a first page out of many matches a bounded heap avoids
 * sorting everything.
 */
function firstSorted(items: Int32Array, count: number, compare: (a: number, b: number) => number): number[] {
  // Positions in `items`, compared by value and then by position.
  const before = (i: number, j: number) => compare(items[i], items[j]) || i - j;
  if (count * 8 >= items.length) {
    return Array.from(items.keys()).sort(before).slice(0, count).map((i) => items[i]);
  }
  const heap: number[] = []; // max-heap: the position that sorts last sits on top
  const siftDown = (at: number) => {
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let last = at;
      if (left < heap.length && before(heap[left], heap[last]) > 0) last = left;
      if (right < heap.length && before(heap[right], heap[last]) > 0) last = right;
      if (last === at) return;
      [heap[at], heap[last]] = [heap[last], heap[at]];
      at = last;
    }
  };
  for (let i = 0; i < items.length && count > 0; i++) {
    if (heap.length < count) {
      heap.push(i);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (before(heap[at], heap[parent]) <= 0) break;
        [heap[at], heap[parent]] = [heap[parent], heap[at]];
        at = parent;
      }
    } else if (before(i, heap[0]) < 0) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort(before).map((i) => items[i]);
}

// ---------------------------------------------------------------------------------------------

export class EmbeddedSearchIndex implements SearchIndex {
  readonly adapter = "embedded" as const;
  private readonly indexes = new Map<SearchIndexName, IndexData>();
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

  constructor(options: EmbeddedSearchOptions = {}) {
    this.store = options.store;
    this.prefix = options.indexPrefix ?? "";
    this.pollMs = options.pollIntervalMs ?? DEFAULT_POLL_MS;
    if (this.prefix && !INDEX_UID.test(this.prefix)) throw new Error(`illegal index prefix "${this.prefix}"`);
  }

  async ensureIndex(name: SearchIndexName, schema: IndexSchema): Promise<void> {
    assertIndexName(name);
    assertValidSchema(schema);
    await this.exclusive(async () => {
      const existing = this.indexes.get(name);
      if (existing && sameSchema(existing.schema, schema)) return;
      if (!this.store) {
        if (existing && existing.size > 0) {
          throw new InvalidIndexSchemaError(`index "${name}" holds documents under another schema; rebuild it`);
        }
        this.indexes.set(name, new IndexData(schema));
        return;
      }
      await this.hydrate(name, schema);
      this.startPolling();
    });
  }

  async upsert(name: SearchIndexName, docs: readonly SearchDocument[]): Promise<void> {
    const valid = validateDocuments(this.data(name).schema, docs);
    if (valid.length === 0) return;
    await this.exclusive(async () => {
      const seqs = this.store ? await this.store.put(this.storeName(name), valid) : undefined;
      const data = this.data(name);
      for (const doc of valid) data.put(doc, seqs?.get(doc.id) ?? 0);
    });
  }

  async remove(name: SearchIndexName, ids: readonly string[]): Promise<void> {
    this.data(name);
    if (ids.length === 0) return;
    await this.exclusive(async () => {
      await this.store?.remove(this.storeName(name), ids);
      const data = this.data(name);
      for (const id of ids) data.remove(id, 0);
    });
  }

  async search(name: SearchIndexName, query: SearchQuery): Promise<SearchResult> {
    const validated = validateQuery(this.data(name).schema, query);
    await this.syncIfStale();
    const data = this.data(name);
    const predicates = validated.filters.map((filter) => compileFilter(this.column(data, filter.field), filter));
    const tokens = queryTokens(validated.q);
    const matches = data.collect(tokens.length > 0 ? data.textMatches(tokens) : undefined, predicates);

    const facets: SearchResult["facets"] = {};
    for (const field of validated.facets) facets[field] = this.column(data, field).countFacets(matches);

    const { offset, limit } = validated;
    let page: number[];
    if (validated.sort.length > 0) {
      const keys = validated.sort.map(({ field, direction }) => ({
        values: (this.column(data, field) as NumberColumn).values,
        direction: direction === "asc" ? (1 as const) : (-1 as const),
      }));
      page = firstSorted(matches, offset + limit, compareBySort(keys)).slice(offset);
    } else {
      page = Array.from(matches.subarray(offset, offset + limit));
    }
    return { hits: page.map((slot) => ({ id: data.idOf(slot)! })), total: matches.length, facets };
  }

  async count(name: SearchIndexName): Promise<number> {
    this.data(name);
    await this.syncIfStale();
    return this.data(name).size;
  }

  async allIds(name: SearchIndexName): Promise<string[]> {
    this.data(name);
    await this.syncIfStale();
    return [...this.data(name).slotById.keys()];
  }

  async versions(name: SearchIndexName): Promise<Map<string, number | null>> {
    this.data(name);
    await this.syncIfStale();
    const data = this.data(name);
    const column = data.columns.get("version");
    const values = column instanceof NumberColumn ? column.values : undefined;
    const out = new Map<string, number | null>();
    for (const [id, slot] of data.slotById) {
      const v = values?.[slot];
      out.set(id, v === undefined || Number.isNaN(v) ? null : v);
    }
    return out;
  }

  async dropIndex(name: SearchIndexName): Promise<void> {
    assertIndexName(name);
    await this.exclusive(async () => {
      await this.store?.drop(this.storeName(name));
      this.indexes.delete(name);
    });
  }

  async swap(a: SearchIndexName, b: SearchIndexName): Promise<void> {
    this.data(a);
    this.data(b);
    if (a === b) return;
    await this.exclusive(async () => {
      const resetAt = this.store ? await this.store.swap(this.storeName(a), this.storeName(b)) : 0;
      const dataA = this.data(a);
      const dataB = this.data(b);
      // The store moved the rows, so local memory can swap too; our own reset changes are then skipped.
      dataA.loadedAt = dataB.loadedAt = Math.max(resetAt, dataA.loadedAt, dataB.loadedAt);
      this.indexes.set(a, dataB);
      this.indexes.set(b, dataA);
    });
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    return this.store ? this.store.ping() : true;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.queue.catch(() => undefined);
    this.indexes.clear();
  }

  // -------------------------------------------------------------------------------------------

  private data(name: SearchIndexName): IndexData {
    const data = this.indexes.get(name);
    if (!data) throw new SearchIndexNotFoundError(name);
    return data;
  }

  private column(data: IndexData, field: string): Column {
    const column = data.columns.get(field);
    if (!column) throw new Error(`no column for "${field}"`); // validateQuery prevents this
    return column;
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

  /** Builds the index from the store's snapshot; callers hold the queue. */
  private async hydrate(name: SearchIndexName, schema: IndexSchema) {
    const store = this.store!;
    const data = new IndexData(schema);
    data.loadedAt = await store.loadAll(this.storeName(name), (batch) => {
      for (const { doc, seq } of batch) data.put(doc, seq);
    });
    this.indexes.set(name, data);
    // Changes after the first snapshot are read from the feed; for later indexes the feed may be
    // behind their snapshot, which is harmless because per-slot cursors skip what they already hold.
    this.cursor ??= data.loadedAt;
  }

  private startPolling() {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // A failed background poll is retried on the next tick; a search that needs fresh data
      // syncs itself and reports the error to its caller.
      this.sync().catch(() => undefined);
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
