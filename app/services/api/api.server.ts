// /api/v1 plumbing: bearer authentication, JSON errors with field paths, zod parsing of query
// strings. Route modules stay thin: authenticate → parse → one service call → json.
import type { Principal, Role } from "~/domain/access";
import { hasRole, isAdmin, isSuspendedEmployer } from "~/domain/access";
import type { z } from "zod";
import { principalFromBearer } from "../api-tokens.server";

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

/**
 * A resource cut from a row that already holds its fields as the resource shows them: the schema's fields, in
 * the schema's order, and nothing else (no column the schema leaves out reaches a client).
 */
export function pickResource<S extends z.ZodObject>(schema: S, row: z.output<S>): z.output<S> {
  return Object.fromEntries(Object.keys(schema.shape).map((k) => [k, (row as Record<string, unknown>)[k]])) as z.output<S>;
}
