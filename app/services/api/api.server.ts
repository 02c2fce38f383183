// /api/v1 plumbing: bearer authentication, JSON errors with field paths, zod parsing of query
// strings and JSON bodies, service outcomes as answers, pages of lists, resources cut by their schema.
// Route modules stay thin: authenticate → parse → one service call → json.
import type { Principal, Role } from "~/domain/access";
import { hasRole, isAdmin, isSuspendedEmployer } from "~/domain/access";
import { z } from "zod";
import { getI18n } from "~/i18n/i18n";
import type { Outcome } from "~/platform/outcome";
import { principalFromBearer } from "../api-tokens.server";

const en = () => getI18n("en").t;

export type ApiError = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };

/** A JSON answer to an API client (resource routes stay Response-based: the body is the contract, see the OpenAPI document). */
export function apiJson(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

export function apiError(status: number, code: string, message: string, fields?: ApiError["error"]["fields"]): Response {
  return apiJson({ error: { code, message, ...(fields ? { fields } : {}) } } satisfies ApiError, status);
}

export async function requireApiPrincipal(request: Request, roles?: Role[]): Promise<Principal> {
  const principal = await principalFromBearer(request);
  if (!principal) throw apiError(401, "unauthorized", "A valid bearer token is required");
  if (roles && !isAdmin(principal) && !roles.some((r) => hasRole(principal, r))) {
    throw apiError(403, "forbidden", "This token's role may not use this resource");
  }
  // Every resource an employer token may use shows people (candidates, placements) or is the
  // employer's own business, which a suspended account no longer conducts.
  if (roles?.includes("EMPLOYER") && isSuspendedEmployer(principal)) {
    throw apiError(403, "employer_suspended", "This employer account is suspended: candidates, matches and placements are not available");
  }
  return principal;
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const url = new URL(request.url);
  const result = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!result.success) {
    throw apiError(
      400,
      "invalid_request",
      "The request has invalid fields",
      result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  return result.data;
}

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

/** A page of a list as the OpenAPI document describes it. */
export const pageOf = <S extends z.ZodType>(item: S) =>
  z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(item) });

/**
 * A resource cut from a row that already holds its fields as the resource shows them: the schema's fields, in
 * the schema's order, and nothing else (no column the schema leaves out reaches a client).
 */
export function pickResource<S extends z.ZodObject>(schema: S, row: z.output<S>): z.output<S> {
  return Object.fromEntries(Object.keys(schema.shape).map((k) => [k, (row as Record<string, unknown>)[k]])) as z.output<S>;
}
