/**
 * The embedded engine's index: one of these per search index, in memory, no documents kept.
 *
 * Built on CRoaring (`roaring`, the official Node port) for everything set-shaped, so the hot
 * loops run in native code and the postings live outside the V8 heap:
 * - text: one RoaringBitmap32 of slots per token (Han unigram/bigram or Latin/digit word, see
 *   ./chinese); a query intersects the bitmaps of its tokens, rarest first;
 * - string, string[] and boolean fields: one bitmap per distinct value (dictionary-encoded), so
 *   eq/in are unions of bitmaps and a facet count is one `andCardinality` per value, exact;
 * - number fields: a Float64Array per field (NaN = missing), scanned for range/eq filters and
 *   read by the sort; sortable ones also keep their slots in sort order (SortOrder), so a sorted
 *   page of broad matches is a short walk instead of a sort of every match.
 * What no library does is written here: the query plan (below) and paging/sorting.
 *
 * Slots: each live document holds one integer slot. Bitmaps are only ever added to; replacing or
 * removing a document retires its slot (the `vacant` bitmap, subtracted from every answer) and
 * a vacuum later subtracts retired slots from every bitmap (`andNotInPlace`, native) so they can
 * be reused. So an update never needs the document's old text.
 * Additions are buffered per bitmap and applied in bulk with `addMany` before the next query:
 * one native call per token per batch instead of one per document and token.
 */
import roaring, { type RoaringBitmap32 as Bitmap } from "roaring";
import { forEachToken, indexTokens, normalizeText, queryTokens } from "./chinese";
import {
  assertNever,
  sameSchema,
  type FieldType,
  type IndexSchema,
  type SearchDocument,
  type SearchFilter,
  type SearchResult,
  type SearchValue,
  type ValidatedQuery,
} from "./types";

const { RoaringBitmap32 } = roaring;

const TEXT_FIELD_SEPARATOR = "\n";
/** Buffered slot additions (all bitmaps of an index) before they are applied. */
const MAX_PENDING = 4_000_000;
/** Retired slots are vacuumed once there are this many, or more than 2 % of the documents. */
const VACUUM_MIN = 256;
/**
 * A sorted page is read from a SortOrder when total² ≥ WALK_FACTOR·need·end, i.e. when the
 * expected walk (need·end/total membership tests, matches spread evenly over the order) is at most
 * total/WALK_FACTOR, where the heap costs ≈ total comparisons. A membership test (a native call)
 * and a heap step (reading the slot, comparing) cost about the same (≈ 0.1 µs each here), so 4
 * leaves room for matches that are not spread evenly; the walk also gives up after `total` tests
 * and the heap answers (at most about twice the heap's cost). At 100k documents and a page of 20
 * the walk is taken from ≈ 2,800 matches; at 1M from ≈ 8,900.
 */
const WALK_FACTOR = 4;
/** A SortOrder is rebuilt before use once more than this many slots, or 1/64 of them, changed since its build. */
const SORT_STALE_MIN = 1024;

/** Named bitmaps with buffered additions. */
class BitmapSet {
  private readonly codes = new Map<string, number>();
  readonly keys: string[] = [];
  private readonly bitmaps: Bitmap[] = [];
  private pending: (number[] | undefined)[] = [];
  private dirty: number[] = [];
  /** Per key, the `stamp` of the last addition: a document adds each key once. */
  private stamps: number[] = [];

