// /api/v1 placements and follow-ups: coordinator tokens in their region, employer tokens their own
// placements without other employers' data; the pages' schemas, verification rules and lifecycle.
import { describe, expect, it } from "vitest";
import { loader as placementsLoader, action as placementsAction } from "~/routes/api/placements";
import { loader as placementLoader, action as placementAction } from "~/routes/api/placement";
import { loader as placementFollowUpsLoader } from "~/routes/api/placement-follow-ups";
import { loader as followUpsLoader } from "~/routes/api/follow-ups";
import { action as followUpAction } from "~/routes/api/follow-up";
import { loader as openapiLoader } from "~/routes/api/openapi";
import { createApiToken } from "~/services/api-tokens.server";
import { getDb } from "~/services/db.server";
import { sweepFollowUps } from "~/features/placements/index.server";
import { dayFromToday, makeCoordinatorToken, makeEmployer, makeWorker } from "../setup/factories";
import { callApi as call } from "../setup/api-call";

describe("/api/v1 placements", () => {
  it("a county token records, verifies (a flagged one only with a note) and follows up; other counties and employers see what is theirs only", async () => {
    const token = await makeCoordinatorToken("130624");
    const { employer } = await makeEmployer({ name: "北京甲家政" });
    const { employer: other } = await makeEmployer({ name: "天津乙工厂" });
    const worker = await makeWorker("130624");
    await getDb().worker.update({ where: { id: worker.id }, data: { isRegisteredPoor: true } });

    const bad = await call(placementsAction, "/api/v1/placements", token, {
      method: "POST",
      body: { workerId: worker.id, employerId: employer.id, startDate: "2026-02-30", monthlyWage: "lots", workRegionCode: "110105" },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.map((f: { path: string }) => f.path).sort()).toEqual(["monthlyWage", "startDate"]);

    // An earlier job at another employer, still open: the new one overlaps.
    const first = await call(placementsAction, "/api/v1/placements", token, {
      method: "POST",
      body: { workerId: worker.id, employerId: other.id, startDate: dayFromToday(-400), monthlyWage: 5000, workRegionCode: "120101" },
    });
    expect(first.status).toBe(201);
    const created = await call(placementsAction, "/api/v1/placements", token, {
      method: "POST",
      body: { workerId: worker.id, employerId: employer.id, startDate: dayFromToday(-200), monthlyWage: 6000, workRegionCode: "110105" },
    });
    expect(created.status).toBe(201);
    const placement = await created.json();
    expect(placement).toMatchObject({ verification: "FLAGGED", transferType: "BEIJING_TIANJIN", countsTowardPlan: false, flags: [{ code: "overlap" }] });
    expect(placement.flags[0].message).toContain("天津乙工厂");
    /** The placement's verification, PATCHed with the token `as`. */
    const patch = (as: string, body: Record<string, string>) =>
      call(placementAction, `/api/v1/placements/${placement.id}`, as, { method: "PATCH", body }, { placementId: placement.id });

    // The employer token sees its own placement, but not the other employer's name or the overlap.
    const empToken = (await createApiToken({ name: "e", role: "EMPLOYER", employerId: employer.id })).token;
    const list = await (await call(placementsLoader, "/api/v1/placements", empToken)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([placement.id]);
    expect(JSON.stringify(list)).not.toContain("天津乙工厂");
    expect(list.items[0].flags).toEqual([]);
    expect((await patch(empToken, { status: "VERIFIED", note: "x" })).status).toBe(403);
    // Another county: absent.
    const far = await makeCoordinatorToken("130881");
    expect((await call(placementLoader, `/api/v1/placements/${placement.id}`, far, {}, { placementId: placement.id })).status).toBe(404);
    expect((await patch(far, { status: "VERIFIED", note: "x" })).status).toBe(404);

    const noNote = await patch(token, { status: "VERIFIED" });
    expect(noNote.status).toBe(400);
    expect((await noNote.json()).error.fields[0].path).toBe("note");
    const verified = await patch(token, { status: "VERIFIED", note: "前一份工作已离职，查看了解除合同证明" });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ verification: "VERIFIED", countsTowardPlan: true });

    const fus = await (await call(placementFollowUpsLoader, `/api/v1/placements/${placement.id}/follow-ups`, token, {}, { placementId: placement.id })).json();
    expect(fus.items.map((f: { dueMonth: number }) => f.dueMonth)).toEqual([1, 3, 6, 12]);
    expect((await call(placementFollowUpsLoader, `/api/v1/placements/${placement.id}/follow-ups`, empToken, {}, { placementId: placement.id })).status).toBe(
      403,
    );

    await sweepFollowUps();
    const open = await (await call(followUpsLoader, "/api/v1/follow-ups?status=open", token)).json();
    const mine = open.items.filter((f: { placementId: string }) => f.placementId === placement.id);
    expect(mine.map((f: { dueMonth: number }) => f.dueMonth)).toEqual([1, 3, 6]);
    expect((await (await call(followUpsLoader, "/api/v1/follow-ups?status=open", far)).json()).items).toEqual([]);
    expect((await call(followUpsLoader, "/api/v1/follow-ups?status=nonsense", token)).status).toBe(400);

    const six = mine.find((f: { dueMonth: number }) => f.dueMonth === 6);
    const missing = await call(
      followUpAction,
      `/api/v1/follow-ups/${six.id}`,
      token,
      { method: "PUT", body: { stillEmployed: false } },
      { followUpId: six.id },
    );
    expect(missing.status).toBe(400);
    const left = await call(
      followUpAction,
      `/api/v1/follow-ups/${six.id}`,
      token,
      { method: "PUT", body: { stillEmployed: false, leaveReason: "wageArrears" } },
      { followUpId: six.id },
    );
    expect(left.status).toBe(200);
    expect(await left.json()).toMatchObject({ state: "done", stillEmployed: false, lifecycle: "LEFT", atRisk: true, atRiskOfPoverty: true });
  });

  it("lists every new operation in the OpenAPI document", async () => {
    const token = await makeCoordinatorToken("130624");
    const doc = await (await call(openapiLoader, "/api/v1/openapi.json", token)).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/placements",
        "/api/v1/placements/{placementId}",
        "/api/v1/placements/{placementId}/follow-ups",
        "/api/v1/follow-ups",
        "/api/v1/follow-ups/{followUpId}",
      ]),
    );
    expect(doc.paths["/api/v1/follow-ups/{followUpId}"].put).toBeDefined();
    expect(doc.paths["/api/v1/placements/{placementId}"].patch).toBeDefined();
  });
});
