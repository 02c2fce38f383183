// The expected answer of a search, computed independently of any engine: every document read in
// full, text as substrings of the searchable fields, filters by their plain meaning. The contract
// suite and the search bench both hold the engines to it.
import { INDEX_SCHEMAS, type SearchDocument, type SearchFilter } from "~/services/search/types";

/** A worker document's searchable text, normalised as the engines normalise a query. */
export const searchableText = (doc: SearchDocument) =>
  INDEX_SCHEMAS.workers.searchable
    .map((field) => {
      const value = doc[field];
      return Array.isArray(value) ? value.join("\n") : typeof value === "string" ? value : "";
    })
    .join("\n")
    .normalize("NFKC")
    .toLowerCase();

/** The words of a query's text, normalised. */
export const queryTerms = (q: string | undefined) => (q ?? "").normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean);

/** Whether a document passes one filter. */
export function passesFilter(doc: SearchDocument, filter: SearchFilter): boolean {
  const value = doc[filter.field];
  const values: unknown[] = Array.isArray(value) ? value : [value];
  switch (filter.op) {
    case "eq":
      return values.includes(filter.value);
    case "in":
      return values.some((v) => (filter.values as unknown[]).includes(v));
    case "range":
      return typeof value === "number" && value >= (filter.gte ?? -Infinity) && value <= (filter.lte ?? Infinity);
    case "exists":
      return value != null && value !== "" && !(Array.isArray(value) && value.length === 0);
  }
}

/** Whether a document matches a query's text and every filter. */
export const matchesQuery = (doc: SearchDocument, terms: readonly string[], filters: readonly SearchFilter[]) => {
  if (terms.length && !terms.every((term) => searchableText(doc).includes(term))) return false;
  return filters.every((filter) => passesFilter(doc, filter));
};
