// Subsidies: budget, committed and paid money per county and kind.
import type { Principal } from "~/domain/access";
import { isAdmin } from "~/domain/access";
import { regionPrefix } from "~/domain/regions";
import { chinaDay, chinaTime } from "~/platform/china-time";
import { getDb, type Db } from "~/services/db.server";

// ───────────── funds ─────────────

/** ?year= of the funds page and export, else this year in China. */
export function fundsYear(request: Request): number {
  const y = Number(new URL(request.url).searchParams.get("year"));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : Number(chinaDay(new Date()).slice(0, 4));
}

export type FundsRow = { countyCode: string; countyName: string; countyNameEn: string | null; kind: string; budget: number; committed: number; paid: number };

/**
 * Budget vs committed (made, not withdrawn or rejected) vs paid, per county of the reader's region and
 * subsidy kind, for one year; and the cost per person trained, placed, and kept six months (all
 * subsidies committed in the county ÷ distinct persons, by the person's home county, as claims are).
 */
export async function fundsSummary(p: Principal, year: number, db: Db = getDb()) {
  const roots = isAdmin(p) ? ["13"] : p.grants.filter((g) => g.role === "COORDINATOR" && g.regionCode).map((g) => regionPrefix(g.regionCode!));
  if (roots.length === 0) return { year, rows: [] as FundsRow[], costs: [] };
  const like = roots.map((r) => `${r}%`);
  const period = String(year);
  const rows = await db.$queryRaw<FundsRow[]>`
    WITH budgets AS (
      SELECT b."countyCode", pk."kind"::text AS "kind", SUM(b."amount")::int AS "budget"
        FROM "SubsidyBudget" b JOIN (SELECT DISTINCT "code", "kind" FROM "SubsidyPolicy") pk ON pk."code" = b."policyCode"
       WHERE b."year" = ${year} AND b."countyCode" LIKE ANY (${like}::text[])
       GROUP BY 1, 2),
    claims AS (
      SELECT c."countyCode", c."kind"::text AS "kind",
             SUM(c."amount") FILTER (WHERE c."status" NOT IN ('WITHDRAWN', 'REJECTED'))::int AS "committed",
             SUM(c."amount") FILTER (WHERE c."status" = 'PAID')::int AS "paid"
        FROM "SubsidyClaim" c WHERE c."period" = ${period} AND c."countyCode" LIKE ANY (${like}::text[])
       GROUP BY 1, 2)
    SELECT COALESCE(b."countyCode", c."countyCode") AS "countyCode", r."name" AS "countyName", r."nameEn" AS
      "countyNameEn", COALESCE(b."kind", c."kind") AS "kind",
           COALESCE(b."budget", 0) AS "budget", COALESCE(c."committed", 0) AS "committed", COALESCE(c."paid",
             0) AS "paid"
      FROM budgets b FULL JOIN claims c ON c."countyCode" = b."countyCode" AND c."kind" = b."kind"
      JOIN "Region" r ON r."code" = COALESCE(b."countyCode", c."countyCode")
     ORDER BY 1, 4`;
  const counties = [...new Set(rows.map((r) => r.countyCode))];
  const from = chinaTime(`${year}-01-01`),
    to = chinaTime(`${year + 1}-01-01`);
  const persons =
    counties.length === 0
      ? []
      : await db.$queryRaw<{ countyCode: string; trained: number; placed: number; kept: number }[]>`
    SELECT w."countyCode",
           COUNT(DISTINCT w."id") FILTER (WHERE EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."workerId" =
             w."id" AND e."status" = 'COMPLETED' AND e."completedAt" >= ${from} AND e."completedAt" < ${to}))::int AS "trained",
           COUNT(DISTINCT w."id") FILTER (WHERE EXISTS (SELECT 1 FROM "Placement" pl WHERE pl."workerId" =
             w."id" AND pl."verification" = 'VERIFIED' AND pl."startDate" >= ${`${year}-01-01`}::date AND pl."startDate"
             <= ${`${year}-12-31`}::date))::int AS "placed",
           COUNT(DISTINCT w."id") FILTER (WHERE EXISTS (SELECT 1 FROM "FollowUp" f JOIN "Placement" pl ON
             pl."id" = f."placementId" WHERE pl."workerId" = w."id" AND pl."verification" = 'VERIFIED' AND f."dueMonth" >=
             6 AND f."stillEmployed" AND f."completedAt" >= ${from} AND f."completedAt" < ${to}))::int AS "kept"
      FROM "Worker" w WHERE w."countyCode" = ANY (${counties}::text[])
     GROUP BY 1`;
  const costs = counties.map((code) => {
    const committed = rows.filter((r) => r.countyCode === code).reduce((s, r) => s + r.committed, 0);
    const n = persons.find((x) => x.countyCode === code) ?? { trained: 0, placed: 0, kept: 0 };
    const per = (count: number) => ({ persons: count, cost: count > 0 ? Math.round(committed / count) : null });
    return { countyCode: code, committed, trained: per(n.trained), placed: per(n.placed), kept: per(n.kept) };
  });
  return { year, rows, costs };
}
