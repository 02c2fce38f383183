// Issue 11, item 16: a record outside the caller's region answers 404, the same as an absent one,
// so probing was invisible. Each refusal now writes an audit row (actor, target type and id,
// action "denied.out-of-scope") under the record's own region, so its county sees who probed,
// while the caller still learns nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as apiWorkerLoader } from "~/routes/api/worker";
import { loader as classLoader } from "~/routes/coordinator/classes-detail";
import { loader as dashboardLoader } from "~/routes/coordinator/dashboard";
import { loader as recordsLoader } from "~/routes/coordinator/dashboard-records";
import { loader as placementLoader } from "~/routes/coordinator/placements-detail";
import { loader as workerLoader } from "~/routes/coordinator/worker";
import { createApiToken } from "~/services/api-tokens.server";
import { getDb } from "~/services/db.server";
import { callApi, callRoute } from "../setup/api-call";
import { makeClass, makeCoordinator, makeEmployer, makeProvider, makeWorker, type TestUser } from "../setup/factories";

const FUPING = "130624";
const PINGQUAN = "130881";
const ABSENT = "00000000-0000-4000-8000-000000000000";
let fuping: TestUser;
let theirs: { workerId: string; classId: string; placementId: string };

beforeAll(async () => {
  const db = getDb();
  const worker = await makeWorker(PINGQUAN);
  const cls = await makeClass(await makeProvider(PINGQUAN), { start: "2026-03-01", end: "2026-04-01", name: "平泉班" });
  const { employer } = await makeEmployer();
  const placement = await db.placement.create({
    data: {
      workerId: worker.id,
      employerId: employer.id,
      startDate: new Date("2026-04-01T00:00:00Z"),
      monthlyWage: 5000,
      workRegionCode: "110105",
      transferType: "BEIJING_TIANJIN",
    },
  });
  theirs = { workerId: worker.id, classId: cls.id, placementId: placement.id };
  fuping = await makeCoordinator(FUPING);
});

const page = async (fn: Parameters<typeof callRoute>[0], path: string, params: Record<string, string>) =>
  callRoute(fn, new Request(`http://localhost${path}`, { headers: { Cookie: await fuping.cookie() } }), params);
const denials = (where: object = {}) => getDb().auditLog.findMany({ where: { action: "denied.out-of-scope", ...where } });

describe("out-of-scope probes are audited", () => {
  it("probing another county's worker page by id: 404 like an absent id, and the refusal is audited under that county", async () => {
    const res = await page(workerLoader, `/coordinator/workers/${theirs.workerId}`, { workerId: theirs.workerId });
    const absent = await page(workerLoader, `/coordinator/workers/${ABSENT}`, { workerId: ABSENT });
    expect([res.status, absent.status]).toEqual([404, 404]);
    expect(await res.text()).toBe(await absent.text());
    const rows = await denials({ entityId: theirs.workerId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: fuping.userId, entityType: "Worker", regionCode: PINGQUAN });
  });

  it("probing another county's worker through the API with a county token: 404, audited with the token as actor", async () => {
    const token = await createApiToken({ name: "fuping", role: "COORDINATOR", regionCode: FUPING });
    const res = await callApi(apiWorkerLoader, `/api/v1/workers/${theirs.workerId}`, token.token, {}, { workerId: theirs.workerId });
    expect(res.status).toBe(404);
    expect(await denials({ actorTokenId: token.id, entityId: theirs.workerId, regionCode: PINGQUAN })).toHaveLength(1);
  });

  it("probing another county's class and placement pages: 404, each refusal audited", async () => {
    expect((await page(classLoader, `/coordinator/classes/${theirs.classId}`, { classId: theirs.classId })).status).toBe(404);
    expect((await page(placementLoader, `/coordinator/placements/${theirs.placementId}`, { placementId: theirs.placementId })).status).toBe(404);
    expect(await denials({ entityType: "TrainingClass", entityId: theirs.classId, regionCode: PINGQUAN, actorUserId: fuping.userId })).toHaveLength(1);
    expect(await denials({ entityType: "Placement", entityId: theirs.placementId, regionCode: PINGQUAN, actorUserId: fuping.userId })).toHaveLength(1);
  });

  it("probing another county's dashboard drill-down: 404, audited under that region", async () => {
    const res = await page(recordsLoader, `/coordinator/dashboard/records?region=${PINGQUAN}&year=2026&metric=registered`, {});
    expect(res.status).toBe(404);
    expect(await denials({ entityType: "Region", entityId: PINGQUAN, actorUserId: fuping.userId })).toHaveLength(1);
  });

  it("probing another county's dashboard: 404, audited under that region", async () => {
    const mine = () => denials({ entityType: "Region", entityId: PINGQUAN, regionCode: PINGQUAN, actorUserId: fuping.userId }).then((d) => d.length);
    const earlier = await mine();
    const res = await page(dashboardLoader, `/coordinator/dashboard?region=${PINGQUAN}&year=2026`, {});
    expect(res.status).toBe(404);
    expect(await mine()).toBe(earlier + 1);
    // A code that names no region is a plain 404 with nothing to audit.
    const before = (await denials()).length;
    expect((await page(dashboardLoader, `/coordinator/dashboard?region=139999&year=2026`, {})).status).toBe(404);
    expect((await denials()).length).toBe(before);
  });

  it("an absent id is a plain 404 and writes no denial (nothing was there to protect)", async () => {
    const before = (await denials()).length;
    await page(classLoader, `/coordinator/classes/${ABSENT}`, { classId: ABSENT });
    await page(placementLoader, `/coordinator/placements/${ABSENT}`, { placementId: ABSENT });
    expect((await denials()).length).toBe(before);
  });
});
