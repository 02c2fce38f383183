// Loads the versioned reference files (regions, townships, occupations) into the database.
// Idempotent: a content hash in Setting("reference.version") skips unchanged data. An
// administrator's reference overrides (ReferenceOverride) and earlier edits of the poverty flag
// are never overwritten by a re-load; see docs/reference-data.md.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import { insertRows } from "~/services/bulk-insert.server";
import type { Db } from "~/services/db.server";

export type RegionRow = {
  code: string;
  name: string;
  nameEn: string | null;
  level: "province" | "prefecture" | "county";
  parentCode: string | null;
  isPovertyCounty: boolean;
  povertyLevel?: string;
  povertyFrom?: number;
  povertyExitBy?: number;
  povertySource?: string;
  povertyNote?: string;
};
export type TownshipRow = { code: string; name: string; countyCode: string };
export type OccupationRow = {
  code: string;
  nationalCode: string | null;
  nameZh: string;
  nameEn: string;
  category: string;
  homeBasedPossible: boolean;
  keywordsZh: string[];
  skills: { zh: string; en: string }[];
  levels: number[];
};

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
    ...ref.regions.map((r) => ({
      code: r.code,
      name: r.name,
      nameEn: r.nameEn,
      level: r.level.toUpperCase() as "PROVINCE" | "PREFECTURE" | "COUNTY",
      parentCode: r.parentCode,
      path: pathOf(r.code),
      ...povertyFields(r),
    })),
    ...ref.townships.map((t) => ({
      code: t.code,
      name: t.name,
      nameEn: null,
      level: "TOWNSHIP" as const,
      parentCode: t.countyCode,
      path: `${pathOf(t.countyCode)}/${t.code}`,
      isPovertyCounty: false,
    })),
  ];

  await db.$transaction(
    async (tx) => {
      // Parents before children (sorted by path depth), new rows inserted, existing names refreshed.
      // One statement per table (bulk-insert.server): row-by-row writes were most of a first start's
      // reference-data time.
      const now = new Date();
      const sorted = [...regionRows].sort((a, b) => a.path.split("/").length - b.path.split("/").length);
      await insertRows(
        tx,
        "Region",
        sorted.map((r) => ({ ...r, updatedAt: now })),
        { suffix: `ON CONFLICT ("code") DO NOTHING` },
      );
      // Poverty level, years and source: filled on rows that have never carried them (a database
      // from before they existed), unless an administrator decided for that county — through an
      // override, or earlier with the regions page's toggle (then the flag stays as they set it).
      const [overridden, toggled, unsourced] = await Promise.all([
        activeOverrideKeys(tx, "povertyCounty"),
        tx.auditLog
          .findMany({ where: { entityType: "Region", action: { startsWith: "region.poverty." } }, select: { entityId: true } })
          .then((rows) => new Set(rows.map((r) => r.entityId))),
        tx.region.findMany({ where: { level: "COUNTY", povertySource: null }, select: { code: true } }).then((rows) => new Set(rows.map((r) => r.code))),
      ]);
      const updates = ref.regions.map((r) => {
        const setPoverty = Boolean(r.povertyLevel && unsourced.has(r.code) && !overridden.has(r.code));
        return { code: r.code, name: r.name, nameEn: r.nameEn, setPoverty, setFlag: setPoverty && !toggled.has(r.code), ...povertyFields(r) };
      });
      // Only rows that change are written (a re-load of unchanged names touches nothing).
      await tx.$executeRawUnsafe(
        `UPDATE "Region" r SET "name" = x."name", "nameEn" = x."nameEn", "updatedAt" = $2::timestamp(3),
         "isPovertyCounty" = CASE WHEN x."setFlag" THEN x."isPovertyCounty" ELSE r."isPovertyCounty" END,
         "povertyLevel" = CASE WHEN x."setPoverty" THEN x."povertyLevel" ELSE r."povertyLevel" END,
         "povertyFrom" = CASE WHEN x."setPoverty" THEN x."povertyFrom" ELSE r."povertyFrom" END,
         "povertyExitBy" = CASE WHEN x."setPoverty" THEN x."povertyExitBy" ELSE r."povertyExitBy" END,
         "povertySource" = CASE WHEN x."setPoverty" THEN x."povertySource" ELSE r."povertySource" END,
         "povertyNote" = CASE WHEN x."setPoverty" THEN x."povertyNote" ELSE r."povertyNote" END
       FROM jsonb_to_recordset($1::jsonb) AS x("code" text, "name" text, "nameEn" text, "setPoverty" boolean, ` +
          `"setFlag" boolean, "isPovertyCounty" boolean,
         "povertyLevel" text, "povertyFrom" integer, "povertyExitBy" integer, "povertySource" text, ` +
          `"povertyNote" text)
       WHERE r."code" = x."code" AND (r."name" IS DISTINCT FROM x."name" OR r."nameEn" IS DISTINCT FROM ` +
          `x."nameEn" OR x."setPoverty")`,
        JSON.stringify(updates),
        now.toISOString(),
      );
      // Occupations in file order (the demo draws from them in that order); an administrator's
      // override keeps its national code and Chinese name.
      const occupationOverrides = await activeOverrideKeys(tx, "occupation");
      const occupationRows = ref.occupations.map((o) => ({
        code: o.code,
        nationalCode: o.nationalCode,
        nameZh: o.nameZh,
        nameEn: o.nameEn,
        category: o.category,
        homeBasedPossible: o.homeBasedPossible,
        keywordsZh: o.keywordsZh,
        levels: o.levels,
      }));
      const refresh =
        `"nameEn" = EXCLUDED."nameEn", "category" = EXCLUDED."category", "homeBasedPossible" = ` +
        `EXCLUDED."homeBasedPossible", "keywordsZh" = EXCLUDED."keywordsZh", "levels" = EXCLUDED."levels"`;
      await insertRows(
        tx,
        "Occupation",
        occupationRows.filter((o) => !occupationOverrides.has(o.code)),
        { suffix: `ON CONFLICT ("code") DO UPDATE SET ${refresh}, "nationalCode" = EXCLUDED."nationalCode", "nameZh" = EXCLUDED."nameZh"` },
      );
      await insertRows(
        tx,
        "Occupation",
        occupationRows.filter((o) => occupationOverrides.has(o.code)),
        { suffix: `ON CONFLICT ("code") DO UPDATE SET ${refresh}` },
      );
      await insertRows(
        tx,
        "OccupationSkill",
        ref.occupations.flatMap((o) => o.skills.map((s) => ({ id: randomUUID(), occupationCode: o.code, nameZh: s.zh, nameEn: s.en }))),
        { suffix: "ON CONFLICT DO NOTHING" },
      );
      await tx.setting.upsert({
        where: { key: "reference.version" },
        create: { key: "reference.version", value: { version: ref.version } },
        update: { value: { version: ref.version } },
      });
    },
    { timeout: 120_000 },
  );
  log(`reference data: ${regionRows.length} regions, ${ref.occupations.length} occupations loaded (version ${ref.version})`);
  return true;
}

function povertyFields(r: RegionRow) {
  return {
    isPovertyCounty: r.isPovertyCounty,
    povertyLevel: r.povertyLevel ?? null,
    povertyFrom: r.povertyFrom ?? null,
    povertyExitBy: r.povertyExitBy ?? null,
    povertySource: r.povertySource ?? null,
    povertyNote: r.povertyNote ?? null,
  };
}

async function activeOverrideKeys(tx: Pick<Db, "referenceOverride">, table: string): Promise<Set<string>> {
  return new Set((await tx.referenceOverride.findMany({ where: { table, revokedAt: null }, select: { key: true } })).map((o) => o.key));
}
