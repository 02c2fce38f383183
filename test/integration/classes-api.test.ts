// /api/v1/classes: forming, enrolment with the waiting list, attendance and finishing through
// bearer tokens; scope (another county's token sees nothing); and the class page's action
// answering bad input next to the field without writing anything.
import { addDays, chinaToday } from "~/platform/china-time";
import { describe, expect, it } from "vitest";
import { loader as classesLoader, action as classesAction } from "~/routes/api/classes";
import { loader as classLoader, action as classAction } from "~/routes/api/classes-one";
import { loader as enrollmentsLoader, action as enrollmentsAction } from "~/routes/api/classes-enrollments";
import { action as enrollmentAction } from "~/routes/api/classes-enrollment";
import { loader as attendanceLoader, action as attendanceAction } from "~/routes/api/classes-attendance";
import { loader as openapiLoader } from "~/routes/api/openapi";
import { action as pageAction, loader as pageLoader } from "~/routes/coordinator/classes-detail";
import { getDb } from "~/services/db.server";
import { makeCoordinator, makeCoordinatorToken, makeProvider, makeWorker } from "../setup/factories";
import { asResponse, callApi as call } from "../setup/api-call";

/** A class form for the API: five places in 阜平, mornings 09:00–12:00 on `weekdays` (every day unless told). */
const classForm = (name: string, providerId: string, startDate: string, endDate: string, weekdays = [1, 2, 3, 4, 5, 6, 7]) => ({
  name,
  providerId,
  occupationCode: "domestic-helper",
  kind: "POST_BASED",
  regionCode: "130624",
  capacity: 5,
  attendanceThreshold: 80,
  startDate,
  endDate,
  weekdays,
  startTime: "09:00",
  endTime: "12:00",
});
const formClass = async (token: string, form: ReturnType<typeof classForm>) =>
  (await call(classesAction, "/api/v1/classes", token, { method: "POST", body: form })).json();

