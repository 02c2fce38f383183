// Fairness report: for each priority group, how often its members are proposed, invited and hired
// compared with everyone else, limited to the coordinator's region. PostgreSQL aggregates the
// workers by their group flags (at most 16 rows); app/domain/fairness.ts does the arithmetic.
import { fairnessReadings, fairnessTable, type FlagCell } from "~/domain/fairness";
import type { Principal } from "~/domain/access";
import { isAdmin, staffScopes } from "~/domain/access";
import { regionPrefix } from "~/domain/regions";
import { Prisma } from "~/generated/prisma/client";
import { getDb, type Db } from "~/services/db.server";

/**
 * Outcomes per worker, "at least once": proposed = any match (matching proposed them, whatever
 * happened next); invited = an employer invited them (the match went on to INVITED or beyond, or
 * they declined an invitation); hired = a hire recorded on a match or a placement not rejected.
 */
type Row = {
  registered_poor: boolean;
  priority_factors: boolean;
  at_risk: boolean;
  woman: boolean;
  workers: bigint;
  proposed: bigint;
  invited: bigint;
  hired: bigint;
};

export async function fairnessCells(regionCodes: string[] | null, db: Db = getDb()): Promise<FlagCell[]> {
  if (regionCodes !== null && regionCodes.length === 0) return [];
  const scope =
    regionCodes === null
      ? Prisma.sql`TRUE`
      : Prisma.join(
          regionCodes.map((c) => Prisma.sql`w."countyCode" LIKE ${`${regionPrefix(c)}%`}`),
          " OR ",
        );
  const rows = await db.$queryRaw<Row[]>`
    WITH per_worker AS (
      SELECT w."isRegisteredPoor" AS registered_poor, w."hasPriorityFactors" AS priority_factors, w."atRiskOfPoverty" AS at_risk,
             (w."sex" = 'FEMALE') AS woman,
             EXISTS (SELECT 1 FROM "Match" m WHERE m."workerId" = w."id") AS proposed,
             EXISTS (SELECT 1 FROM "Match" m WHERE m."workerId" = w."id"
                     AND (m."status" IN ('INVITED', 'ACCEPTED', 'HIRED', 'WITHDRAWN') OR (m."status" = 'DECLINED' AND m."declinedBy" = 'WORKER'))) AS invited,
             (EXISTS (SELECT 1 FROM "Match" m WHERE m."workerId" = w."id" AND m."status" = 'HIRED')
              OR EXISTS (SELECT 1 FROM "Placement" p WHERE p."workerId" = w."id" AND p."verification" <> 'REJECTED')) AS hired
      FROM "Worker" w
      WHERE (${scope})
    )
    SELECT registered_poor, priority_factors, at_risk, woman, count(*) AS workers,
           count(*) FILTER (WHERE proposed) AS proposed, count(*) FILTER (WHERE invited) AS invited, count(*) FILTER (WHERE hired) AS hired
    FROM per_worker
    GROUP BY registered_poor, priority_factors, at_risk, woman`;
  return rows.map((r) => ({
    registeredPoor: r.registered_poor,
    priorityFactors: r.priority_factors,
    atRisk: r.at_risk,
    woman: r.woman,
    workers: Number(r.workers),
    proposed: Number(r.proposed),
    invited: Number(r.invited),
    hired: Number(r.hired),
  }));
}

/** The report for a coordinator's region (admins: the whole province and beyond); null without a scope. */
export async function fairnessReport(p: Principal, db: Db = getDb()) {
  const scopes = isAdmin(p) ? null : (staffScopes(p) ?? []);
  if (scopes !== null && scopes.length === 0) return null;
  const cells = await fairnessCells(scopes, db);
  const rows = fairnessTable(cells);
  return { scopes, rows, readings: fairnessReadings(rows), totalWorkers: cells.reduce((n, c) => n + c.workers, 0) };
}
