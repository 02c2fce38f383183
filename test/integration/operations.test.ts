// Issue 16 item 8: the administrators' queue view and /metrics, on both queue backends, against
// the real Redis and PostgreSQL. A job fails for real (a worker whose processor throws), shows up
// with its reason, is run again from the view (audited), and the metrics count it.
import { randomUUID } from "node:crypto";
import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/services/db.server";
import { getConfig, setConfig, type Config } from "~/services/env.server";
import { mayReadMetrics, outboxFigures, renderMetrics, routeLabel } from "~/services/metrics.server";
import { queueOverview, retryFailedJob } from "~/services/queue-admin.server";
import { closeProducer, createQueueBackend, enqueue } from "~/services/queue.server";
import { REDIS_URL } from "../setup/env";
import { makeAdmin } from "../setup/factories";
import { startTestWebServer } from "../setup/web-server";

const base = getConfig();
const ports = {
  redis: { adapter: "redis" as const, url: REDIS_URL, prefix: `lb_ops${process.pid}` },
  postgres: { adapter: "postgres" as const, url: base.database.url },
};

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

afterAll(async () => {
  await closeProducer();
  setConfig(base);
});

describe.each(["redis", "postgres"] as const)("queue view on %s", (adapter) => {
  let worker: Worker;
  let backend: ReturnType<typeof createQueueBackend>;
  beforeAll(async () => {
    await closeProducer();
    setConfig({ ...base, queue: ports[adapter] } as Config);
    backend = createQueueBackend(ports[adapter]);
    worker = backend.makeWorker("imports", async () => {
      throw new Error("roster file vanished (test)");
    });
    worker.on("error", () => {});
  });
  afterAll(async () => {
    await worker.close();
    await backend.close();
  });

  it("shows a failed job with its reason, runs it again (audited), and refuses anything else", async () => {
    const importId = randomUUID();
    const job = await enqueue("roster-import", { importId }, { jobId: `roster-import__${importId}` });
    // Counts and the failed list are two reads (two connections on the PostgreSQL backend): wait
    // until both have seen the failure, as a person refreshing the page would.
    const seen = await until(
      queueOverview,
      (o) => o.ok && o.failed.some((f) => f.id === job.id) && (o.queues.find((q) => q.queue === "imports")?.counts.failed ?? 0) >= 1,
    );
    expect(seen.ok).toBe(true);
    if (!seen.ok) return;
    const failed = seen.failed.find((f) => f.id === job.id)!;
    expect(failed).toMatchObject({ queue: "imports", name: "roster-import", reason: "roster file vanished (test)", attempts: 1 });
    expect(failed.data).toContain(importId);
    expect(seen.queues.find((q) => q.queue === "imports")!.counts.failed).toBeGreaterThanOrEqual(1);
    const metrics = (await renderMetrics()).body;
    expect(metrics).toMatch(/lb_queue_jobs\{queue="imports",state="failed"\} [1-9]/);
    expect(metrics).toContain("lb_queue_up 1");

    await worker.pause(); // the retried job stays waiting, so the counts can be read
    const admin = await makeAdmin();
    expect(await retryFailedJob(admin.principal, "imports", String(job.id), "127.0.0.1")).toBe("retried");
    const after = await queueOverview();
    expect(after.ok && after.failed.some((f) => f.id === job.id)).toBe(false);
    expect(after.ok && after.queues.find((q) => q.queue === "imports")!.counts.waiting).toBe(1);
    const audited = await getDb().auditLog.findMany({ where: { action: "queue.retry", entityId: `imports/${job.id}` } });
    expect(audited).toHaveLength(1);
    expect(audited[0].actorUserId).toBe(admin.userId);

    // Not failed any more, an unknown queue, a hostile id: refused, nothing audited.
    expect(await retryFailedJob(admin.principal, "imports", String(job.id), null)).toBe("notFailed");
    expect(await retryFailedJob(admin.principal, "nope", String(job.id), null)).toBe("notFailed");
    expect(await retryFailedJob(admin.principal, "imports", "a\u0000b", null)).toBe("notFailed");
    expect(await getDb().auditLog.count({ where: { action: "queue.retry" } })).toBe(1);
    await backend
      .makeQueue("imports")
      .obliterate({ force: true })
      .catch(() => {});
    await getDb().auditLog.deleteMany({ where: { action: "queue.retry" } });
  });
});

