// The coordinators' dashboard: plan vs actual for a region and year, computed from the records.
//
// Counting a million workers on every page view is too slow for the province (all counties), so
// the `dashboard-refresh` job computes per-county monthly counts into DashboardStat with
// set-based SQL (docs/plans.md has the definitions and date rules; app/domain/plans.ts the same
// rules in TypeScript, which test/integration/dashboard.test.ts holds this SQL to), and sums them
// up to prefecture and province rows, so a page reads its own region's few hundred rows (and its
// children's). Drill-down lists are read live from the records.
import { chinaToday, chinaYear, monthEnd } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { canReadRegion, isAdmin, staffScopes } from "~/domain/access";
import {
  assessCount,
  assessRate,
  compositePercent,
  COUNT_TARGETS,
  cumulative,
  planLine,
  rankByPercent,
  worstStatus,
  yearElapsed,
  type CountProgress,
  type CountTarget,
  type PlanTargets,
  type RateProgress,
  type TrackStatus,
} from "~/domain/plans";
import { HEBEI, isWithinRegion, regionPrefix } from "~/domain/regions";
import { Prisma } from "~/generated/prisma/client";
import { refuseOutOfScope } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { placeName } from "~/domain/place-names";
// "市辖区" is never shown as a prefecture (issue 14): "北京市 朝阳区", not "市辖区 朝阳区".
const placeNameOrNull = (p: { code: string; name: string; nameEn: string | null } | null | undefined) => (p ? placeName(p, "zh") : null);

// ───────────── refresh (worker job) ─────────────

const REFRESH_KEY = (year: number) => `dashboard.refreshed.${year}`;

/**
 * Recomputes one year's DashboardStat rows from the records, in one transaction (readers see the
 * old rows or the new ones, never half). An advisory lock keeps two refreshes of a year apart.
 */
