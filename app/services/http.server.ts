// Small helpers for loaders and actions.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

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
