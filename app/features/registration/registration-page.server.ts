// What the two registration pages (the public /register and the coordinator's
// /coordinator/workers/new) need around the registration service: the form body read
// defensively, the per-address limit on the public form, the reference lists the form offers,
// and the reply that re-renders the form with everything typed.
import type { Submission, SubmissionResult } from "@conform-to/react";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { z } from "zod";
import { HEBEI, regionPrefix } from "~/domain/regions";
import { HistorySchema, SkillSchema } from "./schema";
import { createRateLimiter, createSessionCookie } from "~/services/auth.server";
import { getDb, type Db } from "~/services/db.server";
import type { FieldProblem } from "./registration.server";

// ───────────── reading the form post ─────────────

/** A registration form is a few kilobytes; the Express host refuses more before it gets here. */
export const FORM_BODY_MAX_BYTES = 64 * 1024;
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
/** The longest list the form sends is the 32 Beijing/Tianjin districts and the two "any district" choices. */
const MAX_VALUES_PER_NAME = 40;
/** The schema's limit on skill and history rows. */
const MAX_ROWS = 5;
const ROW_FIELDS: Record<string, string[]> = { skills: Object.keys(SkillSchema.shape), history: Object.keys(HistorySchema.shape) };

/** The names a form for `schema` may send: its fields, rows as `skills[i].level`, and the page's `intent`. */
export function formFieldNames(schema: z.ZodObject): ReadonlySet<string> {
  const names = new Set(["intent"]);
  for (const key of Object.keys(schema.shape)) {
    const row = ROW_FIELDS[key];
    if (!row) names.add(key);
    else for (let i = 0; i < MAX_ROWS; i++) row.forEach((f) => names.add(`${key}[${i}].${f}`));
  }
  return names;
}

const refuse = (status: number, message: string) => ({ ok: false as const, response: new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } }) });

/**
 * Reads a form post (callers throw the refusal: a thrown Response reaches the error boundary with its
 * status, whereas a returned one would become the page's action data): only form encodings, at most `maxBytes`, only the names the form has (as
 * strings). Unknown names are dropped before conform sees them: conform builds `a[4294967294]`
 * into an array of that length, and one such request would stall the server.
 */
export async function readFormPost(request: Request, names: ReadonlySet<string>, maxBytes = FORM_BODY_MAX_BYTES, maxValuesPerName = MAX_VALUES_PER_NAME): Promise<{ ok: true; formData: FormData } | ReturnType<typeof refuse>> {
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

// ───────────── per-address limit on the public form ─────────────

/** Generous for a family registering several people on one phone, tight for a script. */
export const REGISTRATION_LIMIT = { points: 20, durationSeconds: 10 * 60 };
const g = globalThis as { __lbRegistrationLimiter?: RateLimiterAbstract };

/** Counts one submission from `ip`; answers the seconds to wait when over the limit, else null. */
export async function registrationRateLimited(ip: string): Promise<number | null> {
  g.__lbRegistrationLimiter ??= createRateLimiter("register_ip", REGISTRATION_LIMIT);
  try {
    await g.__lbRegistrationLimiter.consume(ip);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}

// ───────────── what the form offers ─────────────

export type RegionOption = { code: string; name: string; nameEn: string | null };
export type RegionGroup = RegionOption & { children: RegionOption[] };
export type OccupationGroup = { category: string; occupations: { code: string; nameZh: string; nameEn: string }[] };
export type RegistrationOptions = { counties: RegionGroup[]; destinations: RegionGroup[]; occupations: OccupationGroup[] };

/** Categories in the order a job seeker looks for them (the common labour-export trades first). */
const CATEGORY_ORDER = ["domestic", "care", "cleaning", "catering", "hospitality", "security", "property", "construction", "decoration", "electrical", "manufacturing", "textile", "logistics", "transport", "auto", "ecommerce", "retail", "beauty", "food", "agriculture"];
const regionSelect = { code: true, name: true, nameEn: true, parentCode: true } as const;

/** Counties grouped under their parents, e.g. Hebei's counties by prefecture. */
async function groupedCounties(where: NonNullable<Parameters<Db["region"]["findMany"]>[0]>["where"], db: Db): Promise<RegionGroup[]> {
  const counties = await db.region.findMany({ where: { level: "COUNTY", ...where }, select: regionSelect, orderBy: { code: "asc" } });
  const parents = await db.region.findMany({ where: { code: { in: [...new Set(counties.map((c) => c.parentCode ?? ""))] } }, select: regionSelect, orderBy: { code: "asc" } });
  return parents.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn, children: counties.filter((c) => c.parentCode === p.code).map(({ code, name, nameEn }) => ({ code, name, nameEn })) }));
}

