// Issue 15 item 4: figures that agree. Generated records over four counties in two prefectures,
// classes often held outside the trainees' home counties, times on both sides of midnight in
// Beijing; for every region level: persons ≤ person-times on the same basis, "of which" ≤ total,
// parents = sum of children, every headline = its drill-down, and the day a record counts is its
// Beijing day (23:59 and 00:01 on New Year's Eve land in different years, on the page and behind it).
import { beforeAll, describe, expect, it } from "vitest";
import { prng } from "~/domain/prng";
import { dashboardFor, refreshDashboardStats } from "~/features/plans/index.server";
import { getDb } from "~/services/db.server";
import { dayDate } from "~/platform/china-time";
import { drillDown } from "~/features/plans/index.server";
import { makeClass, makeCoordinator, makeEmployer, makeProvider, makeWorker, type TestUser } from "../setup/factories";

const YEARS = [2025, 2026];
let province: TestUser;
let counties: string[] = [];
let prefectures: string[] = [];
const seed = 20261207;
const names = { eve: "", newYear: "" };

beforeAll(async () => {
  const db = getDb();
  const gen = prng(seed);
  const rnd = () => gen.next();
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const byPrefecture = async (p: string) =>
    (await db.region.findMany({ where: { level: "COUNTY", parentCode: p }, orderBy: { code: "asc" }, take: 2, select: { code: true } })).map((r) => r.code);
  prefectures = ["130600", "130800"];
  counties = [...(await byPrefecture("130600")), ...(await byPrefecture("130800"))];
  province = await makeCoordinator("130000");
  const provider = await makeProvider(counties[0], { name: "不变量测试学校" });
  const { employer } = await makeEmployer();
  const workers = [];
  for (let i = 0; i < 28; i++) {
    const w = await makeWorker(counties[i % counties.length], { fullName: `测${i}` });
    // Registered at China night now and then (16:00–24:00 UTC is the next day in Beijing).
    await db.worker.update({
      where: { id: w.id },
      data: { createdAt: new Date(Date.UTC(2025, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 27), 15 + Math.floor(rnd() * 3), 59 + Math.floor(rnd() * 1))) },
    });
    workers.push(w);
  }
  const classes = [];
  for (let i = 0; i < 6; i++) {
    const start = `2025-${String(1 + i * 2).padStart(2, "0")}-03`;
    classes.push(
      await makeClass(provider, {
        start,
        end: start.replace(/-03$/, "-25"),
        kind: i % 2 ? "ORDER_BASED" : "POST_BASED",
        regionCode: pick(counties),
        name: `班${i}`,
        capacity: 40,
        status: "FINISHED",
      }),
    );
  }
  for (const w of workers) {
    for (const c of classes) {
      if (rnd() < 0.3) {
        const status = pick(["COMPLETED", "COMPLETED", "DROPPED", "FAILED", "ENROLLED"] as const);
        await db.enrollment.create({
          data: { classId: c.id, workerId: w.id, status, enrolledAt: c.startDate, completedAt: status === "COMPLETED" ? c.endDate : null },
        });
      }
    }
    if (rnd() < 0.6) {
      const p = await db.placement.create({
        data: {
          workerId: w.id,
          employerId: employer.id,
          startDate: dayDate(`2025-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}-10`),
          monthlyWage: 5200,
          workRegionCode: "110105",
          transferType: pick(["BEIJING_TIANJIN", "WITHIN_HEBEI"] as const),
          verification: pick(["VERIFIED", "VERIFIED", "UNVERIFIED", "FLAGGED"] as const),
        },
      });
      if (rnd() < 0.5)
        await db.followUp.create({
          data: {
            placementId: p.id,
            dueMonth: 6,
            dueAt: dayDate("2025-11-01"),
            completedAt: new Date(Date.UTC(2025, 10, 1, 15 + Math.floor(rnd() * 3))),
            stillEmployed: rnd() < 0.8,
            countyCode: w.countyCode,
          },
        });
    }
  }
  // Two confirmations of stable work a minute either side of midnight, New Year's Eve, Beijing time.
  const [eve, newYear] = await Promise.all([makeWorker(counties[0], { fullName: "除夕" }), makeWorker(counties[0], { fullName: "元旦" })]);
  names.eve = eve.id;
  names.newYear = newYear.id;
  for (const [w, at] of [
    [eve, "2025-12-31T15:59:00Z"],
    [newYear, "2025-12-31T16:01:00Z"],
  ] as const) {
    const p = await db.placement.create({
      data: {
        workerId: w.id,
        employerId: employer.id,
        startDate: dayDate("2025-06-01"),
        monthlyWage: 5200,
        workRegionCode: "110105",
        transferType: "BEIJING_TIANJIN",
        verification: "VERIFIED",
      },
    });
    await db.followUp.create({
      data: { placementId: p.id, dueMonth: 6, dueAt: dayDate("2025-12-01"), completedAt: new Date(at), stillEmployed: true, countyCode: w.countyCode },
    });
    await db.worker.update({ where: { id: w.id }, data: { createdAt: new Date(at) } });
  }
  for (const y of YEARS) await refreshDashboardStats(y);
}, 240_000);

