import type { Pool } from "pg";
import { assertNever, type FieldType, type IndexSchema, type SearchFilter, type SearchResult, type ValidatedQuery } from "./types";

/**
 * Answers a search from PostgreSQL's search_document while this process's engine is still
 * warming (ADR 0005). Text goes through the GIN index over each document's `tokens` (the same
 * bigram tokens as the engine's postings), so a query with text is selective; filters, facets,
 * sorting and paging follow the engine's semantics over the JSONB document. Exact, but every
 * match is visited: the engine waits for warm-up before answering broad queries instead.
 */
export async function searchInPostgres(
  pool: Pool,
  index: string,
  schema: IndexSchema,
  query: ValidatedQuery,
  tokens: readonly string[],
): Promise<{ ids: string[]; total: number; facets: SearchResult["facets"] }> {
  const params: unknown[] = [index];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`"index_name" = $1`, `"doc_id" <> ''`, `"doc" IS NOT NULL`];
  if (tokens.length > 0) where.push(`"tokens" @> ${param(tokens)}::text[]`);
  for (const filter of query.filters) where.push(filterSql(filter, schema.fields[filter.field], param));

  const order = query.sort.map(({ field, direction }) => `(doc->>${param(field)})::float8 ${direction === "asc" ? "ASC" : "DESC"} NULLS LAST`);
  order.push(`"seq" ASC`);
  const facetSql = query.facets.map((field) => {
    const f = param(field);
    const values =
      schema.fields[field] === "string[]"
        ? `(SELECT DISTINCT v FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(m.doc->${f}) = 'array' THEN
      m.doc->${f} ELSE '[]'::jsonb END) AS v)`
        : `(SELECT m.doc->>${f} AS v)`;
    return `(SELECT coalesce(jsonb_object_agg(v, n), '{}'::jsonb) FROM (SELECT v, count(*) AS n FROM m, LATERAL ${values}
      AS e(v) WHERE v IS NOT NULL AND v <> '' GROUP BY v) AS c)`;
  });
  const sql = `
    WITH m AS (SELECT "doc_id", "doc", "seq" FROM "search_document" WHERE ${where.join(" AND ")})
    SELECT (SELECT count(*) FROM m) AS total,
           (SELECT coalesce(array_agg("doc_id"), '{}') FROM (SELECT "doc_id" FROM m ORDER BY
             ${order.join(", ")} LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}) AS p) AS ids,
           jsonb_build_array(${facetSql.join(", ")}) AS facets`;
  const { rows } = await pool.query<{ total: string; ids: string[]; facets: Record<string, string | number>[] }>(sql, params);
  const facets: SearchResult["facets"] = {};
  query.facets.forEach((field, i) => {
    facets[field] = Object.fromEntries(Object.entries(rows[0].facets[i] ?? {}).map(([value, count]) => [value, Number(count)]));
  });
  return { ids: rows[0].ids, total: Number(rows[0].total), facets };
}

function filterSql(filter: SearchFilter, type: FieldType | undefined, param: (value: unknown) => string): string {
  const f = param(filter.field);
  const number = `(doc->>${f})::float8`;
  switch (filter.op) {
    case "eq":
      if (type === "string[]") return `(doc->${f}) ? ${param(String(filter.value))}`; // array elements (null: no match)
      if (type === "number") return `${number} = ${param(filter.value)}::float8`;
      if (type === "boolean") return `(doc->${f}) = to_jsonb(${param(filter.value)}::boolean)`;
      return `(doc->>${f}) = ${param(String(filter.value))}`;
    case "in":
      if (type === "string[]") return `(doc->${f}) ?| ${param(filter.values.map(String))}::text[]`;
      if (type === "number") return `${number} = ANY(${param(filter.values)}::float8[])`;
      return `(doc->>${f}) = ANY(${param(filter.values.map(String))}::text[])`;
    case "range": {
      const bounds = [`${number} IS NOT NULL`];
      if (filter.gte !== undefined) bounds.push(`${number} >= ${param(filter.gte)}::float8`);
      if (filter.lte !== undefined) bounds.push(`${number} <= ${param(filter.lte)}::float8`);
      return `(${bounds.join(" AND ")})`;
    }
    case "exists":
      if (type === "string[]")
        return `EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(doc->${f}) = 'array' THEN doc->${f}
        ELSE '[]'::jsonb END) AS v WHERE v <> '')`;
      if (type === "number" || type === "boolean") return `jsonb_typeof(doc->${f}) = ${param(type)}`;
      return `coalesce(doc->>${f}, '') <> ''`;
    default:
      return assertNever(filter);
  }
}