export async function refreshDashboardStats(year: number, db: Db = getDb()): Promise<{ year: number; rows: number; ms: number }> {
  const started = Date.now();
  const s = `${year}-01-01`;
  const e = `${year + 1}-01-01`;
  const rows = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(727274, ${year}::int)`;
      // Every write to the records behind these figures draws from this sequence (migration
      // 20261206210000): the number seen before counting is what these figures include.
      const seq = await changeSeq(tx);
      await tx.$executeRaw`DELETE FROM "DashboardStat" WHERE "year" = ${year}`;
      const ins = Prisma.sql`INSERT INTO "DashboardStat" ("regionCode", "year", "month", "metric", "dim", "value")`;
      let n = 0;
      // Training, counted where the class is held (TrainingClass.regionCode), in the month it ends.
      n += await tx.$executeRaw`${ins}
      SELECT c."regionCode", ${year}, EXTRACT(MONTH FROM c."endDate")::int, mm.metric, d.dim, count(*)::int
      FROM "Enrollment" en JOIN "TrainingClass" c ON c."id" = en."classId"
      CROSS JOIN LATERAL (VALUES (''), ('kind:' || c."kind"::text), ('provider:' || c."providerId")) d(dim)
      CROSS JOIN LATERAL unnest(CASE WHEN en."status" = 'COMPLETED' THEN ARRAY['training', 'trainingEnded']
        ELSE ARRAY['trainingEnded'] END) mm(metric)
      WHERE c."endDate" >= ${s}::date AND c."endDate" < ${e}::date AND en."status" IN ('COMPLETED',
        'DROPPED', 'FAILED')
      GROUP BY 1, 3, 4, 5`;
      n += await tx.$executeRaw`${ins}
      SELECT region, ${year}, m, 'trainedPersons', '', count(*)::int FROM (
        SELECT c."regionCode" AS region, en."workerId", min(EXTRACT(MONTH FROM c."endDate"))::int AS m
        FROM "Enrollment" en JOIN "TrainingClass" c ON c."id" = en."classId"
        WHERE c."endDate" >= ${s}::date AND c."endDate" < ${e}::date AND en."status" = 'COMPLETED'
        GROUP BY 1, 2) x
      GROUP BY region, m`;
      // People, counted in their home county (Worker.countyCode), each once a year in the month of their first record.
      n += await tx.$executeRaw`${ins}
      SELECT region, ${year}, mm.m, mm.metric, '', count(*)::int FROM (
        SELECT w."countyCode" AS region, p."workerId",
          min(EXTRACT(MONTH FROM p."startDate"))::int AS m,
          min(EXTRACT(MONTH FROM p."startDate")) FILTER (WHERE p."transferType" = 'BEIJING_TIANJIN')::int AS mbj
        FROM "Placement" p JOIN "Worker" w ON w."id" = p."workerId"
        WHERE p."verification" = 'VERIFIED' AND p."startDate" >= ${s}::date AND p."startDate" < ${e}::date
        GROUP BY 1, 2) x
      CROSS JOIN LATERAL (VALUES ('transferred', x.m), ('toBeijingTianjin', x.mbj)) mm(metric, m)
      WHERE mm.m IS NOT NULL
      GROUP BY region, mm.m, mm.metric`;
      n += await tx.$executeRaw`${ins}
      SELECT w."countyCode", ${year}, EXTRACT(MONTH FROM p."startDate")::int, 'placements', d.dim, count(*)::int
      FROM "Placement" p JOIN "Worker" w ON w."id" = p."workerId"
      CROSS JOIN LATERAL (VALUES ('type:' || p."transferType"::text), ('region:' || p."workRegionCode")) d(dim)
      WHERE p."verification" = 'VERIFIED' AND p."startDate" >= ${s}::date AND p."startDate" < ${e}::date
      GROUP BY 1, 3, 5`;
      n += await tx.$executeRaw`${ins}
      SELECT region, ${year}, m, 'stable', '', count(*)::int FROM (
        SELECT w."countyCode" AS region, p."workerId", min(EXTRACT(MONTH FROM f."completedAt" + interval '8 hours'))::int AS m
        FROM "FollowUp" f JOIN "Placement" p ON p."id" = f."placementId" JOIN "Worker" w ON w."id" = p."workerId"
        WHERE f."dueMonth" = 6 AND f."stillEmployed" = true AND p."verification" = 'VERIFIED'
          AND f."completedAt" + interval '8 hours' >= ${s}::timestamp AND f."completedAt" + interval '8 hours' < ${e}::timestamp
        GROUP BY 1, 2) x
      GROUP BY region, m`;
      // Served: completed training or a verified placement this year; split by priority group.
      n += await tx.$executeRaw`${ins}
      SELECT w."countyCode", ${year}, per.m, 'served', d.dim, count(*)::int FROM (
        SELECT "workerId", min(m) AS m FROM (
          SELECT en."workerId", EXTRACT(MONTH FROM c."endDate")::int AS m
          FROM "Enrollment" en JOIN "TrainingClass" c ON c."id" = en."classId"
          WHERE c."endDate" >= ${s}::date AND c."endDate" < ${e}::date AND en."status" = 'COMPLETED'
          UNION ALL
          SELECT p."workerId", EXTRACT(MONTH FROM p."startDate")::int
          FROM "Placement" p WHERE p."verification" = 'VERIFIED' AND p."startDate" >= ${s}::date AND
            p."startDate" < ${e}::date
        ) ev GROUP BY 1) per
      JOIN "Worker" w ON w."id" = per."workerId"
      CROSS JOIN LATERAL (VALUES (''), (CASE WHEN w."isRegisteredPoor" THEN 'poor' END), (CASE WHEN
        w."hasPriorityFactors" THEN 'priority' END)) d(dim)
      WHERE d.dim IS NOT NULL
      GROUP BY 1, 3, 5`;
      // The funnel, in the worker's home county.
      n += await tx.$executeRaw`${ins}
      SELECT w."countyCode", ${year}, m, 'completedPersons', '', count(*)::int FROM (
        SELECT en."workerId", min(EXTRACT(MONTH FROM c."endDate"))::int AS m
        FROM "Enrollment" en JOIN "TrainingClass" c ON c."id" = en."classId"
        WHERE c."endDate" >= ${s}::date AND c."endDate" < ${e}::date AND en."status" = 'COMPLETED'
        GROUP BY 1) x JOIN "Worker" w ON w."id" = x."workerId"
      GROUP BY 1, 3`;
      n += await tx.$executeRaw`${ins}
      SELECT w."countyCode", ${year}, m, 'enrolled', '', count(*)::int FROM (
        SELECT en."workerId", min(EXTRACT(MONTH FROM en."enrolledAt" + interval '8 hours'))::int AS m
        FROM "Enrollment" en
        WHERE en."status" <> 'WAITLISTED' AND en."enrolledAt" + interval '8 hours' >= ${s}::timestamp AND
          en."enrolledAt" + interval '8 hours' < ${e}::timestamp
        GROUP BY 1) x JOIN "Worker" w ON w."id" = x."workerId"
      GROUP BY 1, 3`;
      n += await tx.$executeRaw`${ins}
      SELECT w."countyCode", ${year}, m, 'matched', '', count(*)::int FROM (
        SELECT mt."workerId", CASE WHEN min(mt."createdAt") + interval '8 hours' < ${s}::timestamp THEN 0
          ELSE EXTRACT(MONTH FROM min(mt."createdAt") + interval '8 hours')::int END AS m
        FROM "Match" mt
        WHERE mt."status" IN ('INVITED', 'ACCEPTED', 'HIRED') AND mt."createdAt" + interval '8 hours' < ${e}::timestamp
        GROUP BY 1) x JOIN "Worker" w ON w."id" = x."workerId"
      GROUP BY 1, 3`;
      // Registered workers up to the end of the year (month 0: before it began), by priority group.
      n += await tx.$executeRaw`${ins}
      SELECT w."countyCode", ${year},
        CASE WHEN w."createdAt" + interval '8 hours' < ${s}::timestamp THEN 0 ELSE EXTRACT(MONTH FROM
          w."createdAt" + interval '8 hours')::int END,
        'registered', d.dim, count(*)::int
      FROM "Worker" w
      CROSS JOIN LATERAL (VALUES (''), (CASE WHEN w."isRegisteredPoor" THEN 'poor' END), (CASE WHEN
        w."hasPriorityFactors" THEN 'priority' END)) d(dim)
      WHERE w."createdAt" + interval '8 hours' < ${e}::timestamp AND d.dim IS NOT NULL
      GROUP BY 1, 3, 5`;
      // Prefecture and province rows: the sums of their counties, so a page reads only its own
      // region's rows (a few hundred) however many counties and records lie below it.
      // (A record held at prefecture or province level itself, e.g. a prefecture-run class, is added in.)
      const merge = Prisma.sql`ON CONFLICT ("year", "regionCode", "metric", "dim", "month") DO UPDATE SET "value" = "DashboardStat"."value" + EXCLUDED."value"`;
      n += await tx.$executeRaw`${ins}
      SELECT left("regionCode", 4) || '00', ${year}, "month", "metric", "dim", sum("value")::int FROM "DashboardStat"
      WHERE "year" = ${year} AND right("regionCode", 2) <> '00' GROUP BY 1, 3, 4, 5 ${merge}`;
      n += await tx.$executeRaw`${ins}
      SELECT left("regionCode", 2) || '0000', ${year}, "month", "metric", "dim", sum("value")::int FROM "DashboardStat"
      WHERE "year" = ${year} AND right("regionCode", 2) = '00' AND right("regionCode", 4) <> '0000' GROUP BY 1, 3, 4, 5 ${merge}`;
      const at = new Date();
      const value = { at: at.toISOString(), seq, ms: at.getTime() - started };
      await tx.setting.upsert({ where: { key: REFRESH_KEY(year) }, create: { key: REFRESH_KEY(year), value }, update: { value } });
      return n;
    },
    { maxWait: 15_000, timeout: 600_000 },
  );
  return { year, rows, ms: Date.now() - started };
}

/**
 * The years the refresh jobs keep current: this one (China time) and last, whose records still change early in the new year (late verifications,
 * follow-ups).
 */
export function dashboardYears(now = new Date()): number[] {
  const year = chinaYear(now);
  return [year, year - 1];
}

/** The last number drawn by a write to the records behind the figures (0: none yet). */
async function changeSeq(db: Pick<Db, "$queryRaw">): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM "dashboard_change_seq"`;
  return Number(row?.n ?? 0);
}

