// Reference tables an administrator can correct without a release, with history. The shipped rows
// (prisma/reference/*.json, app/domain/reference/*) are never overwritten: an override is a new
// ReferenceOverride row beside them, the newest unrevoked one is in force, revoking brings the
// shipped row back, nothing is deleted. Tables whose values live on other rows (a county's poverty
// level, an occupation's national code and name) are re-derived from the row in force in the same
// transaction, with an audit row.
import { z } from "zod";
import type { Principal } from "~/domain/access";
import { HISTORIC_AREA_CODES } from "~/domain/reference/area-codes";
import { MINIMUM_WAGES, minimumWageKey, minimumWagesInForce, staleProvinces, type MinimumWageEntry } from "~/domain/reference/minimum-wages";
import { chinaToday } from "~/platform/china-time";
import { POVERTY_LEVELS, type ReferenceTable } from "~/domain/reference/tables";
import type { Prisma } from "~/generated/prisma/client";
import occupationsFile from "../../prisma/reference/occupations.json";
import regionsFile from "../../prisma/reference/regions.json";
import { audit } from "./audit.server";
import { getDb, type Db } from "./db.server";
import type { Outcome, Problem } from "~/platform/outcome";

type Tx = Prisma.TransactionClient;

type ShippedRegion = {
  code: string;
  name: string;
  nameEn: string;
  level: string;
  parentCode: string | null;
  povertyLevel?: string;
  povertyFrom?: number;
  povertyExitBy?: number;
  povertySource?: string;
  povertyNote?: string;
};
type ShippedOccupation = { code: string; nationalCode: string | null; nationalName: string | null; codeSource: string | null; nameZh: string };
const shippedRegions = (regionsFile as { regions: ShippedRegion[] }).regions;
const shippedOccupations = (occupationsFile as unknown as { occupations: ShippedOccupation[] }).occupations;
const REGIONS_SOURCE = (regionsFile as { source: string; version: string }).version;

// ───────────── what an administrator may write, per table ─────────────

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "ref.err.date")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "ref.err.date");
const text = (max: number) => z.string().trim().min(1, "ref.err.required").max(max, "ref.err.tooLong");

const VALUE_SCHEMAS = {
  minimumWage: z.object({
    prefix: z
      .string()
      .trim()
      .regex(/^(\d{2}|\d{6})$/, "ref.err.prefix"),
    effective: day,
    monthly: z.coerce.number({ error: "ref.err.amount" }).int("ref.err.amount").min(500, "ref.err.amount").max(50_000, "ref.err.amount"),
    label: text(80),
  }),
  povertyCounty: z.object({
    code: z
      .string()
      .trim()
      .regex(/^13\d{4}$/, "ref.err.county"),
    level: z.enum(POVERTY_LEVELS, { error: "ref.err.choice" }),
  }),
  occupation: z.object({
    code: z.string().trim().min(1, "ref.err.required"),
    nationalCode: z
      .string()
      .trim()
      .regex(/^(\d-\d{2}-\d{2}-\d{2})?$/, "ref.err.nationalCode"),
    nameZh: text(40),
  }),
  areaCode: z.object({
    code: z
      .string()
      .trim()
      .regex(/^(11|12|13)\d{4}$/, "ref.err.areaCode"),
    name: text(60),
  }),
} as const;

const keyOf = (table: ReferenceTable, v: Record<string, unknown>) =>
  table === "minimumWage" ? minimumWageKey(v as { prefix: string; effective: string }) : String(v.code);

// ───────────── reading ─────────────

export type OverrideRow = {
  id: string;
  key: string;
  value: Record<string, unknown>;
  source: string;
  note: string | null;
  createdAt: string;
  createdById: string | null;
  revokedAt: string | null;
};

