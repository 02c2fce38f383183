// The matching service against the real database and queue: outbox → index → match chain,
// idempotent upserts, acted-on matches left alone, closed targets cleared, the nightly per-county
// path producing exactly what per-target matching produces, and debounced re-match requests.
import type { Job } from "bullmq";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/services/db.server";
import { indexEntity } from "~/services/indexing.server";
import { chinaToday } from "~/platform/china-time";
import {
  finishNightly,
  loadOpenTargets,
  matchShard,
  matchTarget,
  matchWorker,
  requestRematch,
  scheduleRematch,
  shardTargets,
  type ShardTotals,
} from "~/features/matching/index.server";
import { writeOutbox } from "~/services/outbox.server";
import { entityJobId, getQueue } from "~/services/queue.server";
import { processors } from "../../workers/registry";
import { clearMatchingState, makeEmployer, makeFittingWorker, makePosting, makeTrainingOrder } from "../setup/factories";

afterAll(async () => {
  await getQueue("matching")
    .obliterate({ force: true })
    .catch(() => {});
  await getQueue("search")
    .obliterate({ force: true })
    .catch(() => {});
});

const db = () => getDb();

// Every test starts from no workers, so rankings hold only the test's own people.
beforeEach(clearMatchingState);

async function helper(countyCode: string, opts: { level?: number | null; minWage?: number; occupation?: string; poor?: boolean } = {}) {
  const w = await makeFittingWorker(countyCode, { level: opts.level === undefined ? 4 : opts.level, minWage: opts.minWage, occupation: opts.occupation });
  if (opts.poor) await db().worker.update({ where: { id: w.id }, data: { isRegisteredPoor: true } });
  await indexEntity({ entityType: "worker", entityId: w.id, entityVersion: 1 });
  return w;
}

const fakeJob = (data: unknown, name = "x", id = "test") => ({ data, name, id, getChildrenValues: async () => ({}) }) as unknown as Job;

/** The nightly flow's work without the queue: the open targets in shards of one, then the parent. */
async function runNightly(runId: string) {
  const shards: ShardTotals[] = [];
  const refs = shardTargets(await loadOpenTargets(db(), chinaToday()), 1);
  for (const [i, targets] of refs.entries()) shards.push(await matchShard(runId, i, targets));
  return finishNightly(runId, shards);
}

async function snapshot(where: { postingId?: string; trainingOrderId?: string } = {}) {
  const rows = await db().match.findMany({ where, orderBy: [{ postingId: "asc" }, { rank: "asc" }, { workerId: "asc" }] });
  return rows.map((r) => ({ w: r.workerId, p: r.postingId, o: r.trainingOrderId, score: r.score, rank: r.rank, status: r.status, zh: r.explanationZh }));
}