  /**
   * Buffers `slot` into the bitmap of `key`, unless this key was already added under the same
   * `stamp` (one stamp per document write); returns the number of buffered additions (0 or 1).
   */
  add(key: string, slot: number, stamp: number): number {
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.keys.length;
      this.codes.set(key, code);
      this.keys.push(key);
      this.bitmaps.push(new RoaringBitmap32());
      this.stamps.push(0);
    }
    if (this.stamps[code] === stamp) return 0;
    this.stamps[code] = stamp;
    const pending = this.pending[code];
    if (pending) pending.push(slot);
    else {
      this.pending[code] = [slot];
      this.dirty.push(code);
    }
    return 1;
  }

  flush() {
    for (const code of this.dirty) {
      this.bitmaps[code].addMany(this.pending[code]!);
      this.pending[code] = undefined;
    }
    this.dirty = [];
  }

  /** The bitmap of `key` (flush first). */
  get(key: string): Bitmap | undefined {
    const code = this.codes.get(key);
    return code === undefined ? undefined : this.bitmaps[code];
  }

  all(): readonly Bitmap[] {
    return this.bitmaps;
  }

  /** Removes `slots` from every bitmap (flush first). */
  subtract(slots: Bitmap) {
    for (const bitmap of this.bitmaps) bitmap.andNotInPlace(slots);
  }

  optimize() {
    for (const bitmap of this.bitmaps) {
      bitmap.runOptimize();
      bitmap.shrinkToFit();
    }
  }

  /** Adds a restored key with its bitmap (snapshot loading; keys are unique). */
  restore(key: string, bitmap: Bitmap) {
    this.codes.set(key, this.keys.length);
    this.keys.push(key);
    this.bitmaps.push(bitmap);
    this.stamps.push(0);
  }
}

// ---------------------------------------------------------------------------------------------
// Columns

/** string, string[] and boolean fields: a bitmap per value. "" and [] are no value. */
class KeyedColumn {
  readonly kind = "keyed";
  readonly values = new BitmapSet();
  constructor(readonly type: Exclude<FieldType, "number">) {}

  /** Buffers the slot's value(s); returns how many additions were buffered. */
  set(slot: number, value: SearchValue | undefined, stamp: number): number {
    if (typeof value === "string") return value === "" ? 0 : this.values.add(value, slot, stamp);
    if (typeof value === "boolean") return this.values.add(value ? "true" : "false", slot, stamp);
    if (Array.isArray(value)) {
      let added = 0;
      for (let i = 0; i < value.length; i++) if (value[i] !== "") added += this.values.add(value[i], slot, stamp);
      return added;
    }
    return 0;
  }

  /** Slots whose value (or any element) is one of `values`; may be a stored bitmap (do not mutate). */
  matchAny(values: readonly (string | number | boolean)[]): Bitmap {
    const bitmaps = [...new Set(values.map(String))].map((value) => this.values.get(value)).filter((b): b is Bitmap => b !== undefined);
    if (bitmaps.length === 1) return bitmaps[0];
    return RoaringBitmap32.orMany(bitmaps);
  }

  has(): Bitmap {
    return RoaringBitmap32.orMany(this.values.all() as Bitmap[]);
  }

  facets(matches: Bitmap): Record<string, number> {
    const out: Record<string, number> = {};
    const bitmaps = this.values.all();
    for (let code = 0; code < bitmaps.length; code++) {
      const count = matches.andCardinality(bitmaps[code]);
      if (count > 0) out[this.values.keys[code]] = count;
    }
    return out;
  }
}

/** number fields: a Float64Array indexed by slot, NaN = missing. */
class NumberColumn {
  readonly kind = "number";
  values = new Float64Array(0);
  /** Slots in sort order, for sortable fields (see SortOrder). */
  order: SortOrder | undefined;

  grow(capacity: number) {
    const values = new Float64Array(capacity).fill(Number.NaN);
    values.set(this.values);
    this.values = values;
  }

  set(slot: number, value: SearchValue | undefined) {
    this.values[slot] = typeof value === "number" ? value : Number.NaN;
    this.order?.touch(slot);
  }

