// Matching right after every change (issue 12, item 1), on real Redis and on BullMQ's PostgreSQL
// backend: the worker process's own code (workers/main.ts startWorkers → workers/registry.ts
// processors) runs in this process against this test's database; nothing is stubbed. A change is
// written the way the services write it (version bump + outbox row) and must reach the Match table
// within seconds through outbox-relay → search-index → match-worker → match-target, even when the
// target's own re-match for the same target version has already finished.
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_MATCH_POLICY } from "~/domain/matching";
import { getDb } from "~/services/db.server";
import { applyLifecycle } from "~/features/registration/index.server";
import { POLICY_SETTING_KEY } from "~/features/matching/index.server";
import { writeOutbox } from "~/services/outbox.server";
import { getQueue } from "~/services/queue.server";
import { clearMatchingState, makeEmployer, makeFittingWorker, makePosting, makeTrainingOrder } from "../setup/factories";
import { workersInProcess } from "../setup/workers-in-process";

const db = () => getDb();
const SECONDS = 20_000; // "within seconds": relay every 2 s, two 1.5 s debounces, the jobs themselves, a loaded 2-core machine

async function fittingWorker(opts: Parameters<typeof makeFittingWorker>[1] = {}) {
  const w = await makeFittingWorker("130624", opts);
  await writeOutbox(db(), { topic: "search-index", entityType: "worker", entityId: w.id, entityVersion: w.version });
  return w;
}

async function publish(employerId: string, overrides: Parameters<typeof makePosting>[1] = {}) {
  const posting = await makePosting(employerId, overrides);
  await writeOutbox(db(), { topic: "search-index", entityType: "posting", entityId: posting.id, entityVersion: posting.version });
  return posting;
}

/** Until nothing is left to relay, index or match (the scheduler's own delayed relay job aside). */
async function settle() {
  await expect
    .poll(
      async () => {
        const pending = await db().outbox.count({ where: { relayedAt: null } });
        const jobs = (await Promise.all(["search", "matching"].map((q) => getQueue(q).getJobs(["waiting", "delayed", "active", "prioritized"]))))
          .flat()
          .filter((j) => j && !j.repeatJobKey && !String(j.id).startsWith("repeat:")); // the nightly scheduler's next run
        return pending + jobs.length;
      },
      { timeout: SECONDS, interval: 200 },
    )
    .toBe(0);
}

const proposed = (workerId: string, where: { postingId?: string; trainingOrderId?: string }) =>
  db().match.count({ where: { workerId, ...where, status: "PROPOSED" } });