type RefreshStamp = { at: Date; seq: number; ms: number };

async function refreshStamp(year: number, db: Db): Promise<RefreshStamp | null> {
  const row = await db.setting.findUnique({ where: { key: REFRESH_KEY(year) } });
  const v = row?.value as { at?: string; seq?: number; ms?: number } | null;
  return v?.at ? { at: new Date(v.at), seq: v.seq ?? 0, ms: v.ms ?? 0 } : null;
}

/** When a year's figures were last computed (null: never). */
export async function refreshedAt(year: number, db: Db = getDb()): Promise<Date | null> {
  return (await refreshStamp(year, db))?.at ?? null;
}

/** Whether records behind a year's figures changed after they were computed (the page says so). */
export async function changedSinceRefresh(year: number, db: Db = getDb()): Promise<boolean> {
  const [stamp, seq] = await Promise.all([refreshStamp(year, db), changeSeq(db)]);
  return stamp !== null && seq > stamp.seq;
}

/**
 * Refreshes a year's figures when records behind them changed since the last refresh (a job every
 * few seconds), so a page and its drill-down agree soon after a change. A refresh that takes long
 * (a province of a million people: about a minute) waits at least five times its own duration
 * after the last one, so refreshing never takes more than a sixth of a core; the 5-minute refresh
 * stays as the safety net for a change whose transaction committed after a refresh had begun.
 */
