// Issue 16, items 4–6: the database down answers 503 with Retry-After (a page for people, JSON for
// the API), NUL bytes and broken %-escapes are a 400 before anything reaches PostgreSQL, and a
// request refused before its body was read does not stall the next one on the same connection.
import express from "express";
import net from "node:net";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, getDb } from "~/services/db.server";
import { getConfig } from "~/services/env.server";
import { readFormPost } from "~/platform/form-post.server";
import { readJsonBody } from "~/services/api/api.server";
import { closeWhenBodyUnread, refuseHostileUrls, refusePageMethods, resilientHandler, RETRY_AFTER_SECONDS, urlRefusal } from "~/server/resilience";

const DEAD_DB = "postgresql://postgres@127.0.0.1:1/nothing";

const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
});

/** A web server as app/server/web.ts arranges it, with `handle` in place of the Remix build. */
async function serve(handle: (request: Request) => Promise<Response>, databaseUrl: string, opts: { closeUnread?: boolean } = {}): Promise<string> {
  const app = express();
  if (opts.closeUnread !== false) app.use(closeWhenBodyUnread);
  app.use(refuseHostileUrls);
  app.use((req, res, next) => {
    // The body-size cap of web.ts, answered before the body is read.
    if (Number(req.headers["content-length"] ?? 0) > 1_000_000) {
      res.status(413).type("text/plain").send("Request body too large");
      return;
    }
    next();
  });
  app.all("*", resilientHandler(handle, databaseUrl));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loader that reads the database the way every page does, and Remix's answer when it throws. */
const pageReadingTheDatabase = (databaseUrl: string) => {
  const db = createPrismaClient(databaseUrl);
  return async () => {
    try {
      await db.user.count();
      return new Response("ok");
    } catch {
      return new Response("Unexpected Server Error", { status: 500, headers: { "Content-Type": "text/plain" } });
    }
  };
};

describe("the database is down", () => {
  it("a page answers 503 with Retry-After and a page saying so (not a 500)", async () => {
    const base = await serve(pageReadingTheDatabase(DEAD_DB), DEAD_DB);
    const res = await fetch(`${base}/coordinator/workers`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("服务暂时不可用");
  });

  it("the API answers JSON {error} with 503 and Retry-After (not text/plain 'Unexpected Server Error')", async () => {
    const base = await serve(pageReadingTheDatabase(DEAD_DB), DEAD_DB);
    const res = await fetch(`${base}/api/v1/workers`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: expect.stringContaining("database") });
  });

  it("a 500 while the database answers stays a 500 (a bug is not an outage)", async () => {
    const base = await serve(async () => new Response("Unexpected Server Error", { status: 500 }), getConfig().database.url);
    expect((await fetch(`${base}/api/v1/workers`)).status).toBe(500);
    const ok = await serve(pageReadingTheDatabase(getConfig().database.url), getConfig().database.url);
    expect((await fetch(`${ok}/home`)).status).toBe(200);
  });
});

describe("hostile URLs and bodies", () => {
  it("NUL byte in an :id path (/api/v1/placements/%00) is a 400, never reaching PostgreSQL", async () => {
    let reached = 0;
    const base = await serve(async () => {
      reached++;
      return new Response("ok");
    }, getConfig().database.url);
    for (const path of [
      "/api/v1/placements/%00",
      "/api/v1/workers/abc%00def",
      "/coordinator/placements/%00/evidence",
      "/login?identifier=%00x",
      "/api/v1/workers?q=%00",
    ]) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(400);
      expect(await res.text()).not.toMatch(/at .*\.(js|ts):\d+/);
    }
    expect(reached).toBe(0);
    // What PostgreSQL would have said (22021), had it been asked.
    await expect(getDb().$queryRaw`SELECT ${"a\0b"}::text`).rejects.toThrow();
  });

  it("malformed %ZZ path is a 400 without a stack trace", async () => {
    const base = await serve(async () => new Response("ok"), getConfig().database.url);
    const res = await fetch(`${base}/api/v1/workers/%ZZ`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/URIError|at .*\(.*:\d+:\d+\)/);
    expect(urlRefusal("/a/%E4%B8")).not.toBeNull(); // a cut UTF-8 sequence
    expect(urlRefusal("/coordinator/workers?q=%E5%BC%A0")).toBeNull();
  });

  it("identifier=%00 on /login (a form post) is a 400 from the form reader", async () => {
    const request = new Request("http://x/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "identifier=%00admin&password=x",
    });
    const read = await readFormPost(request, new Set(["identifier", "password"]));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.response.status).toBe(400);
  });

  it("a JSON API body with \\u0000 in a field is a 400, not a 500", async () => {
    const request = new Request("http://x/api/v1/placements", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ workerId: "a\u0000b" }),
    });
    const thrown = await readJsonBody(request).then(
      () => null,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
  });
});

/** Sends a 200 KB POST the server refuses early, then a GET on the same connection; resolves with what happened to the GET. */
function refusedThenNext(base: string, path: string, size = 200_000): Promise<{ second: "answered" | "closed" | "stalled"; ms: number }> {
  const { port } = new URL(base);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), "127.0.0.1");
    const body = Buffer.alloc(size, "a");
    let data = "";
    let phase: "first" | "second" = "first";
    let sentAt = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ second: "stalled", ms: Date.now() - sentAt });
    }, 3000);
    const finish = (second: "answered" | "closed") => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ second, ms: Date.now() - sentAt });
    };
    socket.on("data", (d) => {
      data += d.toString("latin1");
      if (phase === "first" && /HTTP\/1\.1 (413|405)[\s\S]*\r\n\r\n/.test(data)) {
        phase = "second";
        data = "";
        sentAt = Date.now();
        socket.write("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
      } else if (phase === "second" && /^HTTP\/1\.1 \d{3}/.test(data)) finish("answered");
    });
    socket.on("close", () => phase === "second" && finish("closed"));
    socket.on("error", () => phase === "second" && finish("closed"));
    socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\n\r\n`);
    socket.write(body);
  });
}

describe("keep-alive after an early refusal", () => {
  it("a 413 from the size cap before the 2 MB body was read: the next request does not stall", async () => {
    const base = await serve(async () => new Response("ok"), getConfig().database.url);
    const r = await refusedThenNext(base, "/upload", 2_000_000);
    expect(r.second, JSON.stringify(r)).not.toBe("stalled");
    expect(r.ms).toBeLessThan(1000);
  });

  it("a 405 answered by Remix without reading the 200 KB body closes the connection (it stalled 6 s, then reset)", async () => {
    const base = await serve(async () => new Response("Method Not Allowed", { status: 405 }), getConfig().database.url);
    const r = await refusedThenNext(base, "/api/v1/openapi.json");
    expect(r.second, JSON.stringify(r)).not.toBe("stalled");
    expect(r.ms).toBeLessThan(1000);
  });
});

describe("methods the pages do not take", () => {
  it("DELETE/PATCH on a page is a 405 before routing (DELETE /set-locale was a 500); the API keeps its own methods", async () => {
    const app = express();
    app.use(refusePageMethods);
    app.all("*", (_req, res) => {
      res.status(299).send("reached");
    });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const method of ["DELETE", "PATCH", "PUT", "PROPFIND"]) {
      const res = await fetch(`${base}/set-locale`, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
    }
    for (const method of ["GET", "POST"]) expect((await fetch(`${base}/set-locale`, { method })).status, method).toBe(299);
    expect((await fetch(`${base}/api/v1/placements/x`, { method: "PATCH" })).status).toBe(299);
  });
});
