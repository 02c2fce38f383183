// GET /api/v1/employers/:employerId; PATCH { status, reason } verifies, rejects, suspends or reinstates.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { EmployerStatusChangeSchema } from "~/features/employers/index";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { changeEmployerStatusFromApi, parseBody, readJsonBody, requireMethod, toEmployerResource } from "~/services/api/employers-api.server";
import { employerForApi } from "~/features/employers/index.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const employer = await employerForApi(principal, params.employerId ?? "");
  if (!employer) return apiError(404, "not_found", "No such employer");
  return apiJson(toEmployerResource(employer));
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireMethod(request, ["PATCH"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const { status, reason } = parseBody(EmployerStatusChangeSchema, await readJsonBody(request));
  return changeEmployerStatusFromApi(principal, params.employerId ?? "", status, reason, clientIp(request));
}
