import type { Principal } from "~/domain/access";
import { regionPrefix } from "~/domain/regions";
import { audit } from "./audit.server";
import { getDb, type Db } from "./db.server";
import { addReferenceOverride, povertyShipped } from "./reference.server";

export async function listRegions(filter: { parentCode?: string; level?: "PROVINCE" | "PREFECTURE" | "COUNTY" | "TOWNSHIP" }, db: Db = getDb()) {
  return db.region.findMany({
    where: { parentCode: filter.parentCode, level: filter.level },
    orderBy: { code: "asc" },
    select: { code: true, name: true, nameEn: true, level: true, parentCode: true, isPovertyCounty: true, povertyLevel: true },
  });
}

export async function getRegion(code: string, db: Db = getDb()) {
  return db.region.findUnique({ where: { code } });
}

/** Counties under a region (itself when it is a county). */
export async function countiesWithin(code: string, db: Db = getDb()) {
  return db.region.findMany({ where: { level: "COUNTY", code: { startsWith: regionPrefix(code) } }, orderBy: { code: "asc" } });
}

/**
 * The regions page's quick toggle. It records a reference override (history kept, the shipped
 * level stays visible on /admin/reference/povertyCounty): marking restores the shipped level, or
 * PROVINCIAL for a county not on the 2012 list; unmarking sets NONE.
 */
export async function setPovertyCounty(code: string, value: boolean, actor: Principal, db: Db = getDb()) {
  const level = value ? (povertyShipped(code).povertyLevel ?? "PROVINCIAL") : "NONE";
  const outcome = await addReferenceOverride(
    { table: "povertyCounty", value: { code, level }, source: "管理员在地区页面修改 / set on the admin regions page" },
    actor,
    db,
  );
  if (!outcome.ok) throw new Error(`poverty toggle refused for ${code}`);
  await audit({ actor, action: value ? "region.poverty.mark" : "region.poverty.unmark", entityType: "Region", entityId: code, regionCode: code }, db);
  return db.region.findUniqueOrThrow({ where: { code } });
}
