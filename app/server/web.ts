// The HTTP server: Express in front of the Remix request handler. It adds what Remix leaves to
// the host: static assets, security headers, a body-size cap, the client address, and CSRF
// protection for every state-changing request that rides on cookies.
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { Server } from "node:http";
import path from "node:path";
import type { Config } from "~/services/env.server";
import { closeWhenBodyUnread, createResilientRequestHandler, refuseHostileUrls } from "./resilience";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
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

/**
 * Cross-origin request forgery protection after the Fetch-Metadata model (as in Go's
 * net/http CrossOriginProtection): browsers tell us where a request came from in
 * Sec-Fetch-Site, older ones in Origin. Session cookies are also SameSite=Lax. Bearer-token API
 * calls carry no ambient credentials and are exempt.
 */
export function isCrossOriginWrite(req: express.Request): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  if (req.path.startsWith("/api/") && req.headers.authorization?.startsWith("Bearer ")) return false;
  const site = req.headers["sec-fetch-site"];
  if (site === "same-origin" || site === "none") return false;
  if (site === "cross-site" || site === "same-site") return true;
  const origin = req.headers.origin;
  if (!origin) return false; // not a browser (curl, tests) or a very old one: no ambient cookies to abuse
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/**
 * Why a POST to one of the registration forms is refused before Remix reads it, or null. The
 * route checks again (it may be called without this host); here the refusal costs nothing.
 */
export function formPostRefusal(req: express.Request): { status: number; message: string } | null {
  if (req.method !== "POST") return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(req.path).toLowerCase().replace(/\/+$/, "").replace(/\.data$/, "");
  } catch {
    return null; // Remix answers an undecodable path with 400/404 itself
  }
  if (!FORM_ONLY_PATHS.has(pathname)) return null;
  const type = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.has(type)) return { status: 415, message: "Please submit the form itself (application/x-www-form-urlencoded or multipart/form-data) / 请通过网页表单提交" };
  if (req.headers["content-length"] === undefined) return { status: 411, message: "Content-Length required / 缺少内容长度" };
  if (Number(req.headers["content-length"]) > FORM_MAX_BODY_BYTES) return { status: 413, message: "Request body too large / 请求内容过大" };
  return null;
}

export async function startWebServer(config: Config, opts: { dev?: boolean; log: (line: string) => void }): Promise<{ server: Server; close: () => Promise<void> }> {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  // Issue 16: early refusals close the connection; NUL bytes and broken %-escapes are a 400.
  app.use(closeWhenBodyUnread);
  app.use(refuseHostileUrls);

  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    delete req.headers["x-lb-client-ip"];
    req.headers["x-lb-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > maxBodyBytes(req)) {
      res.status(413).type("text/plain; charset=utf-8").send("Request body too large / 请求内容过大");
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
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
    build = (await import(/* @vite-ignore */ path.join(root, "build/server/index.js"))) as ServerBuild;
  }

  // As @remix-run/express's handler, but a 5xx while the database is down becomes a 503 (issue 16).
  app.all("*", createResilientRequestHandler({ build, mode: opts.dev ? "development" : "production", databaseUrl: config.database.url }));

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
