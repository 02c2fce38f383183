// Issue 16 (reliability), the parts that need no process to die: the outbox stays the source of
// truth when the queue loses its jobs, job schedulers come back, uploads are accepted while the
// queue is unreachable and queued when it returns, a stuck import can be run again, and an import
// interrupted mid-way reports true counts. (Real restarts: test/chaos.)
import { randomUUID } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { afterAll, describe, expect, it } from "vitest";
import type { Principal } from "~/domain/access";
import { makeResidentId } from "~/domain/resident-id";
import { getDb } from "~/services/db.server";
import { getConfig, setConfig } from "~/services/env.server";
import { markOutboxDone, relayOutbox, sweepOutbox, writeOutbox } from "~/services/outbox.server";
import { closeProducer, createQueueBackend, entityJobId, getQueue } from "~/services/queue.server";
import { findImport, processImport, retryImport, startImport, sweepStuckImports } from "~/features/imports/index.server";
import { createUser } from "~/services/users.server";
import { action as importAction } from "~/routes/coordinator/import";
import { ensureSchedules } from "../../workers/main";
import { callRoute, formPost } from "../setup/api-call";
import { makeCoordinator } from "../setup/factories";
import { outboxJobFate, publishOutbox } from "../../workers/registry";

afterAll(async () => {
  for (const name of ["search", "imports", "outbox", "maintenance", "matching"])
    await getQueue(name)
      .obliterate({ force: true })
      .catch(() => {});
});

/** Runs `work` with the queue pointing at a port nothing listens on (Redis down). */
async function withQueueDown<T>(work: () => Promise<T>): Promise<T> {
  const config = getConfig();
  if (config.queue.adapter !== "redis") throw new Error("these tests run on Redis");
  await closeProducer();
  setConfig({ ...config, queue: { ...config.queue, url: "redis://127.0.0.1:1" } });
  try {
    return await work();
  } finally {
    await closeProducer();
    setConfig(config);
  }
}

