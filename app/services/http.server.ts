// Small helpers for loaders and actions.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { EMPLOYER_SUSPENDED, isSuspendedEmployer, type Principal } from "~/domain/access";

/** Throws a Response when `condition` is falsy (404 by default), narrowing the type. */
export function invariantResponse(condition: unknown, message: string, init: ResponseInit = { status: 404 }): asserts condition {
  if (!condition) throw new Response(message, { ...init, headers: { "Content-Type": "text/plain; charset=utf-8", ...init.headers } });
}

/** Throws a clear 403 when a suspended employer asks for anyone's personal data. */
export function refuseSuspendedEmployer(p: Principal): void {
  invariantResponse(!isSuspendedEmployer(p), EMPLOYER_SUSPENDED, { status: 403 });
}

/** The client address as seen by the server (Express sets X-Forwarded-For only behind a trusted proxy). */
export function clientIp(request: Request): string {
  return request.headers.get("x-lb-client-ip") ?? request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "unknown";
}

const ORIGIN = "http://lb.invalid";

/**
 * The same-origin path `to` names, or null. Parsed with `new URL` the way a browser would read a
 * Location header, so tricks like `/\t/evil` (the tab is dropped: `//evil`), `/\\evil` or
 * `/.//evil` cannot name another host; control characters (which would also break the header) are
 * refused outright.
 */
export function sameOriginPath(to: unknown): string | null {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000 || /[\u0000-\u001f\u007f\\]/.test(to)) return null;
  let url: URL;
  try {
    url = new URL(to, ORIGIN);
  } catch {
    return null;
  }
  const path = url.pathname + url.search + url.hash;
  if (url.origin !== ORIGIN || path.startsWith("//")) return null;
  return path;
}

/** Only same-origin paths are accepted as redirect targets; anything else gives `fallback`. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  return sameOriginPath(to) ?? fallback;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-origin request forgery check after the Fetch-Metadata model (as in Go's net/http
 * CrossOriginProtection): browsers tell us where a request came from in Sec-Fetch-Site, older ones
 * in Origin. Session cookies are also SameSite=Lax. Bearer-token API calls carry no ambient
 * credentials and are exempt. The web server applies it to every request (app/server/web.ts); a
 * route that releases personal data on a POST checks again, so it holds without that host too.
 */
export function isCrossOriginWrite(req: { method: string; path: string; header: (name: string) => string | undefined }): boolean {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return false;
  if (req.path.startsWith("/api/") && req.header("authorization")?.startsWith("Bearer ")) return false;
  const site = req.header("sec-fetch-site");
  if (site === "same-origin" || site === "none") return false;
  if (site === "cross-site" || site === "same-site") return true;
  const origin = req.header("origin");
  if (!origin) return false; // not a browser (curl, tests) or a very old one: no ambient cookies to abuse
  try {
    return new URL(origin).host !== req.header("host");
  } catch {
    return true;
  }
}

/** Throws 403 for a cross-site POST (see isCrossOriginWrite); for actions behind a cookie session. */
export function requireSameOrigin(request: Request): void {
  const url = new URL(request.url);
  const cross = isCrossOriginWrite({
    method: request.method,
    path: url.pathname,
    header: (name) => (name === "host" ? (request.headers.get("host") ?? url.host) : (request.headers.get(name) ?? undefined)),
  });
  invariantResponse(!cross, "Cross-origin request refused / 拒绝跨站请求", { status: 403 });
}

export type UploadForm = { ok: true; form: FormData } | { ok: false; status: 400 | 413; problem: "tooLarge" | "notMultipart" | "malformed" };

/**
 * An upload form (multipart, parts kept in memory, each at most `maxPartSize` bytes and refused as
 * soon as it passes that). What cannot be parsed is an answer for the form, never a 500: a part
 * too large (413), not a multipart form at all, or a malformed one — e.g. a file name with a
 * ";" or "=" that the parser cannot split (400).
 */
export async function parseUploadForm(request: Request, maxPartSize: number): Promise<UploadForm> {
  try {
    return { ok: true, form: await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize })) };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, status: 413, problem: "tooLarge" };
    if (error instanceof TypeError) return { ok: false, status: 400, problem: "notMultipart" };
    // @web3-storage/multipart-parser (under Remix's parser) throws plain Errors "malformed …".
    if (error instanceof Error && /^malformed /.test(error.message)) return { ok: false, status: 400, problem: "malformed" };
    throw error;
  }
}
