// GET /api/v1/plans/:regionCode/:year/progress — actuals from the records against the plan, with
// percent of plan, the pace expected by today, the year-end projection and the child regions.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { dashboardFor } from "~/features/plans/index.server";
import { toProgressResource } from "~/features/plans/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const year = Number(params.year);
  if (!/^\d{6}$/.test(params.regionCode ?? "") || !Number.isInteger(year) || year < 2000 || year > 2100) return apiError(404, "not_found", "No such region");
  const d = await dashboardFor(principal, params.regionCode!, year);
  if (!d) return apiError(404, "not_found", "No such region in this token's scope");
  return apiJson(toProgressResource(d));
}