export async function refreshIfChanged(years: number[], now = new Date(), db: Db = getDb()): Promise<{ year: number; rows: number; ms: number }[]> {
  const done = [];
  const seq = await changeSeq(db);
  for (const year of years) {
    const stamp = await refreshStamp(year, db);
    if (!stamp || seq <= stamp.seq) continue;
    if (now.getTime() - stamp.at.getTime() < 5 * stamp.ms) continue;
    done.push(await refreshDashboardStats(year, db));
  }
  return done;
}

/** The figures exist for this year (computing them once now if the job has not yet run). */
export async function ensureDashboardStats(year: number, db: Db = getDb()): Promise<Date> {
  const at = await refreshedAt(year, db);
  if (at) return at;
  await refreshDashboardStats(year, db);
  return (await refreshedAt(year, db))!;
}

// ───────────── scope ─────────────

/** The region a user's dashboard opens on: their own scope (admins: the province). */
export function defaultRegion(p: Principal): string {
  if (isAdmin(p)) return HEBEI;
  return staffScopes(p)?.[0] ?? HEBEI;
}

export async function regionInScope(p: Principal, code: string, db: Db = getDb()) {
  if (!/^\d{6}$/.test(code) || !canReadRegion(p, code)) return null;
  const region = await db.region.findUnique({ where: { code }, select: { code: true, name: true, nameEn: true, level: true, parentCode: true } });
  if (!region || !["PROVINCE", "PREFECTURE", "COUNTY"].includes(region.level)) return null;
  return region;
}

// ───────────── reading ─────────────

const minDay = (a: string, b: string) => (a < b ? a : b);

type StatRow = { metric: string; dim: string; month: number; v: number };

/** The metric each count target is measured by, and the drill-down that lists its records. */
export const TARGET_METRIC: Record<CountTarget, { metric: string; dim: string }> = {
  trainingPersonTimes: { metric: "training", dim: "" },
  orderBasedPersonTimes: { metric: "training", dim: "kind:ORDER_BASED" },
  transferredPersons: { metric: "transferred", dim: "" },
  toBeijingTianjinPersons: { metric: "toBeijingTianjin", dim: "" },
  stablePersons: { metric: "stable", dim: "" },
};

export const FUNNEL = ["registered", "matched", "enrolled", "completedPersons", "transferred", "stable"] as const;

const planTargets = (p: PlanTargets & object): PlanTargets => ({
  trainingPersonTimes: p.trainingPersonTimes,
  orderBasedPersonTimes: p.orderBasedPersonTimes,
  transferredPersons: p.transferredPersons,
  toBeijingTianjinPersons: p.toBeijingTianjinPersons,
  stablePersons: p.stablePersons,
  poorHouseholdSharePct: p.poorHouseholdSharePct,
  completionRatePct: p.completionRatePct,
});

function sumOf(rows: StatRow[], metric: string, dim = "", month?: number) {
  let t = 0;
  for (const r of rows) if (r.metric === metric && r.dim === dim && (month === undefined || r.month === month)) t += r.v;
  return t;
}