  /**
   * The slots passing `filter`, among `slots` (in order) or, when absent, among slots 0..end
   * (retired and unused slots hold NaN, which passes no number filter).
   */
  scan(filter: SearchFilter, slots: Uint32Array | undefined, end: number): Uint32Array {
    const values = this.values;
    const length = slots ? slots.length : end;
    const out = new Uint32Array(length);
    let found = 0;
    switch (filter.op) {
      case "range": {
        const gte = filter.gte ?? Number.NEGATIVE_INFINITY;
        const lte = filter.lte ?? Number.POSITIVE_INFINITY;
        // Two loops rather than a per-slot branch on `slots`: this runs once per document.
        if (slots) {
          for (let i = 0; i < length; i++) {
            const v = values[slots[i]];
            if (v >= gte && v <= lte) out[found++] = slots[i];
          }
        } else {
          for (let i = 0; i < length; i++) {
            const v = values[i];
            if (v >= gte && v <= lte) out[found++] = i;
          }
        }
        break;
      }
      case "exists":
        for (let i = 0; i < length; i++) {
          const slot = slots ? slots[i] : i;
          if (values[slot] === values[slot]) out[found++] = slot; // not NaN
        }
        break;
      case "eq":
      case "in": {
        const wanted = new Set((filter.op === "eq" ? [filter.value] : filter.values).filter((v) => typeof v === "number"));
        for (let i = 0; i < length; i++) {
          const slot = slots ? slots[i] : i;
          if (wanted.has(values[slot])) out[found++] = slot;
        }
        break;
      }
      default:
        assertNever(filter);
    }
    return out.subarray(0, found);
  }

