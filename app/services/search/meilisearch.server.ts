import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type FacetDistribution, type Settings, type Task } from "meilisearch";
import {
  INDEX_UID,
  SearchIndexNotFoundError,
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
} from "./types";

/**
 * The Meilisearch adapter (official client). Writes wait for their task, so they are searchable
 * when the promise resolves — call them from workers, not from requests.
 *
 * Where it differs from the embedded engine (see ADR 0002):
 * - Chinese is segmented by Meilisearch (charabia/jieba, forced to Mandarin with `locales`),
 *   not by bigrams: a query word matches whole words and, for the last query word, word
 *   prefixes (保洁 finds 保洁员), but a word-internal substring may not match (洁员 may miss
 *   保洁员). Requires Meilisearch ≥ 1.10 (localized attributes; pinyin normalisation is off).
 * - Latin words: the last query word also matches as a prefix; only the first ten query words count.
 * - String filters compare case-insensitively.
 * - Totals are exact up to `maxTotalHits`; facets list at most `maxValuesPerFacet` values.
 */
export interface MeilisearchSearchOptions {
  host: string;
  apiKey?: string;
  /** Prefix of every index uid, to let several apps or test runs share one server. */
  indexPrefix?: string;
  /** How long a write waits for its task. */
  taskTimeoutMs?: number;
  /** Caps exact totals and offset + limit; keep it above the largest index. */
  maxTotalHits?: number;
  maxValuesPerFacet?: number;
}

/** `sort` first, so an explicit sort orders all matches (as on the embedded engine) and relevance breaks ties. */
const RANKING_RULES = ["sort", "words", "typo", "proximity", "attribute", "exactness"];
const LOCALES = ["cmn"];
const WRITE_BATCH = 5000;
const ID_PAGE = 1000;

export class MeilisearchSearchIndex implements SearchIndex {
  readonly adapter = "meilisearch" as const;
  private readonly client: Meilisearch;
  private readonly schemas = new Map<SearchIndexName, IndexSchema>();
  private readonly prefix: string;
  private readonly taskTimeoutMs: number;
  private readonly maxTotalHits: number;
  private readonly maxValuesPerFacet: number;

  constructor(options: MeilisearchSearchOptions) {
    this.prefix = options.indexPrefix ?? "";
    if (this.prefix && !INDEX_UID.test(this.prefix)) throw new Error(`illegal index prefix "${this.prefix}"`);
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
    this.maxTotalHits = options.maxTotalHits ?? 10_000_000;
    this.maxValuesPerFacet = options.maxValuesPerFacet ?? 10_000;
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
  }

  async ensureIndex(name: SearchIndexName, schema: IndexSchema): Promise<void> {
    assertValidSchema(schema);
    const uid = this.uid(name);
    await this.wait(this.client.createIndex(uid, { primaryKey: "id" }), "index_already_exists");
    await this.wait(this.client.index(uid).updateSettings(this.settings(schema)));
    this.schemas.set(name, schema);
  }

  async upsert(name: SearchIndexName, docs: readonly SearchDocument[]): Promise<void> {
    const valid = validateDocuments(this.schema(name), docs);
    const index = this.client.index(this.uid(name));
    const tasks: EnqueuedTaskPromise[] = [];
    for (let i = 0; i < valid.length; i += WRITE_BATCH) {
      tasks.push(index.addDocuments(valid.slice(i, i + WRITE_BATCH), { primaryKey: "id" }));
    }
    for (const task of tasks) await this.wait(task);
  }

  async remove(name: SearchIndexName, ids: readonly string[]): Promise<void> {
    this.schema(name);
    if (ids.length === 0) return;
    await this.wait(this.client.index(this.uid(name)).deleteDocuments([...ids]));
  }

  async search(name: SearchIndexName, query: SearchQuery): Promise<SearchResult> {
    const validated = validateQuery(this.schema(name), query);
    const indexUid = this.uid(name);
    const q = meilisearchQuery(validated.q);
    const params = {
      filter: validated.filters.length > 0 ? validated.filters.map(toMeilisearchFilter) : undefined,
      sort: validated.sort.length > 0 ? validated.sort.map(({ field, direction }) => `${field}:${direction}`) : undefined,
      attributesToRetrieve: ["id"],
      matchingStrategy: "all" as const, // every query word must match, as on the embedded engine
      locales: LOCALES,
    };
    const facets = validated.facets.length > 0 ? [...validated.facets] : undefined;
    const { limit, offset } = validated;
    try {
      // Page mode (hitsPerPage/page) is the one that counts exhaustively; offset/limit only estimates.
      if (limit === 0 || offset % limit === 0) {
        const response = await this.client.index(indexUid).search(q, {
          ...params,
          facets,
          hitsPerPage: limit,
          page: limit === 0 ? 1 : offset / limit + 1,
        });
        return toResult(response.hits, response.totalHits, response.facetDistribution, validated.facets);
      }
      // An offset off the page grid: hits by offset/limit, total and facets from a count-only query.
      const { results } = await this.client.multiSearch({
        queries: [
          { indexUid, q, ...params, offset, limit },
          { indexUid, q, ...params, facets, hitsPerPage: 0, page: 1 },
        ],
      });
      const [page, counts] = results;
      return toResult(page.hits, counts.totalHits, counts.facetDistribution, validated.facets);
    } catch (error) {
      throw this.translateError(name, error);
    }
  }

