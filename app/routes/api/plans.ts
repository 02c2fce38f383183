// GET /api/v1/plans/:regionCode/:year — the plan (404 when outside the token's scope or not set)
// PUT /api/v1/plans/:regionCode/:year — set or revise it (the coordinator of that level); an
// optional `version` guards against overwriting a change made in the meantime (409).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { PlanSchema } from "~/features/plans/index";
import { apiError, apiJson, outcomeError, parseBody, readJsonBody, requireApiPrincipal, requireMethod } from "~/services/api/api.server";
import { clientIp } from "~/services/http.server";
import { planForApi, savePlan, toPlanResource } from "~/features/plans/index.server";

function pathParams(params: LoaderFunctionArgs["params"]): { regionCode: string; year: number } {
  const year = Number(params.year);
  if (!/^\d{6}$/.test(params.regionCode ?? "") || !Number.isInteger(year) || year < 2000 || year > 2100) throw apiError(404, "not_found", "No such plan");
  return { regionCode: params.regionCode!, year };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const { regionCode, year } = pathParams(params);
  const found = await planForApi(principal, regionCode, year);
  const resource = found ? toPlanResource(regionCode, year, found.plan) : null;
  if (!resource) return apiError(404, "not_found", "No such plan in this token's scope");
  return apiJson(resource);
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireMethod(request, ["PUT"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const { regionCode, year } = pathParams(params);
  const input = parseBody(PlanSchema, await readJsonBody(request));
  const result = await savePlan(principal, regionCode, year, input, { ip: clientIp(request) });
  if (!result) return apiError(404, "not_found", "No such region in this token's scope");
  if (!result.ok) return outcomeError(result);
  const found = await planForApi(principal, regionCode, year);
  return apiJson(toPlanResource(regionCode, year, found!.plan), result.created ? 201 : 200);
}