  facets(slots: Uint32Array): Record<string, number> {
    const counts = new Map<number, number>();
    for (const slot of slots) {
      const value = this.values[slot];
      if (!Number.isNaN(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return Object.fromEntries([...counts].map(([value, count]) => [String(value), count]));
  }
}

/**
 * The slots of a sortable number field in sort order, so a page of broad matches is read by
 * walking it instead of sorting every match: ascending by (value, slot), slots without a value
 * last (by slot). 4 bytes per slot (plus 1 for the stale flags), outside the snapshot: built on
 * first use and after a bulk load or restore (CompactIndex.optimize).
 *
 * Writes do not move slots: a slot written (put or retired) since the build is "stale": skipped by
 * the walk and ranked separately among the matches, so answers stay exact; the order is rebuilt
 * once too many slots are stale (SORT_STALE_MIN).
 */
class SortOrder {
  /** Slots 0..order.length-1 as they were at the build, in order. */
  private order = new Uint32Array(0);
  /** order[0..valued-1] held a value at the build; the rest did not. */
  private valued = 0;
  /** 1 for a slot < order.length written since the build (its value may differ from its position's). */
  private staleFlags = new Uint8Array(0);
  /** Every slot written since the build (also those handed out after it). */
  private readonly staleSlots = new RoaringBitmap32();
  private built = false;

  /** Records a write of `slot`'s value (or its retirement). */
  touch(slot: number) {
    if (!this.built) return;
    if (slot < this.staleFlags.length) {
      if (this.staleFlags[slot] === 1) return;
      this.staleFlags[slot] = 1;
    }
    this.staleSlots.add(slot);
  }

  /** Whether to rebuild before use: never built, or too many slots written since. */
  stale(end: number): boolean {
    return !this.built || this.staleSlots.size > Math.max(SORT_STALE_MIN, end / 64);
  }

  /**
   * Sorts slots 0..end-1 by (value, slot), without a comparator: the distinct values sorted
   * natively, each slot's rank by binary search, then a counting sort by rank (stable: by slot).
   */
  build(values: Float64Array, end: number) {
    const sorted = values.slice(0, end).sort(); // numeric, NaN last
    let distinct = 0;
    while (distinct < end && sorted[distinct] === sorted[distinct]) distinct++; // the values (not NaN)
    const valued = distinct;
    let unique = 0;
    for (let i = 0; i < distinct; i++) if (i === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i];
    const ranks = new Uint32Array(end);
    const starts = new Uint32Array(unique + 2);
    for (let slot = 0; slot < end; slot++) {
      const value = values[slot];
      let rank = unique; // no value
      if (value === value) {
        let lo = 0;
        let hi = unique - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (sorted[mid] < value) lo = mid + 1;
          else hi = mid;
        }
        rank = lo;
      }
      ranks[slot] = rank;
      starts[rank + 1]++;
    }
    for (let rank = 1; rank < starts.length; rank++) starts[rank] += starts[rank - 1];
    const order = new Uint32Array(end);
    for (let slot = 0; slot < end; slot++) order[starts[ranks[slot]]++] = slot;
    this.order = order;
    this.valued = valued;
    this.staleFlags = new Uint8Array(end);
    this.staleSlots.clear();
    this.built = true;
  }

  /**
   * The first `need` of `matches` in sort order (the first key: this field in `desc` or ascending
   * direction; ties and further keys by `compare`, then by slot), or undefined when more than
   * `budget` membership tests did not find them (the caller then sorts the matches).
   * `wholeGroups`: more sort keys follow, so every match sharing the last taken value is taken too
   * and `compare` orders them.
   */
  firstSorted(
    values: Float64Array,
    matches: Bitmap,
    desc: boolean,
    need: number,
    wholeGroups: boolean,
    compare: (a: number, b: number) => number,
    budget: number,
  ): ArrayLike<number> | undefined {
    const { order, staleFlags, valued } = this;
    const taken: number[] = [];
    let tests = 0;
    let last = 0;
    /** Visits the slot at `at`; true to stop (page filled, or out of budget: `tests > budget`). */
    const visit = (at: number): boolean => {
      const slot = order[at];
      if (staleFlags[slot] === 1) return false;
      if (++tests > budget) return true;
      if (!matches.has(slot)) return false;
      const value = values[slot];
      if (taken.length >= need && !(value === last || (value !== value && last !== last))) return true;
      taken.push(slot);
      last = value;
      return taken.length >= need && !wholeGroups;
    };
    let stopped = false;
    if (!desc) {
      for (let at = 0; at < order.length && !stopped; at++) stopped = visit(at);
    } else {
      // Descending by value but ascending by slot within a value: each run of equal values
      // (stale slots, whose values may have changed, are skipped) is walked forwards.
      for (let hi = valued - 1; hi >= 0 && !stopped;) {
        if (staleFlags[order[hi]] === 1) {
          hi--;
          continue;
        }
        const value = values[order[hi]];
        let lo = hi;
        while (lo > 0 && (staleFlags[order[lo - 1]] === 1 || values[order[lo - 1]] === value)) lo--;
        for (let at = lo; at <= hi && !stopped; at++) stopped = visit(at);
        hi = lo - 1;
      }
      for (let at = valued; at < order.length && !stopped; at++) stopped = visit(at);
    }
    if (tests > budget) return undefined;
    // Written since the build: ranked with the walk's slots (the true first `need` are among both).
    let merge = wholeGroups;
    if (this.staleSlots.size > 0) {
      const written = RoaringBitmap32.and(matches, this.staleSlots);
      if (!written.isEmpty) {
        for (const slot of written.toUint32Array()) taken.push(slot);
        merge = true;
      }
    }
    return merge ? firstSorted(Uint32Array.from(taken), need, compare) : taken;
  }
}

type Column = KeyedColumn | NumberColumn;

function createColumn(type: FieldType): Column {
  return type === "number" ? new NumberColumn() : new KeyedColumn(type);
}

function textOf(value: SearchValue | undefined): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.join(TEXT_FIELD_SEPARATOR);
  return "";
}

/** Every index token of a document's text fields (what the store keeps for its GIN index). */
export function documentTokens(schema: IndexSchema, doc: SearchDocument): string[] {
  return indexTokens(schema.searchable.map((field) => textOf(doc[field])).join(TEXT_FIELD_SEPARATOR));
}

// ---------------------------------------------------------------------------------------------

/**
 * Version of the snapshot bytes. Bump it whenever the layout below or the meaning of a token
 * (./chinese) or of a column changes: snapshots of another format are ignored and rebuilt.
 */
export const SNAPSHOT_FORMAT = 1;
const SNAPSHOT_MAGIC = "LBSI";

interface SnapshotHeader {
  format: number;
  schema: IndexSchema;
  /** Store cursor: every change up to it is reflected. */
  seq: number;
  /** Slots handed out. */
  end: number;
  /** Number fields, in the order of their Float64 sections (after the per-slot cursors). */
  numbers: string[];
  /** Byte lengths: ids (ASCII, "\n"-joined, "" = vacant slot), the vacant bitmap. */
  ids: number;
  vacant: number;
  /** Bitmap sets in order: keys and each bitmap's serialized size. */
  sets: { name: string; keys: string[]; sizes: number[] }[];
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

export interface CompactSearchAnswer {
  /** Slots of the page, in order. */
  slots: ArrayLike<number>;
  total: number;
  facets: SearchResult["facets"];
}

export class CompactIndex {
  /** Tokens of all text fields. */
  private readonly text = new BitmapSet();
  /** Tokens of the first (most important) text field: matches there rank first. */
  private readonly primary = new BitmapSet();
  readonly columns = new Map<string, Column>();
  private readonly numberColumns: NumberColumn[] = [];
  private readonly keyedColumns: KeyedColumn[] = [];
  readonly slotById = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  /** Store cursor of the version held per slot, so an older or own change is not applied twice. */
  private seqs = new Float64Array(0);
  /** Slots 0..end-1 have been handed out. */
  private end = 0;
  /** Slots holding no document: retired (maybe still in bitmaps) or free (in no bitmap). */
  private readonly vacant = new RoaringBitmap32();
  /** Retired slots not yet subtracted from the bitmaps. */
  private readonly retired = new RoaringBitmap32();
  private readonly free: number[] = [];
  private pending = 0;
  /** Counts document writes (see BitmapSet.add). */
  private stamp = 0;
  /** Store cursor this index was (re)loaded at; older reset changes are already reflected. */
  loadedAt = 0;

