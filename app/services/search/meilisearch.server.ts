import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type EnqueuedTask,
  type FacetDistribution,
  type Settings,
  type Task,
} from "meilisearch";
import { normalizeText } from "./chinese";
import {
  INDEX_UID,
  SearchIndexNotFoundError,
  SearchUnavailableError,
  assertNever,
  assertValidSchema,
  validateDocuments,
  validateQuery,
  type IndexSchema,
  type SearchDocument,
  type SearchFilter,
  type SearchIndex,
  type SearchIndexName,
  type SearchQuery,
  type SearchResult,
  type SearchValue,
} from "./types";

/**
 * The Meilisearch adapter (official client); docs/meilisearch.md says how to run it.
 *
 * Roles. Index creation and settings are deploy-time writes (`npm run search:setup`, also run by
 * `npm start`'s migrate phase): Meilisearch runs write tasks one at a time across all indexes, so
 * a settings task queued behind a bulk indexing run can take minutes. A web process therefore
 * never writes (`manageIndexes: false`: `ensureIndex` only records the schema; `verify` reads the
 * settings and reports drift) and uses a search-only key with a short request timeout. Workers
 * and commands use the admin key; their `ensureIndex` creates a missing index and applies
 * settings only when they differ from what the server holds.
 *
 * Chinese text: Meilisearch segments Han text with jieba, which splits unknown words (names,
 * villages) into single characters that then match anywhere, and keeps dictionary words whole so
 * that a part of one (焊工 in 电焊工) is missed. So each searchable field is indexed as a hidden,
 * pre-tokenised copy (`name__tokens`: one Han character per word, a hard separator wherever the
 * original had a space, punctuation or an array boundary) and each Han run of a query is sent as
 * a quoted phrase of its characters, searched on those copies only: a match is an exact substring
 * of one text run, as on the embedded engine. Latin/digit words are sent as one-word phrases, so
 * they match whole words (no prefix, no typo), as on the embedded engine. Differences that remain:
 * Meilisearch folds some character variants (traditional → simplified, Latin accents) on both
 * sides, and only the first ten query terms count.
 *
 * Tasks. Document writes wait for their task up to `taskTimeoutMs` and then fail with
 * MeilisearchTaskPendingError (the task still runs; a retried job writes the same state again).
 * Index creation, settings, swaps and deletions are waited on to their end, across connection
 * errors: giving up early would let a caller act as if they had not happened while they do.
 * A failed task keeps Meilisearch's error code (MeilisearchTaskError.code).
 */
export interface MeilisearchSearchOptions {
  host: string;
  apiKey?: string;
  /** Prefix of every index uid, to let several apps or test runs share one server. */
  indexPrefix?: string;
  /**
   * true (default): `ensureIndex` creates the index and applies settings when they differ (workers,
   * commands; needs the admin key). false: it only records the schema (web processes, search:check).
   */
  manageIndexes?: boolean;
  /** Per HTTP request; ≈3 s on the web so a hung server answers "search unavailable" quickly. */
  requestTimeoutMs?: number;
  /** How long a document write waits for its task before MeilisearchTaskPendingError. */
  taskTimeoutMs?: number;
  /** Caps exact totals and offset + limit; keep it above the largest index. */
  maxTotalHits?: number;
  maxValuesPerFacet?: number;
  /** Bytes of JSON per document batch. */
  maxBatchBytes?: number;
  /** Progress of long waits (settings, swaps) and connection retries. */
  log?: (line: string) => void;
}

/** Swaps with `rename: false` and the settings used here need this version; older servers are refused at setup. */
export const MIN_MEILISEARCH_VERSION = "1.18.0";
/** Suffix of the hidden pre-tokenised copy of each searchable field. */
export const TOKENS_SUFFIX = "__tokens";
/** `sort` first, so an explicit sort orders all matches (as on the embedded engine) and relevance breaks ties. */
export const RANKING_RULES = ["sort", "words", "typo", "proximity", "attribute", "exactness"];
const LOCALES = ["cmn"];
/** Meilisearch's own payload limit is 100 MB; smaller batches index sooner and retry cheaper. */
const DEFAULT_BATCH_BYTES = 8 * 1024 * 1024;
const ID_PAGE = 1000;
/** A hard separator for charabia ("." is hard): phrase positions jump by 8 across it. */
const HARD_SEPARATOR = " . ";
/** Han runs, and Latin/digit words — the same classes as ./chinese (a Han character is never part of a word). */
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+/gu;
const HAN = /^\p{Script=Han}/u;
/** How long untimed waits keep retrying a server they cannot reach (a restart of several minutes). */
const UNREACHABLE_PATIENCE_MS = 15 * 60_000;