const METRICS = [
  "training",
  "trainedPersons",
  "transferred",
  "toBeijingTianjin",
  "stable",
  "placements",
  "registered",
  "matched",
  "enrolled",
  "completedPersons",
] as const;

describe("dashboard figures agree (seed " + seed + ")", () => {
  it("on every level: persons ≤ person-times, of-which ≤ total, parents = Σ children, every stage ≤ registered", async () => {
    for (const year of YEARS) {
      for (const region of ["130000", ...prefectures, ...counties]) {
        const d = (await dashboardFor(province.principal, region, year, { today: "2026-06-01" }))!;
        const c = Object.fromEntries(d.counts.map((x) => [x.key, x.actual ?? 0]));
        const where = `${region} ${year}`;
        expect(d.trainedPersons, where).toBeLessThanOrEqual(c.trainingPersonTimes);
        expect(c.orderBasedPersonTimes, where).toBeLessThanOrEqual(c.trainingPersonTimes);
        expect(c.toBeijingTianjinPersons, where).toBeLessThanOrEqual(c.transferredPersons);
        const f = Object.fromEntries(d.funnel.map((x) => [x.metric, x.value]));
        for (const stage of ["matched", "enrolled", "completedPersons", "transferred", "stable"])
          expect(f[stage], `${where} ${stage}`).toBeLessThanOrEqual(f.registered);
        if (d.children.length) {
          for (const key of Object.keys(c)) {
            expect(
              d.children.reduce((s, ch) => s + (ch.counts.find((x) => x.key === key)!.actual ?? 0), 0),
              `${where} ${key}`,
            ).toBe(c[key]);
          }
        }
      }
    }
  });

  it("every headline equals its drill-down, for every metric and level, in both years", async () => {
    for (const year of YEARS) {
      for (const region of ["130000", ...prefectures, ...counties]) {
        const d = (await dashboardFor(province.principal, region, year, { today: "2026-06-01" }))!;
        const headline: Record<string, number> = {
          training: d.counts.find((x) => x.key === "trainingPersonTimes")!.actual ?? 0,
          trainedPersons: d.trainedPersons,
          transferred: d.counts.find((x) => x.key === "transferredPersons")!.actual ?? 0,
          toBeijingTianjin: d.counts.find((x) => x.key === "toBeijingTianjinPersons")!.actual ?? 0,
          stable: d.counts.find((x) => x.key === "stablePersons")!.actual ?? 0,
          placements: d.destinations.byType.reduce((s, x) => s + x.count, 0),
          ...Object.fromEntries(
            d.funnel.filter((x) => ["registered", "matched", "enrolled", "completedPersons"].includes(x.metric)).map((x) => [x.metric, x.value]),
          ),
        };
        for (const metric of METRICS) {
          const list = (await drillDown(province.principal, { region, year, metric, dim: "", page: 1 }))!;
          expect(list.total, `${region} ${year} ${metric}`).toBe(headline[metric]);
        }
      }
    }
  });

  it("23:59 on New Year's Eve in Beijing counts in the old year and 00:01 in the new, on the page and behind it", async () => {
    const stableIn = async (year: number) =>
      (await drillDown(province.principal, { region: counties[0], year, metric: "stable", dim: "", page: 1 }))!.rows.map((r) => r.workerId);
    const [y2025, y2026] = [await stableIn(2025), await stableIn(2026)];
    expect(y2025).toContain(names.eve);
    expect(y2025).not.toContain(names.newYear);
    expect(y2026).toContain(names.newYear);
    expect(y2026).not.toContain(names.eve);
    // Registered by the end of 2025 (the funnel's first stage): the 00:01 registration is not.
    const registered = (await drillDown(province.principal, { region: counties[0], year: 2025, metric: "registered", dim: "", page: 1 }))!;
    expect(registered.total).toBeLessThan(50); // one page holds them all
    const all = registered.rows.map((r) => r.workerId);
    expect(all).toContain(names.eve);
    expect(all).not.toContain(names.newYear);
  });
});
