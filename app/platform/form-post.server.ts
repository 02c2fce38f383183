// Reading a form post, for every page action: only form encodings, a bounded body, only the
// names the page's form has. Server-only (reads the request body).
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import type { Principal } from "~/domain/access";
import { clientIp } from "~/services/http.server";

/** A registration form is a few kilobytes; the Express host refuses more before it gets here. */
export const FORM_BODY_MAX_BYTES = 64 * 1024;
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
/** The longest list the form sends is the 32 Beijing/Tianjin districts and the two "any district" choices. */
const MAX_VALUES_PER_NAME = 40;

/** Row fields a form posts as `name[i].field`, at most `max` rows. */
export type FormRows = Record<string, { fields: string[]; max: number }>;

/** The names a form may post: its schema's fields, `rows` as `name[i].field`, and extra names (intent is always one). */
export function formNames(schema: z.ZodObject, rows: FormRows = {}, extra: string[] = []): ReadonlySet<string> {
  const names = new Set(["intent", ...extra]);
  for (const key of Object.keys(schema.shape)) {
    const row = rows[key];
    if (!row) names.add(key);
    else for (let i = 0; i < row.max; i++) row.fields.forEach((f) => names.add(`${key}[${i}].${f}`));
  }
  return names;
}

const refuse = (status: number, message: string) => ({
  ok: false as const,
  response: new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } }),
});

/**
 * Reads a form post (callers throw the refusal: a thrown Response reaches the error boundary with its
 * status, whereas a returned one would become the page's action data): only form encodings, at most `maxBytes`, only the names the form has (as
 * strings). Unknown names are dropped before conform sees them: conform builds `a[4294967294]`
 * into an array of that length, and one such request would stall the server.
 */
export async function readFormPost(
  request: Request,
  names: ReadonlySet<string>,
  maxBytes = FORM_BODY_MAX_BYTES,
  maxValuesPerName = MAX_VALUES_PER_NAME,
): Promise<{ ok: true; formData: FormData } | ReturnType<typeof refuse>> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!FORM_TYPES.has(contentType.split(";")[0].trim().toLowerCase())) {
    return refuse(415, "Please submit the form itself (application/x-www-form-urlencoded or multipart/form-data) / 请通过网页表单提交");
  }
  const body = Number(request.headers.get("Content-Length") ?? 0) > maxBytes ? null : await readAtMost(request, maxBytes);
  if (!body) return refuse(413, "Request body too large / 请求内容过大");
  let raw: FormData;
  try {
    raw = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    return refuse(400, "The form could not be read / 表单内容无法读取");
  }
  const formData = new FormData();
  const counts = new Map<string, number>();
  for (const [name, value] of raw) {
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    // PostgreSQL text cannot hold NUL (error 22021, a 500): no form field needs one.
    if (typeof value === "string" && value.includes("\0")) return refuse(400, "Invalid character in the form / 表单包含无效字符");
    if (names.has(name) && typeof value === "string" && n <= maxValuesPerName) formData.append(name, value);
  }
  return { ok: true, formData };
}

/**
 * A public form's post (as readFormPost reads it) and its sender's address, which `limited` checks
 * against the form's rate limit. While the address must wait, `wait` holds the post as an unparsed
 * submission (the form comes back as typed) and the minutes to wait, for the page's own message.
 */
export async function readRateLimitedFormPost(request: Request, names: ReadonlySet<string>, limited: (ip: string) => Promise<number | null>) {
  const read = await readFormPost(request, names);
  if (!read.ok) throw read.response;
  const ip = clientIp(request);
  const retryAfter = await limited(ip);
  const wait = retryAfter === null ? null : { submission: parseWithZod(read.formData, { schema: z.unknown() }), minutes: Math.ceil(retryAfter / 60) };
  return { formData: read.formData, ip, wait };
}

/** An area's door to its pages (requireCoordinator, requireEmployer …): who is asking, refused (thrown) when not of the area. */
export type AreaDoor = (request: Request, context: unknown) => Promise<{ principal: Principal }>;

/**
 * The first steps of a signed-in area's page action: who is asking (through the area's `door`), the
 * post read with only the form's `names` (a refusal is thrown), and the sender's address.
 */
export async function readAreaPost(door: AreaDoor, request: Request, context: unknown, names: ReadonlySet<string>) {
  const { principal } = await door(request, context);
  const read = await readFormPost(request, names);
  if (!read.ok) throw read.response;
  return { principal, formData: read.formData, ip: clientIp(request) };
}

/** An area's form post (readAreaPost) with the submission parsed with `schema`. */
export async function readAreaForm<S extends z.ZodType>(door: AreaDoor, request: Request, context: unknown, names: ReadonlySet<string>, schema: S) {
  const post = await readAreaPost(door, request, context, names);
  return { ...post, submission: parseWithZod(post.formData, { schema }) };
}

async function readAtMost(request: Request, maxBytes: number): Promise<Blob | null> {
  if (!request.body) return new Blob([]);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  return new Blob(chunks);
}
