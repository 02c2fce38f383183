// /api/v1 employers, postings and training orders: the pages' schemas and services behind bearer
// tokens. Employer tokens reach their own records only and never any worker data; coordinator
// tokens their scope; every change writes an outbox row.
import { describe, expect, it } from "vitest";
import { loader as employersLoader, action as employersAction } from "~/routes/api/employers";
import { loader as employerLoader, action as employerAction } from "~/routes/api/employer";
import { loader as postingsLoader, action as postingsAction } from "~/routes/api/postings";
import { loader as postingLoader, action as postingAction } from "~/routes/api/posting";
import { loader as ordersLoader, action as ordersAction } from "~/routes/api/training-orders";
import { action as orderAction } from "~/routes/api/training-order";
import { loader as workersLoader } from "~/routes/api/workers";
import { loader as openapiLoader } from "~/routes/api/openapi";
import { createApiToken } from "~/services/api-tokens.server";
import { getDb } from "~/services/db.server";
import { makeEmployer, makeMatch, makePosting, makeWorker, nextCreditCode } from "../setup/factories";
import { callApi as call } from "../setup/api-call";

const employerToken = async (employerId: string) => (await createApiToken({ name: "emp", role: "EMPLOYER", employerId })).token;
const posting = {
  occupationCode: "domestic-helper",
  title: "招聘住家保姆",
  headcount: 2,
  wageMin: 6000,
  wageMax: 8000,
  workRegionCode: "110105",
  housing: true,
};

describe("/api/v1 postings", () => {
  it("an employer token creates a draft with the form's schema, publishes it, and each change writes an outbox row", async () => {
    const { employer } = await makeEmployer();
    const token = await employerToken(employer.id);
    const created = await call(postingsAction, "/api/v1/postings", token, { method: "POST", body: posting });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({
      status: "DRAFT",
      employerId: employer.id,
      housing: true,
      meals: false,
      requirements: { skills: [], certificates: [] },
      version: 1,
    });
    const published = await call(postingAction, `/api/v1/postings/${body.id}`, token, { method: "PATCH", body: { status: "OPEN" } }, { postingId: body.id });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ status: "OPEN", version: 2 });
    expect(await getDb().outbox.count({ where: { entityType: "posting", entityId: body.id } })).toBe(2);
    const expired = await call(postingAction, `/api/v1/postings/${body.id}`, token, { method: "PATCH", body: { status: "EXPIRED" } }, { postingId: body.id });
    expect(expired.status).toBe(409);
  });

  it("answers invalid fields with paths and English messages, unlawful wording included", async () => {
    const { employer } = await makeEmployer();
    const token = await employerToken(employer.id);
    const res = await call(postingsAction, "/api/v1/postings", token, { method: "POST", body: { ...posting, wageMax: 1000, title: "限男性", ageMin: 10 } });
    expect(res.status).toBe(400);
    const fields = (await res.json()).error.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path).sort()).toEqual(["ageMin", "title", "wageMax"]);
    expect(fields.find((f) => f.path === "title")!.message).toMatch(/may not restrict by sex/);
    expect((await call(postingsAction, "/api/v1/postings", token, { method: "POST", body: { ...posting, occupationCode: "astronaut" } })).status).toBe(400);
    expect(await getDb().jobPosting.count({ where: { employerId: employer.id } })).toBe(0);
    expect((await call(postingsAction, "/api/v1/postings", token, { method: "PUT", body: posting })).status).toBe(405);
  });

  it("a pending employer's token drafts but cannot publish", async () => {
    const { employer } = await makeEmployer({ status: "PENDING" });
    const token = await employerToken(employer.id);
    const body = await (await call(postingsAction, "/api/v1/postings", token, { method: "POST", body: posting })).json();
    const res = await call(postingAction, `/api/v1/postings/${body.id}`, token, { method: "PATCH", body: { status: "OPEN" } }, { postingId: body.id });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("transition_refused");
  });

  it("an employer token never sees or changes another employer's postings, nor any worker", async () => {
    const a = await makeEmployer();
    const b = await makeEmployer();
    const p = await makePosting(a.employer.id);
    await makeMatch((await makeWorker("130624")).id, { postingId: p.id });
    const tokenB = await employerToken(b.employer.id);
    expect((await call(postingLoader, `/api/v1/postings/${p.id}`, tokenB, {}, { postingId: p.id })).status).toBe(404);
    expect((await call(postingAction, `/api/v1/postings/${p.id}`, tokenB, { method: "PATCH", body: { status: "CLOSED" } }, { postingId: p.id })).status).toBe(
      404,
    );
    const list = await (await call(postingsLoader, `/api/v1/postings?employerId=${a.employer.id}`, tokenB)).json();
    expect(list.items).toEqual([]);
    expect((await call(workersLoader, "/api/v1/workers", tokenB)).status).toBe(403);
    const own = await (await call(postingsLoader, "/api/v1/postings", await employerToken(a.employer.id))).json();
    expect(own.items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    expect(JSON.stringify(own)).not.toMatch(/worker|Cipher/i);
    // A token that names no employer reaches nothing.
    const bare = (await createApiToken({ name: "bare", role: "EMPLOYER" })).token;
    expect((await (await call(postingsLoader, "/api/v1/postings", bare)).json()).items).toEqual([]);
  });
});

