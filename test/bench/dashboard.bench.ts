// Dashboard benchmark (issue 7): a scratch database with 1,000,000 workers across Hebei's counties
// and a year of classes, enrollments, placements and follow-ups, built with set-based SQL
// (generate_series), then: the refresh job's time, and p50/p95 of the province, a prefecture and a
// county dashboard — the service, and the page's loader with a real session (auth + service).
import { chinaYear } from "~/platform/china-time";
import { createSessionCookie, requireUser } from "~/services/auth.server";
import { dashboardFor, dashboardPage, refreshDashboardStats } from "~/features/plans/index.server";
import { disconnectDb, getDb } from "~/services/db.server";
import { setConfig } from "~/services/env.server";
import type { Principal } from "~/domain/access";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { testConfig } from "../setup/env";
import { ensureTemplate } from "../setup/global-setup";

export type DashboardBenchResult = {
  workers: number;
  enrollments: number;
  placements: number;
  followUps: number;
  buildSeconds: number;
  refreshSeconds: number;
  runs: { name: string; p50Ms: number; p95Ms: number }[];
};

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function time(n: number, fn: () => Promise<unknown>) {
  await fn(); // warm-up (plans, connections)
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50Ms: pct(samples, 0.5), p95Ms: pct(samples, 0.95) };
}