  async count(name: SearchIndexName): Promise<number> {
    this.schema(name);
    try {
      return (await this.client.index(this.uid(name)).getStats()).numberOfDocuments;
    } catch (error) {
      throw this.translateError(name, error);
    }
  }

  async allIds(name: SearchIndexName): Promise<string[]> {
    this.schema(name);
    const index = this.client.index<{ id: string }>(this.uid(name));
    const ids: string[] = [];
    for (let offset = 0; ; offset += ID_PAGE) {
      const page = await index.getDocuments({ fields: ["id"], limit: ID_PAGE, offset });
      for (const doc of page.results) ids.push(String(doc.id));
      if (page.results.length < ID_PAGE) return ids;
    }
  }

  async versions(name: SearchIndexName): Promise<Map<string, number | null>> {
    this.schema(name);
    const index = this.client.index<{ id: string; version?: number | null }>(this.uid(name));
    const out = new Map<string, number | null>();
    for (let offset = 0; ; offset += ID_PAGE) {
      const page = await index.getDocuments({ fields: ["id", "version"], limit: ID_PAGE, offset });
      for (const doc of page.results) out.set(String(doc.id), typeof doc.version === "number" ? doc.version : null);
      if (page.results.length < ID_PAGE) return out;
    }
  }

  async dropIndex(name: SearchIndexName): Promise<void> {
    await this.wait(this.client.deleteIndex(this.uid(name)), "index_not_found");
    this.schemas.delete(name);
  }

  async swap(a: SearchIndexName, b: SearchIndexName): Promise<void> {
    const schemaA = this.schema(a);
    const schemaB = this.schema(b);
    if (a === b) return;
    await this.wait(this.client.swapIndexes([{ indexes: [this.uid(a), this.uid(b)], rename: false }]));
    this.schemas.set(a, schemaB);
    this.schemas.set(b, schemaA);
  }

  async ping(): Promise<boolean> {
    return this.client.isHealthy();
  }

  async close(): Promise<void> {
    this.schemas.clear(); // the client holds no connections of its own (fetch)
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

  private settings(schema: IndexSchema): Settings {
    return {
      searchableAttributes: [...schema.searchable],
      filterableAttributes: [...schema.filterable],
      sortableAttributes: [...schema.sortable],
      rankingRules: RANKING_RULES,
      // Exact-token semantics on both adapters; typos hardly apply to Chinese words anyway.
      typoTolerance: { enabled: false },
      pagination: { maxTotalHits: this.maxTotalHits },
      faceting: { maxValuesPerFacet: this.maxValuesPerFacet },
      // Without this, short Han-only strings can be detected as Japanese and segmented as such.
      localizedAttributes: [{ attributePatterns: [...schema.searchable], locales: LOCALES }],
    };
  }

  /** Waits for a task; a failure is an error unless its code is the one the caller tolerates. */
  private async wait(task: EnqueuedTaskPromise, tolerated?: string): Promise<Task> {
    const done = await task.waitTask({ timeout: this.taskTimeoutMs });
    if (done.status === "succeeded" || (tolerated && done.error?.code === tolerated)) return done;
    throw new Error(`Meilisearch task ${done.uid} (${done.type}) ${done.status}: ${done.error?.message ?? "no error given"}`);
  }

  private translateError(name: SearchIndexName, error: unknown): unknown {
    if (error instanceof MeilisearchApiError && error.cause?.code === "index_not_found") return new SearchIndexNotFoundError(name);
    return error;
  }
}

/**
 * Our query language has no operators, so Meilisearch's are neutralised: double quotes (phrase
 * search) and a leading minus (negation) become plain separators.
 */
function meilisearchQuery(q: string): string {
  return q.replaceAll('"', " ").replace(/(^|\s)-+/g, "$1");
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
      // The filter grammar has no exponent notation (1e+21, 1e-7).
      return /e/i.test(text) ? value.toFixed(Math.abs(value) < 1 ? 20 : 0) : text;
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
