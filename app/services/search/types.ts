/**
 * The search port: the interface the app owns, the index schemas, and the one place where
 * documents, filters and queries are validated. Both adapters (Meilisearch, embedded) call
 * `validateQuery` / `validateDocuments` first, so an invalid request fails the same way on both.
 */

/** Meilisearch's document id rule, applied on both adapters so ids behave the same everywhere. */
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/;
/** Index names and prefixes: Meilisearch uid charset. */
export const INDEX_UID = /^[A-Za-z0-9_-]+$/;

export const BASE_INDEX_NAMES = ["workers", "postings", "trainingOrders"] as const;
export type BaseIndexName = (typeof BASE_INDEX_NAMES)[number];

/**
 * A shadow index is rebuilt beside the live one and then swapped in (`swap(live, shadow)`),
 * so readers never see a half-built index. Its name is the live name plus a fixed suffix,
 * which keeps it a legal Meilisearch uid.
 */
export const SHADOW_SUFFIX = "__shadow";
export type ShadowIndexName = `${BaseIndexName}${typeof SHADOW_SUFFIX}`;
export type SearchIndexName = BaseIndexName | ShadowIndexName;

export function shadowIndexName<N extends BaseIndexName>(name: N): `${N}${typeof SHADOW_SUFFIX}` {
  return `${name}${SHADOW_SUFFIX}`;
}

/** Type of a filterable/sortable field. Text fields are listed in `searchable` and need no type. */
export type FieldType = "string" | "number" | "boolean" | "string[]";

export interface IndexSchema {
  /** Full-text fields (string or string[]), most important first. */
  readonly searchable: readonly string[];
  /** Type of every field named in filterable/sortable/facets; lets both adapters reject a mistyped filter. */
  readonly fields: Readonly<Record<string, FieldType>>;
  readonly filterable: readonly string[];
  /** Number fields only. */
  readonly sortable: readonly string[];
  /** Subset of `filterable` whose value counts can be requested. */
  readonly facets?: readonly string[];
}

type NumberFieldOf<F extends Record<string, FieldType>> = {
  [K in keyof F]: F[K] extends "number" ? K : never;
}[keyof F] &
  string;

/** Declares a schema with compile-time checks that every listed field has a (suitable) type. */
export function defineSchema<const F extends Record<string, FieldType>, const L extends keyof F & string>(schema: {
  searchable: readonly string[];
  fields: F;
  filterable: readonly L[];
  sortable: readonly NumberFieldOf<F>[];
  facets?: readonly L[];
}): IndexSchema {
  assertValidSchema(schema);
  return schema;
}

const REGION_FIELDS = {
  provinceCode: "string",
  prefectureCode: "string",
  countyCode: "string",
  townshipCode: "string",
} as const;

/** Where a posting or a training order is, with its province and prefecture for region filters (indexing.server's targetPlace). */
const TARGET_PLACE_FIELDS = {
  regionCode: "string",
  provinceCode: "string",
  prefectureCode: "string",
} as const;

export const INDEX_SCHEMAS: Readonly<Record<BaseIndexName, IndexSchema>> = {
  workers: defineSchema({
    searchable: ["name", "occupationNames", "skillsText", "villageName"],
    fields: {
      ...REGION_FIELDS,
      occupationCodes: "string[]",
      skillLevels: "string[]",
      isPoorHousehold: "boolean",
      status: "string",
      availableFrom: "number", // epoch days
      minWage: "number",
      registeredAt: "number", // epoch ms
      destinationRegionCodes: "string[]",
      destinationKinds: "string[]",
      willingToTrain: "boolean",
      atRiskOfPoverty: "boolean",
      /** The entity's version in the database (search:check compares it). */
      version: "number",
    },
    filterable: [
      "provinceCode",
      "prefectureCode",
      "countyCode",
      "townshipCode",
      "occupationCodes",
      "skillLevels",
      "isPoorHousehold",
      "status",
      "availableFrom",
      "minWage",
      "destinationRegionCodes",
      "destinationKinds",
      "willingToTrain",
      "atRiskOfPoverty",
    ],
    sortable: ["registeredAt", "minWage", "availableFrom"],
    facets: ["provinceCode", "prefectureCode", "countyCode", "occupationCodes", "skillLevels", "isPoorHousehold", "status"],
  }),
  postings: defineSchema({
    searchable: ["title", "occupationNames", "description", "employerName"],
    fields: {
      occupationCode: "string",
      employerId: "string",
      ...TARGET_PLACE_FIELDS,
      status: "string",
      wageMin: "number",
      wageMax: "number",
      startDate: "number", // epoch days
      publishedAt: "number", // epoch ms
      version: "number",
    },
    filterable: ["occupationCode", "employerId", "regionCode", "provinceCode", "prefectureCode", "status", "wageMin", "wageMax", "startDate"],
    sortable: ["publishedAt", "wageMin", "wageMax", "startDate"],
    facets: ["occupationCode", "regionCode", "status"],
  }),
  trainingOrders: defineSchema({
    searchable: ["title", "occupationNames", "description", "providerName"],
    fields: {
      kind: "string",
      occupationCode: "string",
      providerId: "string",
      ...TARGET_PLACE_FIELDS,
      status: "string",
      startDate: "number", // epoch days
      seats: "number",
      createdAt: "number", // epoch ms
      version: "number",
    },
    filterable: ["kind", "occupationCode", "providerId", "regionCode", "provinceCode", "prefectureCode", "status", "startDate", "seats"],
    sortable: ["createdAt", "startDate", "seats"],
    facets: ["kind", "occupationCode", "regionCode", "status"],
  }),
};

