import type { Principal } from "~/domain/access";
import { staffScopes } from "~/domain/access";
import { getDb, type Db } from "./db.server";
import { listWorkers } from "./workers.server";

/** The coordinator's desk: their region, this year's plan for it, and the latest registrations. */
export async function coordinatorHome(p: Principal, year: number, db: Db = getDb()) {
  const scope = staffScopes(p)?.[0] ?? "130000";
  const [region, plan, children, workers] = await Promise.all([
    db.region.findUnique({ where: { code: scope } }),
    db.annualPlan.findUnique({ where: { regionCode_year: { regionCode: scope, year } } }),
    db.region.findMany({ where: { parentCode: scope }, orderBy: { code: "asc" }, select: { code: true, name: true, nameEn: true, isPovertyCounty: true, povertyLevel: true } }),
    listWorkers(p, { pageSize: 20 }, db),
  ]);
  return { region, plan, children, workers };
}
