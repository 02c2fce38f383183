// Drill-down: the records behind one number on the dashboard, read live with the same rules as
// the refresh job (dashboard.server.ts) so a list's length is the number it came from. Persons
// are listed once, with the record that first counted them this year. Personal data is masked;
// the unmasked export decrypts ID numbers and phones and is audited.
//
// A list can hold people from outside the reader's region (a class held in this county trains
// people from others, e.g. an order-based class formed from accepted candidates anywhere). The
// per-person rule: such people are listed masked, without the poor flag, and are never decrypted
// for this reader; the people who are unmasked are audited under their home county as well.
import { z } from "zod";
import { canReadRegion, type Principal } from "~/domain/access";
import { placeName } from "~/domain/place-names";
import { regionPrefix } from "~/domain/regions";
import { Prisma } from "~/generated/prisma/client";
import { audit, auditMany, refuseOutOfScope } from "~/services/audit.server";
import { ensureDashboardStats, regionInScope } from "./dashboard.server";
import { getDb, type Db } from "~/services/db.server";
import { decryptPii } from "~/services/pii.server";

export const DRILL_METRICS = [
  "training",
  "trainingEnded",
  "trainedPersons",
  "transferred",
  "toBeijingTianjin",
  "placements",
  "stable",
  "served",
  "registered",
  "matched",
  "enrolled",
  "completedPersons",
] as const;
export type DrillMetric = (typeof DRILL_METRICS)[number];

