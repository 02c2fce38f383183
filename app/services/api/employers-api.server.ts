// /api/v1 for employers, job postings and training orders: the same schemas and services as the
// pages (so validation, lifecycles, audit and outbox rows are identical), answered as JSON with
// English messages and field paths. Scope as on the pages: an employer token (its employerId)
// reaches its own records only; coordinator tokens their region; out of scope reads as absent.
import { calendarDayOrNull as day } from "~/platform/china-time";
import { z } from "zod";
import type { Principal, Role } from "~/domain/access";
import { decisionForStatus } from "~/domain/employer";
import { postingActionFor } from "~/domain/posting";
import { orderActionFor } from "~/domain/training-order";
import { getI18n } from "~/i18n/i18n";
import type { Outcome } from "~/platform/outcome";
import { decideEmployer, employerForApi } from "~/features/employers/index.server";
import { changePostingStatus, postingContent, postingForApi } from "~/features/employers/index.server";
import { actOnTrainingOrder, orderForApi } from "~/features/training/index.server";
import { apiError, apiJson, parseQuery, pickResource, requireApiPrincipal } from "./api.server";
import { PageQuerySchema } from "./schemas";

const en = () => getI18n("en").t;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ───────────── resources (also the OpenAPI response schemas) ─────────────

export const EmployerResourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  districtCode: z.string(),
  industry: z.string(),
  address: z.string().nullable(),
  contactName: z.string(),
  contactPhoneMasked: z.string().meta({ description: "e.g. 139****5678; never in full" }),
  status: z.enum(["PENDING", "VERIFIED", "REJECTED", "SUSPENDED"]),
  statusReason: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const PostingResourceSchema = z.object({
  id: z.string(),
  employerId: z.string(),
  occupationCode: z.string(),
  title: z.string(),
  description: z.string(),
  headcount: z.number().int(),
  wageMin: z.number().int(),
  wageMax: z.number().int(),
  workRegionCode: z.string(),
  workAddress: z.string().nullable(),
  startDate: z.string().nullable(),
  contractMonths: z.number().int().nullable(),
  housing: z.boolean(),
  meals: z.boolean(),
  socialInsurance: z.boolean(),
  travelSubsidy: z.number().int().nullable(),
  requirements: z.object({
    skills: z.array(z.object({ occupationCode: z.string(), minLevel: z.number().int().nullable() })),
    certificates: z.array(z.string()),
  }),
  ageMin: z.number().int().nullable(),
  ageMax: z.number().int().nullable(),
  deadline: z.string().nullable(),
  status: z.enum(["DRAFT", "OPEN", "FILLED", "CLOSED", "EXPIRED"]),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const TrainingOrderResourceSchema = z.object({
  id: z.string(),
  employerId: z.string(),
  kind: z.enum(["ORDER_BASED", "POST_BASED", "COMPOUND"]),
  occupationCode: z.string(),
  title: z.string(),
  description: z.string(),
  classSize: z.number().int(),
  trainingHours: z.number().int(),
  providerId: z.string().nullable(),
  scheduleStart: z.string().nullable(),
  scheduleEnd: z.string().nullable(),
  locationRegionCode: z.string(),
  locationAddress: z.string().nullable(),
  attendanceThreshold: z.number().int(),
  assessmentRequired: z.boolean(),
  generalModules: z.array(z.string()),
  commitHires: z.number().int().nullable(),
  commitWage: z.number().int().nullable(),
  retentionMonths: z.number().int().nullable(),
  status: z.enum(["DRAFT", "SUBMITTED", "APPROVED", "REJECTED", "IN_PROGRESS", "COMPLETED", "CANCELLED"]),
  statusReason: z.string().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

type EmployerRow = NonNullable<Awaited<ReturnType<typeof employerForApi>>>;
export function toEmployerResource(e: EmployerRow): z.infer<typeof EmployerResourceSchema> {
  return { ...e, verifiedAt: iso(e.verifiedAt), createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString() };
}

type PostingRow = NonNullable<Awaited<ReturnType<typeof postingForApi>>>;
export function toPostingResource(p: PostingRow): z.infer<typeof PostingResourceSchema> {
  return pickResource(PostingResourceSchema, {
    ...p,
    ...postingContent(p),
    publishedAt: iso(p.publishedAt),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  });
}

type OrderRow = NonNullable<Awaited<ReturnType<typeof orderForApi>>>;
export function toOrderResource(o: OrderRow): z.infer<typeof TrainingOrderResourceSchema> {
  return pickResource(TrainingOrderResourceSchema, {
    ...o,
    scheduleStart: day(o.scheduleStart),
    scheduleEnd: day(o.scheduleEnd),
    approvedAt: iso(o.approvedAt),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  });
}

// ───────────── request plumbing ─────────────

/** The JSON body, or the error to answer with (thrown). */
export async function readJsonBody(request: Request): Promise<unknown> {
  if (!request.headers.get("Content-Type")?.includes("application/json")) throw apiError(415, "unsupported_media_type", "Send application/json");
  if (Number(request.headers.get("Content-Length") ?? 0) > 64 * 1024) throw apiError(413, "payload_too_large", "The body is larger than 64 KB");
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw apiError(400, "invalid_json", "The body is not valid JSON");
  }
  // PostgreSQL text cannot hold NUL (error 22021): refused here rather than answered with a 500.
  if (text.includes("\\u0000") || text.includes("\0")) throw apiError(400, "invalid_request", "The body contains a NUL character (\\u0000)");
  try {
    return JSON.parse(text);
  } catch {
    throw apiError(400, "invalid_json", "The body is not valid JSON");
  }
}

/** Parses a body with a form's schema; problems answer 400 with their paths and English messages. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body);
  if (!r.success)
    throw apiError(
      400,
      "invalid_request",
      "The request has invalid fields",
      r.error.issues.map((i) => ({ path: i.path.join("."), message: en()(i.message) })),
    );
  return r.data;
}

/** A failed service outcome as an API error: 400 with fields, or 409 for a refused step or a lost race. */
export function outcomeError(outcome: Exclude<Outcome, { ok: true }>): Response {
  if (outcome.kind === "invalid")
    return apiError(
      400,
      "invalid_request",
      "The request has invalid fields",
      outcome.problems.map((p) => ({ path: p.field, message: en()(p.message) })),
    );
  if (outcome.kind === "conflict") return apiError(409, "conflict", en()("emp.conflict"));
  return apiError(409, "transition_refused", en()(outcome.message));
}

export function requireMethod(request: Request, methods: string[]): void {
  if (!methods.includes(request.method)) throw apiError(405, "method_not_allowed", `Use ${methods.join(" or ")}`);
}

/** A write's start, in the order every write answers: the method (405), the token and its role (401/403), the JSON body (415/413/400). */
export async function readApiWrite<S extends z.ZodType>(
  request: Request,
  methods: string[],
  roles: Role[],
  schema: S,
): Promise<{ principal: Principal; body: z.output<S> }> {
  requireMethod(request, methods);
  const principal = await requireApiPrincipal(request, roles);
  return { principal, body: parseBody(schema, await readJsonBody(request)) };
}

/** 404 for what is absent or outside the token's scope: `apiNotFound("posting")` answers "No such posting". */
export const apiNotFound = (what: string) => apiError(404, "not_found", `No such ${what}`);

/** The resource as JSON, or 404 when it is absent or outside the token's scope. */
export function apiFound<T>(found: T | null | undefined, what: string, resource: (found: T) => unknown = (x) => x): Response {
  return found ? apiJson(resource(found)) : apiNotFound(what);
}

/** What a service step answers: 404 when its subject is gone (null), its refusal as an API error, else `answer` (the fresh resource). */
export async function stepAnswer<R extends Outcome>(
  result: R | null | undefined,
  what: string,
  answer: (done: Extract<R, { ok: true }>) => unknown,
  status = 200,
): Promise<Response> {
  if (!result) return apiNotFound(what);
  if (!result.ok) return outcomeError(result as Exclude<Outcome, { ok: true }>);
  return apiJson(await answer(result as Extract<R, { ok: true }>), status);
}

/** One page of a list. */
export function apiPage(query: { page: number; pageSize: number }, total: number, items: unknown[]): Response {
  return apiJson({ total, page: query.page, pageSize: query.pageSize, items });
}

/** GET a list: the token's roles, the query string by its schema, the service's page, each row as its resource. */
export async function apiList<Q extends { page: number; pageSize: number }, Row>(
  request: Request,
  roles: Role[],
  schema: z.ZodType<Q>,
  list: (p: Principal, query: Q) => Promise<{ total: number; items: Row[] }>,
  toResource: (row: Row) => unknown,
): Promise<Response> {
  const principal = await requireApiPrincipal(request, roles);
  const query = parseQuery(request, schema);
  const { total, items } = await list(principal, query);
  return apiPage(query, total, items.map(toResource));
}

const notAllowed = (from: string, to: string) => apiError(409, "transition_refused", `A change from ${from} to ${to} is not allowed`);

// ───────────── status changes: the status asked for → the lifecycle step ─────────────

export async function changeEmployerStatusFromApi(
  p: Principal,
  employerId: string,
  to: z.infer<typeof EmployerResourceSchema>["status"],
  reason: string | undefined,
  ip: string | null,
): Promise<Response> {
  return changeStatus({
    what: "employer",
    read: () => employerForApi(p, employerId),
    to,
    stepFor: decisionForStatus,
    run: (decision) => decideEmployer(p, employerId, decision, reason, ip),
    resource: toEmployerResource,
  });
}

export async function changePostingStatusFromApi(
  p: Principal,
  postingId: string,
  to: z.infer<typeof PostingResourceSchema>["status"],
  ip: string | null,
): Promise<Response> {
  return changeStatus({
    what: "posting",
    read: async () => {
      const current = await postingForApi(p, postingId);
      return current?.employerId === p.employerId ? current : null;
    },
    to,
    stepFor: postingActionFor,
    run: (action) => changePostingStatus(p, postingId, action, { ip, source: "api" }),
    resource: toPostingResource,
  });
}

export async function changeOrderStatusFromApi(
  p: Principal,
  orderId: string,
  to: z.infer<typeof TrainingOrderResourceSchema>["status"],
  reason: string | undefined,
  ip: string | null,
): Promise<Response> {
  return changeStatus({
    what: "training order",
    read: () => orderForApi(p, orderId),
    to,
    stepFor: orderActionFor,
    run: (action) => actOnTrainingOrder(p, orderId, action, reason, { ip, source: "api" }),
    resource: toOrderResource,
  });
}

/** A status asked for: the record in scope (404), the lifecycle step that reaches it (409 when none), the step, the record as it is now. */
async function changeStatus<Row extends { status: string }, To extends string, Step>(c: {
  what: string;
  read: () => Promise<Row | null>;
  to: To;
  stepFor: (from: Row["status"], to: To) => Step | null | undefined;
  run: (step: Step) => Promise<Outcome | null | undefined>;
  resource: (row: Row) => unknown;
}): Promise<Response> {
  const current = await c.read();
  if (!current) return apiNotFound(c.what);
  const step = c.stepFor(current.status, c.to);
  if (!step) return notAllowed(current.status, c.to);
  return stepAnswer(await c.run(step), c.what, async () => c.resource((await c.read())!));
}

// ───────────── list queries ─────────────

const page = PageQuerySchema.shape;
export const EmployerQuerySchema = z.object({ status: EmployerResourceSchema.shape.status.optional(), ...page });
export const PostingQuerySchema = z.object({ status: PostingResourceSchema.shape.status.optional(), employerId: z.uuid().optional(), ...page });
export const TrainingOrderQuerySchema = z.object({ status: TrainingOrderResourceSchema.shape.status.optional(), ...page });
export const pageOf = <S extends z.ZodType>(item: S) =>
  z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(item) });