// ---------------------------------------------------------------------------------------------
// Documents, queries, results

export type SearchValue = string | number | boolean | null | readonly string[];

/** A flat JSON object. `id` is the entity id (same charset as Meilisearch ids). */
export interface SearchDocument {
  readonly id: string;
  readonly [field: string]: SearchValue | undefined;
}

export type SearchFilter =
  | { field: string; op: "eq"; value: string | number | boolean }
  | { field: string; op: "in"; values: readonly (string | number)[] }
  | { field: string; op: "range"; gte?: number; lte?: number }
  | { field: string; op: "exists" };

export interface SearchSort {
  field: string;
  direction: "asc" | "desc";
}

export interface SearchQuery {
  /** Free text; every token must match (AND). Empty or absent: all documents that pass the filters. */
  q?: string;
  /** AND of all filters. `eq`/`in` on a string[] field match when any element matches. */
  filters?: readonly SearchFilter[];
  /** Fields from the schema's `facets` whose value counts (over all matches) are wanted. */
  facets?: readonly string[];
  /** Without sort: relevance when q is given, otherwise an adapter-defined stable order. */
  sort?: readonly SearchSort[];
  /** Default 20, at most MAX_SEARCH_LIMIT. */
  limit?: number;
  offset?: number;
}

/**
 * Hits carry ids only: the database is the source of truth and pages load rows by id, so the
 * embedded engine never has to keep whole documents in memory.
 */
export interface SearchHit {
  id: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Exact number of matching documents (not an estimate). */
  total: number;
  /** facet field → value (stringified: "true", "3500") → count over all matches. Zero counts omitted. */
  facets: Record<string, Record<string, number>>;
}

export interface SearchIndex {
  readonly adapter: "meilisearch" | "embedded";
  /** Create the index if missing and apply the schema; idempotent. Must be called (per process) before use. */
  ensureIndex(name: SearchIndexName, schema: IndexSchema): Promise<void>;
  /**
   * Add or fully replace documents by id; resolves when they are searchable. With `defer`, an
   * adapter whose writes are asynchronous (Meilisearch) may resolve once they are accepted;
   * `settle` then waits for them (bulk rebuilds send page after page without waiting on each).
   */
  upsert(name: SearchIndexName, docs: readonly SearchDocument[], options?: { defer?: boolean }): Promise<void>;
  /** Unknown ids are ignored. */
  remove(name: SearchIndexName, ids: readonly string[]): Promise<void>;
  search(name: SearchIndexName, query: SearchQuery): Promise<SearchResult>;
  count(name: SearchIndexName): Promise<number>;
  /** Every document id in the index, for consistency checks against the database ("search:check"). */
  allIds(name: SearchIndexName): Promise<string[]>;
  /** Every document id with its `version` field (null when absent), for "search:check" checksums. */
  versions(name: SearchIndexName): Promise<Map<string, number | null>>;
  /** Delete the index and its documents; a missing index is not an error. */
  dropIndex(name: SearchIndexName): Promise<void>;
  /** Atomically exchange the contents of two ensured indexes (shadow rebuilds). */
  swap(a: SearchIndexName, b: SearchIndexName): Promise<void>;
  ping(): Promise<boolean>;
  /**
   * Resolves when every write to these indexes accepted so far (deferred ones of this process, and
   * any other process's) has been applied; throws if a deferred write of this process failed.
   * Absent: writes are applied when upsert/remove resolve.
   */
  settle?(names: readonly SearchIndexName[]): Promise<void>;
  /**
   * "warming" while an in-process engine is still loading an index (it then answers only
   * selective queries, from the database, and waits for the load on the rest). Absent: always ready.
   */
  status?(): "ready" | "warming";
  close(): Promise<void>;
}

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 1000;