  constructor(readonly schema: IndexSchema) {
    for (const [field, type] of Object.entries(schema.fields)) {
      const column = createColumn(type);
      if (column.kind === "number" && schema.sortable.includes(field)) column.order = new SortOrder();
      this.columns.set(field, column);
      if (column.kind === "number") this.numberColumns.push(column);
      else this.keyedColumns.push(column);
    }
  }

  get size() {
    return this.slotById.size;
  }

  idOf(slot: number): string | undefined {
    return this.ids[slot];
  }

  /** The number stored for `field` in the document `id` holds (null when none). */
  numberOf(field: string, slot: number): number | null {
    const column = this.columns.get(field);
    const value = column?.kind === "number" ? column.values[slot] : Number.NaN;
    return Number.isNaN(value) ? null : value;
  }

  put(doc: SearchDocument, seq: number) {
    const old = this.slotById.get(doc.id);
    if (old !== undefined && seq > 0 && this.seqs[old] >= seq) return;
    if (old !== undefined) this.retire(old);
    const slot = this.allocate(doc.id);
    const stamp = ++this.stamp;
    const searchable = this.schema.searchable;
    if (searchable.length > 0) {
      const first = textOf(doc[searchable[0]]);
      if (first) {
        forEachToken(normalizeText(first), "index", (token) => {
          this.pending += this.primary.add(token, slot, stamp) + this.text.add(token, slot, stamp);
        });
      }
      let rest = "";
      for (let i = 1; i < searchable.length; i++) rest += TEXT_FIELD_SEPARATOR + textOf(doc[searchable[i]]);
      if (rest.length > searchable.length - 1) {
        forEachToken(normalizeText(rest), "index", (token) => {
          this.pending += this.text.add(token, slot, stamp);
        });
      }
    }
    for (const [field, column] of this.columns) {
      if (column.kind === "number") column.set(slot, doc[field]);
      else this.pending += column.set(slot, doc[field], stamp);
    }
    this.seqs[slot] = seq;
    if (this.pending >= MAX_PENDING) this.flush();
  }

  remove(id: string, seq: number) {
    const slot = this.slotById.get(id);
    if (slot === undefined || (seq > 0 && this.seqs[slot] > seq)) return;
    this.retire(slot);
  }

  /** Applies buffered additions, vacuums retired slots when enough have gathered. */
  flush() {
    if (this.pending > 0) {
      this.text.flush();
      this.primary.flush();
      for (const column of this.keyedColumns) column.values.flush();
      this.pending = 0;
    }
    if (this.retired.size >= Math.max(VACUUM_MIN, this.slotById.size / 50)) this.vacuum();
  }

  /** Compresses the bitmaps and (re)builds the sort orders (after a bulk load or a snapshot restore). */
  optimize() {
    this.flush();
    for (const column of this.numberColumns) column.order?.build(column.values, this.end);
    this.text.optimize();
    this.primary.optimize();
    for (const column of this.keyedColumns) column.values.optimize();
  }