// ---------------------------------------------------------------------------------------------
// Pure helpers (unit-tested in meilisearch.test.ts)

export const tokensField = (field: string) => `${field}${TOKENS_SUFFIX}`;

/** The runs of normalised text: Han runs and Latin/digit words, in order; separators dropped. */
function runsOf(text: string): string[] {
  return normalizeText(text).match(RUN) ?? [];
}

/**
 * The hidden copy of a text field: NFKC + lowercase as on the embedded engine, each Han character
 * a word of its own, a hard separator between runs (and between the elements of an array).
 */
export function pretokenise(value: SearchValue | undefined): string | undefined {
  const texts = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  const runs = texts.flatMap(runsOf).map((run) => (HAN.test(run) ? Array.from(run).join(" ") : run));
  return runs.length > 0 ? runs.join(HARD_SEPARATOR) : undefined;
}

/**
 * The `q` sent to Meilisearch: each Han run of the query as a quoted phrase of its characters,
 * each Latin/digit word as a one-word phrase (deduplicated). Everything else — quotes, a leading
 * minus (negation), also full-width ones after NFKC (－保洁) — is a separator, so the query
 * language has no operators. "" (no words) is Meilisearch's placeholder search: every document.
 */
export function meilisearchQuery(q: string): string {
  const phrases = new Set(runsOf(q).map((run) => `"${HAN.test(run) ? Array.from(run).join(" ") : run}"`));
  return [...phrases].join(" ");
}

/** The document as sent: typed and other fields as they are, text fields replaced by their hidden copies. */
export function meilisearchDocument(schema: IndexSchema, doc: SearchDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const text = new Set(schema.searchable);
  for (const [field, value] of Object.entries(doc)) if (!text.has(field) && value !== undefined) out[field] = value;
  for (const field of schema.searchable) {
    const copy = pretokenise(doc[field]);
    if (copy !== undefined) out[tokensField(field)] = copy;
  }
  return out;
}

export interface MeilisearchLimits {
  maxTotalHits: number;
  maxValuesPerFacet: number;
}

/** The settings of an index with this schema (applied by setup, compared by verify). */
export function meilisearchSettings(schema: IndexSchema, limits: MeilisearchLimits): Settings {
  const hidden = schema.searchable.map(tokensField);
  const clash = hidden.find((field) => field in schema.fields);
  if (clash) throw new Error(`field "${clash}" clashes with the hidden copy of a text field`);
  return {
    // Only the hidden copies are searched; the original text is never sent (pages load rows by id).
    searchableAttributes: hidden,
    displayedAttributes: ["id", "version"],
    filterableAttributes: [...schema.filterable],
    sortableAttributes: [...schema.sortable],
    rankingRules: RANKING_RULES,
    // Exact-token semantics on both adapters; every query term is a phrase anyway.
    typoTolerance: { enabled: false },
    prefixSearch: "disabled",
    facetSearch: false,
    pagination: { maxTotalHits: limits.maxTotalHits },
    faceting: { maxValuesPerFacet: limits.maxValuesPerFacet },
    // Without this, short Han-only strings can be detected as Japanese and segmented as such.
    localizedAttributes: [{ attributePatterns: hidden, locales: LOCALES }],
  };
}

/** Settings whose order does not matter (Meilisearch returns them sorted). */
const UNORDERED = new Set(["filterableAttributes", "sortableAttributes", "displayedAttributes"]);

