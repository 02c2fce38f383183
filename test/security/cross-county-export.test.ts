// Issue 11, item 2: a class held in one county trains people from others (an order-based class is
// formed from accepted candidates anywhere). The county's drill-down and full export list them,
// but masked, without the poor flag, never decrypted for that county; what is unmasked is audited
// under each person's home county as well as the exporting region.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { maskResidentId } from "~/domain/mask";
import { makeResidentId } from "~/domain/resident-id";
import { action as exportAction } from "~/routes/coordinator/dashboard-export";
import { loader as recordsLoader } from "~/routes/coordinator/dashboard-records";
import { refreshDashboardStats } from "~/features/plans/index.server";
import { getDb } from "~/services/db.server";
import type { DrillRow } from "~/features/plans/index.server";
import { callRoute, formPost } from "../setup/api-call";
import { makeClass, makeCoordinator, makeProvider, makeWorker, type TestUser } from "../setup/factories";

const YEAR = 2025;
const FUPING = "130624";
const PINGQUAN = "130881";
const localId = makeResidentId(FUPING, "1988-03-04", 11);
const visitorId = makeResidentId(PINGQUAN, "1979-11-23", 37);
let fuping: TestUser;
let province: TestUser;
let local: { id: string };
let visitor: { id: string };

beforeAll(async () => {
  const db = getDb();
  local = await makeWorker(FUPING, { fullName: "本县学员", idNumber: localId });
  visitor = await makeWorker(PINGQUAN, { fullName: "外县学员", idNumber: visitorId });
  await db.worker.update({ where: { id: visitor.id }, data: { isRegisteredPoor: true } });
  const provider = await makeProvider(FUPING, { name: "阜平职教中心（测试）" });
  const cls = await makeClass(provider, { start: "2025-03-01", end: "2025-04-01", kind: "ORDER_BASED", name: "订单班", status: "FINISHED" });
  for (const w of [local, visitor])
    await db.enrollment.create({
      data: {
        classId: cls.id,
        workerId: w.id,
        status: "COMPLETED",
        enrolledAt: new Date("2025-03-01T00:00:00Z"),
        completedAt: new Date("2025-04-01T00:00:00Z"),
      },
    });
  [fuping, province] = await Promise.all([makeCoordinator(FUPING), makeCoordinator("130000")]);
  await refreshDashboardStats(YEAR);
});

const exportFields = (region: string) => ({ what: "records", format: "xlsx", region, year: String(YEAR), metric: "training", unmask: "1", confirm: "1" });

async function sheetText(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return JSON.stringify(wb.worksheets[0].getSheetValues());
}

describe("cross-county people in a county's class", () => {
  it("unmasked export of an order-based class: the other county's trainee stays masked (ID, phone, poor flag); only the county's own are in full", async () => {
    const text = await sheetText(await callRoute(exportAction, formPost("/coordinator/dashboard/export", await fuping.cookie(), exportFields(FUPING))));
    expect(text).toContain(localId);
    expect(text).not.toContain(visitorId);
    expect(text).toContain(maskResidentId(visitorId));
    const row = (JSON.parse(text) as (string | null)[][]).find((r) => r?.includes("外县学员"))!;
    expect(row).not.toContain("是"); // poor flag left blank, not "yes"
    expect(row.join(" ")).toMatch(/\*{4}/); // phone masked
  });

  it("drill-down page: the other county's trainee is listed masked, flagged outside the region, without the poor flag", async () => {
    const res = await callRoute(
      recordsLoader,
      new Request(`http://localhost/coordinator/dashboard/records?region=${FUPING}&year=${YEAR}&metric=training`, {
        headers: { Cookie: await fuping.cookie() },
      }),
    );
    const rows = (res as unknown as { rows: DrillRow[] }).rows;
    const other = rows.find((r) => r.workerId === visitor.id)!;
    expect(other).toMatchObject({ outsideRegion: true, isRegisteredPoor: null, idNumber: maskResidentId(visitorId) });
    expect(rows.find((r) => r.workerId === local.id)).toMatchObject({ outsideRegion: false, isRegisteredPoor: false });
  });

  it("unmasked export is audited under each person's home county, not only the exporting region", async () => {
    const db = getDb();
    await db.auditLog.deleteMany({});
    const text = await sheetText(await callRoute(exportAction, formPost("/coordinator/dashboard/export", await province.cookie(), exportFields("130000"))));
    expect(text).toContain(visitorId); // the province may read both counties
    const homeRows = await db.auditLog.findMany({ where: { action: "dashboard.export.unmasked.persons", actorUserId: province.userId } });
    expect(homeRows.map((r) => r.regionCode).sort()).toEqual([FUPING, PINGQUAN]);
    expect(homeRows.find((r) => r.regionCode === PINGQUAN)!.detail).toMatchObject({ exportRegion: "130000", workerIds: [visitor.id] });
    // The county's own export names only its own people under its own county.
    await callRoute(exportAction, formPost("/coordinator/dashboard/export", await fuping.cookie(), exportFields(FUPING)));
    const countyRows = await db.auditLog.findMany({ where: { action: "dashboard.export.unmasked.persons", actorUserId: fuping.userId } });
    expect(countyRows).toHaveLength(1);
    expect(countyRows[0]).toMatchObject({ regionCode: FUPING, detail: expect.objectContaining({ workerIds: [local.id] }) });
  });
});