describe("/api/v1/classes", () => {
  it("forms a class, enrols (a seat, then the waiting list), marks attendance, records the assessment and finishes by the rule", async () => {
    const token = await makeCoordinatorToken("130624");
    const provider = await makeProvider("130624");
    const today = chinaToday();
    const body = {
      name: "API 班",
      providerId: provider.id,
      occupationCode: "domestic-helper",
      kind: "POST_BASED",
      regionCode: "130624",
      trainers: ["王老师"],
      capacity: 1,
      attendanceThreshold: 80,
      assessmentRequired: true,
      startDate: today,
      endDate: today,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      startTime: "00:00",
      endTime: "00:30",
    };
    const bad = await call(classesAction, "/api/v1/classes", token, { method: "POST", body: { ...body, capacity: 0, endDate: addDays(today, -1) } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.map((f: { path: string }) => f.path).sort()).toEqual(["capacity", "endDate"]);

    const created = await call(classesAction, "/api/v1/classes", token, { method: "POST", body });
    expect(created.status).toBe(201);
    const cls = await created.json();
    expect(cls).toMatchObject({ status: "PLANNED", capacity: 1, trainers: ["王老师"], sessions: [{ day: today }], completionRate: null });

    const [a, b] = await Promise.all([makeWorker("130624", { fullName: "李秀英" }), makeWorker("130624")]);
    const enrol = (workerId: string) =>
      call(enrollmentsAction, `/api/v1/classes/${cls.id}/enrollments`, token, { method: "POST", body: { workerId } }, { classId: cls.id });
    expect(await (await enrol(a.id)).json()).toMatchObject({ results: [{ outcome: "ENROLLED" }] });
    expect(await (await enrol(b.id)).json()).toMatchObject({ results: [{ outcome: "WAITLISTED" }] });
    const list = await (await call(enrollmentsLoader, `/api/v1/classes/${cls.id}/enrollments`, token, {}, { classId: cls.id })).json();
    expect(list.items.map((e: { status: string }) => e.status)).toEqual(["ENROLLED", "WAITLISTED"]);
    expect(JSON.stringify(list)).not.toMatch(/Cipher|\d{17}[\dX]/);
    const seated = list.items[0].id;

    const sessionId = cls.sessions[0].id;
    const sheet = await (await call(attendanceLoader, "", token, {}, { classId: cls.id, sessionId })).json();
    expect(sheet).toMatchObject({ window: "open", editable: true, marks: [{ enrollmentId: seated, status: null }] });
    const put = await call(
      attendanceAction,
      "",
      token,
      { method: "PUT", body: { marks: [{ enrollmentId: seated, status: "PRESENT" }] } },
      { classId: cls.id, sessionId },
    );
    expect(await put.json()).toMatchObject({ marks: [{ status: "PRESENT" }] });

    const early = await call(
      classAction,
      "",
      token,
      { method: "PATCH", body: { version: (await (await call(classLoader, "", token, {}, { classId: cls.id })).json()).version, status: "FINISHED" } },
      { classId: cls.id },
    );
    expect(early.status).toBe(409);
    expect((await early.json()).error.message).toContain("assessment");

    const assessed = await call(
      enrollmentAction,
      "",
      token,
      { method: "PATCH", body: { assessment: { score: 90, passed: true, certificateNumber: "HB-2026-0001" } } },
      { classId: cls.id, enrollmentId: seated },
    );
    expect(await assessed.json()).toMatchObject({ assessment: { score: 90, passed: true, certificateNumber: "HB-2026-0001" } });
    const current = await (await call(classLoader, "", token, {}, { classId: cls.id })).json();
    const finished = await call(classAction, "", token, { method: "PATCH", body: { version: current.version, status: "FINISHED" } }, { classId: cls.id });
    expect(await finished.json()).toMatchObject({ status: "FINISHED", counts: { completed: 1, waitlisted: 0 }, completionRate: 1 });
  });

  it("scopes by region: another county's token gets 404s and an empty list", async () => {
    const token = await makeCoordinatorToken("130624");
    const provider = await makeProvider("130624");
    const today = chinaToday();
    const created = await formClass(token, classForm("范围班", provider.id, today, addDays(today, 7), [1, 3, 5]));
    const other = await makeCoordinatorToken("130881");
    expect((await call(classLoader, "", other, {}, { classId: created.id })).status).toBe(404);
    expect((await call(enrollmentsLoader, "", other, {}, { classId: created.id })).status).toBe(404);
    const mine = await (await call(classesLoader, "/api/v1/classes", token)).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(created.id);
    const theirs = await (await call(classesLoader, "/api/v1/classes", other)).json();
    expect(theirs.items.map((c: { id: string }) => c.id)).not.toContain(created.id);
    // Pages are bounded like every other list (PageQuerySchema): an offset of millions of rows is refused, not scanned.
    expect((await call(classesLoader, "/api/v1/classes?page=100001", token)).status).toBe(400);
    expect((await call(classesLoader, "/api/v1/classes?page=100000", token)).status).toBe(200);
    // A Pingquan coordinator cannot form a Fuping class either.
    const refused = await call(classesAction, "/api/v1/classes", other, { method: "POST", body: classForm("越权班", provider.id, today, today) });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.fields).toEqual([{ path: "regionCode", message: "This county is outside your area" }]);
  });

  it("lists every class operation in the OpenAPI document", async () => {
    const doc = await (await call(openapiLoader, "/api/v1/openapi.json", "")).json();
    for (const path of [
      "/api/v1/classes",
      "/api/v1/classes/{classId}",
      "/api/v1/classes/{classId}/enrollments",
      "/api/v1/classes/{classId}/enrollments/{enrollmentId}",
      "/api/v1/classes/{classId}/sessions/{sessionId}/attendance",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths["/api/v1/classes/{classId}/sessions/{sessionId}/attendance"]).sort()).toEqual(["get", "put"]);
  });
});

describe("class page action", () => {
  it("answers a dropout without a reason next to the field, keeps what was typed, and writes nothing", async () => {
    const coordinator = await makeCoordinator("130624");
    const token = await makeCoordinatorToken("130624");
    const provider = await makeProvider("130624");
    const today = chinaToday();
    const cls = await formClass(token, classForm("页面班", provider.id, today, addDays(today, 3)));
    const w = await makeWorker("130624");
    await call(enrollmentsAction, "", token, { method: "POST", body: { workerId: w.id } }, { classId: cls.id });
    const [e] = await getDb().enrollment.findMany({ where: { classId: cls.id } });
    const cookie = await coordinator.cookie();
    const request = new Request(`http://localhost/coordinator/classes/${cls.id}`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "drop", enrollmentId: e.id, dropReason: "other", dropNote: "" }),
    });
    const response = asResponse(await pageAction({ request, params: { classId: cls.id }, context: {} } as never));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      intent: "drop",
      target: e.id,
      fieldErrors: { dropNote: ["training.dropNoteRequired"] },
      values: { dropReason: "other" },
    });
    expect((await getDb().enrollment.findUniqueOrThrow({ where: { id: e.id } })).status).toBe("ENROLLED");
    // The page loads for the coordinator with the person masked.
    const page = (await pageLoader({
      request: new Request(`http://localhost/coordinator/classes/${cls.id}`, { headers: { Cookie: cookie } }),
      params: { classId: cls.id },
      context: {},
    } as never)) as { enrollments: { worker: { idNumberMasked: string } }[] };
    expect(page.enrollments[0].worker.idNumberMasked).toContain("*");
    expect(JSON.stringify(page)).not.toMatch(/Cipher/);
  });
});