  /** Native memory held by the bitmaps, in bytes (portable serialisation size ≈ in-memory size). */
  bitmapBytes(): number {
    let bytes = 0;
    const sets = [this.text, this.primary, ...this.keyedColumns.map((c) => c.values)];
    for (const set of sets) for (const bitmap of set.all()) bytes += bitmap.getSerializationSizeInBytes("portable");
    return bytes;
  }

  /**
   * The whole index as bytes, for a persisted snapshot (ADR 0005, addendum on restarts): the
   * bitmaps in CRoaring's portable format, the number columns and per-slot cursors as raw
   * Float64 arrays, the ids. `seq` is the store cursor every change up to which it reflects.
   * Flushes and vacuums first (no observable change). Synchronous: the index cannot change
   * underneath it.
   */
  snapshot(seq: number): Buffer {
    this.flush();
    if (this.retired.size > 0) this.vacuum();
    const end = this.end;
    const sets = this.bitmapSets();
    const blobs: Uint8Array[] = [];
    const header: SnapshotHeader = {
      format: SNAPSHOT_FORMAT,
      schema: this.schema,
      seq,
      end,
      numbers: [...this.columns].filter(([, c]) => c.kind === "number").map(([field]) => field),
      ids: 0,
      vacant: 0,
      sets: [],
    };
    const ids = Buffer.from(
      this.ids
        .slice(0, end)
        .map((id) => id ?? "")
        .join("\n"),
      "latin1",
    ); // ids are ASCII
    header.ids = ids.length;
    const vacant = this.vacant.serialize("portable");
    header.vacant = vacant.length;
    for (const { name, set } of sets) {
      const sizes: number[] = [];
      for (const bitmap of set.all()) {
        const bytes = bitmap.serialize("portable");
        sizes.push(bytes.length);
        blobs.push(bytes);
      }
      header.sets.push({ name, keys: set.keys, sizes });
    }
    const json = Buffer.from(JSON.stringify(header), "utf8");
    const prefix = Buffer.alloc(align8(8 + json.length));
    prefix.write(SNAPSHOT_MAGIC, 0, "latin1");
    prefix.writeUInt32LE(json.length, 4);
    json.copy(prefix, 8);
    const arrays = [this.seqs, ...header.numbers.map((field) => (this.columns.get(field) as NumberColumn).values)].map((values) =>
      Buffer.from(values.buffer, values.byteOffset, end * 8),
    );
    return Buffer.concat([prefix, ...arrays, ids, vacant, ...blobs]);
  }

  /**
   * An index from `snapshot` bytes; undefined when they were written under another schema or
   * snapshot format (the caller then builds from the documents).
   */
  static restore(schema: IndexSchema, bytes: Uint8Array): CompactIndex | undefined {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buffer.length < 8 || buffer.toString("latin1", 0, 4) !== SNAPSHOT_MAGIC) return undefined;
    const jsonLength = buffer.readUInt32LE(4);
    const header = JSON.parse(buffer.toString("utf8", 8, 8 + jsonLength)) as SnapshotHeader;
    if (header.format !== SNAPSHOT_FORMAT || !sameSchema(header.schema, schema)) return undefined;
    const index = new CompactIndex(schema);
    const { end } = header;
    let at = align8(8 + jsonLength);
    const capacity = Math.max(1024, end);
    const readFloats = (fill: number) => {
      const values = new Float64Array(capacity).fill(fill);
      new Uint8Array(values.buffer).set(buffer.subarray(at, at + end * 8));
      at += end * 8;
      return values;
    };
    index.seqs = readFloats(0);
    for (const field of header.numbers) {
      const column = index.columns.get(field);
      if (column?.kind !== "number") return undefined;
      column.values = readFloats(Number.NaN);
    }
    const ids = end === 0 ? [] : buffer.toString("latin1", at, at + header.ids).split("\n");
    at += header.ids;
    if (ids.length !== end) throw new Error(`search snapshot: ${ids.length} ids for ${end} slots`);
    for (let slot = 0; slot < end; slot++) {
      const id = ids[slot];
      if (id === "") index.ids[slot] = undefined;
      else {
        index.ids[slot] = id;
        index.slotById.set(id, slot);
      }
    }
    const vacant = RoaringBitmap32.deserialize(buffer.subarray(at, at + header.vacant), "portable");
    at += header.vacant;
    index.vacant.orInPlace(vacant);
    // Slots handed out last are reused first, as in a live index.
    for (const slot of vacant.toUint32Array()) index.free.push(slot); // (a spread overflows the stack at 100k+)
    index.end = end;
    const sets = new Map(index.bitmapSets().map(({ name, set }) => [name, set]));
    for (const { name, keys, sizes } of header.sets) {
      const set = sets.get(name);
      if (!set) return undefined;
      for (let i = 0; i < keys.length; i++) {
        set.restore(keys[i], RoaringBitmap32.deserialize(buffer.subarray(at, at + sizes[i]), "portable"));
        at += sizes[i];
      }
    }
    if (at !== buffer.length) throw new Error(`search snapshot: ${buffer.length - at} bytes left over`);
    index.loadedAt = header.seq;
    return index;
  }

