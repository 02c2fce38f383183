// Issue 15 item 10: one structured line per request (id, method, path without the query, status,
// time), the id echoed in X-Request-Id; a 404 or a refused duplicate is an answer, not a fault: no
// error line, no stack trace; the query string (where an ID number may sit) never reaches the log.
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLogger } from "~/services/logger.server";
import { startTestWebServer } from "../setup/web-server";

const lines: Record<string, unknown>[] = [];
let server: Awaited<ReturnType<typeof startTestWebServer>>;
beforeAll(async () => {
  useLogger(
    pino(
      { level: "info" },
      new Writable({
        write(chunk, _enc, done) {
          for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l));
          done();
        },
      }),
    ),
  );
  server = await startTestWebServer({ nodeEnv: "production" });
}, 300_000);
afterAll(async () => {
  await server?.close();
});

const waitFor = async (pred: () => boolean) => {
  for (let i = 0; i < 50 && !pred(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe("request log", () => {
  it("writes one info line per request with the id it sends back, and no error line for a 404", async () => {
    const res = await fetch(new URL("/no-such-page?id=110101199003077777", server.baseURL));
    expect(res.status).toBe(404);
    const id = res.headers.get("X-Request-Id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => lines.some((l) => l.reqId === id && l.msg === "request"));
    const mine = lines.filter((l) => l.reqId === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: 30, msg: "request", method: "GET", path: "/no-such-page", status: 404 });
    expect(typeof mine[0].ms).toBe("number");
    expect(JSON.stringify(lines)).not.toContain("110101199003077777");
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it("keeps a proxy's request id when it looks like one, and replaces one that does not", async () => {
    const kept = await fetch(new URL("/healthz", server.baseURL), { headers: { "X-Request-Id": "edge-1234abcd" } });
    expect(kept.headers.get("X-Request-Id")).toBe("edge-1234abcd");
    const replaced = await fetch(new URL("/healthz", server.baseURL), { headers: { "X-Request-Id": "<script>" } });
    expect(replaced.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
