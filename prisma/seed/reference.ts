// Loads the versioned reference files (regions, townships, occupations) into the database.
// Idempotent: a content hash in Setting("reference.version") skips unchanged data. An
// administrator's reference overrides (ReferenceOverride) and earlier edits of the poverty flag
// are never overwritten by a re-load; see docs/reference-data.md.
import { createHash } from "node:crypto";
import fs from "node:fs";
import type { Db } from "~/services/db.server";

type RegionRow = {
  code: string; name: string; nameEn: string | null; level: "province" | "prefecture" | "county"; parentCode: string | null; isPovertyCounty: boolean;
  povertyLevel?: string; povertyFrom?: number; povertyExitBy?: number; povertySource?: string; povertyNote?: string;
};
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
    ...ref.regions.map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn, level: r.level.toUpperCase() as "PROVINCE" | "PREFECTURE" | "COUNTY", parentCode: r.parentCode, path: pathOf(r.code), ...povertyFields(r) })),
    ...ref.townships.map((t) => ({ code: t.code, name: t.name, nameEn: null, level: "TOWNSHIP" as const, parentCode: t.countyCode, path: `${pathOf(t.countyCode)}/${t.code}`, isPovertyCounty: false })),
  ];

  await db.$transaction(async (tx) => {
    // Parents before children (sorted by path depth), new rows inserted, existing names refreshed.
    const sorted = [...regionRows].sort((a, b) => a.path.split("/").length - b.path.split("/").length);
    for (let i = 0; i < sorted.length; i += 1000) {
      await tx.region.createMany({ data: sorted.slice(i, i + 1000), skipDuplicates: true });
    }
    // Poverty level, years and source: filled on rows that have never carried them (a database
    // from before they existed), unless an administrator decided for that county — through an
    // override, or earlier with the regions page's toggle (then the flag stays as they set it).
    const [overridden, toggled, unsourced] = await Promise.all([
      activeOverrideKeys(tx, "povertyCounty"),
      tx.auditLog.findMany({ where: { entityType: "Region", action: { startsWith: "region.poverty." } }, select: { entityId: true } }).then((rows) => new Set(rows.map((r) => r.entityId))),
      tx.region.findMany({ where: { level: "COUNTY", povertySource: null }, select: { code: true } }).then((rows) => new Set(rows.map((r) => r.code))),
    ]);
    for (const r of ref.regions) {
      const poverty = r.povertyLevel && unsourced.has(r.code) && !overridden.has(r.code) ? povertyFields(r) : null;
      if (poverty && toggled.has(r.code)) delete (poverty as Partial<typeof poverty>).isPovertyCounty;
      await tx.region.update({ where: { code: r.code }, data: { name: r.name, nameEn: r.nameEn, ...poverty } });
    }
    const occupationOverrides = await activeOverrideKeys(tx, "occupation");
    for (const o of ref.occupations) {
      const data = { nationalCode: o.nationalCode, nameZh: o.nameZh, nameEn: o.nameEn, category: o.category, homeBasedPossible: o.homeBasedPossible, keywordsZh: o.keywordsZh, levels: o.levels };
      const { nationalCode: _code, nameZh: _name, ...rest } = data;
      await tx.occupation.upsert({ where: { code: o.code }, create: { code: o.code, ...data }, update: occupationOverrides.has(o.code) ? rest : data });
      await tx.occupationSkill.createMany({ data: o.skills.map((s) => ({ occupationCode: o.code, nameZh: s.zh, nameEn: s.en })), skipDuplicates: true });
    }
    await tx.setting.upsert({ where: { key: "reference.version" }, create: { key: "reference.version", value: { version: ref.version } }, update: { value: { version: ref.version } } });
  }, { timeout: 120_000 });
  log(`reference data: ${regionRows.length} regions, ${ref.occupations.length} occupations loaded (version ${ref.version})`);
  return true;
}

function povertyFields(r: RegionRow) {
  return {
    isPovertyCounty: r.isPovertyCounty, povertyLevel: r.povertyLevel ?? null, povertyFrom: r.povertyFrom ?? null,
    povertyExitBy: r.povertyExitBy ?? null, povertySource: r.povertySource ?? null, povertyNote: r.povertyNote ?? null,
  };
}

async function activeOverrideKeys(tx: Pick<Db, "referenceOverride">, table: string): Promise<Set<string>> {
  return new Set((await tx.referenceOverride.findMany({ where: { table, revokedAt: null }, select: { key: true } })).map((o) => o.key));
}
