// /api/v1 matches and re-match: shapes (checked against the OpenAPI response schemas), employer
// tokens see their own targets with people masked, coordinator tokens their region's people,
// re-match → 202 { queued: true, jobId }, JSON errors as elsewhere.
import { describe, expect, it } from "vitest";
import { loader as openapiLoader } from "~/routes/api/openapi";
import { loader as postingMatches } from "~/routes/api/posting-matches";
import { action as postingRematch, loader as postingRematchGet } from "~/routes/api/posting-rematch";
import { loader as orderMatches } from "~/routes/api/training-order-matches";
import { action as orderRematch } from "~/routes/api/training-order-rematch";
import { loader as workerMatches } from "~/routes/api/worker-matches";
import { action as workerRematch } from "~/routes/api/worker-rematch";
import { createApiToken } from "~/services/api-tokens.server";
import { TargetMatchesSchema, WorkerMatchesSchema } from "~/services/api/matches-api.server";
import { getDb } from "~/services/db.server";
import { callApi, callRoute } from "../setup/api-call";
import { makeCoordinatorToken, makeEmployer, makeMatch, makePosting, makeTrainingOrder, makeWorker } from "../setup/factories";

const call = (fn: Parameters<typeof callApi>[0], path: string, token: string, params: Record<string, string>, method = "GET") =>
  callApi(fn, path, token, { method }, params);

async function scene() {
  const { employer } = await makeEmployer();
  const posting = await makePosting(employer.id);
  const order = await makeTrainingOrder(employer.id);
  const fuping = await makeWorker("130624", { fullName: "王阜平" });
  const pingquan = await makeWorker("130881", { fullName: "李平泉" });
  const m1 = await makeMatch(fuping.id, { postingId: posting.id });
  await makeMatch(pingquan.id, { postingId: posting.id });
  await getDb().match.update({ where: { id: m1.id }, data: { rank: 1 } });
  await makeMatch(fuping.id, { trainingOrderId: order.id });
  const employerToken = (await createApiToken({ name: "e", role: "EMPLOYER", employerId: employer.id })).token;
  return { employer, posting, order, fuping, pingquan, employerToken };
}

describe("/api/v1 matches", () => {
  it("gives an employer token its own posting's ranking, masked, and nothing of anyone else's", async () => {
    const s = await scene();
    const res = await call(postingMatches, `/api/v1/postings/${s.posting.id}/matches`, s.employerToken, { postingId: s.posting.id });
    expect(res.status).toBe(200);
    const body = TargetMatchesSchema.parse(await res.json());
    expect(body.total).toBe(2);
    expect(body.items.map((i) => i.worker.name).sort()).toEqual(["李**", "王**"]);
    expect(body.items.every((i) => i.worker.id === null && i.worker.countyCode === null && i.worker.isRegisteredPoor === null)).toBe(true);
    expect(body.items[0]).toMatchObject({ rank: 1, factors: [{ factor: "skill", contribution: 80 }], explanationZh: expect.stringContaining("住家保姆") });
    expect(body.nearMisses).toEqual([]);
    const text = JSON.stringify(body);
    for (const secret of ["王阜平", "李平泉", s.fuping.id, s.fuping.idNumberMasked]) expect(text).not.toContain(secret);

    const stranger = await makeEmployer();
    const strangerToken = (await createApiToken({ name: "x", role: "EMPLOYER", employerId: stranger.employer.id })).token;
    const refused = await call(postingMatches, `/api/v1/postings/${s.posting.id}/matches`, strangerToken, { postingId: s.posting.id });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("gives a county coordinator token only its county's people, on postings, orders and workers", async () => {
    const s = await scene();
    const fuping = await makeCoordinatorToken("130624");
    const posting = TargetMatchesSchema.parse(await (await call(postingMatches, "/x", fuping, { postingId: s.posting.id })).json());
    expect(posting.items.map((i) => i.worker.id)).toEqual([s.fuping.id]);
    expect(posting.items[0].worker).toMatchObject({ name: "王阜平", countyCode: "130624", isRegisteredPoor: false });
    const order = TargetMatchesSchema.parse(await (await call(orderMatches, "/x", fuping, { orderId: s.order.id })).json());
    expect(order.target).toMatchObject({ kind: "trainingOrder", id: s.order.id });
    expect(order.items).toHaveLength(1);

    const worker = WorkerMatchesSchema.parse(await (await call(workerMatches, "/x", fuping, { workerId: s.fuping.id })).json());
    expect(worker.items.map((i) => i.target.kind).sort()).toEqual(["posting", "trainingOrder"]);
    const pingquan = await makeCoordinatorToken("130881");
    expect((await call(workerMatches, "/x", pingquan, { workerId: s.fuping.id })).status).toBe(404);
    // An employer token has no business with workers' matches.
    expect((await call(workerMatches, "/x", s.employerToken, { workerId: s.fuping.id })).status).toBe(403);
    expect((await call(postingMatches, "/x", "not-a-token", { postingId: s.posting.id })).status).toBe(401);
  });

  it("queues re-matches with 202 { queued: true, jobId }; 404 outside scope; POST only", async () => {
    const s = await scene();
    const fuping = await makeCoordinatorToken("130624");
    const posting = await call(postingRematch, "/x", s.employerToken, { postingId: s.posting.id }, "POST");
    expect(posting.status).toBe(202);
    expect(await posting.json()).toEqual({ queued: true, jobId: expect.stringMatching(new RegExp(`^match-target__posting__${s.posting.id}__`)) });
    expect((await call(orderRematch, "/x", fuping, { orderId: s.order.id }, "POST")).status).toBe(202);
    expect((await call(workerRematch, "/x", fuping, { workerId: s.fuping.id }, "POST")).status).toBe(202);
    expect((await call(workerRematch, "/x", fuping, { workerId: s.pingquan.id }, "POST")).status).toBe(404);
    expect((await call(postingRematchGet, "/x", fuping, { postingId: s.posting.id })).status).toBe(405);
    expect(await getDb().auditLog.count({ where: { action: "match.rematch.request", entityId: s.fuping.id } })).toBe(1);
  });

  it("lists every matches endpoint in the OpenAPI document", async () => {
    const doc = await (await callRoute(openapiLoader, new Request("http://localhost/api/v1/openapi.json"))).json();
    for (const path of ["/api/v1/postings/{postingId}/matches", "/api/v1/training-orders/{orderId}/matches", "/api/v1/workers/{workerId}/matches"])
      expect(doc.paths[path].get).toBeDefined();
    for (const path of ["/api/v1/postings/{postingId}/rematch", "/api/v1/training-orders/{orderId}/rematch", "/api/v1/workers/{workerId}/rematch"])
      expect(doc.paths[path].post).toBeDefined();
  });
});