async function overridesOf(table: ReferenceTable, db: Db | Tx, activeOnly: boolean, key?: string): Promise<OverrideRow[]> {
  const rows = await db.referenceOverride.findMany({
    where: { table, key, ...(activeOnly ? { revokedAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    value: r.value as Record<string, unknown>,
    source: r.source,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    createdById: r.createdById,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

/** The newest unrevoked override per key. */
function inForceByKey(rows: OverrideRow[]): Map<string, OverrideRow> {
  const m = new Map<string, OverrideRow>();
  for (const r of rows) if (!r.revokedAt && !m.has(r.key)) m.set(r.key, r);
  return m;
}

const asEntry = (o: OverrideRow): MinimumWageEntry => ({
  prefix: String(o.value.prefix),
  effective: String(o.value.effective),
  monthly: Number(o.value.monthly),
  label: String(o.value.label),
  source: o.source,
  verified: true,
});

/** The minimum-wage table in force: shipped rows plus administrators' rows (same key replaces). */
export async function minimumWagesWithOverrides(db: Db | Tx = getDb()): Promise<MinimumWageEntry[]> {
  return minimumWagesInForce([...inForceByKey(await overridesOf("minimumWage", db, true)).values()].map(asEntry));
}

/** Six-digit area codes administrators added (ID numbers from these are not warned about). */
export async function extraAreaCodes(db: Db | Tx = getDb()): Promise<Set<string>> {
  return new Set((await overridesOf("areaCode", db, true)).map((o) => o.key));
}

type ShippedRow = { key: string; label: string; value: Record<string, unknown>; source: string; verified: boolean };

function shippedRows(table: ReferenceTable): ShippedRow[] {
  const byCode = new Map(shippedRegions.map((r) => [r.code, r]));
  const place = (code: string) => {
    const r = byCode.get(code);
    const parent = r?.parentCode ? byCode.get(r.parentCode) : undefined;
    return r ? `${parent && parent.name !== "市辖区" ? parent.name : ""}${r.name}` : code;
  };
  switch (table) {
    case "minimumWage":
      return MINIMUM_WAGES.map((e) => ({
        key: minimumWageKey(e),
        label: e.label,
        value: { prefix: e.prefix, effective: e.effective, monthly: e.monthly, label: e.label },
        source: e.source,
        verified: e.verified !== false,
      }));
    case "povertyCounty":
      return shippedRegions
        .filter((r) => r.level === "county" && r.code.startsWith("13"))
        .map((r) => ({
          key: r.code,
          label: place(r.code),
          value: { code: r.code, level: r.povertyLevel ?? "NONE", from: r.povertyFrom ?? null, exitBy: r.povertyExitBy ?? null, note: r.povertyNote ?? null },
          source: r.povertySource ?? `GB/T 2260 (${REGIONS_SOURCE}); not on the 2012 list of 62`,
          verified: true,
        }));
    case "occupation":
      return shippedOccupations.map((o) => ({
        key: o.code,
        label: o.nameZh,
        value: { code: o.code, nationalCode: o.nationalCode ?? "", nameZh: o.nameZh, nationalName: o.nationalName ?? "" },
        source: o.codeSource ?? "",
        verified: o.nationalCode !== null,
      }));
    case "areaCode":
      return [
        ...shippedRegions
          .filter((r) => r.level === "county")
          .map((r) => ({
            key: r.code,
            label: place(r.code),
            value: { code: r.code, name: place(r.code), status: "current" },
            source: `GB/T 2260 (${REGIONS_SOURCE})`,
            verified: true,
          })),
        ...Object.entries(HISTORIC_AREA_CODES).map(([code, name]) => ({
          key: code,
          label: name,
          value: { code, name, status: "historic" },
          source: "GB/T 2260 变更情况（民政部）",
          verified: true,
        })),
      ];
  }
}

export type ReferenceRow = ShippedRow & { shipped: boolean; overrides: OverrideRow[]; inForce: OverrideRow | null };

/** One table for the admin screen: every shipped row and every key only an override has, each with its overrides (history). */
export async function referenceTable(table: ReferenceTable, db: Db = getDb()) {
  const overrides = await overridesOf(table, db, false);
  const inForce = inForceByKey(overrides);
  const shipped = shippedRows(table);
  const shippedKeys = new Set(shipped.map((s) => s.key));
  const extraKeys = [...new Set(overrides.map((o) => o.key))].filter((k) => !shippedKeys.has(k));
  const rows: ReferenceRow[] = [
    ...shipped.map((s) => ({ ...s, shipped: true })),
    ...extraKeys.map((key) => {
      const o = overrides.find((x) => x.key === key)!;
      return { key, label: String(o.value.label ?? o.value.name ?? key), value: o.value, source: "", verified: true, shipped: false };
    }),
  ].map((r) => ({ ...r, overrides: overrides.filter((o) => o.key === r.key), inForce: inForce.get(r.key) ?? null }));
  const stale = table === "minimumWage" ? staleProvinces(await minimumWagesWithOverrides(db), chinaToday()) : [];
  return { table, rows, stale };
}

// ───────────── writing ─────────────

export type OverrideInput = { table: ReferenceTable; value: Record<string, unknown>; source: unknown; note?: unknown };

export async function addReferenceOverride(input: OverrideInput, actor: Principal, db: Db = getDb()): Promise<Outcome<{ id: string; key: string }>> {
  const problems: Problem[] = [];
  const parsed = VALUE_SCHEMAS[input.table].safeParse(input.value);
  if (!parsed.success) for (const i of parsed.error.issues) problems.push({ field: String(i.path[0] ?? "value"), message: i.message });
  const source = typeof input.source === "string" ? input.source.trim() : "";
  if (source.length < 4) problems.push({ field: "source", message: "ref.err.source" });
  if (source.length > 300) problems.push({ field: "source", message: "ref.err.tooLong" });
  const note = typeof input.note === "string" && input.note.trim() ? input.note.trim().slice(0, 500) : null;
  if (problems.length || !parsed.success) return { ok: false, kind: "invalid", problems };
  const value = parsed.data as Record<string, unknown>;
  if (input.table === "occupation" && value.nationalCode === "") value.nationalCode = null;
  const key = keyOf(input.table, value);
  // Keys of tables that describe existing rows must name one.
  if (input.table === "povertyCounty" && !(await db.region.findFirst({ where: { code: key, level: "COUNTY" }, select: { code: true } }))) {
    return { ok: false, kind: "invalid", problems: [{ field: "code", message: "ref.err.county" }] };
  }
  if (input.table === "occupation" && !(await db.occupation.findUnique({ where: { code: key }, select: { code: true } }))) {
    return { ok: false, kind: "invalid", problems: [{ field: "code", message: "ref.err.occupation" }] };
  }
  const created = await db.$transaction(async (tx) => {
    const row = await tx.referenceOverride.create({
      data: { table: input.table, key, value: value as Prisma.InputJsonValue, source, note, createdById: actor.kind === "user" ? actor.id : null },
    });
    await applyInForce(input.table, key, tx);
    await audit(
      {
        actor,
        action: "reference.override.add",
        entityType: "ReferenceOverride",
        entityId: row.id,
        regionCode: input.table === "povertyCounty" ? key : null,
        detail: { table: input.table, key, value: value as Prisma.InputJsonValue, source },
      },
      tx,
    );
    return row;
  });
  return { ok: true, id: created.id, key };
}

export async function revokeReferenceOverride(id: string, actor: Principal, db: Db = getDb()): Promise<Outcome> {
  return db.$transaction(async (tx) => {
    const row = await tx.referenceOverride.findUnique({ where: { id } });
    if (!row || row.revokedAt) return { ok: false as const, kind: "conflict" as const };
    await tx.referenceOverride.update({ where: { id }, data: { revokedAt: new Date(), revokedById: actor.kind === "user" ? actor.id : null } });
    await applyInForce(row.table as ReferenceTable, row.key, tx);
    await audit(
      {
        actor,
        action: "reference.override.revoke",
        entityType: "ReferenceOverride",
        entityId: id,
        regionCode: row.table === "povertyCounty" ? row.key : null,
        detail: { table: row.table, key: row.key },
      },
      tx,
    );
    return { ok: true as const };
  });
}

/**
 * Writes the row in force onto the rows that carry it (a county's poverty level and flag, an
 * occupation's national code and name). Minimum wages and area codes are read where used.
 */
async function applyInForce(table: ReferenceTable, key: string, tx: Tx): Promise<void> {
  const o = (await overridesOf(table, tx, true, key))[0];
  if (table === "povertyCounty") {
    await tx.region.update({ where: { code: key }, data: o ? povertyFromOverride(o) : povertyShipped(key) });
  } else if (table === "occupation") {
    const shipped = shippedOccupations.find((s) => s.code === key);
    const data = o
      ? { nationalCode: (o.value.nationalCode as string | null) || null, nameZh: String(o.value.nameZh) }
      : shipped
        ? { nationalCode: shipped.nationalCode, nameZh: shipped.nameZh }
        : null;
    if (data) await tx.occupation.update({ where: { code: key }, data });
  }
}

function povertyFromOverride(o: OverrideRow) {
  const level = String(o.value.level);
  return level === "NONE"
    ? { isPovertyCounty: false, povertyLevel: null, povertyFrom: null, povertyExitBy: null, povertySource: o.source, povertyNote: o.note }
    : { isPovertyCounty: true, povertyLevel: level, povertySource: o.source, povertyNote: o.note };
}

/** The shipped poverty fields of a county (regions.json). */
export function povertyShipped(code: string) {
  const r = shippedRegions.find((x) => x.code === code);
  return {
    isPovertyCounty: Boolean(r?.povertyLevel),
    povertyLevel: r?.povertyLevel ?? null,
    povertyFrom: r?.povertyFrom ?? null,
    povertyExitBy: r?.povertyExitBy ?? null,
    povertySource: r?.povertySource ?? null,
    povertyNote: r?.povertyNote ?? null,
  };
}

// ───────────── is there reference data at all? ─────────────

/**
 * Null when the reference data is loaded; otherwise the sentence a command prints (a database
 * right after `db:migrate` has no regions, and every roster row would be refused as "unknown county").
 */
export async function referenceDataMissing(db: Db = getDb()): Promise<string | null> {
  const [version, counties] = await Promise.all([
    db.setting.findUnique({ where: { key: "reference.version" }, select: { key: true } }),
    db.region.count({ where: { level: "COUNTY" } }),
  ]);
  return version && counties > 0 ? null : "this database has no reference data (regions, occupations): run `npm run db:seed` first";
}