  /**
   * The query plan:
   * 1. every bitmap operand — one per text token, one per eq/in/exists filter on a keyed
   *    field — is intersected smallest first (an empty operand ends the query at once);
   * 2. vacant slots are subtracted (no operand at all: start from every slot);
   * 3. number filters scan their Float64Array over the survivors (or over all slots, when
   *    nothing narrowed them), most selective last is not known, so in the given order;
   * 4. facets: one andCardinality per value of a keyed field; exact over all matches;
   * 5. the page: sorted — for broad matches by walking the first sort key's SortOrder and
   *    testing membership until the page is filled, else by a bounded heap over the matches'
   *    slots — or by relevance (matches in the first text field, then the others, each in slot
   *    order), or in slot order. Sort ties are broken by slot whichever way is taken.
   */
  search(query: ValidatedQuery): CompactSearchAnswer {
    this.flush();
    const empty: CompactSearchAnswer = { slots: [], total: 0, facets: Object.fromEntries(query.facets.map((f) => [f, {}])) };
    const tokens = queryTokens(query.q);
    const operands: Bitmap[] = [];
    for (const token of tokens) {
      const bitmap = this.text.get(token);
      if (!bitmap || bitmap.isEmpty) return empty;
      operands.push(bitmap);
    }
    const scans: { column: NumberColumn; filter: SearchFilter }[] = [];
    for (const filter of query.filters) {
      const column = this.column(filter.field);
      if (column.kind === "number") {
        scans.push({ column, filter });
        continue;
      }
      const bitmap = filter.op === "eq" ? column.matchAny([filter.value]) : filter.op === "in" ? column.matchAny(filter.values) : column.has();
      if (bitmap.isEmpty) return empty;
      operands.push(bitmap);
    }

    let matches: Bitmap | undefined;
    let slots: Uint32Array | undefined;
    if (operands.length > 0) {
      operands.sort((a, b) => a.size - b.size);
      matches = RoaringBitmap32.andNot(operands[0], this.vacant);
      for (let i = 1; i < operands.length && !matches.isEmpty; i++) matches.andInPlace(operands[i]);
    } else if (scans.length === 0) {
      matches = RoaringBitmap32.fromRange(0, this.end);
      matches.andNotInPlace(this.vacant);
    }
    if (scans.length > 0) {
      slots = matches?.toUint32Array();
      for (const { column, filter } of scans) slots = column.scan(filter, slots, this.end);
      matches = new RoaringBitmap32(slots!);
    }
    const all = matches!;
    const total = all.size;

    const facets: SearchResult["facets"] = {};
    for (const field of query.facets) {
      const column = this.column(field);
      facets[field] = column.kind === "keyed" ? column.facets(all) : column.facets((slots ??= all.toUint32Array()));
    }

    const { offset, limit } = query;
    if (limit === 0 || offset >= total) return { slots: [], total, facets };
    if (query.sort.length > 0) {
      const keys = query.sort.map(({ field, direction }) => ({
        values: (this.column(field) as NumberColumn).values,
        direction: direction === "asc" ? (1 as const) : (-1 as const),
      }));
      const compare = compareBySort(keys);
      const need = offset + limit;
      let page: ArrayLike<number> | undefined;
      // Broad matches: walk the first key's sort order and keep the slots that match (≈
      // need·end/total membership tests); selective ones: a bounded heap over the matches (≈ total
      // comparisons). See WALK_FACTOR.
      const first = this.column(query.sort[0].field) as NumberColumn;
      if (first.order && total * total >= WALK_FACTOR * need * this.end) {
        if (first.order.stale(this.end)) first.order.build(first.values, this.end);
        page = first.order.firstSorted(first.values, all, query.sort[0].direction === "desc", need, query.sort.length > 1, compare, total);
      }
      page ??= firstSorted(slots ?? all.toUint32Array(), need, compare);
      return { slots: Array.prototype.slice.call(page, offset) as number[], total, facets };
    }
    if (tokens.length > 0) {
      // Relevance: documents whose first text field holds the query come first.
      let top: Bitmap | undefined = all;
      for (const token of tokens) {
        const bitmap = this.primary.get(token);
        top = bitmap ? RoaringBitmap32.and(top, bitmap) : undefined;
        if (!top || top.isEmpty) break;
      }
      if (top && !top.isEmpty && top.size < total) {
        const rest = RoaringBitmap32.andNot(all, top);
        const fromTop = offset < top.size ? top.rangeUint32Array(offset, limit) : new Uint32Array(0);
        const fromRest = rest.rangeUint32Array(Math.max(0, offset - top.size), limit - fromTop.length);
        const page = new Uint32Array(fromTop.length + fromRest.length);
        page.set(fromTop);
        page.set(fromRest, fromTop.length);
        return { slots: page, total, facets };
      }
    }
    return { slots: all.rangeUint32Array(offset, limit), total, facets };
  }

