// Loads the versioned reference files (regions, townships, occupations) into the database.
// Idempotent: a content hash in Setting("reference.version") skips unchanged data, and an
// administrator's edits to the poverty-county flag are never overwritten by a re-load.
import { createHash } from "node:crypto";
import fs from "node:fs";
import type { Db } from "~/services/db.server";

type RegionRow = { code: string; name: string; nameEn: string | null; level: "province" | "prefecture" | "county"; parentCode: string | null; isPovertyCounty: boolean };
type TownshipRow = { code: string; name: string; countyCode: string };
type OccupationRow = { code: string; nationalCode: string | null; nameZh: string; nameEn: string; category: string; homeBasedPossible: boolean; keywordsZh: string[]; skills: { zh: string; en: string }[]; levels: number[] };

const file = (name: string) => new URL(`../reference/${name}`, import.meta.url);

export function readReferenceFiles() {
  const raw = ["regions.json", "townships-13.json", "occupations.json"].map((n) => fs.readFileSync(file(n), "utf8"));
  const version = createHash("sha256").update(raw.join("\n")).digest("hex").slice(0, 16);
  return {
    version,
    regions: (JSON.parse(raw[0]) as { regions: RegionRow[] }).regions,
    townships: (JSON.parse(raw[1]) as { townships: TownshipRow[] }).townships,
    occupations: (JSON.parse(raw[2]) as { occupations: OccupationRow[] }).occupations,
  };
}

export async function seedReferenceData(db: Db, log: (line: string) => void = () => {}): Promise<boolean> {
  const ref = readReferenceFiles();
  const current = await db.setting.findUnique({ where: { key: "reference.version" } });
  if ((current?.value as { version?: string } | null)?.version === ref.version) return false;

  const byCode = new Map(ref.regions.map((r) => [r.code, r]));
  const pathOf = (code: string): string => {
    const parent = byCode.get(code)?.parentCode;
    return parent ? `${pathOf(parent)}/${code}` : code;
  };
  const regionRows = [
    ...ref.regions.map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn, level: r.level.toUpperCase() as "PROVINCE" | "PREFECTURE" | "COUNTY", parentCode: r.parentCode, path: pathOf(r.code), isPovertyCounty: r.isPovertyCounty })),
    ...ref.townships.map((t) => ({ code: t.code, name: t.name, nameEn: null, level: "TOWNSHIP" as const, parentCode: t.countyCode, path: `${pathOf(t.countyCode)}/${t.code}`, isPovertyCounty: false })),
  ];

  await db.$transaction(async (tx) => {
    // Parents before children (sorted by path depth), new rows inserted, existing names refreshed.
    const sorted = [...regionRows].sort((a, b) => a.path.split("/").length - b.path.split("/").length);
    for (let i = 0; i < sorted.length; i += 1000) {
      await tx.region.createMany({ data: sorted.slice(i, i + 1000), skipDuplicates: true });
    }
    for (const r of ref.regions) {
      await tx.region.update({ where: { code: r.code }, data: { name: r.name, nameEn: r.nameEn } });
    }
    for (const o of ref.occupations) {
      const data = { nationalCode: o.nationalCode, nameZh: o.nameZh, nameEn: o.nameEn, category: o.category, homeBasedPossible: o.homeBasedPossible, keywordsZh: o.keywordsZh, levels: o.levels };
      await tx.occupation.upsert({ where: { code: o.code }, create: { code: o.code, ...data }, update: data });
      await tx.occupationSkill.createMany({ data: o.skills.map((s) => ({ occupationCode: o.code, nameZh: s.zh, nameEn: s.en })), skipDuplicates: true });
    }
    await tx.setting.upsert({ where: { key: "reference.version" }, create: { key: "reference.version", value: { version: ref.version } }, update: { value: { version: ref.version } } });
  }, { timeout: 120_000 });
  log(`reference data: ${regionRows.length} regions, ${ref.occupations.length} occupations loaded (version ${ref.version})`);
  return true;
}