describe("metrics", () => {
  it("outbox and search lag are the age of the oldest change whose job has not run", async () => {
    const db = getDb();
    const before = await outboxFigures(db);
    const old = new Date(Date.now() - 120_000);
    await db.outbox.create({ data: { topic: "search-index", entityType: "worker", entityId: randomUUID(), entityVersion: 1, createdAt: old, relayedAt: old } });
    const figures = await outboxFigures(db);
    expect(figures.undone).toBe(before.undone + 1);
    expect(figures.unrelayed).toBe(before.unrelayed);
    expect(figures.searchLagSeconds).toBeGreaterThanOrEqual(119);
    expect(figures.lagSeconds).toBeGreaterThanOrEqual(119);
    await db.outbox.updateMany({ where: { createdAt: old }, data: { doneAt: new Date() } });
    expect((await outboxFigures(db)).searchLagSeconds).toBeLessThan(119);
  });

  it("route labels keep the number of series small", () => {
    expect(routeLabel(`/coordinator/workers/${randomUUID()}`, 200)).toBe("/coordinator/workers/:id");
    expect(routeLabel("/api/v1/placements/123/follow-ups", 200)).toBe("/api/v1/placements");
    expect(routeLabel("/some/scanner/path", 404)).toBe("other");
  });

  it("only this machine or a token holder may read /metrics", () => {
    expect(mayReadMetrics("127.0.0.1", undefined, undefined)).toBe(true);
    expect(mayReadMetrics("::1", undefined, undefined)).toBe(true);
    expect(mayReadMetrics("203.0.113.9", undefined, undefined)).toBe(false);
    expect(mayReadMetrics("203.0.113.9", "Bearer the-metrics-token-123", undefined)).toBe(false);
    expect(mayReadMetrics("203.0.113.9", "Bearer wrong-token-0000000", "the-metrics-token-123")).toBe(false);
    expect(mayReadMetrics("203.0.113.9", "Bearer the-metrics-token-123", "the-metrics-token-123")).toBe(true);
  });

  it("the web server answers /metrics with request latency, and the queue page in both languages", async () => {
    await closeProducer();
    setConfig(base);
    const web = await startTestWebServer({ metricsToken: "the-metrics-token-123" });
    try {
      expect((await fetch(`${web.baseURL}/healthz`)).status).toBeLessThan(500);
      // The latency is observed when the answer has been handed over ('finish'), which the client
      // (this process) can see before the server has run that callback: read until it is counted.
      let body = "";
      await expect
        .poll(
          async () => {
            const res = await fetch(`${web.baseURL}/metrics`);
            expect(res.status).toBe(200);
            body = await res.text();
            return body;
          },
          { timeout: 10_000, interval: 200 },
        )
        .toMatch(/lb_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/healthz",status="\d+"\} [1-9]/);
      for (const name of ["lb_queue_jobs", "lb_outbox_lag_seconds", "lb_search_lag_seconds", "lb_outbox_undone", "lb_process_resident_memory_bytes"])
        expect(body).toContain(name);
      // Through a reverse proxy on this machine, an outside caller is refused unless it has the token.
      expect((await fetch(`${web.baseURL}/metrics`, { headers: { "X-Forwarded-For": "203.0.113.9" } })).status).toBe(403);
      expect(
        (await fetch(`${web.baseURL}/metrics`, { headers: { "X-Forwarded-For": "203.0.113.9", Authorization: "Bearer the-metrics-token-123" } })).status,
      ).toBe(200);

      const admin = await makeAdmin();
      const cookie = await admin.cookie();
      const zh = await fetch(`${web.baseURL}/admin/queues`, { headers: { Cookie: cookie } });
      expect(zh.status).toBe(200);
      const zhHtml = await zh.text();
      expect(zhHtml).toContain("任务队列");
      expect(zhHtml).toContain("花名册导入");
      const en = await fetch(`${web.baseURL}/admin/queues`, { headers: { Cookie: `${cookie}; lb_lng=en` } });
      expect(await en.text()).toContain("Job queues");
      // Not for other roles.
      const anonymous = await fetch(`${web.baseURL}/admin/queues`, { redirect: "manual" });
      expect([302, 303, 401, 403]).toContain(anonymous.status);
    } finally {
      await web.close();
    }
  }, 300_000);
});