describe.each(["redis", "postgres"] as const)("re-match right after a change, BullMQ on %s", (adapter) => {
  const log: string[] = [];
  workersInProcess(adapter, (line) => log.push(line));

  beforeEach(async () => {
    await settle();
    await db().setting.deleteMany({ where: { key: POLICY_SETTING_KEY } });
    await clearMatchingState();
  });

  it("a worker who registers after a posting opened (and was matched) is proposed within seconds", async () => {
    const { employer } = await makeEmployer();
    const early = await fittingWorker();
    const posting = await publish(employer.id);
    await expect.poll(() => proposed(early.id, { postingId: posting.id }), { timeout: SECONDS }).toBe(1);
    await settle(); // the posting's own re-match (this version) has finished

    const late = await fittingWorker({ level: 1 });
    await expect.poll(() => proposed(late.id, { postingId: posting.id }), { timeout: SECONDS }).toBe(1);
    const rows = await db().match.findMany({ where: { postingId: posting.id }, orderBy: { rank: "asc" } });
    expect(rows.map((r) => [r.workerId, r.rank])).toEqual([
      [late.id, 1],
      [early.id, 2],
    ]);
    expect(log.filter((l) => l.includes("failed"))).toEqual([]);
  });

  it("a worker's preference edit (asking less than the job pays) makes them proposed within seconds", async () => {
    const { employer } = await makeEmployer();
    const greedy = await fittingWorker({ minWage: 9000 }); // the posting pays 6000–8000
    const posting = await publish(employer.id);
    await expect.poll(() => db().matchNearMiss.count({ where: { workerId: greedy.id, postingId: posting.id } }), { timeout: SECONDS }).toBe(1);
    await settle();
    expect(await proposed(greedy.id, { postingId: posting.id })).toBe(0);

    // As updateOwnPreferences writes it: the preference, a version bump, an outbox row.
    await db().workerPreference.update({ where: { workerId: greedy.id }, data: { minMonthlyWage: 6000 } });
    const v2 = await db().worker.update({ where: { id: greedy.id }, data: { version: { increment: 1 } } });
    await writeOutbox(db(), { topic: "search-index", entityType: "worker", entityId: greedy.id, entityVersion: v2.version });
    await expect.poll(() => proposed(greedy.id, { postingId: posting.id }), { timeout: SECONDS }).toBe(1);
    expect(await db().matchNearMiss.count({ where: { workerId: greedy.id, postingId: posting.id } })).toBe(0);
  });

  it("a placed worker leaves the list and the posting refills with the next person within seconds", async () => {
    await db().setting.create({ data: { key: POLICY_SETTING_KEY, value: { ...DEFAULT_MATCH_POLICY, topN: 1 } } });
    const { employer } = await makeEmployer();
    const first = await fittingWorker({ level: 1 });
    const second = await fittingWorker({ level: 5 });
    const posting = await publish(employer.id);
    await expect.poll(() => proposed(first.id, { postingId: posting.id }), { timeout: SECONDS }).toBe(1);
    await settle();
    expect(await proposed(second.id, { postingId: posting.id })).toBe(0);

    await db().$transaction((tx) => applyLifecycle(tx, first.id, "place"));
    await expect.poll(() => proposed(second.id, { postingId: posting.id }), { timeout: SECONDS }).toBe(1);
    expect(await proposed(first.id, { postingId: posting.id })).toBe(0);
  });

  it(
    'people registering after a Daxing domestic posting opened land on the right lists: "Beijing, any district" ' +
      "a full match, an elderly carer a near-miss with a class to take, a local-only person a near-miss with the " +
      "why-not; a willing person's class counts its distance",
    async () => {
      const { employer } = await makeEmployer();
      const order = await makeTrainingOrder(employer.id);
      await writeOutbox(db(), { topic: "search-index", entityType: "trainingOrder", entityId: order.id, entityVersion: order.version });
      const posting = await makePosting(employer.id);
      const daxing = await db().jobPosting.update({ where: { id: posting.id }, data: { workRegionCode: "110115" } });
      await writeOutbox(db(), { topic: "search-index", entityType: "posting", entityId: posting.id, entityVersion: daxing.version });
      await settle();

      const anyBeijing = await fittingWorker({ regions: ["110000"] });
      const carer = await fittingWorker({ occupation: "elderly-carer" });
      const local = await fittingWorker({ kinds: ["LOCAL_COUNTY"] });
      const willing = await fittingWorker({ occupation: "elderly-carer", willingToTrain: true });

      await expect.poll(() => proposed(anyBeijing.id, { postingId: posting.id }), { timeout: SECONDS }).toBe(1);
      const match = await db().match.findFirstOrThrow({ where: { workerId: anyBeijing.id, postingId: posting.id } });
      expect((match.factors as { factor: string; value: number }[]).find((f) => f.factor === "destination")?.value).toBe(1);
      await expect
        .poll(() => db().matchNearMiss.count({ where: { postingId: posting.id, workerId: { in: [carer.id, local.id, willing.id] } } }), { timeout: SECONDS })
        .toBe(3);
      const near = await db().matchNearMiss.findMany({ where: { postingId: posting.id } });
      const of = (id: string) => near.find((n) => n.workerId === id)!;
      expect(of(carer.id)).toMatchObject({ suggestedTrainingOrderId: order.id });
      expect(of(carer.id).explanationZh).toContain("有相近的养老护理员技能");
      expect((of(local.id).reasons as { code: string }[]).map((r) => r.code)).toEqual(["wantsLocalWork"]);
      expect(of(local.id).explanationZh).toContain("本人只想在本县就业");
      expect(await proposed(local.id, { postingId: posting.id })).toBe(0);

      await expect.poll(() => proposed(willing.id, { trainingOrderId: order.id }), { timeout: SECONDS }).toBe(1);
      const seat = await db().match.findFirstOrThrow({ where: { workerId: willing.id, trainingOrderId: order.id } });
      expect((seat.factors as { factor: string; value: number }[]).find((f) => f.factor === "trainingSite")?.value).toBe(1);
    },
  );

  it("an approved training order is proposed to people willing to train at once, and to those who register later", async () => {
    const { employer } = await makeEmployer();
    const willing = await fittingWorker({ willingToTrain: true });
    const order = await makeTrainingOrder(employer.id, { status: "SUBMITTED" });
    await writeOutbox(db(), { topic: "search-index", entityType: "trainingOrder", entityId: order.id, entityVersion: order.version });
    await settle();
    expect(await proposed(willing.id, { trainingOrderId: order.id })).toBe(0); // not open yet

    // As actOnTrainingOrder("approve") writes it.
    const approved = await db().trainingOrder.update({
      where: { id: order.id },
      data: { status: "APPROVED", approvedAt: new Date(), version: { increment: 1 } },
    });
    await writeOutbox(db(), { topic: "search-index", entityType: "trainingOrder", entityId: order.id, entityVersion: approved.version });
    await expect.poll(() => proposed(willing.id, { trainingOrderId: order.id }), { timeout: SECONDS }).toBe(1);
    await settle();

    const later = await fittingWorker({ willingToTrain: true });
    await expect.poll(() => proposed(later.id, { trainingOrderId: order.id }), { timeout: SECONDS }).toBe(1);
  });
});
