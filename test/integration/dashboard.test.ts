// Plan progress from the records: the refresh job's SQL against the rules in app/domain/plans.ts
// on hand-built records (persons vs person-times, unverified placements, a class spanning New
// Year, stable counted when confirmed), region scope, drill-down lists, exports and the plans API.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { actualsFromRecords, type EnrollmentRecord, type FollowUpRecord, type PlacementRecord } from "~/domain/plans";
import { planTargets } from "~/domain/plans.test-support";
import { loader as planApiLoader, action as planApiAction } from "~/routes/api/plans";
import { loader as progressApiLoader } from "~/routes/api/plans-progress";
import { action as exportAction, loader as exportLoader } from "~/routes/coordinator/dashboard-export";
import { createApiToken } from "~/services/api-tokens.server";
import { changedSinceRefresh, dashboardFor, refreshDashboardStats, refreshIfChanged } from "~/features/plans/index.server";
import { getDb } from "~/services/db.server";
import { dayDate } from "~/platform/china-time";
import { drillDown } from "~/features/plans/index.server";
import { planPage, savePlan } from "~/features/plans/index.server";
import { makeClass, makeCoordinator, makeEmployer, makeMatch, makePosting, makeProvider, makeWorker, type TestUser } from "../setup/factories";
import { asResponse } from "../setup/api-call";

