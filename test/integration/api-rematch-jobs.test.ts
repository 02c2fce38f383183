// An observable re-match (issue 12 item 5), on real Redis and on BullMQ's PostgreSQL backend, with
// the worker process's own code running the jobs: POST …/rematch answers a job id, GET
// /api/v1/jobs/:id follows it to "completed" (region-scoped like the request: another county's
// coordinator or another employer gets 404), and the matches answer then names the run that
// computed it, the job, the target version and when.
import { beforeEach, describe, expect, it } from "vitest";
import { loader as jobLoader } from "~/routes/api/job";
import { loader as openapiLoader } from "~/routes/api/openapi";
import { loader as postingMatches } from "~/routes/api/posting-matches";
import { action as postingRematch } from "~/routes/api/posting-rematch";
import { action as workerRematch } from "~/routes/api/worker-rematch";
import { createApiToken } from "~/services/api-tokens.server";
import { RematchJobSchema, RematchResultSchema, TargetMatchesSchema } from "~/services/api/matches-api.server";
import { getDb } from "~/services/db.server";
import { callApi, callRoute } from "../setup/api-call";
import { clearMatchingState, makeCoordinatorToken, makeEmployer, makeFittingWorker, makePosting } from "../setup/factories";
import { workersInProcess } from "../setup/workers-in-process";

const call = (fn: Parameters<typeof callApi>[0], path: string, token: string, params: Record<string, string>, method = "GET") =>
  callApi(fn, path, token, { method }, params);

describe.each(["redis", "postgres"] as const)("re-match jobs through the API, BullMQ on %s", (adapter) => {
  workersInProcess(adapter);

  // Every test starts from no workers and no open targets, so rankings hold only the test's own people.
  beforeEach(clearMatchingState);

  it("POST rematch → job id → GET /api/v1/jobs/:id until completed → the matches answer names that run, job and version", async () => {
    const { employer } = await makeEmployer();
    const posting = await makePosting(employer.id);
    const strong = await makeFittingWorker("130624", { level: 2, yearsExperience: 3 });
    const weak = await makeFittingWorker("130881", { level: 5, yearsExperience: 3 });
    const employerToken = (await createApiToken({ name: "e", role: "EMPLOYER", employerId: employer.id })).token;
    const coordinator = await makeCoordinatorToken("130624");

    // Before any re-match: nothing computed yet.
    const before = TargetMatchesSchema.parse(await (await call(postingMatches, "/x", coordinator, { postingId: posting.id })).json());
    expect(before.computed).toMatchObject({ computedAt: null, runId: null, upToDate: false });

    const asked = await call(postingRematch, "/x", employerToken, { postingId: posting.id }, "POST");
    expect(asked.status).toBe(202);
    const { jobId } = RematchResultSchema.parse(await asked.json());
    expect(jobId).toMatch(new RegExp(`^match-target__posting__${posting.id}__${posting.version}__m`));

    const first = RematchJobSchema.parse(await (await call(jobLoader, "/x", employerToken, { jobId: jobId! })).json());
    expect(["waiting", "active", "completed"]).toContain(first.state);
    expect(first).toMatchObject({ id: jobId, name: "match-target", entity: { type: "posting", id: posting.id, version: posting.version } });

    let done = first;
    await expect
      .poll(
        async () => {
          done = RematchJobSchema.parse(await (await call(jobLoader, "/x", employerToken, { jobId: jobId! })).json());
          return done.state;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe("completed");
    expect(done.result).toMatchObject({ open: true, matches: 2, targetVersion: posting.version });
    expect(done.finishedAt).not.toBeNull();

    const after = TargetMatchesSchema.parse(await (await call(postingMatches, "/x", coordinator, { postingId: posting.id })).json());
    expect(after.computed).toMatchObject({
      runId: done.result!.runId,
      runKind: "target",
      jobId,
      targetVersion: posting.version,
      currentVersion: posting.version,
      upToDate: true,
      engine: "columnar",
    });
    expect(Date.parse(after.computed.computedAt!)).toBeGreaterThanOrEqual(Date.parse(done.startedAt!));
    expect(after.items.map((i) => i.worker.id)).toEqual([strong.id]); // the coordinator of 130624 sees their county's person only
    const own = TargetMatchesSchema.parse(await (await call(postingMatches, "/x", employerToken, { postingId: posting.id })).json());
    expect(own.computed.runId).toBe(done.result!.runId);
    expect(own.total).toBe(2);
    void weak;

    // The posting changes: the answer says it is no longer up to date until the next run.
    await getDb().jobPosting.update({ where: { id: posting.id }, data: { wageMax: 8800, version: { increment: 1 } } });
    const stale = TargetMatchesSchema.parse(await (await call(postingMatches, "/x", coordinator, { postingId: posting.id })).json());
    expect(stale.computed).toMatchObject({ runId: done.result!.runId, upToDate: false, currentVersion: posting.version + 1 });

    // Scoped like the request: another employer, or a job id that is not a re-match, is 404.
    const stranger = (await createApiToken({ name: "s", role: "EMPLOYER", employerId: (await makeEmployer()).employer.id })).token;
    expect((await call(jobLoader, "/x", stranger, { jobId: jobId! })).status).toBe(404);
    expect((await call(jobLoader, "/x", employerToken, { jobId: "outbox-relay__1" })).status).toBe(404);
    expect((await call(jobLoader, "/x", employerToken, { jobId: "match-target__posting__nope__1__m1" })).status).toBe(404);
    expect((await call(jobLoader, "/x", "not-a-token", { jobId: jobId! })).status).toBe(401);
  }, 90_000);

  it("a worker's re-match job is visible to coordinators of that county only, and ends completed", async () => {
    const w = await makeFittingWorker("130624", { level: 3, yearsExperience: 3 });
    const mine = await makeCoordinatorToken("130624");
    const other = await makeCoordinatorToken("130881");
    const asked = await call(workerRematch, "/x", mine, { workerId: w.id }, "POST");
    expect(asked.status).toBe(202);
    const { jobId } = RematchResultSchema.parse(await asked.json());
    expect((await call(jobLoader, "/x", other, { jobId: jobId! })).status).toBe(404);
    await expect
      .poll(async () => (await (await call(jobLoader, "/x", mine, { jobId: jobId! })).json()).state, { timeout: 30_000, interval: 200 })
      .toBe("completed");
  }, 60_000);
});

describe("the OpenAPI document", () => {
  it("lists GET /api/v1/jobs/{jobId}", async () => {
    const doc = await (await callRoute(openapiLoader, new Request("http://localhost/api/v1/openapi.json"))).json();
    expect(doc.paths["/api/v1/jobs/{jobId}"].get).toBeDefined();
  });
});
