// The HTTP server: Express in front of the Remix request handler. It adds what Remix leaves to
// the host: static assets, security headers (a Content-Security-Policy with a nonce per request,
// HSTS in production, no-store caching for pages and API answers), a body-size cap counted on
// the streamed bytes, the client address, and CSRF protection for every state-changing request
// that rides on cookies; a 5xx while the database is down becomes a 503. Answers are compressed
// (brotli when the client takes it, else gzip); the hashed assets are served from the .br/.gz
// files the build wrote beside them (app/server/precompress.ts), cached for a year.
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Server } from "node:http";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import zlib from "node:zlib";
import path from "node:path";
import { Transform } from "node:stream";
import type { Config } from "~/services/env.server";
import { isCrossOriginWrite as crossOrigin } from "~/services/http.server";
import { getLogger, requestIdFor } from "~/services/logger.server";
import { mayReadMetrics, observeRequest, renderMetrics } from "~/services/metrics.server";
import { closeWhenBodyUnread, refuseHostileUrls, refusePageMethods, unlessDatabaseDown } from "./resilience";

const MAX_BODY_BYTES = 2 * 1024 * 1024;
/**
 * The one larger body: a coordinator's roster upload (20 MB file, checked again by the route, plus
 * the multipart envelope). Exact paths only (the page and its single-fetch data URL); any other
 * spelling of the path keeps the 2 MB cap, so a mistake here can only refuse, never admit.
 */
const ROSTER_UPLOAD_PATHS = new Set(["/coordinator/imports", "/coordinator/imports.data"]);
const MAX_ROSTER_UPLOAD_BYTES = 21 * 1024 * 1024;

/**
 * Placement evidence upload: one file of at most 5 MB (checked again, by content, by the route),
 * plus the multipart envelope. The pattern is anchored and admits one path shape only.
 */
const EVIDENCE_UPLOAD_PATH = /^\/coordinator\/placements\/[0-9a-f-]{36}\/evidence(\.data)?$/;
const MAX_EVIDENCE_UPLOAD_BYTES = 5 * 1024 * 1024 + 64 * 1024;

export function maxBodyBytes(req: Pick<express.Request, "method" | "path">): number {
  if (req.method !== "POST") return MAX_BODY_BYTES;
  if (ROSTER_UPLOAD_PATHS.has(req.path)) return MAX_ROSTER_UPLOAD_BYTES;
  return EVIDENCE_UPLOAD_PATH.test(req.path) ? MAX_EVIDENCE_UPLOAD_BYTES : MAX_BODY_BYTES;
}
/** The registration forms post a few kilobytes of form fields and nothing else. */
const FORM_ONLY_PATHS = new Set(["/register", "/coordinator/workers/new"]);
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
const FORM_MAX_BODY_BYTES = 64 * 1024;

/** The CSRF rule (app/services/http.server.ts) over an Express request. */
export function isCrossOriginWrite(req: express.Request): boolean {
  return crossOrigin({
    method: req.method,
    path: req.path,
    header: (name) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    },
  });
}

/**
 * Why a POST to one of the registration forms is refused before Remix reads it, or null. The
 * route checks again (it may be called without this host); here the refusal costs nothing.
 */
export function formPostRefusal(req: express.Request): { status: number; message: string } | null {
  if (req.method !== "POST") return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(req.path)
      .toLowerCase()
      .replace(/\/+$/, "")
      .replace(/\.data$/, "");
  } catch {
    return null; // Remix answers an undecodable path with 400/404 itself
  }
  if (!FORM_ONLY_PATHS.has(pathname)) return null;
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]
    .trim()
    .toLowerCase();
  if (!FORM_TYPES.has(type))
    return { status: 415, message: "Please submit the form itself (application/x-www-form-urlencoded or multipart/form-data) / 请通过网页表单提交" };
  if (req.headers["content-length"] === undefined) return { status: 411, message: "Content-Length required / 缺少内容长度" };
  if (Number(req.headers["content-length"]) > FORM_MAX_BODY_BYTES) return { status: 413, message: "Request body too large / 请求内容过大" };
  return null;
}

function tooLarge(res: express.Response) {
  // The rest of the body is not wanted: the connection closes after the answer (Node discards
  // what is still arriving meanwhile), and is cut if the client keeps sending.
  res.setHeader("Connection", "close");
  res.status(413).type("text/plain; charset=utf-8").send("Request body too large / 请求内容过大");
  res.once("finish", () => setTimeout(() => res.socket?.destroy(), 2000).unref());
}