function sameValue(expected: unknown, actual: unknown, unordered: boolean): boolean {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    const [e, a] = unordered ? [[...expected].map(String).sort(), [...actual].map(String).sort()] : [expected, actual];
    return e.every((value, i) => sameValue(value, a[i], false));
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return false;
    // Only the keys we set: the server adds its defaults for the others.
    return Object.entries(expected).every(([key, value]) => sameValue(value, (actual as Record<string, unknown>)[key], false));
  }
  return expected === actual;
}

/** Names of the settings that differ between what we apply and what the server holds. */
export function settingsDrift(expected: Settings, actual: Settings): string[] {
  return Object.entries(expected)
    .filter(([key, value]) => !sameValue(value, (actual as Record<string, unknown>)[key], UNORDERED.has(key)))
    .map(([key]) => key);
}

/** Why this server version cannot be used, or null. Pre-releases of the minimum count as the minimum. */
export function versionProblem(pkgVersion: string, minimum = MIN_MEILISEARCH_VERSION): string | null {
  const parse = (v: string) => /^v?(\d+)\.(\d+)\.(\d+)/.exec(v.trim())?.slice(1).map(Number);
  const have = parse(pkgVersion);
  const need = parse(minimum)!;
  if (!have) return `Meilisearch reports an unreadable version "${pkgVersion}"; LaborBridge needs ${minimum} or later`;
  for (let i = 0; i < 3; i++) {
    if (have[i] > need[i]) return null;
    if (have[i] < need[i]) {
      return (
        `Meilisearch ${pkgVersion} is too old: LaborBridge needs ${minimum} or later (index swaps with rename: false, ` +
        `facetSearch and prefixSearch settings). Upgrade the server, then run npm run search:setup.`
      );
    }
  }
  return null;
}

/**
 * How a page of `limit` hits from `offset` is asked for. Page mode (hitsPerPage/page) is the one
 * that counts exhaustively; offset/limit only estimates totals. An offset off the page grid is
 * two queries: the hits by offset/limit, total and facets from a count-only page query.
 */
export function pagingPlan(
  limit: number,
  offset: number,
): { mode: "page"; hitsPerPage: number; page: number } | { mode: "split"; offset: number; limit: number } {
  if (limit === 0) return { mode: "page", hitsPerPage: 0, page: 1 };
  if (offset % limit === 0) return { mode: "page", hitsPerPage: limit, page: offset / limit + 1 };
  return { mode: "split", offset, limit };
}

/**
 * Documents as JSON array bodies of at most `maxBytes` each (a single larger document goes alone;
 * Meilisearch's own limit is 100 MB). Each document is serialised once.
 */
export function jsonBatches(docs: readonly object[], maxBytes: number): string[] {
  const batches: string[] = [];
  let parts: string[] = [];
  let bytes = 2; // "[" and "]"
  for (const doc of docs) {
    const json = JSON.stringify(doc);
    const size = Buffer.byteLength(json) + 1; // with its comma
    if (parts.length > 0 && bytes + size > maxBytes) {
      batches.push(`[${parts.join(",")}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(json);
    bytes += size;
  }
  if (parts.length > 0) batches.push(`[${parts.join(",")}]`);
  return batches;
}

// ---------------------------------------------------------------------------------------------
// Errors

/** A Meilisearch task that failed (or was canceled); `code` is Meilisearch's own error code. */
export class MeilisearchTaskError extends Error {
  override readonly name = "MeilisearchTaskError";
  readonly code: string | undefined;
  readonly taskUid: number;
  readonly type: string;
  constructor(readonly task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}${task.error ? `: ${task.error.code}: ${task.error.message}` : ""}`);
    this.code = task.error?.code;
    this.taskUid = task.uid;
    this.type = task.type;
  }
}

/** A document write still enqueued or processing after `taskTimeoutMs`: it will still be applied. */
export class MeilisearchTaskPendingError extends Error {
  override readonly name = "MeilisearchTaskPendingError";
  constructor(
    readonly taskUid: number,
    readonly status: string,
    timeoutMs: number,
  ) {
    super(`Meilisearch task ${taskUid} still ${status} after ${timeoutMs} ms (it will still run; writing the same state again is harmless)`);
  }
}

/** What a failed request means to the app: a missing index, search unavailable, or itself. */
export function translateMeilisearchError(error: unknown, name?: string): unknown {
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code;
    if (code === "index_not_found" && name !== undefined) return new SearchIndexNotFoundError(name);
    const status = error.response.status;
    if (status === 401 || status === 403) {
      return new SearchUnavailableError(
        "forbidden",
        `Meilisearch refused the key (${code ?? status}): check MEILI_SEARCH_KEY / MEILI_ADMIN_KEY and their scopes`,
        { cause: error },
      );
    }
    if (status >= 500) return new SearchUnavailableError("server_error", `Meilisearch answered ${status} (${code ?? "no code"})`, { cause: error });
    return error;
  }
  if (error instanceof MeilisearchRequestError) {
    const timedOut = error.cause instanceof MeilisearchRequestTimeOutError;
    return new SearchUnavailableError(timedOut ? "timeout" : "unreachable", timedOut ? "Meilisearch did not answer in time" : "Meilisearch cannot be reached", {
      cause: error,
    });
  }
  return error;
}