function progressOf(rows: StatRow[], plan: PlanTargets | null, elapsed: number) {
  const counts = COUNT_TARGETS.map((key) => {
    const m = TARGET_METRIC[key];
    return { key, ...m, ...assessCount(plan?.[key] ?? 0, sumOf(rows, m.metric, m.dim), elapsed) };
  });
  const rates: ({ key: "completionRatePct" | "poorHouseholdSharePct"; metric: string; dim: string } & RateProgress)[] = [
    {
      key: "completionRatePct",
      metric: "trainingEnded",
      dim: "",
      ...assessRate(plan?.completionRatePct ?? 0, sumOf(rows, "training"), sumOf(rows, "trainingEnded")),
    },
    {
      key: "poorHouseholdSharePct",
      metric: "served",
      dim: "poor",
      ...assessRate(plan?.poorHouseholdSharePct ?? 0, sumOf(rows, "served", "poor"), sumOf(rows, "served")),
    },
  ];
  const status: TrackStatus = plan ? worstStatus([...counts.map((c) => c.status), ...rates.map((r) => r.status)]) : "noTarget";
  return { counts, rates, status };
}

export type DashboardData = Awaited<ReturnType<typeof dashboardFor>>;

/**
 * Everything the dashboard shows for one region (in the principal's scope) and year, on `today`
 * (China date). Returns null when the region is outside the principal's scope.
 */
