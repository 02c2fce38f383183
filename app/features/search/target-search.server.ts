// Coordinators find job postings and training orders by free Chinese text and filters
// (occupation, place at any level, status, wage range, kind) with facet counts, through the
// SearchIndex. Postings hold no personal data and are read by every coordinator; training orders
// are limited to those located in the coordinator's region (province staff: all), as on the
// review list. Drafts are the employer's own business and never appear. Rows are re-read from
// the database, the source of truth.
import type { Principal } from "~/domain/access";
import { isAdmin } from "~/domain/access";
import { isProvinceStaff } from "~/domain/employer";
import { prefectureOf, provinceOf, regionPrefix } from "~/domain/regions";
import { ORDER_KINDS, ORDER_STATUSES, POSTING_STATUSES, TARGET_PAGE_SIZE } from "~/domain/target-search";
import { getDb, type Db } from "~/services/db.server";
import { staffOrderSelect, staffPostingSelect } from "~/features/employers/index.server";
import { ensureIndexes } from "~/services/indexing.server";
import { getSearchIndex, orSearchUnavailable } from "~/services/search.server";
import type { SearchFilter, SearchIndex } from "~/services/search/types";

export { ORDER_KINDS, ORDER_STATUSES, POSTING_STATUSES, TARGET_PAGE_SIZE };

export type TargetSearch = {
  type: "postings" | "orders";
  q?: string;
  occupationCode?: string;
  regionCode?: string;
  status?: string;
  wageFrom?: number;
  wageTo?: number;
  kind?: string;
  page?: number;
};

/** Region codes (every level) under each root, for an `in` filter on the indexed place code. */
async function codesUnder(roots: string[], db: Db): Promise<string[]> {
  const rows = await db.region.findMany({
    where: { OR: roots.map((r) => ({ code: { startsWith: regionPrefix(r) } })), level: { not: "TOWNSHIP" } },
    select: { code: true },
  });
  return rows.map((r) => r.code);
}

/** Facet counts by place code rolled up to provinces and prefectures, named, for the place filter. */
async function placeOptions(byCode: Record<string, number>, db: Db) {
  const totals = new Map<string, number>();
  for (const [code, n] of Object.entries(byCode)) {
    for (const up of [provinceOf(code), prefectureOf(code)]) totals.set(up, (totals.get(up) ?? 0) + n);
  }
  const regions = await db.region.findMany({
    where: { code: { in: [...totals.keys()] } },
    select: { code: true, name: true, nameEn: true, level: true },
    orderBy: { code: "asc" },
  });
  return regions.map((r) => ({ ...r, count: totals.get(r.code) ?? 0 }));
}

export async function searchTargets(p: Principal, query: TargetSearch, db: Db = getDb(), search: SearchIndex = getSearchIndex()) {
  const postings = query.type === "postings";
  const filters: SearchFilter[] = [
    { field: "status", op: "in", values: query.status ? [query.status] : postings ? [...POSTING_STATUSES] : [...ORDER_STATUSES] },
  ];
  const empty = { total: 0, facets: {} as Record<string, Record<string, number>>, postings: [], orders: [], places: [], occupations: [], page: 1 };

  let allowed: string[] | null = null;
  if (!postings && !isAdmin(p) && !isProvinceStaff(p)) {
    const roots = p.grants.filter((g) => g.role === "COORDINATOR" && g.regionCode).map((g) => g.regionCode!);
    allowed = roots.length ? await codesUnder(roots, db) : [];
  }
  let place = allowed;
  if (query.regionCode) {
    const under = await codesUnder([query.regionCode], db);
    place = place === null ? under : under.filter((c) => place!.includes(c));
  }
  if (place !== null && place.length === 0) return empty;
  if (place !== null) filters.push({ field: "regionCode", op: "in", values: place });
  if (query.occupationCode) filters.push({ field: "occupationCode", op: "eq", value: query.occupationCode });
  if (postings && query.wageFrom !== undefined) filters.push({ field: "wageMax", op: "range", gte: query.wageFrom });
  if (postings && query.wageTo !== undefined) filters.push({ field: "wageMin", op: "range", lte: query.wageTo });
  if (!postings && query.kind) filters.push({ field: "kind", op: "eq", value: query.kind });

  const page = Math.max(1, query.page ?? 1);
  const q = query.q?.trim() || undefined;
  await ensureIndexes(search);
  const result = await orSearchUnavailable(
    search.search(postings ? "postings" : "trainingOrders", {
      q,
      filters,
      facets: postings ? ["occupationCode", "regionCode", "status"] : ["occupationCode", "regionCode", "status", "kind"],
      sort: q ? undefined : [{ field: postings ? "publishedAt" : "createdAt", direction: "desc" }],
      limit: TARGET_PAGE_SIZE,
      offset: (page - 1) * TARGET_PAGE_SIZE,
    }),
  );
  const ids = result.hits.map((h) => h.id);
  const [places, occupations] = await Promise.all([
    placeOptions(result.facets.regionCode ?? {}, db),
    db.occupation.findMany({
      where: { code: { in: Object.keys(result.facets.occupationCode ?? {}) } },
      select: { code: true, nameZh: true, nameEn: true },
      orderBy: { code: "asc" },
    }),
  ]);
  const common = {
    total: result.total,
    facets: result.facets,
    places,
    occupations: occupations.map((o) => ({ ...o, count: result.facets.occupationCode?.[o.code] ?? 0 })),
    page,
  };
  const order = <T extends { id: string }>(rows: T[]) => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
  };
  if (postings) {
    const rows = await db.jobPosting.findMany({
      where: { id: { in: ids }, status: { not: "DRAFT" } },
      select: { ...staffPostingSelect, _count: { select: { matches: true } } },
    });
    return { ...common, postings: order(rows), orders: [] };
  }
  const rows = await db.trainingOrder.findMany({
    where: { id: { in: ids }, status: { not: "DRAFT" }, ...(allowed !== null ? { locationRegionCode: { in: allowed } } : {}) },
    select: { ...staffOrderSelect, _count: { select: { matches: true } } },
  });
  return { ...common, postings: [], orders: order(rows) };
}
