import { describe, expect, it } from "vitest";
import { loader } from "~/routes/healthz";
import { getConfig, setConfig, parseConfig } from "~/services/env.server";
import { health } from "~/services/health.server";
import { closeProducer } from "~/services/queue.server";
import { getSearchIndex } from "~/services/search.server";

describe("/healthz", () => {
  it("reports each port's adapter and that it answers", async () => {
    const res = await loader();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      ok: true,
      ports: { database: { adapter: "postgres", ok: true }, queue: { adapter: "bullmq-redis", ok: true }, search: { adapter: "embedded", ok: true } },
    });
  });

  it("answers 503 when a port does not answer", async () => {
    const original = getConfig();
    await closeProducer();
    // A Redis that is not there: port 1 on loopback refuses at once.
    setConfig({ ...original, queue: { adapter: "redis", url: "redis://127.0.0.1:1", prefix: "lb_health" } });
    try {
      const report = await health();
      expect(report.ok).toBe(false);
      expect(report.ports.queue).toEqual({ adapter: "bullmq-redis", ok: false });
      expect(report.ports.database.ok).toBe(true);
      expect((await loader()).status).toBe(503);
    } finally {
      await closeProducer();
      setConfig(original);
    }
  });

  it("chooses embedded adapters when no service URLs are set", () => {
    const c = parseConfig({ DATA_DIR: "/tmp/lb-config-test", NODE_ENV: "test" });
    expect(c.database.adapter).toBe("embedded-postgres");
    expect(c.queue).toEqual({ adapter: "postgres", url: c.database.url });
    expect(c.search).toEqual({ adapter: "embedded" });
  });

  it("says the search port is warming while the embedded engine loads (and still answers)", async () => {
    const g = globalThis as { __lbSearch?: unknown };
    const real = getSearchIndex();
    // The embedded engine reports "warming" until its first load finishes (test/contract covers when).
    g.__lbSearch = Object.assign(Object.create(real), { status: () => "warming" });
    try {
      const res = await loader();
      expect(res.status).toBe(200);
      expect((await res.json()).ports.search).toEqual({ adapter: "embedded", ok: true, status: "warming" });
    } finally {
      g.__lbSearch = real;
    }
  });
});
