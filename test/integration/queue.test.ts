// The queue port on both backends: the same code on Redis and on BullMQ's PostgreSQL backend.
import type { Job } from "bullmq";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { vi } from "vitest";
import { getConfig, setConfig } from "~/services/env.server";
import { getDb } from "~/services/db.server";
import { relayOutbox, writeOutbox } from "~/services/outbox.server";
import { closeProducer, createQueueBackend, enqueue, entityJobId, getQueue, jobCatalog, queueNames, workerPoolMax } from "~/services/queue.server";
import { startWorkers } from "../../workers/main";
import { publishOutbox } from "../../workers/registry";
import { REDIS_URL } from "../setup/env";

const backends = () => [
  { adapter: "redis" as const, url: REDIS_URL, prefix: `lb_t${process.pid}` },
  { adapter: "postgres" as const, url: getConfig().database.url },
];

describe.each(["redis", "postgres"] as const)("BullMQ on %s", (adapter) => {
  it("processes each job id once, however often it is added", async () => {
    const port = backends().find((b) => b.adapter === adapter)!;
    const backend = createQueueBackend(port);
    const name = `t${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
    const queue = backend.makeQueue(name);
    const seen: string[] = [];
    const worker = backend.makeWorker(name, async (job: Job) => {
      seen.push(String(job.id));
    });
    worker.on("error", () => {});
    try {
      await queue.add("x", {}, { jobId: "same__1" });
      await queue.add("x", {}, { jobId: "same__1" });
      await queue.add("x", {}, { jobId: "other__1" });
      await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(2);
      await new Promise((r) => setTimeout(r, 300));
      expect(seen.sort()).toEqual(["other__1", "same__1"]);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await backend.close();
    }
  });
});

describe.each(["redis", "postgres"] as const)("the outbox relay's publisher on %s", (adapter) => {
  it("adds a batch with one addBulk per queue: entity-derived ids, the catalog's options, existing ids absorbed", async () => {
    const config = getConfig();
    await closeProducer();
    setConfig({ ...config, queue: backends().find((b) => b.adapter === adapter)! });
    const search = getQueue("search");
    const matching = getQueue("matching");
    const tag = `${adapter}${Date.now()}`;
    const ref = (entityType: "worker" | "posting", n: number) => ({ entityType, entityId: `${tag}-${n}`, entityVersion: 1 });
    let spies: { mockRestore: () => void }[] = [];
    try {
      await enqueue("search-index", ref("worker", 0), { jobId: entityJobId("search-index", ref("worker", 0)) });
      spies = [];
      // Spies that pass every call through to the real queue, to count the round trips.
      const bulk = [vi.spyOn(search, "addBulk"), vi.spyOn(matching, "addBulk")];
      const add = [vi.spyOn(search, "add"), vi.spyOn(matching, "add")];
      spies = [...bulk, ...add];
      const events = [
        ...[0, 1, 2].map((n) => ({ topic: "search-index" as const, ...ref("worker", n) })),
        { topic: "match-target" as const, ...ref("posting", 3) },
      ];
      expect(await publishOutbox(events)).toBe(4);
      expect(bulk.map((s) => s.mock.calls.length)).toEqual([1, 1]);
      expect(add.map((s) => s.mock.calls.length)).toEqual([0, 0]);
      for (const e of events) {
        const job = await getQueue(e.topic === "search-index" ? "search" : "matching").getJob(entityJobId(e.topic, e));
        expect(job?.data).toEqual({ entityType: e.entityType, entityId: e.entityId, entityVersion: 1 });
        expect(job?.opts.attempts).toBe(jobCatalog[e.topic].options.attempts); // the catalog's, per topic (search-index 10, match-target 5)
      }
      // The job added before stays the only one with its id; a bad payload adds nothing at all.
      expect((await search.getJobs(["waiting"])).filter((j) => j.id === entityJobId("search-index", ref("worker", 0)))).toHaveLength(1);
      await expect(
        publishOutbox([
          { topic: "search-index", ...ref("worker", 9) },
          { topic: "search-index", entityType: "worker", entityId: "", entityVersion: 1 },
        ]),
      ).rejects.toThrow();
      expect(await search.getJob(entityJobId("search-index", ref("worker", 9)))).toBeUndefined();
    } finally {
      for (const spy of spies) spy.mockRestore();
      await search.obliterate({ force: true });
      await matching.obliterate({ force: true });
      await closeProducer();
      setConfig(config);
    }
  });
});

describe("the PostgreSQL backend's connections", () => {
  it("commit asynchronously, and a Worker's pool holds one connection per job in flight plus one", async () => {
    const backend = createQueueBackend({ adapter: "postgres", url: getConfig().database.url });
    const name = `pool${Date.now()}`;
    const queue = backend.makeQueue(name);
    const worker = backend.makeWorker(name, async () => null, { concurrency: 7, autorun: false });
    type WithPool = {
      backend: { connection: { pool: { options: { max: number }; query: (sql: string) => Promise<{ rows: { synchronous_commit: string }[] }> } } };
    };
    try {
      for (const holder of [queue, worker] as unknown as WithPool[]) {
        const { rows } = await holder.backend.connection.pool.query("SHOW synchronous_commit");
        expect(rows[0].synchronous_commit).toBe("off");
      }
      expect((worker as unknown as WithPool).backend.connection.pool.options.max).toBe(workerPoolMax(7));
      expect(workerPoolMax(7)).toBe(8);
      // The application's own connection keeps synchronous commit.
      expect((await getDb().$queryRaw<{ synchronous_commit: string }[]>`SHOW synchronous_commit`)[0].synchronous_commit).toBe("on");
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await backend.close();
    }
  });
});

/**
 * A TCP proxy in front of the test's PostgreSQL that is "down" (every connection is cut at once,
 * as a restarting server does) until `up()`: the database going away and coming back, without
 * touching the shared server.
 */
async function restartingDatabase(url: string) {
  const target = new URL(url);
  let up = false;
  let refused = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("error", () => {});
    client.on("close", () => sockets.delete(client));
    if (!up) {
      refused++;
      return void client.destroy();
    }
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("close", () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on("close", () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxied = new URL(url);
  proxied.host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url: proxied.toString(),
    up: () => void (up = true),
    /** Connections cut while down. */
    refused: () => refused,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("the PostgreSQL backend after a database restart", () => {
  it("a producer queue first used while the database was away works once it is back (its failed first connect is not kept)", async () => {
    const config = getConfig();
    const db = await restartingDatabase(config.database.url);
    await closeProducer();
    setConfig({ ...config, queue: { adapter: "postgres", url: db.url } });
    const ref = { entityType: "worker" as const, entityId: `restart-${Date.now()}`, entityVersion: 1 };
    const jobId = entityJobId("search-index", ref);
    try {
      // The relay's first batch after the restart began: the search queue is created now, and fails.
      await expect(publishOutbox([{ topic: "search-index", ...ref }])).rejects.toThrow();
      db.up();
      // The very next relay publishes (before: every later call failed with the first connect's error).
      expect(await publishOutbox([{ topic: "search-index", ...ref }])).toBe(1);
      expect((await getQueue("search").getJob(jobId))?.data).toEqual({ entityType: "worker", entityId: ref.entityId, entityVersion: 1 });
    } finally {
      await getQueue("search")
        .remove(jobId)
        .catch(() => {});
      await closeProducer();
      setConfig(config);
      await db.close();
    }
  });

  it("a worker process started while the database was away takes jobs once it is back (its Workers are started again)", async () => {
    const config = getConfig();
    const db = await restartingDatabase(config.database.url);
    await closeProducer();
    setConfig({ ...config, queue: { adapter: "postgres", url: db.url } });
    const log: string[] = [];
    const handle = await startWorkers(getConfig(), (line) => log.push(line));
    const jobId = `restart-expire-${Date.now()}`;
    try {
      // Every Worker's first connect fails (before: each kept that failure and never took a job).
      await expect.poll(() => db.refused(), { timeout: 10_000 }).toBeGreaterThanOrEqual(queueNames.length);
      db.up();
      await enqueue("postings-expire", {}, { jobId });
      await expect.poll(async () => (await getQueue("maintenance").getJob(jobId))?.finishedOn, { timeout: 20_000, interval: 200 }).toBeDefined();
      expect((await getQueue("maintenance").getJob(jobId))?.failedReason).toBeUndefined();
      expect(log.some((line) => line.includes("could not connect"))).toBe(true);
    } finally {
      await getQueue("maintenance")
        .remove(jobId)
        .catch(() => {});
      await handle.close();
      setConfig(config);
      await db.close();
    }
  });
});

describe("queue isolation", () => {
  it("two deployments sharing one Redis never see each other's jobs", async () => {
    const a = createQueueBackend({ adapter: "redis", url: REDIS_URL, prefix: `lb_a${process.pid}` });
    const b = createQueueBackend({ adapter: "redis", url: REDIS_URL, prefix: `lb_b${process.pid}` });
    const qa = a.makeQueue("shared-name");
    const qb = b.makeQueue("shared-name");
    try {
      await qa.add("x", { from: "a" }, { jobId: "only-in-a" });
      expect(await qb.getJob("only-in-a")).toBeUndefined();
      expect((await qa.getJob("only-in-a"))?.data).toEqual({ from: "a" });
    } finally {
      await qa.obliterate({ force: true });
      await Promise.all([qa.close(), qb.close()]);
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("the configured prefix derives from the database", () => {
    const c = getConfig();
    expect(c.queue.adapter === "redis" && c.queue.prefix).toMatch(/^lb_[0-9a-f]{10}$/);
  });
});

describe("job catalog and outbox relay", () => {
  it("refuses a payload that does not match the catalog, and ids with a colon", async () => {
    await expect(enqueue("search-index", { entityType: "worker", entityId: "", entityVersion: 1 })).rejects.toThrow();
    await expect(enqueue("search-index", { entityType: "spaceship", entityId: "x", entityVersion: 1 } as never)).rejects.toThrow();
    await expect(enqueue("search-index", { entityType: "worker", entityId: "x", entityVersion: 1 }, { jobId: "a:b" })).rejects.toThrow(/":"/);
  });

  it("relays committed outbox rows into jobs with entity-derived ids, once", async () => {
    const db = getDb();
    await db.$transaction((tx) =>
      writeOutbox(tx, [
        { topic: "search-index", entityType: "worker", entityId: "w-1", entityVersion: 3 },
        { topic: "search-index", entityType: "worker", entityId: "w-1", entityVersion: 3 },
        { topic: "search-index", entityType: "posting", entityId: "p-9", entityVersion: 1 },
      ]),
    );
    const published: string[][] = [];
    const relayed = await relayOutbox(db, async (events) => {
      published.push(events.map((e) => entityJobId(e.topic, e)));
    });
    expect(relayed).toBe(3);
    // One call with the whole batch, the duplicate row folded into one event.
    expect(published).toEqual([["search-index__worker__w-1__3", "search-index__posting__p-9__1"]]);
    expect(
      await relayOutbox(db, async () => {
        throw new Error("nothing left to relay");
      }),
    ).toBe(0);
    expect(await db.outbox.count({ where: { relayedAt: null } })).toBe(0);
  });

  it("a failed publish leaves the rows for the next run", async () => {
    const db = getDb();
    await writeOutbox(db, { topic: "search-index", entityType: "worker", entityId: "w-2", entityVersion: 1 });
    await expect(
      relayOutbox(db, async () => {
        throw new Error("redis down");
      }),
    ).rejects.toThrow("redis down");
    expect(await db.outbox.count({ where: { relayedAt: null, entityId: "w-2" } })).toBe(1);
  });

  it("enqueues through the configured backend with the catalog's defaults", async () => {
    const job = await enqueue(
      "search-index",
      { entityType: "worker", entityId: "w-3", entityVersion: 2 },
      { jobId: entityJobId("search-index", { entityType: "worker", entityId: "w-3", entityVersion: 2 }) },
    );
    expect(job.opts.attempts).toBe(10); // search-index: ≈17 minutes of retries (issue 19)
    const again = await getQueue("search").getJob("search-index__worker__w-3__2");
    expect(again?.data).toEqual({ entityType: "worker", entityId: "w-3", entityVersion: 2 });
    await getQueue("search").obliterate({ force: true });
  });
});
