// Small helpers for loaders and actions.

/** Throws a Response when `condition` is falsy (404 by default), narrowing the type. */
export function invariantResponse(condition: unknown, message: string, init: ResponseInit = { status: 404 }): asserts condition {
  if (!condition) throw new Response(message, { ...init, headers: { "Content-Type": "text/plain; charset=utf-8", ...init.headers } });
}

/** The client address as seen by the server (Express sets X-Forwarded-For only behind a trusted proxy). */
export function clientIp(request: Request): string {
  return request.headers.get("x-lb-client-ip") ?? request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "unknown";
}

/** Only same-site relative paths are accepted as redirect targets. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