  // -------------------------------------------------------------------------------------------

  /** Every BitmapSet by a stable name (snapshot sections). */
  private bitmapSets(): { name: string; set: BitmapSet }[] {
    const sets = [
      { name: "text", set: this.text },
      { name: "primary", set: this.primary },
    ];
    for (const [field, column] of this.columns) if (column.kind === "keyed") sets.push({ name: `field:${field}`, set: column.values });
    return sets;
  }

  private column(field: string): Column {
    const column = this.columns.get(field);
    if (!column) throw new Error(`no column for "${field}"`); // validateQuery prevents this
    return column;
  }

  private retire(slot: number) {
    const id = this.ids[slot];
    if (id !== undefined) this.slotById.delete(id);
    this.ids[slot] = undefined;
    this.seqs[slot] = 0;
    for (const column of this.numberColumns) {
      column.values[slot] = Number.NaN;
      column.order?.touch(slot);
    }
    this.vacant.add(slot);
    this.retired.add(slot);
  }

  /** Subtracts retired slots from every bitmap; they become free for reuse. */
  private vacuum() {
    this.text.subtract(this.retired);
    this.primary.subtract(this.retired);
    for (const column of this.keyedColumns) column.values.subtract(this.retired);
    for (const slot of this.retired.toUint32Array()) this.free.push(slot);
    this.retired.clear();
  }

  private allocate(id: string): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.end++;
      if (slot >= this.seqs.length) this.grow(Math.max(1024, this.seqs.length * 2));
    } else {
      this.vacant.remove(slot);
    }
    this.ids[slot] = id;
    this.slotById.set(id, slot);
    return slot;
  }

  private grow(capacity: number) {
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.seqs = seqs;
    for (const column of this.numberColumns) column.grow(capacity);
  }
}

// ---------------------------------------------------------------------------------------------
// Sorting

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
 * The first `count` of `items` (distinct slots) in sorted order; ties in slot order. For a first
 * page out of many matches a bounded heap avoids sorting everything.
 */
function firstSorted(items: Uint32Array, count: number, compare: (a: number, b: number) => number): number[] {
  // Positions in `items`, compared by value and then by slot.
  const before = (i: number, j: number) => compare(items[i], items[j]) || items[i] - items[j];
  if (count * 8 >= items.length) {
    return Array.from(items.keys())
      .sort(before)
      .slice(0, count)
      .map((i) => items[i]);
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
      for (let at = heap.length - 1; at > 0;) {
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
