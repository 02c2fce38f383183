// Small helpers for loaders and actions.

/** Throws a Response when `condition` is falsy (404 by default), narrowing the type. */
export function invariantResponse(condition: unknown, message: string, init: ResponseInit = { status: 404 }): asserts condition {
  if (!condition) throw new Response(message, { ...init, headers: { "Content-Type": "text/plain; charset=utf-8", ...init.headers } });
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