export async function dashboardFor(p: Principal, regionCode: string, year: number, opts: { today?: string; throughMonth?: number } = {}, db: Db = getDb()) {
  // Two round trips: the scope check with the freshness stamp, then every read at once.
  const [region, stamp, seq] = await Promise.all([regionInScope(p, regionCode, db), refreshStamp(year, db), changeSeq(db)]);
  // Another region's dashboard is a plain 404, audited under that region when it exists (probing shows).
  if (!region)
    return refuseOutOfScope(
      p,
      "Region",
      regionCode,
      async () => (/^\d{6}$/.test(regionCode) ? (await db.region.findUnique({ where: { code: regionCode }, select: { code: true } }))?.code : undefined),
      db,
    );
  const through = opts.throughMonth ?? 12;
  // A report for a past month reads as it stood at that month's end.
  const today = opts.throughMonth ? minDay(opts.today ?? chinaToday(), monthEnd(year, through)) : (opts.today ?? chinaToday());
  const elapsed = yearElapsed(year, today);
  const asOf = stamp?.at ?? (await ensureDashboardStats(year, db));
  const pending = stamp !== null && seq > stamp.seq;
  const like = `${regionPrefix(region.code)}%`;
  const childLevel = region.level === "PROVINCE" ? "PREFECTURE" : region.level === "PREFECTURE" ? "COUNTY" : null;
  const childRows =
    childLevel === "COUNTY" ? Prisma.sql`right("regionCode", 2) <> '00'` : Prisma.sql`right("regionCode", 2) = '00' AND right("regionCode", 4) <> '0000'`;

  const [rows, perCounty, childRegions, plans, providers, workRegions] = await Promise.all([
    db.$queryRaw<StatRow[]>`SELECT "metric", "dim", "month", "value" AS v FROM "DashboardStat" WHERE "year" = ${year} AND "regionCode" =
      ${region.code} AND "month" <= ${through}`,
    childLevel
      ? db.$queryRaw<(StatRow & { regionCode: string })[]>`SELECT "regionCode", "metric", "dim", 0 AS "month", sum("value")::int AS v FROM "DashboardStat"
          WHERE "year" = ${year} AND "regionCode" LIKE ${like} AND ${childRows}
            AND "month" <= ${through} AND ("dim" = '' OR "dim" IN ('kind:ORDER_BASED', 'poor'))
            AND "metric" IN ('training', 'trainingEnded', 'transferred', 'toBeijingTianjin', 'stable',
              'served') GROUP BY 1, 2, 3`
      : Promise.resolve([]),
    childLevel
      ? db.region.findMany({
          where: { parentCode: region.code, level: childLevel },
          select: { code: true, name: true, nameEn: true },
          orderBy: { code: "asc" },
        })
      : Promise.resolve([]),
    db.annualPlan.findMany({ where: { year, OR: [{ regionCode: region.code }, ...(childLevel ? [{ region: { parentCode: region.code } }] : [])] } }),
    // Names for the breakdowns: providers and places of work are short lists.
    db.trainingProvider.findMany({ select: { id: true, name: true } }),
    db.region.findMany({
      where: { level: "COUNTY" },
      select: { code: true, name: true, nameEn: true, parent: { select: { code: true, name: true, nameEn: true } } },
    }),
  ]);
  const planByRegion = new Map(plans.map((pl) => [pl.regionCode, planTargets(pl)]));
  const plan = planByRegion.get(region.code) ?? null;
  const progress = progressOf(rows, plan, elapsed);

  const children = rankByPercent(
    childRegions.map((c) => {
      const mine = perCounty.filter((r) => isWithinRegion(r.regionCode, c.code));
      const childPlan = planByRegion.get(c.code) ?? null;
      const pr = progressOf(mine, childPlan, elapsed);
      return {
        ...c,
        hasPlan: childPlan !== null,
        counts: pr.counts,
        rates: pr.rates,
        status: pr.status,
        composite: childPlan ? compositePercent(pr.counts) : null,
      };
    }),
  );

  const monthly = (metric: string, dim = "") => Array.from({ length: 12 }, (_, i) => sumOf(rows, metric, dim, i + 1));
  const trend = (["trainingPersonTimes", "transferredPersons", "stablePersons"] as const).map((key) => ({
    key,
    ...TARGET_METRIC[key],
    actual: cumulative(monthly(TARGET_METRIC[key].metric, TARGET_METRIC[key].dim)),
    plan: plan ? planLine(year, plan[key]) : null,
  }));

  const dims = (metric: string, prefix: string) => {
    const m = new Map<string, number>();
    for (const r of rows)
      if (r.metric === metric && r.dim.startsWith(prefix)) m.set(r.dim.slice(prefix.length), (m.get(r.dim.slice(prefix.length)) ?? 0) + r.v);
    return m;
  };
  const completionBy = (prefix: string) => {
    const done = dims("training", prefix);
    return [...dims("trainingEnded", prefix)]
      .map(([key, ended]) => ({ key, dim: prefix + key, completed: done.get(key) ?? 0, ended }))
      .sort((a, b) => b.ended - a.ended);
  };
  const byProvider = completionBy("provider:");
  const byKind = completionBy("kind:");
  const destTypes = [...dims("placements", "type:")].map(([type, count]) => ({ type, dim: `type:${type}`, count })).sort((a, b) => b.count - a.count);
  const destRegions = [...dims("placements", "region:")]
    .map(([code, count]) => ({ code, dim: `region:${code}`, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 10);
  const providerName = new Map(providers.map((x) => [x.id, x.name]));
  const regionName = new Map(workRegions.map((x) => [x.code, x]));

  const funnel = FUNNEL.map((metric) => ({ metric, value: sumOf(rows, metric) }));
  const coverage = (["poor", "priority"] as const).map((group) => {
    const registered = sumOf(rows, "registered", group);
    const served = sumOf(rows, "served", group);
    return { group, registered, served, percent: registered > 0 ? Math.round((served / registered) * 1000) / 10 : null };
  });

  return {
    region,
    year,
    today,
    elapsed,
    asOf: asOf.toISOString(),
    pending,
    plan,
    counts: progress.counts,
    rates: progress.rates,
    status: progress.status,
    trainedPersons: sumOf(rows, "trainedPersons"),
    funnel,
    trend,
    children,
    childLevel,
    byProvider: byProvider.map((b) => ({ ...b, name: providerName.get(b.key) ?? b.key })),
    byKind,
    destinations: {
      byType: destTypes,
      topRegions: destRegions.map((d) => ({
        ...d,
        name: regionName.get(d.code)?.name ?? d.code,
        nameEn: regionName.get(d.code)?.nameEn ?? null,
        parentName: placeNameOrNull(regionName.get(d.code)?.parent),
      })),
    },
    coverage,
  };
}

export type { CountProgress };

/** Year from a query string: the current China year unless a plausible one is given. */
export function yearParam(url: URL): number {
  const current = chinaYear();
  const y = Number(url.searchParams.get("year"));
  return Number.isInteger(y) && y >= 2016 && y <= current + 1 ? y : current;
}

/** The dashboard page: ?region (default: the user's own) & ?year; 404 outside the user's scope. */
export async function dashboardPage(p: Principal, url: URL, db: Db = getDb()) {
  const year = yearParam(url);
  const d = await dashboardFor(p, url.searchParams.get("region") || defaultRegion(p), year, {}, db);
  if (!d) throw new Response("Not found", { status: 404 });
  const current = chinaYear();
  const parent =
    d.region.parentCode && canReadRegion(p, d.region.parentCode)
      ? await db.region.findUnique({ where: { code: d.region.parentCode }, select: { code: true, name: true, nameEn: true } })
      : null;
  return { d, parent, years: Array.from({ length: current + 2 - 2020 }, (_, i) => current + 1 - i) };
}
