// GET /api/v1/employers/:employerId; PATCH { status, reason } verifies, rejects, suspends or reinstates.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { EmployerStatusChangeSchema } from "~/features/employers/index";
import { apiFound, readApiWrite, requireApiPrincipal } from "~/services/api/api.server";
import { changeEmployerStatusFromApi, toEmployerResource } from "~/services/api/employers-api.server";
import { employerForApi } from "~/features/employers/index.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  return apiFound(await employerForApi(principal, params.employerId ?? ""), "employer", toEmployerResource);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["PATCH"], ["COORDINATOR"], EmployerStatusChangeSchema);
  return changeEmployerStatusFromApi(principal, params.employerId ?? "", body.status, body.reason, clientIp(request));
}
