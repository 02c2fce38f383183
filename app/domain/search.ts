/**
 * The code of a "search unavailable" answer: a 503 whose JSON body is `{ error: { code } }` (the
 * API's error shape); the root error boundary shows pages a message for it instead of a 500.
 */
export const SEARCH_UNAVAILABLE = "search_unavailable";

/** Whether a caught route error is the search-unavailable 503 (its data is the parsed JSON body). */
export function isSearchUnavailable(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { error?: { code?: unknown } }).error?.code === SEARCH_UNAVAILABLE;
}
