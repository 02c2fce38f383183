// GET /api/v1/employers (scoped like the coordinator pages; an employer token sees itself)
// POST /api/v1/employers (coordinators and admins enter an employer: PENDING, same schema as sign-up)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { EmployerProfileSchema } from "~/features/employers/index";
import { apiJson, parseQuery, requireApiPrincipal } from "~/services/api/api.server";
import { EmployerQuerySchema, outcomeError, parseBody, readJsonBody, requireMethod, toEmployerResource } from "~/services/api/employers-api.server";
import { createEmployer, employerForApi, listEmployersForApi } from "~/features/employers/index.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const query = parseQuery(request, EmployerQuerySchema);
  const { total, items } = await listEmployersForApi(principal, query);
  return apiJson({ total, page: query.page, pageSize: query.pageSize, items: items.map(toEmployerResource) });
}

export async function action({ request }: ActionFunctionArgs) {
  requireMethod(request, ["POST"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const input = parseBody(EmployerProfileSchema, await readJsonBody(request));
  const result = await createEmployer(principal, input, clientIp(request));
  if (!result.ok) return outcomeError(result);
  return apiJson(toEmployerResource((await employerForApi(principal, result.employerId))!), 201);
}