describe("/api/v1 employers", () => {
  const profile = () => ({
    name: "天津测试制造有限公司",
    creditCode: nextCreditCode("120116"),
    districtCode: "120116",
    industry: "manufacturing",
    contactName: "李经理",
    contactPhone: "13700001111",
  });

  it("a province coordinator token enters, lists and verifies employers; a county token cannot", async () => {
    const hebei = (await createApiToken({ name: "hebei", role: "COORDINATOR", regionCode: "130000" })).token;
    const fuping = (await createApiToken({ name: "fuping", role: "COORDINATOR", regionCode: "130624" })).token;
    const created = await call(employersAction, "/api/v1/employers", hebei, { method: "POST", body: profile() });
    expect(created.status).toBe(201);
    const e = await created.json();
    expect(e).toMatchObject({ status: "PENDING", contactPhoneMasked: "137****1111" });
    expect(JSON.stringify(e)).not.toContain("13700001111");
    expect((await call(employersAction, "/api/v1/employers", fuping, { method: "POST", body: profile() })).status).toBe(400);
    expect((await call(employerLoader, `/api/v1/employers/${e.id}`, fuping, {}, { employerId: e.id })).status).toBe(404);
    expect(
      (await call(employerAction, `/api/v1/employers/${e.id}`, fuping, { method: "PATCH", body: { status: "VERIFIED" } }, { employerId: e.id })).status,
    ).toBe(404);

    const noReason = await call(employerAction, `/api/v1/employers/${e.id}`, hebei, { method: "PATCH", body: { status: "REJECTED" } }, { employerId: e.id });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.fields).toEqual([{ path: "reason", message: "Please give a reason" }]);
    const verified = await call(employerAction, `/api/v1/employers/${e.id}`, hebei, { method: "PATCH", body: { status: "VERIFIED" } }, { employerId: e.id });
    expect(await verified.json()).toMatchObject({ status: "VERIFIED", version: 2 });
    expect(await getDb().outbox.count({ where: { entityType: "employer", entityId: e.id } })).toBe(2);
    expect(await getDb().auditLog.count({ where: { entityId: e.id, action: "employer.verify", actorTokenId: { not: null } } })).toBe(1);
    const list = await (await call(employersLoader, "/api/v1/employers?status=VERIFIED&pageSize=200", hebei)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(e.id);
  });

  it("an employer token reads itself only and cannot change statuses", async () => {
    const a = await makeEmployer({ status: "PENDING" });
    const b = await makeEmployer();
    const token = await employerToken(a.employer.id);
    expect((await (await call(employersLoader, "/api/v1/employers", token)).json()).items.map((x: { id: string }) => x.id)).toEqual([a.employer.id]);
    expect((await call(employerLoader, `/api/v1/employers/${b.employer.id}`, token, {}, { employerId: b.employer.id })).status).toBe(404);
    expect(
      (
        await call(
          employerAction,
          `/api/v1/employers/${a.employer.id}`,
          token,
          { method: "PATCH", body: { status: "VERIFIED" } },
          { employerId: a.employer.id },
        )
      ).status,
    ).toBe(403);
  });
});

describe("/api/v1 training orders", () => {
  const order = {
    kind: "ORDER_BASED",
    occupationCode: "elderly-carer",
    title: "养老护理员订单班",
    classSize: 30,
    trainingHours: 120,
    locationRegionCode: "130624",
    commitHires: 20,
    commitWage: 5000,
    retentionMonths: 6,
  };

  it("an employer submits; a coordinator of the training county approves; others get 404", async () => {
    const { employer } = await makeEmployer();
    const token = await employerToken(employer.id);
    const missing = await call(ordersAction, "/api/v1/training-orders", token, { method: "POST", body: { ...order, retentionMonths: undefined } });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.fields.map((f: { path: string }) => f.path)).toEqual(["retentionMonths"]);
    const created = await (await call(ordersAction, "/api/v1/training-orders", token, { method: "POST", body: order })).json();
    expect(created).toMatchObject({ status: "DRAFT", commitHires: 20, assessmentRequired: false });
    const setStatus = (as: string, status: string) =>
      call(orderAction, `/api/v1/training-orders/${created.id}`, as, { method: "PATCH", body: { status } }, { orderId: created.id });
    expect(await (await setStatus(token, "SUBMITTED")).json()).toMatchObject({ status: "SUBMITTED" });
    // The employer cannot approve its own order.
    expect((await setStatus(token, "APPROVED")).status).toBe(404);
    const pingquan = (await createApiToken({ name: "pq", role: "COORDINATOR", regionCode: "130881" })).token;
    expect((await setStatus(pingquan, "APPROVED")).status).toBe(404);
    const fuping = (await createApiToken({ name: "fp", role: "COORDINATOR", regionCode: "130624" })).token;
    expect(await (await setStatus(fuping, "APPROVED")).json()).toMatchObject({ status: "APPROVED" });
    expect(await getDb().outbox.count({ where: { entityType: "trainingOrder", entityId: created.id } })).toBe(3);
    const listed = await (await call(ordersLoader, "/api/v1/training-orders?status=APPROVED", fuping)).json();
    expect(listed.items.map((x: { id: string }) => x.id)).toContain(created.id);
  });
});

describe("OpenAPI", () => {
  it("documents the employer, posting and training-order operations with the forms' schemas", async () => {
    const doc = await (await openapiLoader()).json();
    for (const path of [
      "/api/v1/employers",
      "/api/v1/employers/{employerId}",
      "/api/v1/postings",
      "/api/v1/postings/{postingId}",
      "/api/v1/training-orders",
      "/api/v1/training-orders/{orderId}",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const body = doc.paths["/api/v1/postings"].post.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(["occupationCode", "wageMin", "ageMin", "skills", "certificates"]));
    expect(Object.keys(body.properties)).not.toEqual(expect.arrayContaining(["sex"]));
    expect(doc.paths["/api/v1/training-orders/{orderId}"].patch).toBeDefined();
  });
});