const isUnreachable = (error: unknown) => {
  const translated = translateMeilisearchError(error);
  return translated instanceof SearchUnavailableError && translated.reason !== "forbidden";
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------

export type SettingsCheck = { index: string; problem: "missing" | "drift" | "unreadable"; detail: string };

export class MeilisearchSearchIndex implements SearchIndex {
  readonly adapter = "meilisearch" as const;
  private readonly client: Meilisearch;
  private readonly schemas = new Map<SearchIndexName, IndexSchema>();
  /** Deferred document tasks per index, waited on by `settle`. */
  private readonly pending = new Map<SearchIndexName, number[]>();
  private readonly prefix: string;
  private readonly manage: boolean;
  private readonly taskTimeoutMs: number;
  private readonly limits: MeilisearchLimits;
  private readonly maxBatchBytes: number;
  private readonly log: (line: string) => void;

  constructor(options: MeilisearchSearchOptions) {
    this.prefix = options.indexPrefix ?? "";
    if (this.prefix && !INDEX_UID.test(this.prefix)) throw new Error(`illegal index prefix "${this.prefix}"`);
    this.manage = options.manageIndexes ?? true;
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
    this.limits = { maxTotalHits: options.maxTotalHits ?? 10_000_000, maxValuesPerFacet: options.maxValuesPerFacet ?? 10_000 };
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_BATCH_BYTES;
    this.log = options.log ?? ((line) => console.warn(line));
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: options.requestTimeoutMs ?? 30_000 });
  }

  /**
   * Managing (workers, commands): creates the index if missing and applies settings if they differ
   * (read first, so an unchanged deploy enqueues nothing), waiting to the end. Otherwise (web):
   * records the schema only — no request at all.
   */
  async ensureIndex(name: SearchIndexName, schema: IndexSchema): Promise<void> {
    assertValidSchema(schema);
    const uid = this.uid(name);
    const expected = meilisearchSettings(schema, this.limits);
    if (this.manage) {
      let current = await this.readSettings(uid);
      if (current === null) {
        await this.untimed(this.client.createIndex(uid, { primaryKey: "id" }), "index_already_exists");
        current = {};
      }
      const drift = settingsDrift(expected, current);
      if (drift.length > 0) {
        this.log(`meilisearch: applying settings to ${uid} (${drift.join(", ")}); this waits for earlier tasks on the server`);
        await this.untimed(this.client.index(uid).updateSettings(expected));
      }
    }
    this.schemas.set(name, schema);
  }

  /** Read-only: which of these indexes are missing or hold other settings than this code applies. */
  async verify(schemas: ReadonlyMap<SearchIndexName, IndexSchema>): Promise<SettingsCheck[]> {
    const problems: SettingsCheck[] = [];
    for (const [name, schema] of schemas) {
      const index = this.uid(name);
      try {
        const current = await this.readSettings(index);
        if (current === null) problems.push({ index, problem: "missing", detail: "index does not exist (run npm run search:setup)" });
        else {
          const drift = settingsDrift(meilisearchSettings(schema, this.limits), current);
          if (drift.length > 0) problems.push({ index, problem: "drift", detail: `settings differ: ${drift.join(", ")} (run npm run search:setup)` });
        }
      } catch (error) {
        problems.push({ index, problem: "unreadable", detail: String((translateMeilisearchError(error) as Error).message) });
      }
    }
    return problems;
  }

  /** The server's version, refused below MIN_MEILISEARCH_VERSION with a clear message. */
  async checkVersion(): Promise<string> {
    let pkgVersion: string;
    try {
      pkgVersion = (await this.client.getVersion()).pkgVersion;
    } catch (error) {
      throw translateMeilisearchError(error);
    }
    const problem = versionProblem(pkgVersion);
    if (problem) throw new Error(problem);
    return pkgVersion;
  }

  async upsert(name: SearchIndexName, docs: readonly SearchDocument[], options: { defer?: boolean } = {}): Promise<void> {
    const schema = this.schema(name);
    const valid = validateDocuments(schema, docs);
    if (valid.length === 0) return;
    const index = this.client.index(this.uid(name));
    const batches = jsonBatches(
      valid.map((doc) => meilisearchDocument(schema, doc)),
      this.maxBatchBytes,
    );
    // One batch at a time: a failed request stops the loop with nothing else in flight.
    const uids: number[] = [];
    for (const body of batches) {
      uids.push((await this.request(index.addDocumentsFromString(body, "application/json", { primaryKey: "id" }), name)).taskUid);
    }
    if (options.defer) {
      this.pending.set(name, [...(this.pending.get(name) ?? []), ...uids]);
      return;
    }
    for (const uid of uids) await this.waitTask(uid, { timeoutMs: this.taskTimeoutMs });
  }

  async remove(name: SearchIndexName, ids: readonly string[]): Promise<void> {
    this.schema(name);
    if (ids.length === 0) return;
    const task = await this.request(this.client.index(this.uid(name)).deleteDocuments([...ids]), name);
    await this.waitTask(task.taskUid, { timeoutMs: this.taskTimeoutMs });
  }

  /**
   * Waits for this process's deferred writes to these indexes (throwing if one failed), then until
   * the server has no task for them enqueued or processing (other processes' writes, swaps).
   */
  async settle(names: readonly SearchIndexName[]): Promise<void> {
    for (const name of names) {
      const uids = this.pending.get(name) ?? [];
      this.pending.delete(name);
      for (const uid of uids) await this.waitTask(uid, {});
    }
    const indexUids = names.map((name) => this.uid(name));
    const started = Date.now();
    let lastLog = started;
    for (let interval = 50; ; interval = Math.min(interval * 2, 1000)) {
      const busy = await this.retrying(async () => {
        const statuses = ["enqueued", "processing"] as const;
        const [own, swaps] = await Promise.all([
          this.client.tasks.getTasks({ indexUids, statuses: [...statuses], limit: 1 }),
          this.client.tasks.getTasks({ types: ["indexSwap"], statuses: [...statuses], limit: 1 }),
        ]);
        return own.results.length + swaps.results.length > 0;
      });
      if (!busy) return;
      if (Date.now() - lastLog >= 30_000) {
        lastLog = Date.now();
        this.log(`meilisearch: still waiting for tasks on ${indexUids.join(", ")} (${Math.round((Date.now() - started) / 1000)} s)`);
      }
      await sleep(interval);
    }
  }

  async search(name: SearchIndexName, query: SearchQuery): Promise<SearchResult> {
    const validated = validateQuery(this.schema(name), query);
    const indexUid = this.uid(name);
    const q = meilisearchQuery(validated.q);
    const params = {
      filter: validated.filters.length > 0 ? validated.filters.map(toMeilisearchFilter) : undefined,
      sort: validated.sort.length > 0 ? validated.sort.map(({ field, direction }) => `${field}:${direction}`) : undefined,
      attributesToRetrieve: ["id"],
      attributesToSearchOn: this.schema(name).searchable.map(tokensField),
      matchingStrategy: "all" as const, // every query term must match, as on the embedded engine
      locales: LOCALES,
    };
    const facets = validated.facets.length > 0 ? [...validated.facets] : undefined;
    const plan = pagingPlan(validated.limit, validated.offset);
    try {
      if (plan.mode === "page") {
        const response = await this.client.index(indexUid).search(q, { ...params, facets, hitsPerPage: plan.hitsPerPage, page: plan.page });
        return toResult(response.hits, response.totalHits, response.facetDistribution, validated.facets);
      }
      const { results } = await this.client.multiSearch({
        queries: [
          { indexUid, q, ...params, offset: plan.offset, limit: plan.limit },
          { indexUid, q, ...params, facets, hitsPerPage: 0, page: 1 },
        ],
      });
      const [page, counts] = results;
      return toResult(page.hits, counts.totalHits, counts.facetDistribution, validated.facets);
    } catch (error) {
      throw translateMeilisearchError(error, name);
    }
  }

  async count(name: SearchIndexName): Promise<number> {
    this.schema(name);
    return (await this.request(this.client.index(this.uid(name)).getStats(), name)).numberOfDocuments;
  }

  async allIds(name: SearchIndexName): Promise<string[]> {
    return [...(await this.versions(name)).keys()];
  }

  async versions(name: SearchIndexName): Promise<Map<string, number | null>> {
    this.schema(name);
    const index = this.client.index<{ id: string; version?: number | null }>(this.uid(name));
    const out = new Map<string, number | null>();
    for (let offset = 0; ; offset += ID_PAGE) {
      const page = await this.request(index.getDocuments({ fields: ["id", "version"], limit: ID_PAGE, offset }), name);
      for (const doc of page.results) out.set(String(doc.id), typeof doc.version === "number" ? doc.version : null);
      if (page.results.length < ID_PAGE) return out;
    }
  }

  async dropIndex(name: SearchIndexName): Promise<void> {
    await this.untimed(this.client.deleteIndex(this.uid(name)), "index_not_found");
    this.schemas.delete(name);
    this.pending.delete(name);
  }

  async swap(a: SearchIndexName, b: SearchIndexName): Promise<void> {
    const schemaA = this.schema(a);
    const schemaB = this.schema(b);
    if (a === b) return;
    // Waited on to its end: a swap that is merely slow has still happened (or will).
    await this.untimed(this.client.swapIndexes([{ indexes: [this.uid(a), this.uid(b)], rename: false }]));
    this.schemas.set(a, schemaB);
    this.schemas.set(b, schemaA);
  }

  /**
   * An authenticated `limit: 0` search on every ensured index (GET /health needs no key, so a
   * revoked key would stay green); with none ensured yet, the server's health.
   */
  async ping(): Promise<boolean> {
    try {
      const names = [...this.schemas.keys()];
      if (names.length === 0) return await this.client.isHealthy();
      await this.client.multiSearch({ queries: names.map((name) => ({ indexUid: this.uid(name), q: "", limit: 0 })) });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.schemas.clear(); // the client holds no connections of its own (fetch)
    this.pending.clear();
  }

  // -------------------------------------------------------------------------------------------

  private uid(name: SearchIndexName): string {
    if (!INDEX_UID.test(name)) throw new Error(`illegal index name "${name}"`);
    return this.prefix + name;
  }

  private schema(name: SearchIndexName): IndexSchema {
    const schema = this.schemas.get(name);
    if (!schema) throw new SearchIndexNotFoundError(name);
    return schema;
  }

  private async request<T>(promise: Promise<T>, name?: SearchIndexName): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      throw translateMeilisearchError(error, name);
    }
  }

  /** The index's settings, or null when it does not exist. */
  private async readSettings(uid: string): Promise<Settings | null> {
    try {
      return await this.client.index(uid).getSettings();
    } catch (error) {
      if (error instanceof MeilisearchApiError && error.cause?.code === "index_not_found") return null;
      throw translateMeilisearchError(error);
    }
  }

  /** Enqueues a task (retrying a server that cannot be reached) and waits for it to its end. */
  private async untimed(enqueue: Promise<EnqueuedTask>, tolerated?: string): Promise<Task> {
    const task = await this.request(enqueue);
    return this.waitTask(task.taskUid, { tolerated });
  }

  /**
   * Polls a task until it ends. With `timeoutMs`, a task still enqueued or processing then is a
   * MeilisearchTaskPendingError; without, polling goes on (and survives connection errors for
   * UNREACHABLE_PATIENCE_MS). Failed: MeilisearchTaskError unless its code is `tolerated`.
   */
  private async waitTask(uid: number, options: { timeoutMs?: number; tolerated?: string }): Promise<Task> {
    const started = Date.now();
    let lastLog = started;
    for (let interval = 25; ; interval = Math.min(interval * 2, 1000)) {
      const task =
        options.timeoutMs === undefined ? await this.retrying(() => this.client.tasks.getTask(uid)) : await this.request(this.client.tasks.getTask(uid));
      if (task.status === "succeeded") return task;
      if (task.status === "failed" || task.status === "canceled") {
        if (options.tolerated && task.error?.code === options.tolerated) return task;
        throw new MeilisearchTaskError(task);
      }
      const waited = Date.now() - started;
      if (options.timeoutMs !== undefined && waited >= options.timeoutMs) throw new MeilisearchTaskPendingError(uid, task.status, options.timeoutMs);
      if (Date.now() - lastLog >= 30_000) {
        lastLog = Date.now();
        this.log(`meilisearch: task ${uid} (${task.type}) still ${task.status} after ${Math.round(waited / 1000)} s; waiting for it to end`);
      }
      await sleep(options.timeoutMs === undefined ? interval : Math.min(interval, Math.max(1, options.timeoutMs - waited)));
    }
  }

  /** Runs `read` again while the server cannot be reached, up to UNREACHABLE_PATIENCE_MS. */
  private async retrying<T>(read: () => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await read();
      } catch (error) {
        if (!isUnreachable(error) || Date.now() - started > UNREACHABLE_PATIENCE_MS) throw translateMeilisearchError(error);
        if (attempt === 0) this.log(`meilisearch: cannot reach the server (${(translateMeilisearchError(error) as Error).message}); retrying`);
        await sleep(Math.min(1000 * 2 ** attempt, 15_000));
      }
    }
  }
}

