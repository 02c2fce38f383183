import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiError, apiJson, parseQuery, requireApiPrincipal } from "~/services/api/api.server";
import { PageQuerySchema } from "~/services/api/schemas";
import { toWorkerResource } from "~/services/api/resources.server";
import { createWorkersFromApi, MAX_BATCH, summarise } from "~/services/api/workers-api.server";
import { clientIp } from "~/services/http.server";
import { idLookupsPaused } from "~/features/registration/index.server";
import { listWorkers } from "~/features/registration/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const query = parseQuery(request, PageQuerySchema);
  const page = await listWorkers(principal, query);
  return apiJson({ total: page.total, page: page.page, pageSize: page.pageSize, items: page.rows.map(toWorkerResource) });
}

/** One worker (an object) or a batch ({ workers: [...] }); each item answers for itself. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST");
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const paused = await idLookupsPaused(principal, "API");
  if (paused !== null) {
    const res = apiError(429, "rate_limited", "Too many ID numbers registered outside this token's region in the last hour; try again later");
    res.headers.set("Retry-After", String(paused));
    return res;
  }
  if (!request.headers.get("Content-Type")?.includes("application/json")) return apiError(415, "unsupported_media_type", "Send application/json");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "invalid_json", "The body is not valid JSON");
  }
  // PostgreSQL text cannot hold NUL (error 22021): a 400 here, not a 500 from the database.
  if (JSON.stringify(body).includes("\\u0000")) return apiError(400, "invalid_request", "The body contains a NUL character (\\u0000)");
  const isBatch = typeof body === "object" && body !== null && !Array.isArray(body) && Array.isArray((body as { workers?: unknown }).workers);
  const items = isBatch ? (body as { workers: unknown[] }).workers : [body];
  if (items.length === 0 || items.length > MAX_BATCH) {
    return apiError(400, "invalid_request", `A batch holds 1 to ${MAX_BATCH} workers`, [{ path: "workers", message: `1..${MAX_BATCH} items` }]);
  }
  const results = await createWorkersFromApi(items, principal, clientIp(request));
  if (!isBatch) {
    const [r] = results;
    if (r.outcome === "rejected")
      return apiError(
        400,
        "invalid_request",
        "The worker has invalid fields",
        r.errors.map(({ path, message }) => ({ path, message })),
      );
    return apiJson(r, r.outcome === "created" ? 201 : 200);
  }
  return apiJson({ ...summarise(results), results }, 200);
}