/**
 * The request body, counted as it streams in: past `limit` bytes the stream fails (the route's
 * formData()/json() rejects) and `onOverflow` runs once. Whatever the Content-Length says.
 */
export function countedBody(source: NodeJS.ReadableStream, limit: number, onOverflow: () => void): ReadableStream<Uint8Array> {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen <= limit) return callback(null, chunk);
      source.unpipe(counter);
      callback(new Error(`request body over ${limit} bytes`));
      onOverflow();
    },
  });
  source.once("error", (e) => counter.destroy(e));
  source.pipe(counter);
  return createReadableStreamFromReadable(counter);
}

/** The Fetch Request Remix sees (as @remix-run/express builds it), its body counted against the cap. */
function remixRequest(req: express.Request, res: express.Response): Request {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p ?? "", 10)).find((p) => Number.isSafeInteger(p));
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value) headers.set(key, value);
  }
  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = countedBody(req, maxBodyBytes(req), () => {
      tooLarge(res);
      controller?.abort(); // the route's work is moot (and Remix does not log errors of aborted requests)
    });
    init.duplex = "half";
  }
  // Loaders and actions are aborted once no answer can be sent (closed before finishing).
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

async function sendResponse(req: express.Request, res: express.Response, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) if (key !== "cache-control") res.append(key, value);
  res.setHeader("Cache-Control", cacheControlFor(req.path, response.headers));
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * Scripts run only from our origin, or inline with this response's nonce (Remix's context and
 * module loaders, React's streaming); no plugins, no framing, no <base> tricks, forms post here
 * only. Inline style attributes are used by the pages (progress bars, layout tweaks), so styles
 * allow them; they cannot run code. In development Vite's HMR adds its websocket.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/**
 * Every page, single-fetch data answer and /api answer holds or may hold personal data: no-store,
 * whatever the route set (unless it already says no-store). Other answers (a public reference
 * list) keep the caching their route chose, no-store when they chose none.
 */
export function cacheControlFor(pathname: string, headers: Headers): string {
  const given = headers.get("Cache-Control");
  if (given && /\bno-store\b/i.test(given)) return given;
  const personal = pathname.startsWith("/api/") || pathname.endsWith(".data") || /^text\/html\b/i.test(headers.get("Content-Type") ?? "");
  return personal || !given ? "no-store" : given;
}

const ASSET_TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

/**
 * The build's precompressed copies of its hashed assets (`x.js.br`, `x.js.gz`), served in place of
 * `x.js` to a client that accepts the encoding. The files are listed once at start (the bundle does
 * not change under a running server), so a request never reaches the file system for a name the
 * build did not write.
 */
export function precompressedAssets(dir: string): express.RequestHandler {
  const have = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = req.path.slice(1);
    const type = ASSET_TYPES[path.extname(name)];
    if (!type || name.includes("/") || !have.has(name)) return next();
    res.setHeader("Vary", "Accept-Encoding");
    // Brotli whenever it is accepted at all: browsers list gzip first ("gzip, deflate, br, zstd"),
    // and negotiating by their order would send a file a sixth larger.
    const encoding = req.acceptsEncodings("br") === "br" ? "br" : req.acceptsEncodings("gzip") === "gzip" ? "gzip" : null;
    const file = encoding === "br" ? `${name}.br` : encoding === "gzip" ? `${name}.gz` : null;
    if (!file || !have.has(file)) return next();
    res.sendFile(
      file,
      {
        root: dir,
        immutable: true,
        maxAge: "1y",
        headers: { "Content-Type": type, "Content-Encoding": encoding },
      },
      (error) => {
        if (error && !res.headersSent) next();
      },
    );
  };
}

/**
 * Which answers to compress: what `compression` would (text, JSON, JS, …) except event streams,
 * whose events must go out as they happen rather than wait in the compressor's buffer.
 */
export function shouldCompress(req: express.Request, res: express.Response): boolean {
  if (/text\/event-stream/i.test(String(res.getHeader("Content-Type") ?? ""))) return false;
  return compression.filter(req, res);
}