export async function benchDashboard({ workers = 1_000_000, runs = 40 }: { workers?: number; runs?: number } = {}): Promise<DashboardBenchResult> {
  const dbName = `lb_bench_dash_${process.pid}`;
  await cloneTemplate(await ensureTemplate(), dbName);
  setConfig(testConfig(dbName));
  const db = getDb();
  const year = chinaYear();
  const y0 = `${year}-01-01`;
  try {
    const started = performance.now();
    const x = (sql: string) => db.$executeRawUnsafe(sql);
    // Reference: Hebei counties (origins) and Beijing/Tianjin districts (destinations).
    await x(`CREATE TEMP TABLE hb AS SELECT row_number() OVER (ORDER BY code) - 1 AS i, code FROM "Region" WHERE level = 'COUNTY' AND code LIKE '13%'`);
    await x(`CREATE TEMP TABLE dest AS SELECT row_number() OVER (ORDER BY code) - 1 AS i, code FROM "Region" WHERE level =
      'COUNTY' AND (code LIKE '11%' OR code LIKE '12%')`);
    const [{ hbn, destn }] = await db.$queryRawUnsafe<{ hbn: number; destn: number }[]>(
      `SELECT (SELECT count(*)::int FROM hb) AS hbn, (SELECT count(*)::int FROM dest) AS destn`,
    );
    // Workers: spread over the counties, 40 % registered poor, some priority groups, registered over the last three years.
    await x(`INSERT INTO "Worker" ("id", "fullName", "idNumberCipher", "idNumberHash", "idNumberMasked", "sex",
      "birthDate", "countyCode", "isRegisteredPoor", "hasPriorityFactors", "status", "createdAt", "updatedAt")
      SELECT 'w' || g, '工人' || g, 'x', 'h' || g, '1306**********' || lpad((g % 10000)::text, 4, '0'), CASE
        WHEN g % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END::"Sex",
        DATE '1970-01-01' + (g % 12000), hb.code, g % 10 < 4, g % 17 = 0, 'REGISTERED', TIMESTAMP '${y0}' -
          ((g % 1000) || ' days')::interval + interval '500 days', now()
      FROM generate_series(0, ${workers - 1}) g JOIN hb ON hb.i = g % ${hbn}`);
    await x(`INSERT INTO "TrainingProvider" ("id", "name", "regionCode") SELECT 'p' || hb.i, '培训机构' || hb.i, hb.code FROM hb`);
    await x(`INSERT INTO "Employer" ("id", "name", "creditCode", "districtCode", "industry", "contactName",
      "contactPhoneCipher", "contactPhoneMasked", "status", "updatedAt")
      SELECT 'e' || dest.i, '用人单位' || dest.i, 'BENCH' || lpad(dest.i::text, 13, '0'), dest.code, 'logistics',
        '经理', 'x', '139****0000', 'VERIFIED', now() FROM dest`);
    // A year of classes: 6,000 classes of 30 in the counties, ending across the year (some started last year).
    const classes = Math.max(60, Math.round(workers * 0.006));
    await x(`INSERT INTO "TrainingClass" ("id", "providerId", "occupationCode", "kind", "regionCode", "name", "capacity",
      "startDate", "endDate", "status", "updatedAt")
      SELECT 'c' || g, 'p' || (g % ${hbn}), (SELECT code FROM "Occupation" ORDER BY code LIMIT 1),
        (ARRAY['ORDER_BASED', 'POST_BASED', 'COMPOUND'])[1 + g % 3]::"TrainingKind",
        hb.code, '班' || g, 30, DATE '${y0}' + (g % 330) - 30, DATE '${y0}' + (g % 330), 'FINISHED', now()
      FROM generate_series(0, ${classes - 1}) g JOIN hb ON hb.i = g % ${hbn}`);
    // Enrollments: 30 a class, mostly people of that county; 85 % completed, 10 % dropped, 5 % failed.
    await x(`INSERT INTO "Enrollment" ("id", "classId", "workerId", "status", "enrolledAt")
      SELECT 'n' || c || '_' || j, 'c' || c, 'w' || ((c % ${hbn}) + ${hbn} * ((c / ${hbn}) * 30 + j)) % ${workers},
        CASE WHEN (c + j) % 20 < 17 THEN 'COMPLETED' WHEN (c + j) % 20 < 19 THEN 'DROPPED' ELSE 'FAILED'
          END::"EnrollmentStatus", TIMESTAMP '${y0}' + ((c % 300) || ' days')::interval
      FROM generate_series(0, ${classes - 1}) c, generate_series(0, 29) j
      ON CONFLICT DO NOTHING`);
    // Placements: 10 % of workers this year, 80 % verified; half to Beijing–Tianjin.
    const placements = Math.round(workers * 0.1);
    await x(`INSERT INTO "Placement" ("id", "workerId", "employerId", "startDate", "monthlyWage", "workRegionCode",
      "transferType", "verification", "updatedAt")
      SELECT 'pl' || g, 'w' || ((g * 7) % ${workers}), 'e' || (g % ${destn}), DATE '${y0}' + (g % 330), 5000, dest.code,
        (ARRAY['BEIJING_TIANJIN', 'BEIJING_TIANJIN', 'WITHIN_HEBEI', 'LOCAL_COUNTY',
          'OTHER_OUT_OF_PROVINCE'])[1 + g % 5]::"TransferType",
        CASE WHEN g % 5 = 0 THEN 'UNVERIFIED' ELSE 'VERIFIED' END::"VerificationStatus", now()
      FROM generate_series(0, ${placements - 1}) g JOIN dest ON dest.i = g % ${destn}`);
    // Follow-ups at 1, 3, 6 and 12 months; those already due are recorded (90 % still employed).
    await x(`INSERT INTO "FollowUp" ("id", "placementId", "dueMonth", "dueAt", "completedAt", "stillEmployed")
      SELECT p."id" || '_' || m, p."id", m, p."startDate" + m * 30,
        CASE WHEN p."startDate" + m * 30 < CURRENT_DATE THEN (p."startDate" + m * 30 + 2)::timestamp END,
        CASE WHEN p."startDate" + m * 30 < CURRENT_DATE THEN hashtext(p."id") % 10 <> 0 END
      FROM "Placement" p, unnest(ARRAY[1, 3, 6, 12]) m`);
    await x(`INSERT INTO "AnnualPlan" ("id", "regionCode", "year", "trainingPersonTimes", "orderBasedPersonTimes",
      "transferredPersons", "toBeijingTianjinPersons", "stablePersons", "poorHouseholdSharePct",
      "completionRatePct", "updatedAt")
      SELECT 'plan' || code, code, ${year}, 1200, 400, 600, 300, 300, 50, 85, now() FROM "Region" WHERE code
        LIKE '13%' AND level IN ('PROVINCE', 'PREFECTURE', 'COUNTY')`);
    await x(`ANALYZE`);
    const buildSeconds = (performance.now() - started) / 1000;
    const [counts] = await db.$queryRawUnsafe<
      { w: number; e: number; p: number; f: number }[]
    >(`SELECT (SELECT count(*)::int FROM "Worker") w, (SELECT count(*)::int FROM "Enrollment") e, (SELECT
      count(*)::int FROM "Placement") p, (SELECT count(*)::int FROM "FollowUp") f`);

    const r0 = performance.now();
    await refreshDashboardStats(year);
    const refreshSeconds = (performance.now() - r0) / 1000;

    const admin: Principal = { kind: "user", id: "bench", grants: [{ role: "COORDINATOR", regionCode: "130000" }] };
    const user = await db.user.create({
      data: { username: "bench-hebei", displayName: "bench", passwordHash: "x", roles: { create: { role: "COORDINATOR", regionCode: "130000" } } },
    });
    const cookie = (await createSessionCookie(user.id)).split(";")[0];
    const result: DashboardBenchResult["runs"] = [];
    for (const [name, code] of [
      ["province 130000 (all counties), service", "130000"],
      ["prefecture 130600, service", "130600"],
      ["county 130624, service", "130624"],
    ] as const) {
      result.push({ name, ...(await time(runs, () => dashboardFor(admin, code, year))) });
    }
    result.push({
      name: "province page loader (session + service)",
      // What the route's loader does (the route module itself imports CSS, which only Vite loads).
      ...(await time(runs, async () => {
        const request = new Request(`http://localhost/coordinator/dashboard?region=130000&year=${year}`, { headers: { Cookie: cookie } });
        const { principal } = await requireUser(request, ["COORDINATOR"]);
        return dashboardPage(principal, new URL(request.url));
      })),
    });
    return { workers: counts.w, enrollments: counts.e, placements: counts.p, followUps: counts.f, buildSeconds, refreshSeconds, runs: result };
  } finally {
    await disconnectDb();
    await dropDatabase(dbName);
  }
}
