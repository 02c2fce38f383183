// POST /api/v1/workers: the same validation and outcomes as the roster import.
import { describe, expect, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { action } from "~/routes/api/workers";
import { loader as openapiLoader } from "~/routes/api/openapi";
import { createApiToken } from "~/services/api-tokens.server";
import { getDb } from "~/services/db.server";

const post = async (token: string, body: unknown, contentType = "application/json") => {
  const request = new Request("http://localhost/api/v1/workers", {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  try {
    return await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

const person = (seq: number, overrides: Record<string, unknown> = {}) => ({
  fullName: "王小明",
  idNumber: makeResidentId("130624", "1992-03-04", seq),
  phone: "+86 139 1234 5678",
  countyCode: "130624",
  isRegisteredPoor: true,
  skills: [{ occupationCode: "welder", level: 4 }],
  occupationCodes: ["welder"],
  destinationKinds: ["BEIJING_TIANJIN"],
  minMonthlyWage: 5000,
  willingToTrain: true,
  trainingKinds: ["ORDER_BASED"],
  ...overrides,
});

describe("POST /api/v1/workers", () => {
  it("creates one worker, then updates (never duplicates) and reports unchanged on replay", async () => {
    const { token } = await createApiToken({ name: "sync", role: "COORDINATOR", regionCode: "130624" });
    const first = await post(token, person(11));
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ index: 0, outcome: "created" });
    expect((await post(token, person(11))).status).toBe(200);
    expect(await (await post(token, person(11))).json()).toMatchObject({ outcome: "unchanged", workerId: body.workerId });
    expect(await (await post(token, person(11, { phone: "13700000000" }))).json()).toMatchObject({ outcome: "updated", workerId: body.workerId });
    expect(await getDb().worker.count()).toBe(1);
    const w = await getDb().worker.findUniqueOrThrow({ where: { id: body.workerId }, include: { skills: true } });
    expect(w).toMatchObject({ source: "API", phoneMasked: "137****0000", sex: "MALE", isRegisteredPoor: true, version: 2 });
    expect(w.skills.map((s) => [s.occupationCode, s.level])).toEqual([["welder", 4]]);
    expect(await getDb().outbox.count({ where: { entityId: body.workerId } })).toBe(2);
  });

  it("answers a batch item by item, with field paths and English messages", async () => {
    const { token } = await createApiToken({ name: "batch", role: "COORDINATOR", regionCode: "130624" });
    const res = await post(token, {
      workers: [
        person(21),
        person(22, { idNumber: "130624199203040000" }),
        person(23, { countyCode: "130881" }),
        person(24, { skills: [{ occupationCode: "astronaut" }] }),
      ],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ created: 1, rejected: 3 });
    expect(body.results[1].errors[0]).toMatchObject({ path: "idNumber", code: "reg.id_checksum" });
    expect(body.results[1].errors[0].message).toMatch(/check character/);
    expect(body.results[2].errors[0]).toMatchObject({ path: "countyCode", code: "reg.countyOutOfScope" });
    expect(body.results[3].errors[0]).toMatchObject({ path: "skills[0].occupationCode", code: "reg.invalidChoice" });
  });

  it("refuses bad JSON, wrong content types, empty and oversized batches, and other roles", async () => {
    const { token } = await createApiToken({ name: "x", role: "COORDINATOR", regionCode: "130624" });
    const before = await getDb().worker.count();
    expect((await post(token, "{not json")).status).toBe(400);
    expect((await post(token, "a=b", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await post(token, { workers: [] })).status).toBe(400);
    expect((await post(token, { workers: Array.from({ length: 501 }, () => ({})) })).status).toBe(400);
    const single = await post(token, { fullName: "" });
    expect(single.status).toBe(400);
    expect((await single.json()).error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(["fullName", "idNumber", "phone", "countyCode"]),
    );
    const employer = (await createApiToken({ name: "e", role: "EMPLOYER" })).token;
    expect((await post(employer, person(31))).status).toBe(403);
    expect(await getDb().worker.count()).toBe(before);
  });

  it("is in the OpenAPI document with its request body", async () => {
    const doc = await (await openapiLoader()).json();
    const op = doc.paths["/api/v1/workers"].post;
    expect(op.requestBody.content["application/json"].schema).toBeDefined();
    expect(JSON.stringify(op.requestBody)).toContain("idNumber");
  });
});

describe("POST /api/v1/workers with non-object bodies", () => {
  it("answers 400, never 500, for null, numbers, strings and null items", async () => {
    const { token } = await createApiToken({ name: "odd", role: "COORDINATOR", regionCode: "130624" });
    for (const body of ["null", "1", '"x"', "[]"]) expect((await post(token, body)).status).toBe(400);
    const batch = await post(token, { workers: [null, 1, "x"] });
    expect(batch.status).toBe(200);
    expect((await batch.json()).rejected).toBe(3);
  });
});