export async function startWebServer(
  config: Config,
  opts: { dev?: boolean; log: (line: string) => void },
): Promise<{ server: Server; close: () => Promise<void> }> {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  // Issue 16: early refusals close the connection; NUL bytes and broken %-escapes are a 400.
  // One log line per request (id, method, path without the query, status, time); the id goes back
  // in X-Request-Id and to Remix's handleError, so a fault's line and its request's line meet.
  const logger = getLogger();
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const id = requestIdFor(req.get("X-Request-Id"));
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    res.once("finish", () =>
      logger.info({ reqId: id, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, "request"),
    );
    next();
  });
  app.use(closeWhenBodyUnread);
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.once("finish", () => observeRequest(req.method, req.path, res.statusCode, Number(process.hrtime.bigint() - start) / 1e9));
    next();
  });
  app.use(refuseHostileUrls);
  // Issue 15: pages, data and API answers travel compressed (a page of 135 KB is ~15 KB in brotli).
  // Brotli at quality 5 for live answers (the package's default is 4): /register's 128 KB of HTML
  // goes in 22 KB instead of 25 KB, for about the same few milliseconds (docs/benchmarks.md).
  app.use(compression({ filter: shouldCompress, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } } }));
  app.use(refusePageMethods);
  // Prometheus (docs/operations.md): this machine, or a token.
  app.get("/metrics", async (req, res, next) => {
    if (!mayReadMetrics(req.ip, req.headers.authorization, config.metricsToken)) {
      res.status(403).type("text/plain; charset=utf-8").send("Forbidden / 禁止访问");
      return;
    }
    try {
      const { contentType, body } = await renderMetrics();
      res.setHeader("Cache-Control", "no-store");
      res.type(contentType).send(body);
    } catch (error) {
      next(error);
    }
  });

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    // In development the policy is report-only: Vite's HMR may add what it needs, the browser
    // console still names whatever the policy would block in production.
    // A policy governs documents; the hashed scripts and styles do without its ~300 bytes each (on a
    // phone, /register's sixteen of them came to ~5 KB of its 150 KB budget).
    if (!req.path.startsWith("/assets/")) {
      res.setHeader(opts.dev ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy", contentSecurityPolicy(nonce, { dev: opts.dev }));
    }
    if (config.nodeEnv === "production") res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    delete req.headers["x-lb-client-ip"];
    req.headers["x-lb-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    // Refused at once when the declared length is over the cap; the bytes are counted as well
    // (remixRequest), for chunked bodies and lying clients.
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > maxBodyBytes(req)) {
      tooLarge(res);
      return;
    }
    if (isCrossOriginWrite(req)) {
      res.status(403).type("text/plain; charset=utf-8").send("Cross-origin request refused / 拒绝跨站请求");
      return;
    }
    const refusal = formPostRefusal(req);
    if (refusal) {
      res.status(refusal.status).type("text/plain; charset=utf-8").send(refusal.message);
      return;
    }
    next();
  });

  let build: ServerBuild | (() => Promise<ServerBuild>);
  let closeVite: () => Promise<void> = async () => {};
  if (opts.dev) {
    const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    closeVite = () => vite.close();
  } else {
    const root = process.cwd();
    const assets = path.join(root, "build/client/assets");
    app.use("/assets", precompressedAssets(assets));
    app.use("/assets", express.static(assets, { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
    build = (await import(/* @vite-ignore */ path.join(root, "build/server/index.js"))) as ServerBuild;
  }

  const handle = createRequestHandler(build, opts.dev ? "development" : "production");
  app.all("*", async (req, res, next) => {
    try {
      const request = remixRequest(req, res);
      // A 5xx while the database is down becomes a 503 with Retry-After (issue 16).
      const response = await unlessDatabaseDown(
        await handle(request, { cspNonce: res.locals.cspNonce as string, requestId: res.locals.requestId as string }),
        req.path,
        config.database.url,
      );
      if (res.headersSent) {
        // The body cap has answered 413 already; whatever the route made of the cut body is dropped.
        await response.body?.cancel().catch(() => {});
        return;
      }
      await sendResponse(req, res, response);
    } catch (error) {
      if (res.headersSent) return;
      next(error);
    }
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.on("error", reject);
  });
  opts.log(`web: listening on http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`);
  return {
    server,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets would hold close() open until they time out; in-flight requests
      // have finished by the time idle sockets are cut.
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 5000).unref();
      await closed;
      await closeVite();
    },
  };
}
