// Issue 13 item 5: `npm start` runs one web process per core (WEB_CONCURRENCY here), sharing the
// port. What must hold across processes does: a sign-in limit counted by one process is seen by
// the other (no Redis: the counters are in PostgreSQL), and a web process that dies is forked
// again while the other keeps answering.
import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { ensureTemplate } from "../setup/global-setup";
import { spawnPlatform, waitForHealthy, type Platform } from "./server";

// Named with this pid first, so other runs' clean-up (test/setup/global-setup.ts) sees it is alive.
const dbName = `lb_test_${process.pid}_cluster`;
let server: Platform;
let baseURL = "";
const output = () => server.output();

/** The launcher's web processes (node:cluster children running app/cli/start.ts). */
function webChildren(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === server.child.pid && fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("app/cli/start.ts")) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids.sort();
}

/** One request on a connection of its own (the cluster hands out connections, not requests, in turn). */
function send(method: "GET" | "POST", path: string, form: Record<string, string> = {}): Promise<number> {
  const body = method === "POST" ? new URLSearchParams(form).toString() : "";
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseURL}${path}`,
      {
        method,
        agent: false,
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), connection: "close" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

beforeAll(async () => {
  await cloneTemplate(await ensureTemplate(), dbName);
  // No REDIS_URL: the queue and the rate limits are on PostgreSQL, as in the embedded default.
  server = await spawnPlatform(dbName, ["--only", "web"], { DEMO_SEED: "off", WEB_CONCURRENCY: "2" });
  baseURL = server.baseURL;
  try {
    await waitForHealthy(baseURL, 240_000, () => server.child.exitCode !== null);
    // Both web processes listening (the first one answering is enough for /healthz).
    for (const deadline = Date.now() + 60_000; (output().match(/web: listening/g) ?? []).length < 2;) {
      if (Date.now() > deadline) throw new Error("the second web process did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (e) {
    throw new Error(`${String(e)}\n${output()}`);
  }
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await dropDatabase(dbName);
}, 60_000);

describe("web on every core (WEB_CONCURRENCY=2)", () => {
  it("runs two web processes behind one port", () => {
    expect(output()).toContain("web: 2 processes");
    expect(webChildren()).toHaveLength(2);
  });

  it("counts sign-in failures across processes: the sixth attempt on one account from one address is refused", async () => {
    const attempt = () => send("POST", "/login", { identifier: `nobody-${process.pid}`, password: "wrong-password" });
    // Five failures spread over both processes (each on a new connection), then the limit holds.
    for (let i = 0; i < 5; i++) expect(await attempt()).toBe(400);
    expect(await attempt()).toBe(429);
    expect(await attempt()).toBe(429);
  });

  it("forks a web process again when one dies, and the other answers meanwhile", async () => {
    const [victim, survivor] = webChildren();
    process.kill(victim, "SIGKILL");
    await expect.poll(output, { timeout: 10_000, interval: 100 }).toMatch(/web process \d exited unexpectedly \(SIGKILL\)/);
    // Before the replacement is up, every connection goes to the survivor.
    for (let i = 0; i < 4; i++) expect(await send("GET", "/healthz")).toBe(200);
    await expect.poll(() => webChildren().filter((pid) => pid !== victim), { timeout: 60_000, interval: 500 }).toHaveLength(2);
    expect(webChildren()).toContain(survivor);
    await expect.poll(() => send("GET", "/healthz"), { timeout: 60_000 }).toBe(200);
  });
});