// ---------------------------------------------------------------------------------------------
// Errors

export type InvalidSearchQueryReason = "unknown_field" | "not_filterable" | "not_sortable" | "not_facetable" | "invalid_value" | "invalid_paging";

export class InvalidSearchQueryError extends Error {
  override readonly name = "InvalidSearchQueryError";
  constructor(
    readonly reason: InvalidSearchQueryReason,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export class InvalidSearchDocumentError extends Error {
  override readonly name = "InvalidSearchDocumentError";
  constructor(
    readonly documentId: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** The index was not ensured in this process (or was dropped). */
export class SearchIndexNotFoundError extends Error {
  override readonly name = "SearchIndexNotFoundError";
  constructor(readonly indexName: string) {
    super(`search index "${indexName}" is not ensured (call ensureIndex first)`);
  }
}

/**
 * The search server cannot answer now (down, hung past the request timeout, refusing our key, or
 * failing with a 5xx). Pages answer "search unavailable" (503), never a 500.
 */
export class SearchUnavailableError extends Error {
  override readonly name = "SearchUnavailableError";
  constructor(
    readonly reason: "unreachable" | "timeout" | "forbidden" | "server_error",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class InvalidIndexSchemaError extends Error {
  override readonly name = "InvalidIndexSchemaError";
}

// ---------------------------------------------------------------------------------------------
// Validation (the one place)

export function assertValidSchema(schema: IndexSchema): void {
  const typeOf = (field: string): FieldType => {
    const type = schema.fields[field];
    if (!type) throw new InvalidIndexSchemaError(`field "${field}" has no type in schema.fields`);
    return type;
  };
  for (const field of schema.filterable) typeOf(field);
  for (const field of schema.sortable) {
    if (typeOf(field) !== "number") throw new InvalidIndexSchemaError(`sortable field "${field}" must be a number`);
  }
  for (const field of schema.facets ?? []) {
    if (!schema.filterable.includes(field)) throw new InvalidIndexSchemaError(`facet "${field}" must be filterable`);
  }
  for (const field of [...schema.searchable, ...Object.keys(schema.fields)]) {
    if (!INDEX_UID.test(field) || field === "id") throw new InvalidIndexSchemaError(`illegal field name "${field}"`);
  }
  const overlap = schema.searchable.find((field) => field in schema.fields);
  if (overlap) throw new InvalidIndexSchemaError(`field "${overlap}" cannot be both text and typed`);
}

export function sameSchema(a: IndexSchema, b: IndexSchema): boolean {
  const canonical = (s: IndexSchema) => JSON.stringify([s.searchable, Object.entries(s.fields).sort(), s.filterable, s.sortable, s.facets ?? []]);
  return canonical(a) === canonical(b);
}

function valueMatchesType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    default:
      return assertNever(type);
  }
}

/**
 * Checks ids and the types of schema fields, and de-duplicates by id (the last wins), so a batch
 * can be written in one statement. Fields outside the schema are kept and not checked.
 */
export function validateDocuments(schema: IndexSchema, docs: readonly SearchDocument[]): SearchDocument[] {
  const byId = new Map<string, SearchDocument>();
  for (const doc of docs) {
    const id: unknown = doc?.id;
    if (typeof id !== "string" || !DOCUMENT_ID.test(id)) {
      throw new InvalidSearchDocumentError(undefined, `document id must match ${DOCUMENT_ID}: ${JSON.stringify(id)}`);
    }
    for (const field of schema.searchable) {
      const value = doc[field];
      if (value != null && !valueMatchesType(value, "string") && !valueMatchesType(value, "string[]")) {
        throw new InvalidSearchDocumentError(id, `text field "${field}" must be a string or string[]`);
      }
    }
    for (const [field, type] of Object.entries(schema.fields)) {
      const value = doc[field];
      if (value != null && !valueMatchesType(value, type)) {
        throw new InvalidSearchDocumentError(id, `field "${field}" must be ${type}, got ${JSON.stringify(value)}`);
      }
    }
    byId.delete(id);
    byId.set(id, doc);
  }
  return [...byId.values()];
}

export interface ValidatedQuery {
  q: string;
  filters: readonly SearchFilter[];
  facets: readonly string[];
  sort: readonly SearchSort[];
  limit: number;
  offset: number;
}

function fieldType(schema: IndexSchema, field: string): FieldType {
  const type = schema.fields[field];
  if (!type) throw new InvalidSearchQueryError("unknown_field", field, `unknown field "${field}"`);
  return type;
}

function invalidValue(filter: SearchFilter, why: string): InvalidSearchQueryError {
  return new InvalidSearchQueryError("invalid_value", filter.field, `filter ${filter.op} on "${filter.field}": ${why}`);
}

/** Element type an eq/in value must have for this field (string[] fields compare elements). */
function scalarTypeOf(type: FieldType): "string" | "number" | "boolean" {
  return type === "string[]" ? "string" : type;
}

function validateFilter(schema: IndexSchema, filter: SearchFilter): SearchFilter {
  const type = fieldType(schema, filter.field);
  if (!schema.filterable.includes(filter.field)) {
    throw new InvalidSearchQueryError("not_filterable", filter.field, `field "${filter.field}" is not filterable`);
  }
  switch (filter.op) {
    case "eq": {
      if (!valueMatchesType(filter.value, scalarTypeOf(type))) throw invalidValue(filter, `value must be ${scalarTypeOf(type)}`);
      return { field: filter.field, op: "eq", value: filter.value };
    }
    case "in": {
      const elementType = scalarTypeOf(type);
      if (elementType === "boolean") throw invalidValue(filter, "use eq for booleans");
      if (!Array.isArray(filter.values) || filter.values.length === 0) throw invalidValue(filter, "values must be a non-empty array");
      if (!filter.values.every((v) => valueMatchesType(v, elementType))) throw invalidValue(filter, `values must be ${elementType}`);
      return { field: filter.field, op: "in", values: [...filter.values] };
    }
    case "range": {
      if (type !== "number") throw invalidValue(filter, "range needs a number field");
      const { gte, lte } = filter;
      if (gte === undefined && lte === undefined) throw invalidValue(filter, "give gte and/or lte");
      for (const bound of [gte, lte]) {
        if (bound !== undefined && !valueMatchesType(bound, "number")) throw invalidValue(filter, "bounds must be finite numbers");
      }
      return { field: filter.field, op: "range", ...(gte !== undefined && { gte }), ...(lte !== undefined && { lte }) };
    }
    case "exists":
      return { field: filter.field, op: "exists" };
    default:
      return assertNever(filter);
  }
}

export function validateQuery(schema: IndexSchema, query: SearchQuery): ValidatedQuery {
  const filters = (query.filters ?? []).map((filter) => validateFilter(schema, filter));
  const facets = [...new Set(query.facets ?? [])];
  for (const field of facets) {
    fieldType(schema, field);
    if (!schema.facets?.includes(field)) {
      throw new InvalidSearchQueryError("not_facetable", field, `field "${field}" is not a facet`);
    }
  }
  const sort = (query.sort ?? []).map(({ field, direction }) => {
    fieldType(schema, field);
    if (!schema.sortable.includes(field)) {
      throw new InvalidSearchQueryError("not_sortable", field, `field "${field}" is not sortable`);
    }
    if (direction !== "asc" && direction !== "desc") {
      throw new InvalidSearchQueryError("invalid_value", field, `sort direction must be asc or desc`);
    }
    return { field, direction };
  });
  const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
  const offset = query.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_SEARCH_LIMIT) {
    throw new InvalidSearchQueryError("invalid_paging", undefined, `limit must be an integer in 0..${MAX_SEARCH_LIMIT}`);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new InvalidSearchQueryError("invalid_paging", undefined, "offset must be a non-negative integer");
  }
  return { q: query.q ?? "", filters, facets, sort, limit, offset };
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