const YEAR = 2025;
const FUPING = "130624";
const PINGQUAN = "130881";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's loader/action takes its own args type
const call = async (fn: (a: any) => unknown, request: Request, params: Record<string, string> = {}) => {
  try {
    return asResponse(await fn({ request, params, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

let fuping: TestUser;
let baoding: TestUser;
const records = {
  enrollments: [] as EnrollmentRecord[],
  placements: [] as PlacementRecord[],
  followUps: [] as FollowUpRecord[],
  workers: [] as { id: string; isRegisteredPoor: boolean }[],
};

async function scene() {
  const db = getDb();
  const provider = await makeProvider(FUPING, { name: "阜平职教中心（测试）" });
  const { employer } = await makeEmployer();
  const [a, b, c, d] = await Promise.all([
    makeWorker(FUPING, { fullName: "甲" }),
    makeWorker(FUPING, { fullName: "乙" }),
    makeWorker(FUPING, { fullName: "丙" }),
    makeWorker(FUPING, { fullName: "丁" }),
  ]);
  const other = await makeWorker(PINGQUAN, { fullName: "戊" });
  await db.worker.updateMany({ where: { id: { in: [a.id, c.id] } }, data: { isRegisteredPoor: true } });
  records.workers.push(...[a, b, c, d].map((w) => ({ id: w.id, isRegisteredPoor: w.id === a.id || w.id === c.id })));
  const mkClass = (name: string, kind: "ORDER_BASED" | "POST_BASED", start: string, end: string, regionCode = FUPING) =>
    makeClass(provider, { start, end, name, kind, regionCode, status: "FINISHED" });
  const c1 = await mkClass("一期", "ORDER_BASED", "2025-02-01", "2025-03-10");
  const c2 = await mkClass("二期", "POST_BASED", "2025-05-01", "2025-06-20");
  const c3 = await mkClass("跨年班", "ORDER_BASED", "2024-12-01", "2025-01-15"); // spans New Year: counts in 2025
  const c4 = await mkClass("明年班", "POST_BASED", "2025-12-01", "2026-01-10"); // ends in 2026: not 2025
  const c5 = await mkClass("平泉班", "POST_BASED", "2025-03-01", "2025-04-01", PINGQUAN);
  const enrol = async (classId: string, endDate: string, kind: EnrollmentRecord["kind"], workerId: string, status: EnrollmentRecord["status"]) => {
    await db.enrollment.create({
      data: { classId, workerId, status, enrolledAt: dayDate("2025-02-01"), completedAt: status === "COMPLETED" ? dayDate(endDate) : null },
    });
    if ([a.id, b.id, c.id, d.id].includes(workerId)) records.enrollments.push({ workerId, status, classEndDate: endDate, kind });
  };
  await enrol(c1.id, "2025-03-10", "ORDER_BASED", a.id, "COMPLETED");
  await enrol(c2.id, "2025-06-20", "POST_BASED", a.id, "COMPLETED"); // same person, second class: 2 person-times, 1 person
  await enrol(c1.id, "2025-03-10", "ORDER_BASED", b.id, "DROPPED");
  await enrol(c3.id, "2025-01-15", "ORDER_BASED", c.id, "COMPLETED");
  await enrol(c4.id, "2026-01-10", "POST_BASED", d.id, "COMPLETED");
  await enrol(c5.id, "2025-04-01", "POST_BASED", other.id, "COMPLETED");
  const place = async (
    workerId: string,
    startDate: string,
    verification: PlacementRecord["verification"],
    transferType: "BEIJING_TIANJIN" | "WITHIN_HEBEI",
  ) => {
    const p = await db.placement.create({
      data: {
        workerId,
        employerId: employer.id,
        startDate: dayDate(startDate),
        monthlyWage: 5000,
        workRegionCode: transferType === "BEIJING_TIANJIN" ? "110105" : FUPING,
        transferType,
        verification,
      },
    });
    if (workerId !== other.id) records.placements.push({ workerId, startDate, verification, transferType });
    return p;
  };
  const pa = await place(a.id, "2025-04-01", "VERIFIED", "BEIJING_TIANJIN");
  await place(a.id, "2025-08-01", "VERIFIED", "WITHIN_HEBEI"); // second placement, same person
  const pb = await place(b.id, "2025-05-01", "UNVERIFIED", "BEIJING_TIANJIN"); // not counted
  await place(c.id, "2025-05-01", "FLAGGED", "BEIJING_TIANJIN"); // not counted
  const pd = await place(d.id, "2024-12-20", "VERIFIED", "BEIJING_TIANJIN"); // counts in 2024
  await place(other.id, "2025-05-01", "VERIFIED", "BEIJING_TIANJIN");
  const follow = async (placementId: string, workerId: string, completedAt: string, verification: PlacementRecord["verification"]) => {
    await db.followUp.create({
      data: { placementId, dueMonth: 6, dueAt: dayDate(completedAt.slice(0, 10)), completedAt: new Date(completedAt), stillEmployed: true, countyCode: FUPING },
    });
    records.followUps.push({ workerId, dueMonth: 6, stillEmployed: true, completedAt: new Date(completedAt), placementVerification: verification });
  };
  await follow(pa.id, a.id, "2025-10-02T02:00:00Z", "VERIFIED");
  await follow(pd.id, d.id, "2025-06-25T02:00:00Z", "VERIFIED"); // placed in 2024, stable confirmed in 2025
  await follow(pb.id, b.id, "2025-11-01T02:00:00Z", "UNVERIFIED"); // unverified placement: not stable
  // A confirmation at 23:30 on 31 Dec UTC is 1 January in China: counts in 2026.
  await db.followUp.create({
    data: { placementId: pa.id, dueMonth: 12, dueAt: dayDate("2025-12-31"), completedAt: new Date("2025-12-31T23:30:00Z"), stillEmployed: true },
  });
  return { a, b, c, d, other, provider };
}

beforeAll(async () => {
  await scene();
  [fuping, baoding] = await Promise.all([makeCoordinator(FUPING), makeCoordinator("130600")]);
  await refreshDashboardStats(YEAR);
});

describe("progress from the records", () => {
  it("counts person-times and persons apart, only completed training and verified placements, by the date rules", async () => {
    const d = (await dashboardFor(fuping.principal, FUPING, YEAR, { today: "2026-02-01" }))!;
    const actual = Object.fromEntries(d.counts.map((c) => [c.key, c.actual]));
    expect(actual).toEqual({ trainingPersonTimes: 3, orderBasedPersonTimes: 2, transferredPersons: 1, toBeijingTianjinPersons: 1, stablePersons: 2 });
    expect(d.trainedPersons).toBe(2);
    expect(d.rates.find((r) => r.key === "completionRatePct")).toMatchObject({ numerator: 3, denominator: 4, actualPct: 75 });
    // served: A and C (completed or placed), both registered poor.
    expect(d.rates.find((r) => r.key === "poorHouseholdSharePct")).toMatchObject({ numerator: 2, denominator: 2 });
    // The SQL agrees with the rules written in TypeScript on the same records.
    const ref = actualsFromRecords(YEAR, records);
    expect(actual).toEqual({
      trainingPersonTimes: ref.trainingPersonTimes,
      orderBasedPersonTimes: ref.orderBasedPersonTimes,
      transferredPersons: ref.transferredPersons,
      toBeijingTianjinPersons: ref.toBeijingTianjinPersons,
      stablePersons: ref.stablePersons,
    });
    expect([ref.trainedPersons, ref.completedEnrollments, ref.endedEnrollments, ref.servedPersons, ref.poorServedPersons]).toEqual([2, 3, 4, 2, 2]);
    // The class ending in 2026 and the 2024 placement count in their own years.
    await refreshDashboardStats(2026);
    const next = (await dashboardFor(fuping.principal, FUPING, 2026, { today: "2026-02-01" }))!;
    expect(next.counts.find((c) => c.key === "trainingPersonTimes")!.actual).toBe(1);
    expect(next.counts.find((c) => c.key === "stablePersons")!.actual).toBe(0); // the 12-month follow-up is not a second "stable"
  });

  it("puts each number in its month, cumulative against the plan line, and lists the same records behind it", async () => {
    const d = (await dashboardFor(fuping.principal, FUPING, YEAR, { today: "2026-02-01" }))!;
    const training = d.trend.find((t) => t.key === "trainingPersonTimes")!;
    expect(training.actual.slice(0, 6)).toEqual([1, 1, 2, 2, 2, 3]);
    const list = (await drillDown(fuping.principal, { region: FUPING, year: YEAR, metric: "training", dim: "", page: 1 }))!;
    expect(list.total).toBe(3);
    expect(list.rows.map((r) => r.fullName).sort()).toEqual(["丙", "甲", "甲"]);
    expect(list.rows[0].idNumber).toMatch(/^1306\*{14}$/);
    const persons = (await drillDown(fuping.principal, { region: FUPING, year: YEAR, metric: "trainedPersons", dim: "", page: 1 }))!;
    expect(persons.total).toBe(2);
    const transferred = (await drillDown(fuping.principal, { region: FUPING, year: YEAR, metric: "transferred", dim: "", page: 1 }))!;
    expect(transferred.rows.map((r) => r.fullName)).toEqual(["甲"]);
    const march = (await drillDown(fuping.principal, { region: FUPING, year: YEAR, metric: "training", dim: "kind:ORDER_BASED", month: 3, page: 1 }))!;
    expect(march.total).toBe(1);
  });

  it("projects to year end from the pace so far and marks a region off track", async () => {
    await savePlan(
      fuping.principal,
      FUPING,
      YEAR,
      {
        trainingPersonTimes: 12,
        orderBasedPersonTimes: 4,
        transferredPersons: 2,
        toBeijingTianjinPersons: 1,
        stablePersons: 2,
        poorHouseholdSharePct: 60,
        completionRatePct: 80,
      },
      { ip: null },
    );
    // On 1 July about half the year has passed: 3 done → about 6 projected of 12: off track.
    const mid = (await dashboardFor(fuping.principal, FUPING, YEAR, { today: "2025-07-01" }))!;
    const training = mid.counts.find((c) => c.key === "trainingPersonTimes")!;
    expect(training.expectedByToday).toBe(6);
    expect(training.projection).toBe(6);
    expect(training.status).toBe("offTrack");
    expect(mid.counts.find((c) => c.key === "stablePersons")!.status).toBe("done");
  });
});

describe("a change reaches the figures within seconds, and the page says when it has not yet", () => {
  it("verifying a placement marks the figures changed; the refresh-if-changed job brings the headline level with the live drill-down", async () => {
    const db = getDb();
    await refreshDashboardStats(YEAR);
    expect(await changedSinceRefresh(YEAR)).toBe(false);
    // Nothing changed: the job does nothing.
    expect(await refreshIfChanged([YEAR])).toEqual([]);
    const headline = async () => (await dashboardFor(fuping.principal, FUPING, YEAR, { today: "2026-02-01" }))!;
    const before = (await headline()).counts.find((c) => c.key === "transferredPersons")!.actual;
    // Worker 丁 (placed only in 2024) is now placed and verified in 2025: one more person transferred.
    const d = await db.worker.findFirstOrThrow({ where: { fullName: "丁", countyCode: FUPING } });
    const { employer } = await makeEmployer();
    await db.placement.create({
      data: {
        workerId: d.id,
        employerId: employer.id,
        startDate: dayDate("2025-09-01"),
        monthlyWage: 5000,
        workRegionCode: "110105",
        transferType: "BEIJING_TIANJIN",
        verification: "VERIFIED",
      },
    });
    const live = (await drillDown(fuping.principal, { region: FUPING, year: YEAR, metric: "transferred", dim: "", page: 1 }))!.total;
    expect(live).toBe(before + 1);
    // The headline still reads the last refresh, and the page says the figures are being recomputed.
    const stale = await headline();
    expect(stale.counts.find((c) => c.key === "transferredPersons")!.actual).toBe(before);
    expect(stale.pending).toBe(true);
    // A refresh that took long waits five times its own duration after the last one.
    const stamp = await db.setting.findUniqueOrThrow({ where: { key: `dashboard.refreshed.${YEAR}` } });
    await db.setting.update({ where: { key: stamp.key }, data: { value: { ...(stamp.value as object), ms: 60_000 } } });
    expect(await refreshIfChanged([YEAR])).toEqual([]);
    expect((await refreshIfChanged([YEAR], new Date(Date.now() + 300_001))).map((r) => r.year)).toEqual([YEAR]);
    const fresh = await headline();
    expect(fresh.pending).toBe(false);
    expect(fresh.counts.find((c) => c.key === "transferredPersons")!.actual).toBe(live);
    // The matcher's proposals move no figure and do not mark the figures changed.
    const posting = await makePosting(employer.id, { status: "OPEN" });
    await makeMatch(d.id, { postingId: posting.id }, "PROPOSED");
    expect(await changedSinceRefresh(YEAR)).toBe(false);
    await db.placement.deleteMany({ where: { workerId: d.id, startDate: dayDate("2025-09-01") } });
    expect(await changedSinceRefresh(YEAR)).toBe(true);
    await refreshDashboardStats(YEAR);
  });
});

describe("scope", () => {
  it("a county coordinator reads only their county; the prefecture sees its counties ranked", async () => {
    expect(await dashboardFor(fuping.principal, PINGQUAN, YEAR)).toBeNull();
    expect(await dashboardFor(fuping.principal, "130600", YEAR)).toBeNull();
    expect(await drillDown(fuping.principal, { region: PINGQUAN, year: YEAR, metric: "training", dim: "", page: 1 })).toBeNull();
    const pref = (await dashboardFor(baoding.principal, "130600", YEAR, { today: "2026-01-01" }))!;
    expect(pref.children.map((c) => c.code)).toContain(FUPING);
    expect(pref.children.find((c) => c.code === FUPING)!.counts[0].actual).toBe(3);
    // Pingquan (Chengde) is not Baoding's: its class and placement are not in the prefecture's figures.
    expect(pref.counts.find((c) => c.key === "trainingPersonTimes")!.actual).toBe(3);
    expect(await dashboardFor(baoding.principal, PINGQUAN, YEAR)).toBeNull();
  });

  it("exports the records of the county only, masked unless asked for in full (then audited)", async () => {
    const cookie = await fuping.cookie();
    const res = await call(
      exportLoader,
      new Request(`http://localhost/coordinator/dashboard/export?what=records&format=xlsx&region=${FUPING}&year=${YEAR}&metric=placements`, {
        headers: { Cookie: cookie },
      }),
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rows = wb.worksheets[0].getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(2); // A's two verified placements
    expect(rows.every((r) => String(r[2]).includes("*"))).toBe(true);
    const form = new URLSearchParams({ what: "records", format: "csv", region: FUPING, year: String(YEAR), metric: "placements", unmask: "1", confirm: "1" });
    const csv = await call(
      exportAction,
      new Request("http://localhost/coordinator/dashboard/export", {
        method: "POST",
        body: form,
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      }),
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads the Chinese
    const text = new TextDecoder().decode(bytes);
    expect(text).toMatch(/130624\d{11}[\dX]/);
    expect(await getDb().auditLog.count({ where: { action: "dashboard.export.unmasked", actorUserId: fuping.userId } })).toBe(1);
    const denied = await call(
      exportLoader,
      new Request(`http://localhost/coordinator/dashboard/export?what=records&format=csv&region=${PINGQUAN}&year=${YEAR}&metric=placements`, {
        headers: { Cookie: cookie },
      }),
    );
    expect(denied.status).toBe(404);
  });
});

describe("plans", () => {
  it("is set by the coordinator of that level, keeps revisions, refuses stale edits, and shows where children do not add up", async () => {
    const targets = planTargets();
    expect(await savePlan(fuping.principal, "130600", 2027, { ...targets }, { ip: null })).toBeNull(); // outside the county's scope
    expect(await savePlan(baoding.principal, FUPING, 2027, { ...targets }, { ip: null })).toMatchObject({ ok: false, kind: "refused" });
    expect(await savePlan(baoding.principal, "130600", 2027, { ...targets, version: 0 }, { ip: null })).toMatchObject({ ok: true, version: 1, created: true });
    expect(await savePlan(fuping.principal, FUPING, 2027, { ...targets, trainingPersonTimes: 70, version: 0 }, { ip: null })).toMatchObject({
      ok: true,
      version: 1,
    });
    expect(await savePlan(fuping.principal, FUPING, 2027, { ...targets, trainingPersonTimes: 80, version: 0 }, { ip: null })).toMatchObject({
      ok: false,
      kind: "conflict",
    });
    expect(
      await savePlan(fuping.principal, FUPING, 2027, { ...targets, trainingPersonTimes: 80, version: 1, note: "省里追加任务" }, { ip: null }),
    ).toMatchObject({ ok: true, version: 2 });
    const county = (await planPage(fuping.principal, FUPING, 2027))!;
    expect(county.history.map((h) => [h.version, h.note])).toEqual([
      [2, "省里追加任务"],
      [1, null],
    ]);
    expect(county.history[0].changes).toEqual([{ target: "trainingPersonTimes", from: 70, to: 80 }]);
    const pref = (await planPage(baoding.principal, "130600", 2027))!;
    expect(pref.gaps).toContainEqual({ target: "trainingPersonTimes", parent: 100, childrenSum: 80, difference: 20 });
    expect(pref.gaps.find((g) => g.target === "transferredPersons")).toBeUndefined(); // 60 = 60
  });

  it("API: PUT and GET a plan and its progress, scoped by region", async () => {
    const { token } = await createApiToken({ name: "fuping-plans", role: "COORDINATOR", regionCode: FUPING });
    const req = (method: string, path: string, body?: unknown) =>
      new Request(`http://localhost${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    const params = { regionCode: FUPING, year: "2028" };
    expect((await call(planApiLoader, req("GET", `/api/v1/plans/${FUPING}/2028`), params)).status).toBe(404);
    const body = {
      trainingPersonTimes: 500,
      orderBasedPersonTimes: 200,
      transferredPersons: 300,
      toBeijingTianjinPersons: 150,
      stablePersons: 200,
      poorHouseholdSharePct: 60,
      completionRatePct: 85,
    };
    const created = await call(planApiAction, req("PUT", `/api/v1/plans/${FUPING}/2028`, body), params);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ regionCode: FUPING, year: 2028, trainingPersonTimes: 500, version: 1 });
    const bad = await call(planApiAction, req("PUT", `/api/v1/plans/${FUPING}/2028`, { ...body, orderBasedPersonTimes: 900 }), params);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields[0].path).toBe("orderBasedPersonTimes");
    expect((await call(planApiAction, req("PUT", `/api/v1/plans/${FUPING}/2028`, { ...body, version: 7 }), params)).status).toBe(409);
    expect((await call(planApiLoader, req("GET", `/api/v1/plans/${PINGQUAN}/2028`), { regionCode: PINGQUAN, year: "2028" })).status).toBe(404);
    const progress = await call(progressApiLoader, req("GET", `/api/v1/plans/${FUPING}/${YEAR}/progress`), { regionCode: FUPING, year: String(YEAR) });
    expect(progress.status).toBe(200);
    const p = await progress.json();
    expect(p.counts.find((c: { target: string }) => c.target === "trainingPersonTimes")).toMatchObject({ unit: "personTimes", actual: 3 });
    expect(p.counts.find((c: { target: string }) => c.target === "transferredPersons")).toMatchObject({ unit: "persons", actual: 1 });
    expect((await call(progressApiLoader, req("GET", `/api/v1/plans/${PINGQUAN}/${YEAR}/progress`), { regionCode: PINGQUAN, year: String(YEAR) })).status).toBe(
      404,
    );
  });
});
