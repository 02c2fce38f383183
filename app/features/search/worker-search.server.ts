// Coordinators find job seekers by free text (Chinese) and filters, always inside their region.
// Search serves finding; the rows shown are re-read from the database (the source of truth) and
// checked against the scope again.
import type { Principal } from "~/domain/access";
import { canReadWorker, staffScopes } from "~/domain/access";
import { isWithinRegion } from "~/domain/regions";
import { getDb, type Db } from "~/services/db.server";
import { ensureIndexes, regionFilterFor } from "~/services/indexing.server";
import { getSearchIndex, orSearchUnavailable } from "~/services/search.server";
import type { SearchFilter, SearchIndex } from "~/services/search/types";

export type WorkerSearch = { q?: string; countyCode?: string; status?: string; poor?: boolean; page?: number };
export const WORKER_PAGE_SIZE = 20;

export async function searchWorkers(p: Principal, query: WorkerSearch, db: Db = getDb(), search: SearchIndex = getSearchIndex()) {
  const scopes = staffScopes(p);
  const scope = scopes === null ? null : scopes[0];
  if (scopes !== null && !scope) return { total: 0, rows: [], facets: {}, page: 1 };
  const filters: SearchFilter[] = [];
  if (scope) {
    const f = regionFilterFor(scope);
    filters.push({ field: f.field, op: "eq", value: f.value });
  }
  if (query.countyCode && (!scope || isWithinRegion(query.countyCode, scope))) filters.push({ field: "countyCode", op: "eq", value: query.countyCode });
  if (query.status) filters.push({ field: "status", op: "eq", value: query.status });
  if (query.poor) filters.push({ field: "isPoorHousehold", op: "eq", value: true });
  const page = Math.max(1, query.page ?? 1);

  await ensureIndexes(search);
  const result = await orSearchUnavailable(
    search.search("workers", {
      q: query.q?.trim() || undefined,
      filters,
      facets: ["countyCode", "status", "isPoorHousehold"],
      sort: query.q?.trim() ? undefined : [{ field: "registeredAt", direction: "desc" }],
      limit: WORKER_PAGE_SIZE,
      offset: (page - 1) * WORKER_PAGE_SIZE,
    }),
  );
  const ids = result.hits.map((h) => h.id);
  const found = await db.worker.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      fullName: true,
      idNumberMasked: true,
      phoneMasked: true,
      countyCode: true,
      status: true,
      isRegisteredPoor: true,
      source: true,
      createdAt: true,
      county: { select: { name: true, nameEn: true } },
    },
  });
  const byId = new Map(found.map((w) => [w.id, w]));
  const rows = ids.map((id) => byId.get(id)).filter((w): w is NonNullable<typeof w> => !!w && canReadWorker(p, w));
  return { total: result.total, rows, facets: result.facets, page };
}