describe("the outbox is the source of truth", () => {
  it("Redis restarted empty: rows whose jobs vanished are relayed again; rows whose job ran stay done", async () => {
    const db = getDb();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await writeOutbox(
      db,
      ids.map((entityId) => ({ topic: "search-index" as const, entityType: "worker" as const, entityId, entityVersion: 1 })),
    );
    expect(await relayOutbox(db, publishOutbox)).toBe(3);
    // The first one's job ran; then Redis lost everything.
    expect(await markOutboxDone(db, { topic: "search-index", entityType: "worker", entityId: ids[0], entityVersion: 1 })).toBe(1);
    await getQueue("search").obliterate({ force: true });

    // Within the grace period nothing is touched (a job may be on its way).
    expect(await sweepOutbox(db, outboxJobFate, { graceMs: 60_000 })).toEqual({ requeued: 0, completed: 0 });
    const swept = await sweepOutbox(db, outboxJobFate, { graceMs: 0 });
    expect(swept).toEqual({ requeued: 2, completed: 0 });
    expect(await relayOutbox(db, publishOutbox)).toBe(2);
    for (const id of ids.slice(1))
      expect(await getQueue("search").getJob(entityJobId("search-index", { entityType: "worker", entityId: id, entityVersion: 1 }))).toBeDefined();
    expect(await getQueue("search").getJob(entityJobId("search-index", { entityType: "worker", entityId: ids[0], entityVersion: 1 }))).toBeUndefined();
    // Jobs present and waiting: the sweeper leaves them alone.
    expect(await sweepOutbox(db, outboxJobFate, { graceMs: 0 })).toEqual({ requeued: 0, completed: 0 });
  });

  it("a job that completed while its completion could not be recorded is marked done, not run again", async () => {
    const db = getDb();
    const entityId = randomUUID();
    await writeOutbox(db, { topic: "search-index", entityType: "worker", entityId, entityVersion: 4 });
    await relayOutbox(db, publishOutbox);
    // A worker runs the job, but its completion never reaches the database (it was down at that moment).
    const backend = createQueueBackend(getConfig().queue);
    const worker = backend.makeWorker("search", async () => "indexed");
    worker.on("error", () => {});
    const jobId = entityJobId("search-index", { entityType: "worker", entityId, entityVersion: 4 });
    try {
      await expect.poll(async () => (await getQueue("search").getJob(jobId))?.finishedOn, { timeout: 10_000 }).toBeDefined();
    } finally {
      await worker.close();
      await backend.close();
    }
    expect(await outboxJobFate({ topic: "search-index", entityType: "worker", entityId, entityVersion: 4 })).toBe("completed");
    // (The earlier test's jobs ran on that worker too: every completed one is marked, none relayed again.)
    const swept = await sweepOutbox(db, outboxJobFate, { graceMs: 0 });
    expect(swept.requeued).toBe(0);
    expect(swept.completed).toBeGreaterThanOrEqual(1);
    expect((await db.outbox.findFirst({ where: { entityId } }))?.doneAt).not.toBeNull();
  });

  it("marking a version done covers the earlier versions of the same entity, not later ones", async () => {
    const db = getDb();
    const entityId = randomUUID();
    await writeOutbox(
      db,
      [1, 2, 3].map((v) => ({ topic: "search-index" as const, entityType: "worker" as const, entityId, entityVersion: v })),
    );
    await db.outbox.updateMany({ where: { entityId }, data: { relayedAt: new Date() } });
    expect(await markOutboxDone(db, { topic: "search-index", entityType: "worker", entityId, entityVersion: 2 })).toBe(2);
    expect((await db.outbox.findMany({ where: { entityId, doneAt: null } })).map((r) => r.entityVersion)).toEqual([3]);
  });

  it("a job that finishes before the relay's transaction commits still marks its row done (no needless re-run by the sweeper)", async () => {
    const db = getDb();
    const entityId = `race-${Date.now()}`;
    await writeOutbox(db, { topic: "search-index", entityType: "worker", entityId, entityVersion: 1 });
    let marked: Promise<number> | undefined;
    // The job runs and finishes while the relay still holds its batch: its update waits for the commit.
    expect(
      await relayOutbox(db, async (events) => {
        if (!events.some((e) => e.entityId === entityId)) return;
        marked = markOutboxDone(db, { topic: "search-index", entityType: "worker", entityId, entityVersion: 1 });
        await new Promise((r) => setTimeout(r, 500)); // the job's update is under way before the relay commits
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(await marked).toBe(1);
    const row = await db.outbox.findFirstOrThrow({ where: { entityId } });
    expect(row.relayedAt).not.toBeNull();
    expect(row.doneAt).not.toBeNull();
  });

  it("job schedulers lost with Redis are created again, existing ones left as they are", async () => {
    await ensureSchedules();
    const relay = getQueue("outbox");
    expect(await relay.getJobScheduler("outbox-relay")).toBeDefined();
    expect(await ensureSchedules()).toEqual([]);
    await relay.obliterate({ force: true });
    expect(await relay.getJobScheduler("outbox-relay")).toBeUndefined();
    expect(await ensureSchedules()).toEqual(["outbox-relay"]);
    expect(await relay.getJobScheduler("outbox-relay")).toBeDefined();
  });

  it(
    "queue on PostgreSQL: a relayed job lost with its asynchronous commit (a crash) is found by the sweeper and " + "relayed again; a job that ran stays done",
    async () => {
      // The queue's connections commit with synchronous_commit=off: a PostgreSQL crash can lose the
      // last ~600 ms of queue transitions. Simulated here exactly: the jobs' rows are gone from the
      // queue's table while the outbox (synchronous) still says "relayed".
      const config = getConfig();
      await closeProducer();
      setConfig({ ...config, queue: { adapter: "postgres", url: config.database.url } });
      const db = getDb();
      const refs = [randomUUID(), randomUUID(), randomUUID()].map((entityId) => ({
        topic: "search-index" as const,
        entityType: "worker" as const,
        entityId,
        entityVersion: 1,
      }));
      const jobIds = refs.map((r) => entityJobId("search-index", r));
      try {
        await writeOutbox(db, refs);
        expect(await relayOutbox(db, publishOutbox)).toBeGreaterThanOrEqual(3);
        for (const id of jobIds) expect(await getQueue("search").getJob(id)).toBeDefined();
        // The first one's job ran (its row is done, synchronously); then the crash took every job row.
        await markOutboxDone(db, refs[0]);
        expect(await db.$executeRawUnsafe(`DELETE FROM "bullmq"."job" WHERE "queue" = 'search' AND "id" = ANY($1::text[])`, jobIds)).toBe(3);
        for (const id of jobIds) expect(await getQueue("search").getJob(id)).toBeUndefined();

        const swept = await sweepOutbox(db, outboxJobFate, { graceMs: 0 });
        expect(swept.requeued).toBeGreaterThanOrEqual(2);
        const rows = await db.outbox.findMany({ where: { entityId: { in: refs.map((r) => r.entityId) } }, orderBy: { id: "asc" } });
        expect(rows.map((r) => [r.entityId, r.relayedAt === null, r.doneAt === null])).toEqual([
          [refs[0].entityId, false, false], // done: left alone
          [refs[1].entityId, true, true], // lost: back to the relay
          [refs[2].entityId, true, true],
        ]);
        expect(await relayOutbox(db, publishOutbox)).toBeGreaterThanOrEqual(2);
        expect(await getQueue("search").getJob(jobIds[0])).toBeUndefined();
        for (const id of jobIds.slice(1)) expect((await getQueue("search").getJob(id))?.data).toMatchObject({ entityType: "worker", entityVersion: 1 });
      } finally {
        await getQueue("search")
          .obliterate({ force: true })
          .catch(() => {});
        await closeProducer();
        setConfig(config);
      }
    },
  );
});

describe("imports while the queue is down", () => {
  let coordinator: Principal;
  const csv = (rows: unknown[][]) => Buffer.from(`\uFEFF${stringify(rows)}`, "utf8");
  const HEADERS = ["姓名", "身份证号码", "手机号码", "户籍县（市、区）"];
  const people = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => [
      `工人${"甲乙丙丁戊己庚辛壬癸"[(from + i) % 10]}${"金木水火土"[Math.floor((from + i) / 10) % 5]}`,
      makeResidentId("130624", "1988-03-09", from + i),
      `1380000${String(from + i).padStart(4, "0")}`,
      "阜平县",
    ]);

  async function theCoordinator(): Promise<Principal> {
    if (coordinator) return coordinator;
    const created = await createUser(
      { username: `rel${Date.now()}`, displayName: "rel", password: "long-enough-1", role: "COORDINATOR", regionCode: "130624" },
      null,
    );
    if (!created.ok) throw new Error("could not create the coordinator");
    coordinator = { kind: "user", id: created.userId, grants: [{ role: "COORDINATOR", regionCode: "130624" }] };
    return coordinator;
  }

  it("an upload while Redis is down is accepted (QUEUED, not a 500) and queued by the sweeper once Redis answers", async () => {
    const actor = await theCoordinator();
    const started = await withQueueDown(() => startImport(actor, { name: "down.csv", bytes: csv([HEADERS, ...people(1, 3)]) }));
    expect(started).toMatchObject({ ok: true, needsMapping: false });
    if (!started.ok) return;
    expect((await findImport(actor, started.importId))?.status).toBe("QUEUED");
    // While Redis is still down the sweeper cannot help (and says so by throwing, caught by its job).
    await expect(withQueueDown(() => sweepStuckImports({ graceMs: 0 }))).rejects.toThrow();
    expect(await sweepStuckImports({ graceMs: 0 })).toBe(1);
    const jobs = await getQueue("imports").getJobs(["waiting"]);
    expect(jobs.map((j) => j.data.importId)).toContain(started.importId);
    // Queued now: a second sweep does not queue it twice.
    expect(await sweepStuckImports({ graceMs: 0 })).toBe(0);
  });

  it("the retry action runs a stuck import (QUEUED, its job lost), and refuses one that is done", async () => {
    const user = await makeCoordinator("130624");
    const actor = user.principal;
    const retry = async (importId: string) =>
      callRoute(importAction, formPost(`/coordinator/imports/${importId}`, await user.cookie(), { intent: "retry" }), { importId });
    const started = await startImport(actor, { name: "lost.csv", bytes: csv([HEADERS, ...people(10, 2)]) });
    if (!started.ok) throw new Error(started.message);
    await getQueue("imports").obliterate({ force: true }); // Redis restarted empty
    // Young imports are not stuck yet (their job may be on its way): pretend it was uploaded two minutes ago.
    await getDb().rosterImport.update({ where: { id: started.importId }, data: { createdAt: new Date(Date.now() - 120_000) } });
    // The button on the import page (the page's own action, as the browser posts it).
    const res = await retry(started.importId);
    expect(res.status).toBe(302);
    expect((await getQueue("imports").getJobs(["waiting"])).map((j) => j.data.importId)).toContain(started.importId);
    await processImport(started.importId);
    expect((await findImport(actor, started.importId))?.status).toBe("DONE");
    expect((await retry(started.importId)).status).toBe(404);
    expect(await retryImport(actor, started.importId)).toBe(false);
  });

  it("an import interrupted mid-way and resumed reports the true counts (new people imported, not unchanged)", async () => {
    const actor = await theCoordinator();
    const rows = people(100, 12);
    const started = await startImport(actor, { name: "killed.csv", bytes: csv([HEADERS, ...rows]) });
    if (!started.ok) throw new Error(started.message);
    // The first run began, wrote the first 7 people, and its process was killed (status RUNNING).
    const first = await startImport(actor, { name: "part.csv", bytes: csv([HEADERS, ...rows.slice(0, 7)]) });
    if (!first.ok) throw new Error(first.message);
    const startedAt = new Date(Date.now() - 1000);
    await getDb().rosterImport.update({ where: { id: first.importId }, data: { createdAt: startedAt } });
    await processImport(first.importId);
    await getDb().rosterImport.update({ where: { id: started.importId }, data: { status: "RUNNING", startedAt, processed: 7, imported: 7 } });
    const counts = await processImport(started.importId);
    expect(counts).toMatchObject({ processed: 12, imported: 12, updated: 0, unchanged: 0, rejected: 0 });
    const imp = await findImport(actor, started.importId);
    expect(imp).toMatchObject({ status: "DONE", imported: 12, unchanged: 0 });
    // Importing the file again afterwards (a new upload) changes nothing and says so.
    const again = await startImport(actor, { name: "again.csv", bytes: csv([HEADERS, ...rows]) });
    if (!again.ok) throw new Error(again.message);
    expect(await processImport(again.importId)).toMatchObject({ imported: 0, unchanged: 12 });
  });
});