/** The Meilisearch adapter's translation of a (validated) filter; field names come from the schema. */
export function toMeilisearchFilter(filter: SearchFilter): string {
  const { field } = filter;
  switch (filter.op) {
    case "eq":
      return `${field} = ${filterLiteral(filter.value)}`;
    case "in":
      return `${field} IN [${filter.values.map(filterLiteral).join(", ")}]`;
    case "range": {
      const bounds = [
        filter.gte !== undefined ? `${field} >= ${filterLiteral(filter.gte)}` : undefined,
        filter.lte !== undefined ? `${field} <= ${filterLiteral(filter.lte)}` : undefined,
      ];
      return bounds.filter((bound) => bound !== undefined).join(" AND ");
    }
    case "exists":
      // EXISTS alone also matches null, "" and []; the embedded engine counts those as no value.
      return `(${field} EXISTS AND ${field} IS NOT NULL AND ${field} IS NOT EMPTY)`;
    default:
      return assertNever(filter);
  }
}

function filterLiteral(value: string | number | boolean): string {
  switch (typeof value) {
    case "string":
      return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
    case "number": {
      const text = String(value);
      // The filter grammar has no exponent notation (1e+21, 1e-7); toFixed itself answers 1e+21 from 1e21 up.
      if (!/e/i.test(text)) return text;
      return Math.abs(value) >= 1 ? BigInt(value).toString() : value.toFixed(20);
    }
    case "boolean":
      return String(value);
    default:
      return assertNever(value);
  }
}

function toResult(
  hits: readonly Record<string, unknown>[],
  total: number | undefined,
  distribution: FacetDistribution | undefined,
  facets: readonly string[],
): SearchResult {
  if (total === undefined) throw new Error("Meilisearch returned no exhaustive totalHits");
  return {
    hits: hits.map((hit) => ({ id: String(hit.id) })),
    total,
    facets: Object.fromEntries(facets.map((field) => [field, { ...distribution?.[field] }])),
  };
}
