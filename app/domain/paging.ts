// Long lists on a phone: the first page shows PAGE_SIZE rows and a "more" link asks for the next
// PAGE_SIZE with ?limit= (a plain link, so it works without JavaScript). Pure: the routes pass in
// the request's search params and the list's own ceiling.

export const PAGE_SIZE = 20;

/**
 * The number of rows asked for by `?{param}=`: a whole number of pages between one page and
 * `max`; anything else (missing, garbage, negative, huge) is one page, or the ceiling.
 */
export function listLimit(params: URLSearchParams, max: number, param = "limit"): number {
  const floor = Math.min(PAGE_SIZE, max);
  const raw = params.get(param);
  if (raw === null || !/^\d{1,6}$/.test(raw)) return floor;
  const pages = Math.ceil(Number(raw) / PAGE_SIZE);
  return Math.max(floor, Math.min(max, pages * PAGE_SIZE));
}

/** The search string of the "more" link: the same query with `param` one page further (capped at `max`). */
export function moreSearch(params: URLSearchParams, shown: number, max: number, param = "limit"): string {
  const next = new URLSearchParams(params);
  next.set(param, String(Math.min(max, shown + PAGE_SIZE)));
  return `?${next.toString()}`;
}
