// The API answers only inside a token's region subtree, and never says whether an
// out-of-scope record exists.
import { describe, expect, it } from "vitest";
import { loader as workerLoader } from "~/routes/api/worker";
import { loader as workersLoader } from "~/routes/api/workers";
import { loader as meLoader } from "~/routes/api/me";
import { loader as openapiLoader } from "~/routes/api/openapi";
import { loader as regionsLoader } from "~/routes/api/regions";
import { createApiToken, revokeApiToken } from "~/services/api-tokens.server";
import { callRoute } from "../setup/api-call";
import { makeWorker } from "../setup/factories";

const call = (loader: Parameters<typeof callRoute>[0], path: string, token?: string, params: Record<string, string> = {}) =>
  callRoute(loader, new Request(`http://localhost${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} }), params);

describe("/api/v1 access scope", () => {
  it("a county coordinator token cannot read another county's worker", async () => {
    const inFuping = await makeWorker("130624");
    const inPingquan = await makeWorker("130881");
    const { token } = await createApiToken({ name: "fuping", role: "COORDINATOR", regionCode: "130624" });

    const own = await call(workerLoader, `/api/v1/workers/${inFuping.id}`, token, { workerId: inFuping.id });
    expect(own.status).toBe(200);
    const body = await own.json();
    expect(body.idNumberMasked).toMatch(/^1306\*{14}$/);
    expect(JSON.stringify(body)).not.toContain("Cipher");

    const other = await call(workerLoader, `/api/v1/workers/${inPingquan.id}`, token, { workerId: inPingquan.id });
    expect(other.status).toBe(404);
    const missing = await call(workerLoader, `/api/v1/workers/00000000-0000-0000-0000-000000000000`, token, {
      workerId: "00000000-0000-0000-0000-000000000000",
    });
    expect(await other.json()).toEqual(await missing.json());

    const list = await (await call(workersLoader, "/api/v1/workers", token)).json();
    expect(list.items.map((w: { id: string }) => w.id)).toEqual([inFuping.id]);
    expect(list.total).toBe(1);
  });

  it("a prefecture token sees its counties, an admin token sees all", async () => {
    const a = await makeWorker("130624");
    const b = await makeWorker("130881");
    const baoding = (await createApiToken({ name: "baoding", role: "COORDINATOR", regionCode: "130600" })).token;
    const admin = (await createApiToken({ name: "admin", role: "ADMIN" })).token;
    const ids = async (t: string) => (await (await call(workersLoader, "/api/v1/workers?pageSize=200", t)).json()).items.map((w: { id: string }) => w.id);
    expect(await ids(baoding)).toContain(a.id);
    expect(await ids(baoding)).not.toContain(b.id);
    expect(await ids(admin)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it("refuses missing, malformed, revoked tokens and the wrong role", async () => {
    expect((await call(workersLoader, "/api/v1/workers")).status).toBe(401);
    expect((await call(workersLoader, "/api/v1/workers", "lb_nothex_abc")).status).toBe(401);
    const { id, token } = await createApiToken({ name: "tmp", role: "COORDINATOR", regionCode: "130624" });
    await revokeApiToken(id);
    expect((await call(workersLoader, "/api/v1/workers", token)).status).toBe(401);
    const employer = (await createApiToken({ name: "emp", role: "EMPLOYER" })).token;
    const denied = await call(workersLoader, "/api/v1/workers", employer);
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe("forbidden");
  });

  it("reports invalid query fields with their paths", async () => {
    const { token } = await createApiToken({ name: "q", role: "COORDINATOR", regionCode: "130624" });
    const res = await call(workersLoader, "/api/v1/workers?page=0&pageSize=abc", token);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(["page", "pageSize"]);
  });

  it("serves reference data and the caller's identity", async () => {
    const { token } = await createApiToken({ name: "ref", role: "COORDINATOR", regionCode: "130624" });
    const regions = await (await call(regionsLoader, "/api/v1/regions?parentCode=130600", token)).json();
    expect(regions.items.some((r: { code: string; isPovertyCounty: boolean }) => r.code === "130624" && r.isPovertyCounty)).toBe(true);
    const me = await (await call(meLoader, "/api/v1/me", token)).json();
    expect(me.grants).toEqual([{ role: "COORDINATOR", regionCode: "130624" }]);
  });

  it("publishes an OpenAPI document generated from the handlers' schemas", async () => {
    const doc = await (await call(openapiLoader, "/api/v1/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/workers", "/api/v1/workers/{workerId}", "/api/v1/regions"]));
    const params = doc.paths["/api/v1/workers"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(["page", "pageSize"]);
    expect(doc.paths["/api/v1/workers/{workerId}"].get.responses["200"].content["application/json"].schema.properties.idNumberMasked).toBeDefined();
  });
});