describe("matching service", () => {
  it("a changed posting is re-matched through outbox → search index → match job", async () => {
    const { employer } = await makeEmployer();
    const strong = await helper("130624", { level: 2, poor: true });
    const weak = await helper("130624", { level: 5 });
    const other = await helper("130624", { occupation: "elderly-carer" });
    const greedy = await helper("130624", { minWage: 9000 }); // wants more than the job pays: a near-miss
    const posting = await makePosting(employer.id);

    await db().$transaction((tx) => writeOutbox(tx, { topic: "search-index", entityType: "posting", entityId: posting.id, entityVersion: posting.version }));
    expect(await processors["outbox-relay"](fakeJob({}))).toMatchObject({ relayed: 1 });
    const ref = { entityType: "posting" as const, entityId: posting.id, entityVersion: posting.version };
    const indexJob = await getQueue("search").getJob(entityJobId("search-index", ref));
    expect(indexJob?.data).toEqual(ref);
    await processors["search-index"](indexJob!);

    // Indexing queued the debounced re-match under an id from entity + version.
    const matchJob = await getQueue("matching").getJob(entityJobId("match-target", ref));
    expect(matchJob?.name).toBe("match-target");
    expect(matchJob?.opts.delay).toBeGreaterThan(0);
    const result = await processors["match-target"](matchJob!);
    // other (an elderly carer) is one training step from domestic service: a near-miss with the gap (issue 12).
    expect(result).toMatchObject({ open: true, matches: 2, nearMisses: 2 });

    const rows = await db().match.findMany({ where: { postingId: posting.id }, orderBy: { rank: "asc" } });
    expect(rows.map((r) => r.workerId)).toEqual([strong.id, weak.id]);
    expect(rows.map((r) => r.rank)).toEqual([1, 2]);
    expect(rows[0].explanationZh).toContain("建档立卡");
    expect(rows[0].explanationEn).toBeTruthy();
    expect(rows[0]).toMatchObject({ hardConstraintsMet: true, status: "PROPOSED", targetVersion: posting.version, workerVersion: strong.version });
    expect((rows[0].factors as { factor: string }[]).map((f) => f.factor)).toContain("skill");
    expect(rows.map((r) => r.workerId)).not.toContain(other.id);
    const near = await db().matchNearMiss.findMany({ where: { postingId: posting.id }, orderBy: { score: "desc" } });
    expect(near.map((n) => n.workerId).sort()).toEqual([greedy.id, other.id].sort());
    expect(near.find((n) => n.workerId === greedy.id)!.explanationZh).toContain("期望月薪");
    expect(near.find((n) => n.workerId === other.id)!.explanationZh).toContain("缺少家政服务员技能（有相近的养老护理员技能");

    // The employer raises the wage: the change goes the same way and the near-miss becomes a match.
    const v2 = await db().jobPosting.update({ where: { id: posting.id }, data: { wageMax: 9500, version: { increment: 1 } } });
    await writeOutbox(db(), { topic: "search-index", entityType: "posting", entityId: posting.id, entityVersion: v2.version });
    await processors["outbox-relay"](fakeJob({}));
    const ref2 = { ...ref, entityVersion: v2.version };
    await processors["search-index"]((await getQueue("search").getJob(entityJobId("search-index", ref2)))!);
    await processors["match-target"]((await getQueue("matching").getJob(entityJobId("match-target", ref2)))!);
    const after = await db().match.findMany({ where: { postingId: posting.id } });
    expect(after.map((r) => r.workerId).sort()).toEqual([strong.id, weak.id, greedy.id].sort());
    expect(after.every((r) => r.targetVersion === v2.version)).toBe(true);
    expect((await db().matchNearMiss.findMany({ where: { postingId: posting.id } })).map((n) => n.workerId)).toEqual([other.id]);
  });

  it("upserts are idempotent, acted-on matches survive a re-match, a closed posting loses its PROPOSED rows", async () => {
    const { employer } = await makeEmployer();
    const a = await helper("130624", { level: 3 });
    const b = await helper("130624", { level: 4 });
    const c = await helper("130624", { level: 5 });
    const posting = await makePosting(employer.id);
    const ref = { kind: "posting" as const, id: posting.id };

    await matchTarget(ref);
    const first = await db().match.findMany({ where: { postingId: posting.id }, orderBy: { rank: "asc" } });
    await matchTarget(ref);
    const second = await db().match.findMany({ where: { postingId: posting.id }, orderBy: { rank: "asc" } });
    expect(second).toEqual(first); // same ids, same updatedAt: nothing rewritten
    expect(first.map((r) => r.workerId)).toEqual([a.id, b.id, c.id]);

    // The employer invites b; then b's record changes in a way that would lower the score.
    const invited = await db().match.update({ where: { id: first[1].id }, data: { status: "INVITED" } });
    await db().workerSkill.updateMany({ where: { workerId: b.id }, data: { level: 5, yearsExperience: 0 } });
    await db().worker.update({ where: { id: b.id }, data: { version: { increment: 1 } } });
    await matchTarget(ref);
    const kept = await db().match.findUniqueOrThrow({ where: { id: invited.id } });
    expect(kept).toEqual(invited);
    const proposed = await db().match.findMany({ where: { postingId: posting.id, status: "PROPOSED" }, orderBy: { rank: "asc" } });
    expect(proposed.map((r) => [r.workerId, r.rank])).toEqual([
      [a.id, 1],
      [c.id, 2],
    ]);

    await db().jobPosting.update({ where: { id: posting.id }, data: { status: "CLOSED", version: { increment: 1 } } });
    expect(await matchTarget(ref)).toMatchObject({ open: false, removed: 2 });
    const left = await db().match.findMany({ where: { postingId: posting.id } });
    expect(left.map((r) => [r.workerId, r.status])).toEqual([[b.id, "INVITED"]]);
  });

  it("a new worker queues the postings they would enter; a worker who leaves the pool loses PROPOSED rows and the posting is queued to refill", async () => {
    const { employer } = await makeEmployer();
    const a = await helper("130624", { level: 3 });
    const posting = await makePosting(employer.id);
    await matchTarget({ kind: "posting", id: posting.id });
    expect(await db().match.count({ where: { workerId: a.id } })).toBe(1);

    const b = await helper("130624", { level: 1 });
    const queued: string[] = [];
    const joined = await matchWorker(b.id, {
      rematch: async (t) => {
        queued.push(t.id);
      },
    });
    expect(joined).toMatchObject({ matchable: true, eligible: 1, rematch: 1 });
    expect(queued).toEqual([posting.id]);
    await matchTarget({ kind: "posting", id: posting.id });
    const ranked = await db().match.findMany({ where: { postingId: posting.id }, orderBy: { rank: "asc" } });
    expect(ranked.map((r) => [r.workerId, r.rank])).toEqual([
      [b.id, 1],
      [a.id, 2],
    ]);

    await db().worker.update({ where: { id: a.id }, data: { status: "PLACED", version: { increment: 1 } } });
    const refills: string[] = [];
    const gone = await matchWorker(a.id, {
      rematch: async (t) => {
        refills.push(t.id);
      },
    });
    expect(gone).toMatchObject({ matchable: false, removed: 1 });
    expect(refills).toEqual([posting.id]);
    expect(await db().match.count({ where: { workerId: a.id } })).toBe(0);
  });

  it(
    "people one training step away (an elderly carer for a domestic-service posting) reach the near-miss list with " +
      "the gap and a training suggestion, per target and nightly alike",
    async () => {
      const { employer } = await makeEmployer();
      const helperW = await helper("130624", { level: 3 });
      const carer = await helper("130881", { occupation: "elderly-carer" });
      const welder = await helper("130624", { occupation: "welder" }); // unrelated trade: still nobody's business here
      const order = await makeTrainingOrder(employer.id);
      const posting = await makePosting(employer.id);
      await indexEntity({ entityType: "posting", entityId: posting.id, entityVersion: posting.version });

      const r = await matchTarget({ kind: "posting", id: posting.id });
      expect(r).toMatchObject({ open: true, matches: 1, nearMisses: 1 });
      expect((await db().match.findMany({ where: { postingId: posting.id } })).map((m) => m.workerId)).toEqual([helperW.id]);
      const near = await db().matchNearMiss.findMany({ where: { postingId: posting.id } });
      expect(near.map((n) => n.workerId)).toEqual([carer.id]);
      expect(near[0]).toMatchObject({ suggestedTrainingOrderId: order.id });
      expect((near[0].reasons as { code: string }[]).map((x) => x.code)).toEqual(["skillMissing"]);
      expect(near[0].explanationZh).toContain("缺少家政服务员技能（有相近的养老护理员技能，培训可补齐）");
      expect(near[0].explanationZh).toContain("可参加同工种订单培训补齐差距");
      expect(await db().matchNearMiss.count({ where: { workerId: welder.id } })).toBe(0);

      // The worker's own re-match sees the same posting (it queues the posting for the near-miss list).
      const queued: string[] = [];
      await matchWorker(carer.id, {
        rematch: async (t) => {
          queued.push(t.id);
        },
      });
      expect(queued).toContain(posting.id);

      // The nightly run writes the same near-miss.
      const perTarget = await db().matchNearMiss.findMany({
        where: { postingId: posting.id },
        select: { workerId: true, score: true, suggestedTrainingOrderId: true, explanationZh: true },
      });
      await db().matchNearMiss.deleteMany({});
      const run = await db().matchRun.create({
        data: { kind: "nightly", detail: { today: new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()) } },
      });
      await runNightly(run.id);
      expect(
        await db().matchNearMiss.findMany({
          where: { postingId: posting.id },
          select: { workerId: true, score: true, suggestedTrainingOrderId: true, explanationZh: true },
        }),
      ).toEqual(perTarget);
    },
  );

  it("the nightly path (target shards) writes exactly what per-target matching writes; a night where nothing changed writes no row", async () => {
    const { employer } = await makeEmployer();
    for (let i = 0; i < 4; i++) await helper("130624", { level: 1 + (i % 5), poor: i % 2 === 0 });
    for (let i = 0; i < 3; i++) await helper("130881", { level: 1 + (i % 5), minWage: 5000 + i * 1500 });
    const p1 = await makePosting(employer.id);
    const p2 = await makePosting(employer.id, { headcount: 1, title: "招聘保洁" });
    await db().jobPosting.update({ where: { id: p2.id }, data: { wageMax: 6500 } });

    for (const p of [p1, p2]) await matchTarget({ kind: "posting", id: p.id });
    const perTarget = await snapshot();
    expect(perTarget.length).toBeGreaterThan(5);

    await db().match.deleteMany({});
    await db().matchNearMiss.deleteMany({});
    const run = await db().matchRun.create({
      data: { kind: "nightly", detail: { today: new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()) } },
    });
    const totals = await runNightly(run.id);
    expect(await snapshot()).toEqual(perTarget);
    expect(totals).toMatchObject({ shards: 2, counties: 2, targets: 2, matchesUpserted: perTarget.length });
    expect(totals.rowsWritten).toBeGreaterThanOrEqual(perTarget.length);
    expect(await db().matchRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "DONE", counties: 2 });
    const stamps = await db().match.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
    const again = await runNightly(run.id);
    expect(again).toMatchObject({ rowsWritten: 0, matchesUpserted: perTarget.length });
    expect(await snapshot()).toEqual(perTarget);
    expect(await db().match.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } })).toEqual(stamps);

    // One person's preference changes: the next night writes that person's rows (and the ranks that move), nothing else.
    const [moved] = await db().worker.findMany({ where: { countyCode: "130881" }, orderBy: { id: "asc" }, take: 1 });
    await db().workerPreference.update({ where: { workerId: moved.id }, data: { minMonthlyWage: 9900 } });
    await db().worker.update({ where: { id: moved.id }, data: { version: { increment: 1 } } });
    const third = await runNightly(run.id);
    expect(third.rowsWritten).toBeGreaterThan(0);
    expect(third.rowsWritten).toBeLessThan(perTarget.length + 4);
    expect(await db().match.count({ where: { workerId: moved.id, status: "PROPOSED", posting: { wageMax: { lt: 9900 } } } })).toBe(0);
  });

  it("re-match requests are debounced per entity: a burst leaves one job, the latest version", async () => {
    const { employer } = await makeEmployer();
    const posting = await makePosting(employer.id);
    const queue = getQueue("matching");
    for (const v of [1, 2, 3]) await scheduleRematch({ entityType: "posting", entityId: posting.id, entityVersion: v });
    const jobs = (await queue.getJobs(["delayed", "waiting"])).filter((j) => j.data?.entityId === posting.id);
    expect(jobs.map((j) => j.data.entityVersion)).toEqual([3]);
    const requested = await requestRematch({ entityType: "posting", entityId: posting.id }, "test");
    expect(requested?.jobId).toContain(posting.id);
    expect(await requestRematch({ entityType: "posting", entityId: "00000000-0000-4000-8000-000000000000" }, "test")).toBeNull();
  });
});