/** Query string of a drill-down (page, export and API share it). */
export const DrillQuerySchema = z.object({
  region: z.string().regex(/^\d{6}$/),
  year: z.coerce.number().int().min(2000).max(2100),
  metric: z.enum(DRILL_METRICS),
  dim: z
    .string()
    .max(60)
    .regex(/^(|kind:[A-Z_]+|provider:[0-9a-f-]{36}|type:[A-Z_]+|region:\d{6}|poor|priority)$/)
    .default(""),
  month: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(12).optional()),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type DrillQuery = z.infer<typeof DrillQuerySchema>;

const ENDED = Prisma.sql`('COMPLETED', 'DROPPED', 'FAILED')`;

function baseQuery(q: DrillQuery): Prisma.Sql {
  const s = `${q.year}-01-01`;
  const e = `${q.year + 1}-01-01`;
  const like = `${regionPrefix(q.region)}%`;
  const [dimKind, dimValue] = q.dim.includes(":") ? [q.dim.slice(0, q.dim.indexOf(":")), q.dim.slice(q.dim.indexOf(":") + 1)] : [q.dim, ""];
  const classDim =
    dimKind === "kind" ? Prisma.sql`AND c."kind"::text = ${dimValue}` : dimKind === "provider" ? Prisma.sql`AND c."providerId" = ${dimValue}` : Prisma.empty;
  const groupDim = q.dim === "poor" ? Prisma.sql`AND w."isRegisteredPoor"` : q.dim === "priority" ? Prisma.sql`AND w."hasPriorityFactors"` : Prisma.empty;
  const enrollments = (status: Prisma.Sql, byClassRegion: boolean, extra: Prisma.Sql = Prisma.empty) => Prisma.sql`
    SELECT en."workerId" AS worker_id, en."id" AS record_id, to_char(c."endDate", 'YYYY-MM-DD') AS
      record_date, EXTRACT(MONTH FROM c."endDate")::int AS m,
      c."name" || ' · ' || tp."name" AS detail, en."status"::text AS extra, c."regionCode" AS place
    FROM "Enrollment" en JOIN "TrainingClass" c ON c."id" = en."classId" JOIN "TrainingProvider" tp ON
      tp."id" = c."providerId" JOIN "Worker" w ON w."id" = en."workerId"
    WHERE c."endDate" >= ${s}::date AND c."endDate" < ${e}::date AND en."status" IN ${status}
      AND ${byClassRegion ? Prisma.sql`c."regionCode"` : Prisma.sql`w."countyCode"`} LIKE ${like} ${classDim} ${extra}`;
  const placements = (extra: Prisma.Sql) => Prisma.sql`
    SELECT p."workerId" AS worker_id, p."id" AS record_id, to_char(p."startDate", 'YYYY-MM-DD') AS
      record_date, EXTRACT(MONTH FROM p."startDate")::int AS m,
      em."name" AS detail, p."transferType"::text AS extra, p."workRegionCode" AS place
    FROM "Placement" p JOIN "Employer" em ON em."id" = p."employerId" JOIN "Worker" w ON w."id" = p."workerId"
    WHERE p."verification" = 'VERIFIED' AND p."startDate" >= ${s}::date AND p."startDate" < ${e}::date AND
      w."countyCode" LIKE ${like} ${extra}`;
  const firstPerWorker = (inner: Prisma.Sql, key = Prisma.sql`worker_id`) =>
    Prisma.sql`SELECT DISTINCT ON (${key}) * FROM (${inner}) i ORDER BY ${key}, record_date, record_id`;
  switch (q.metric) {
    case "training":
      return enrollments(Prisma.sql`('COMPLETED')`, true);
    case "trainingEnded":
      return enrollments(ENDED, true);
    case "trainedPersons":
      return firstPerWorker(enrollments(Prisma.sql`('COMPLETED')`, true), Prisma.sql`place, worker_id`);
    case "completedPersons":
      return firstPerWorker(enrollments(Prisma.sql`('COMPLETED')`, false));
    case "transferred":
      return firstPerWorker(placements(Prisma.empty));
    case "toBeijingTianjin":
      return firstPerWorker(placements(Prisma.sql`AND p."transferType" = 'BEIJING_TIANJIN'`));
    case "placements":
      return placements(
        dimKind === "type"
          ? Prisma.sql`AND p."transferType"::text = ${dimValue}`
          : dimKind === "region"
            ? Prisma.sql`AND p."workRegionCode" = ${dimValue}`
            : Prisma.empty,
      );
    case "stable":
      return firstPerWorker(Prisma.sql`
        SELECT p."workerId" AS worker_id, f."id" AS record_id, to_char(f."completedAt" + interval '8 hours',
          'YYYY-MM-DD') AS record_date,
          EXTRACT(MONTH FROM f."completedAt" + interval '8 hours')::int AS m, em."name" AS detail,
            p."transferType"::text AS extra, p."workRegionCode" AS place
        FROM "FollowUp" f JOIN "Placement" p ON p."id" = f."placementId" JOIN "Employer" em ON em."id" =
          p."employerId" JOIN "Worker" w ON w."id" = p."workerId"
        WHERE f."dueMonth" = 6 AND f."stillEmployed" = true AND p."verification" = 'VERIFIED' AND
          w."countyCode" LIKE ${like}
          AND f."completedAt" + interval '8 hours' >= ${s}::timestamp AND f."completedAt" + interval
            '8 hours' < ${e}::timestamp`);
    case "served":
      return firstPerWorker(Prisma.sql`
        SELECT * FROM (${enrollments(Prisma.sql`('COMPLETED')`, false, groupDim)}) a
        UNION ALL
        SELECT * FROM (${placements(groupDim)}) b`);
    case "enrolled":
      return firstPerWorker(Prisma.sql`
        SELECT en."workerId" AS worker_id, en."id" AS record_id, to_char(en."enrolledAt" + interval
          '8 hours', 'YYYY-MM-DD') AS record_date,
          EXTRACT(MONTH FROM en."enrolledAt" + interval '8 hours')::int AS m, c."name" AS detail,
            en."status"::text AS extra, c."regionCode" AS place
        FROM "Enrollment" en JOIN "TrainingClass" c ON c."id" = en."classId" JOIN "Worker" w ON w."id" = en."workerId"
        WHERE en."status" <> 'WAITLISTED' AND w."countyCode" LIKE ${like}
          AND en."enrolledAt" + interval '8 hours' >= ${s}::timestamp AND en."enrolledAt" + interval
            '8 hours' < ${e}::timestamp`);
    case "matched":
      return firstPerWorker(Prisma.sql`
        SELECT mt."workerId" AS worker_id, mt."id" AS record_id, to_char(mt."createdAt" + interval '8 hours',
          'YYYY-MM-DD') AS record_date,
          CASE WHEN mt."createdAt" + interval '8 hours' < ${s}::timestamp THEN 0 ELSE EXTRACT(MONTH FROM
            mt."createdAt" + interval '8 hours')::int END AS m,
          coalesce(jp."title", tor."title") AS detail, mt."status"::text AS extra, NULL::text AS place
        FROM "Match" mt JOIN "Worker" w ON w."id" = mt."workerId"
          LEFT JOIN "JobPosting" jp ON jp."id" = mt."postingId" LEFT JOIN "TrainingOrder" tor ON tor."id" = mt."trainingOrderId"
        WHERE mt."status" IN ('INVITED', 'ACCEPTED', 'HIRED') AND w."countyCode" LIKE ${like} AND
          mt."createdAt" + interval '8 hours' < ${e}::timestamp`);
    case "registered":
      return Prisma.sql`
        SELECT w."id" AS worker_id, w."id" AS record_id, to_char(w."createdAt" + interval '8 hours',
          'YYYY-MM-DD') AS record_date,
          CASE WHEN w."createdAt" + interval '8 hours' < ${s}::timestamp THEN 0 ELSE EXTRACT(MONTH FROM
            w."createdAt" + interval '8 hours')::int END AS m,
          w."source"::text AS detail, w."status"::text AS extra, NULL::text AS place
        FROM "Worker" w WHERE w."countyCode" LIKE ${like} AND w."createdAt" + interval '8 hours' <
          ${e}::timestamp ${groupDim}`;
  }
}

export type DrillRow = {
  recordId: string;
  workerId: string;
  fullName: string;
  idNumber: string;
  phone: string | null;
  countyCode: string;
  countyName: string;
  countyNameEn: string | null;
  /** Null for a person outside the reader's region (not theirs to know). */
  isRegisteredPoor: boolean | null;
  date: string;
  detail: string | null;
  extra: string | null;
  place: string | null;
  /** The person's home county is outside the reader's region: always masked, no link to their record. */
  outsideRegion: boolean;
};

type RawRow = {
  worker_id: string;
  record_id: string;
  record_date: string;
  detail: string | null;
  extra: string | null;
  place: string | null;
  fullName: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  countyCode: string;
  county_name: string;
  county_name_en: string | null;
  isRegisteredPoor: boolean;
  idNumberCipher?: string;
  phoneCipher?: string | null;
};

export const DRILL_PAGE_SIZE = 50;
/** An export is at most this many rows (a county's year is a few thousand). */
export const EXPORT_MAX_ROWS = 100_000;

/**
 * One page (or, for an export, all rows up to EXPORT_MAX_ROWS) of the records behind a number.
 * Null when the region is outside the principal's scope. `unmask` decrypts and audits.
 */
/**
 * The breakdown a list is narrowed to, to be named on the page: its kind, its value (a training kind,
 * a transfer type, a region code or a provider id) and, for a region or a provider, whose it is.
 */
export type DrillDim = {
  kind: string;
  value: string;
  place: { name: string; nameEn: string | null; parentName: string | null } | null;
  provider: string | null;
};

async function drillDim(dim: string, db: Db): Promise<DrillDim | null> {
  if (!dim) return null;
  const at = dim.indexOf(":");
  const [kind, value] = at < 0 ? [dim, ""] : [dim.slice(0, at), dim.slice(at + 1)];
  const place =
    kind === "region"
      ? await db.region.findUnique({
          where: { code: value },
          select: { name: true, nameEn: true, parent: { select: { code: true, name: true, nameEn: true } } },
        })
      : null;
  const provider = kind === "provider" ? await db.trainingProvider.findUnique({ where: { id: value }, select: { name: true } }) : null;
  return {
    kind,
    value,
    place: place && { name: place.name, nameEn: place.nameEn, parentName: place.parent && placeName(place.parent, "zh") },
    provider: provider?.name ?? null,
  };
}

export async function drillDown(p: Principal, q: DrillQuery, opts: { all?: boolean; unmask?: boolean; ip?: string | null } = {}, db: Db = getDb()) {
  const region = await regionInScope(p, q.region, db);
  if (!region) {
    if (canReadRegion(p, q.region)) return null; // in scope but not a dashboard region: nothing was refused
    return refuseOutOfScope(p, "Region", q.region, async () => (await db.region.findUnique({ where: { code: q.region }, select: { code: true } }))?.code, db);
  }
  await ensureDashboardStats(q.year, db);
  const base = Prisma.sql`SELECT * FROM (${baseQuery(q)}) b ${q.month !== undefined ? Prisma.sql`WHERE b.m = ${q.month}` : Prisma.empty}`;
  const limit = opts.all ? EXPORT_MAX_ROWS : DRILL_PAGE_SIZE;
  const offset = opts.all ? 0 : (q.page - 1) * DRILL_PAGE_SIZE;
  const [[{ total }], raw, dim] = await Promise.all([
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM (${base}) x`,
    db.$queryRaw<RawRow[]>`
      SELECT x.*, w."fullName", w."idNumberMasked", w."phoneMasked", w."countyCode", r."name" AS county_name,
        r."nameEn" AS county_name_en, w."isRegisteredPoor"
        ${opts.unmask ? Prisma.sql`, w."idNumberCipher", w."phoneCipher"` : Prisma.empty}
      FROM (${base}) x JOIN "Worker" w ON w."id" = x.worker_id JOIN "Region" r ON r."code" = w."countyCode"
      ORDER BY x.record_date, x.record_id LIMIT ${limit} OFFSET ${offset}`,
    drillDim(q.dim, db),
  ]);
  const mine = (r: RawRow) => canReadRegion(p, r.countyCode);
  if (opts.unmask) {
    const ip = opts.ip ?? null;
    const unmasked = raw.filter(mine);
    const byCounty = new Map<string, Set<string>>();
    for (const r of unmasked) byCounty.set(r.countyCode, (byCounty.get(r.countyCode) ?? new Set()).add(r.worker_id));
    await audit({
      actor: p,
      action: "dashboard.export.unmasked",
      entityType: "Region",
      entityId: region.code,
      regionCode: region.code,
      detail: { ...q, rows: raw.length, unmaskedRows: unmasked.length, fields: ["idNumber", "phone"] },
      ip,
    });
    // Under each person's home county too, so that county sees whose data left and with whom.
    await auditMany(
      [...byCounty].map(([county, workerIds]) => ({
        actor: p,
        action: "dashboard.export.unmasked.persons",
        entityType: "Region",
        entityId: county,
        regionCode: county,
        detail: { exportRegion: region.code, metric: q.metric, year: q.year, workerIds: [...workerIds], fields: ["idNumber", "phone"] },
        ip,
      })),
    );
  }
  const rows: DrillRow[] = raw.map((r) => {
    const inRegion = mine(r);
    const unmask = opts.unmask && inRegion;
    return {
      recordId: r.record_id,
      workerId: r.worker_id,
      fullName: r.fullName,
      countyCode: r.countyCode,
      countyName: r.county_name,
      countyNameEn: r.county_name_en,
      isRegisteredPoor: inRegion ? r.isRegisteredPoor : null,
      date: r.record_date,
      detail: r.detail,
      extra: r.extra,
      place: r.place,
      outsideRegion: !inRegion,
      idNumber: unmask && r.idNumberCipher ? decryptPii(r.idNumberCipher) : r.idNumberMasked,
      phone: unmask ? (r.phoneCipher ? decryptPii(r.phoneCipher) : null) : r.phoneMasked,
    };
  });
  return { region, query: q, dim, total, page: opts.all ? 1 : q.page, pageSize: limit, rows };
}
