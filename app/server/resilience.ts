// What the web process does when things go wrong around a request (issue 16): the database is
// down (503 with Retry-After, a page for people and JSON for the API, instead of a 500), a URL
// carries a NUL byte or a broken %-escape (400 before anything reaches PostgreSQL, no stack
// trace), and a request refused before its body was read (413, 405…) does not leave that body in
// the connection for the next request to trip over.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import type express from "express";
import pg from "pg";

export const RETRY_AFTER_SECONDS = 15;

// ───────────── hostile URLs ─────────────

/** Why a URL is refused before routing (400), or null: a broken %-escape, or a NUL byte anywhere. */
export function urlRefusal(originalUrl: string): string | null {
  const q = originalUrl.indexOf("?");
  const pathname = q < 0 ? originalUrl : originalUrl.slice(0, q);
  const query = q < 0 ? "" : originalUrl.slice(q + 1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return "Malformed URL (invalid percent-encoding) / 网址格式错误";
  }
  // PostgreSQL text cannot hold NUL (error 22021): refuse it here, for every route and parameter.
  if (decoded.includes("\0") || /%00/i.test(query) || query.includes("\0")) return "Invalid character in URL / 网址包含无效字符";
  return null;
}

export function refuseHostileUrls(req: express.Request, res: express.Response, next: express.NextFunction) {
  const refusal = urlRefusal(req.originalUrl);
  if (refusal) {
    res.status(400).type("text/plain; charset=utf-8").send(refusal);
    return;
  }
  next();
}

// ───────────── keep-alive after an early refusal ─────────────

/**
 * A response sent before the request body was read (a 413 from the size cap, a 405, a 403) would
 * leave the body in the connection, where Node takes it for the start of the next request; the
 * client's next request on that keep-alive connection then stalls and is reset. Such responses
 * carry `Connection: close`, and the rest of the body is drained (read and dropped) meanwhile so
 * the client is not reset mid-upload.
 */
export function closeWhenBodyUnread(req: express.Request, res: express.Response, next: express.NextFunction) {
  const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
  if (hasBody) {
    const writeHead = res.writeHead;
    res.writeHead = function (this: express.Response, ...args: unknown[]) {
      if (!req.complete && !res.headersSent) {
        res.setHeader("Connection", "close");
        req.resume(); // drain (nobody else will read it now)
      }
      return (writeHead as (...a: unknown[]) => express.Response).apply(this, args);
    } as typeof res.writeHead;
  }
  next();
}

// ───────────── the database is down: 503 ─────────────

const lastCheck = new Map<string, { at: number; ok: boolean }>();

/** Whether the database accepts a connection and a query (at most one probe a second; 2 s timeout). */
export async function databaseAnswers(url: string): Promise<boolean> {
  const last = lastCheck.get(url);
  if (last && Date.now() - last.at < 1000) return last.ok;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000, query_timeout: 2000 });
  client.on("error", () => {});
  let ok = false;
  try {
    await client.connect();
    await client.query("SELECT 1");
    ok = true;
  } catch {
    ok = false;
  } finally {
    await client.end().catch(() => {});
  }
  lastCheck.set(url, { at: Date.now(), ok });
  return ok;
}

const UNAVAILABLE_MESSAGE =
  "Service temporarily unavailable: the database cannot be reached. Please try again shortly. / 服务暂时不可用（无法连接数据库），请稍后再试。";

const UNAVAILABLE_PAGE =
  `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>服务暂时不可用 · Service unavailable — 劳务桥 LaborBridge</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem ` +
  `auto;padding:0 1rem;line-height:1.6;color:#222}h1{font-size:1.4rem}</style></head>
<body><main><h1>服务暂时不可用</h1><p>系统暂时无法连接数据库，已保存的数据不会丢失。请过一会儿刷新本页再试。</p>
<h1 lang="en">Service temporarily unavailable</h1><p lang="en">The system cannot reach its database right ` +
  `now; nothing that was saved is lost. Please reload this page in a little while.</p></main></body></html>`;

/** The answer to a request the database's absence made fail: JSON for the API, a page otherwise. */
export function unavailableResponse(pathname: string): Response {
  const headers = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
  if (pathname.startsWith("/api/")) return Response.json({ error: UNAVAILABLE_MESSAGE }, { status: 503, headers });
  return new Response(UNAVAILABLE_PAGE, { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/**
 * A 5xx answered while the database does not answer becomes a 503 with Retry-After: the outage,
 * not a bug, is the cause. Any other response passes through.
 */
export async function unlessDatabaseDown(response: Response, pathname: string, databaseUrl: string): Promise<Response> {
  if (response.status < 500 || response.status === 503 || (await databaseAnswers(databaseUrl))) return response;
  await response.body?.cancel().catch(() => {});
  return unavailableResponse(pathname);
}

/** Express glue around a Fetch-style handler with the 503 rule (the web host has its own glue; tests use this). */
export function resilientHandler(handle: (request: Request) => Promise<Response>, databaseUrl: string) {
  return async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      const response = await unlessDatabaseDown(await handle(createRemixRequest(req, res)), req.path, databaseUrl);
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

// ───────────── methods the pages do not use ─────────────

const PAGE_METHODS = new Set(["GET", "HEAD", "POST"]);

/**
 * Pages take GET and POST (Remix forms) only; PUT/PATCH/DELETE are the API's (its routes answer
 * 405 themselves). Any other method on a page reached an action that read a body it never expected
 * (DELETE /set-locale was a 500, found by the 10,000-request fuzz run): 405 before routing.
 */
export function refusePageMethods(req: express.Request, res: express.Response, next: express.NextFunction) {
  if (PAGE_METHODS.has(req.method) || req.path.startsWith("/api/") || req.method === "OPTIONS") return next();
  res.setHeader("Allow", "GET, HEAD, POST");
  res.status(405).type("text/plain; charset=utf-8").send("Method not allowed / 不支持该请求方法");
}