/**
 * The lists the form offers: household counties (all of Hebei, or a coordinator's `scope`),
 * Beijing and Tianjin districts as destinations, and the occupation taxonomy by category.
 */
export async function registrationOptions(scope: string[] | null, db: Db = getDb()): Promise<RegistrationOptions> {
  const [counties, destinations, occupations] = await Promise.all([
    groupedCounties({ OR: (scope ?? [HEBEI]).map((code) => ({ code: { startsWith: regionPrefix(code) } })) }, db),
    // Beijing's and Tianjin's districts sit under a "市辖区" placeholder: group them by the city.
    db.region.findMany({ where: { level: { in: ["PROVINCE", "COUNTY"] }, OR: [{ code: { startsWith: "11" } }, { code: { startsWith: "12" } }] }, select: regionSelect, orderBy: { code: "asc" } }),
    db.occupation.findMany({ select: { code: true, nameZh: true, nameEn: true, category: true }, orderBy: { code: "asc" } }),
  ]);
  const rank = (category: string) => (CATEGORY_ORDER.includes(category) ? CATEGORY_ORDER.indexOf(category) : CATEGORY_ORDER.length);
  const categories = [...new Set(occupations.map((o) => o.category))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return {
    counties,
    destinations: destinations
      .filter((r) => r.parentCode === null)
      .map((city) => ({ code: city.code, name: city.name, nameEn: city.nameEn, children: destinations.filter((d) => d.parentCode !== null && d.code.startsWith(city.code.slice(0, 2))).map(({ code, name, nameEn }) => ({ code, name, nameEn })) })),
    occupations: categories.map((category) => ({ category, occupations: occupations.filter((o) => o.category === category).map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })) })),
  };
}

/** The townships of one county (the cascade's second level); nothing for anything else. */
export async function townshipsOf(countyCode: unknown, db: Db = getDb()): Promise<RegionOption[]> {
  if (typeof countyCode !== "string" || !/^\d{6}$/.test(countyCode)) return [];
  return db.region.findMany({ where: { parentCode: countyCode, level: "TOWNSHIP" }, select: { code: true, name: true, nameEn: true }, orderBy: { code: "asc" } });
}

// ───────────── answering ─────────────

export type RegistrationActionData = {
  result: SubmissionResult<string[]>;
  /** The townships of the county in the answer, so the form shows them without JavaScript. */
  townships: { county: string; list: RegionOption[] };
  duplicate?: boolean;
};

export const SECRET_FIELDS = ["secret", "secretConfirm"];

/** Re-renders the form with what was typed (never the secrets), its problems, and the county's townships. */
export async function registrationReply(
  submission: Submission<unknown, string[], unknown>,
  status: number,
  extra: { formErrors?: string[]; problems?: FieldProblem[]; duplicate?: boolean } = {},
): Promise<Response> {
  const fieldErrors: Record<string, string[]> = {};
  for (const p of extra.problems ?? []) (fieldErrors[p.field] ??= []).push(p.message);
  const result = submission.reply({ hideFields: SECRET_FIELDS, ...(extra.formErrors || extra.problems ? { formErrors: extra.formErrors ?? [], fieldErrors } : {}) });
  const county = (submission.payload as Record<string, unknown>).countyCode;
  const data: RegistrationActionData = { result, townships: { county: typeof county === "string" ? county : "", list: await townshipsOf(county) }, ...(extra.duplicate ? { duplicate: true } : {}) };
  return Response.json(data, { status });
}

/** Signs a person in right after they registered themselves (registerWorker made their account). */
export async function sessionForNewWorker(workerId: string, db: Db = getDb()): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { workerId }, select: { id: true } });
  return createSessionCookie(user.id, db);
}
