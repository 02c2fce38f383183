import type { Principal } from "~/domain/access";
import { staffScopes } from "~/domain/access";
import { getDb, type Db } from "./db.server";
import { employerScopeWhere } from "~/features/employers/index.server";
import { followUpCounts } from "~/features/placements/index.server";
import { placementScopeWhere } from "~/features/placements/index.server";
import { listImports } from "~/features/imports/index.server";
import { orderReviewScopeWhere } from "~/features/training/index.server";
import { listWorkers } from "~/features/registration/index.server";

/** The coordinator's desk: their region, this year's plan for it, today's work, and the latest registrations. */
export async function coordinatorHome(p: Principal, year: number, db: Db = getDb()) {
  const scope = staffScopes(p)?.[0] ?? "130000";
  const [region, plan, children, workers, work] = await Promise.all([
    db.region.findUnique({ where: { code: scope } }),
    db.annualPlan.findUnique({ where: { regionCode_year: { regionCode: scope, year } } }),
    db.region.findMany({
      where: { parentCode: scope },
      orderBy: { code: "asc" },
      select: { code: true, name: true, nameEn: true, isPovertyCounty: true, povertyLevel: true },
    }),
    listWorkers(p, { pageSize: 20 }, db),
    todaysWork(p, db),
  ]);
  return { region, plan, children, workers, work };
}

/**
 * What waits for this coordinator, each counted with the same scope and filter as the list it links
 * to (so the number on the home page is the number of rows behind the link).
 */
export async function todaysWork(p: Principal, db: Db = getDb()) {
  const [employersToVerify, ordersToApprove, placementsToVerify, followUps, imports] = await Promise.all([
    db.employer.count({ where: { AND: [employerScopeWhere(p), { status: "PENDING" }] } }),
    db.trainingOrder.count({ where: { AND: [orderReviewScopeWhere(p), { status: "SUBMITTED" }] } }),
    db.placement.count({ where: { AND: [placementScopeWhere(p), { verification: { in: ["UNVERIFIED", "FLAGGED"] } }] } }),
    followUpCounts(p, {}, db),
    listImports(p, db),
  ]);
  return {
    employersToVerify,
    ordersToApprove,
    placementsToVerify,
    followUpsDue: followUps.open,
    followUpsOverdue: followUps.overdue,
    importsWithErrors: imports.filter((i) => i.status === "FAILED" || i.rejected > 0).length,
  };
}
