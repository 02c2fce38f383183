// Issue 19, item 6: a Meilisearch that is down, hung or refusing our key. Search pages answer a
// JSON 503 "search unavailable" (the root error boundary shows it), never a 500; /healthz does an
// authenticated search, so a revoked key is red although GET /health needs no key; and a
// search-index job that used up its retries is re-queued by the outbox sweep.
// No Meilisearch runs here: the servers below are plain sockets that refuse, hang or answer 403.
import http from "node:http";
import net from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isSearchUnavailable } from "~/domain/search";
import { loader as healthz } from "~/routes/healthz";
import { loader as workersPage } from "~/routes/coordinator/workers";
import { loader as targetSearchPage } from "~/routes/coordinator/search";
import { getDb } from "~/services/db.server";
import { getConfig, setConfig, type Config } from "~/services/env.server";
import { relayOutbox, sweepOutbox, writeOutbox } from "~/services/outbox.server";
import { createQueueBackend, enqueue, entityJobId, getQueue } from "~/services/queue.server";
import { closeSearchIndex } from "~/services/search.server";
import { outboxJobFate } from "../../workers/registry";
import { callRoute } from "../setup/api-call";
import { makeCoordinator } from "../setup/factories";

const original = getConfig();
const servers: { close: () => void }[] = [];

async function listen(server: net.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

/** Points this process's search port at `url` (a web process: search key, short timeout). */
async function useMeilisearch(url: string, searchTimeoutMs = 3000) {
  await closeSearchIndex();
  setConfig({ ...original, search: { adapter: "meilisearch", url, searchKey: "search-key", adminKey: "admin-key", searchTimeoutMs } } satisfies Config);
}

let warnings: string[] = [];
beforeEach(() => {
  warnings = [];
  vi.spyOn(console, "warn").mockImplementation((...args) => void warnings.push(args.map(String).join(" ")));
});

afterEach(async () => {
  vi.mocked(console.warn).mockRestore();
  await closeSearchIndex();
  setConfig(original);
});

afterAll(async () => {
  for (const server of servers) server.close();
  await getQueue("search")
    .obliterate({ force: true })
    .catch(() => {});
});

const get = async (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });

async function expectSearchUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("Retry-After")).toBe("30");
  const body = await response.json();
  expect(body).toEqual({ error: { code: "search_unavailable", message: expect.any(String) } });
  expect(isSearchUnavailable(body)).toBe(true);
}

describe("search pages when Meilisearch cannot answer", () => {
  it("down (connection refused): the workers and target search pages answer 503 search unavailable", async () => {
    const staff = await makeCoordinator("130624");
    await useMeilisearch("http://127.0.0.1:1");
    await expectSearchUnavailable(await callRoute(workersPage, await get("/coordinator/workers?q=%E6%8A%A4%E5%B7%A5", await staff.cookie())));
    await expectSearchUnavailable(await callRoute(targetSearchPage, await get("/coordinator/search?type=orders&q=%E4%BF%9D%E6%B4%81", await staff.cookie())));
    expect(warnings).toContain("search unavailable (unreachable): Meilisearch cannot be reached");
  });

  it("hung (accepts, never answers): 503 after the web's request timeout, not a hang", async () => {
    const staff = await makeCoordinator("130624");
    const hung = net.createServer(() => {}); // holds every connection open, says nothing
    await useMeilisearch(await listen(hung), 300);
    const started = Date.now();
    await expectSearchUnavailable(await callRoute(workersPage, await get("/coordinator/workers", await staff.cookie())));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(warnings).toContain("search unavailable (timeout): Meilisearch did not answer in time");
  });

  it("a revoked key: /health (no key) is fine but /healthz, which searches with the key, is red", async () => {
    const seen: string[] = [];
    const revoked = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? "-"}`);
      res.setHeader("Content-Type", "application/json");
      if (req.url === "/health") return res.end(JSON.stringify({ status: "available" }));
      res.statusCode = 403;
      res.end(
        JSON.stringify({
          message: "The provided API key is invalid.",
          code: "invalid_api_key",
          type: "auth",
          link: "https://docs.meilisearch.com/errors#invalid_api_key",
        }),
      );
    });
    await useMeilisearch(await listen(revoked));
    const res = await healthz();
    expect(res.status).toBe(503);
    expect((await res.json()).ports.search).toEqual({ adapter: "meilisearch", ok: false });
    expect(seen).toContain("POST /multi-search Bearer search-key");
    expect(seen.some((line) => line.startsWith("GET /health"))).toBe(false);
    // The web verified settings read-only at boot: it asked, said loudly that it could not, and wrote nothing.
    await expect.poll(() => warnings.filter((w) => w.includes("refused the key")).length).toBe(3);
    expect(seen).toContain("GET /indexes/workers/settings Bearer search-key");
    expect(seen.filter((line) => !line.startsWith("GET ") && !line.startsWith("POST /multi-search"))).toEqual([]);
  });
});

describe("indexing jobs outlive a search outage", () => {
  it("a search-index job that used up its attempts is removed by the sweep and relayed again", async () => {
    const db = getDb();
    const entityId = randomUUID();
    const event = { topic: "search-index" as const, entityType: "worker" as const, entityId, entityVersion: 1 };
    await writeOutbox(db, event);
    // The relay publishes it; this job gets a single attempt so that it fails at once (as the
    // catalog's ten would after ≈17 minutes of a search server that stays down).
    await relayOutbox(db, (events) =>
      Promise.all(
        events.map((e) =>
          enqueue(
            "search-index",
            { entityType: "worker", entityId: e.entityId, entityVersion: e.entityVersion },
            { jobId: entityJobId("search-index", e), attempts: 1 },
          ),
        ),
      ),
    );
    const jobId = entityJobId("search-index", event);
    const backend = createQueueBackend(getConfig().queue);
    const worker = backend.makeWorker("search", async () => {
      throw new Error("Meilisearch cannot be reached");
    });
    worker.on("error", () => {});
    try {
      await expect.poll(async () => (await getQueue("search").getJob(jobId))?.failedReason, { timeout: 10_000 }).toBe("Meilisearch cannot be reached");
    } finally {
      await worker.close();
      await backend.close();
    }
    const swept = await sweepOutbox(db, outboxJobFate, { graceMs: 0 });
    expect(swept.requeued).toBeGreaterThanOrEqual(1);
    expect(await getQueue("search").getJob(jobId)).toBeUndefined();
    expect((await db.outbox.findFirst({ where: { entityId } }))?.relayedAt).toBeNull();
    // Relayed again: a fresh job under the same id, waiting for a worker.
    await relayOutbox(db, (events) =>
      Promise.all(
        events.map((e) =>
          enqueue("search-index", { entityType: "worker", entityId: e.entityId, entityVersion: e.entityVersion }, { jobId: entityJobId("search-index", e) }),
        ),
      ),
    );
    const again = await getQueue("search").getJob(jobId);
    expect(again?.failedReason).toBeFalsy();
    expect(again?.opts.attempts).toBe(10);
  });
});
