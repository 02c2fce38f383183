import type { Principal } from "~/domain/access";
import { regionPrefix } from "~/domain/regions";
import { audit } from "./audit.server";
import { getDb, type Db } from "./db.server";

export async function listRegions(filter: { parentCode?: string; level?: "PROVINCE" | "PREFECTURE" | "COUNTY" | "TOWNSHIP" }, db: Db = getDb()) {
  return db.region.findMany({
    where: { parentCode: filter.parentCode, level: filter.level },
    orderBy: { code: "asc" },
    select: { code: true, name: true, nameEn: true, level: true, parentCode: true, isPovertyCounty: true },
  });
}

export async function getRegion(code: string, db: Db = getDb()) {
  return db.region.findUnique({ where: { code } });
}

/** Counties under a region (itself when it is a county). */
export async function countiesWithin(code: string, db: Db = getDb()) {
  return db.region.findMany({ where: { level: "COUNTY", code: { startsWith: regionPrefix(code) } }, orderBy: { code: "asc" } });
}

export async function setPovertyCounty(code: string, value: boolean, actor: Principal, db: Db = getDb()) {
  return db.$transaction(async (tx) => {
    const region = await tx.region.update({ where: { code }, data: { isPovertyCounty: value } });
    await audit({ actor, action: value ? "region.poverty.mark" : "region.poverty.unmark", entityType: "Region", entityId: code, regionCode: code }, tx);
    return region;
  });
}
