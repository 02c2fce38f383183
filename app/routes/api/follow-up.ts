// GET /api/v1/follow-ups/:followUpId; PUT records the result { stillEmployed, monthlyWage?, leaveReason?, note? }.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { FollowUpResultSchema } from "~/features/placements/index";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { outcomeError, parseBody, readJsonBody, requireMethod } from "~/services/api/employers-api.server";
import { toFollowUpTask } from "~/services/api/placements-api.server";
import { followUpFor, recordFollowUp } from "~/features/placements/index.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const f = await followUpFor(principal, params.followUpId ?? "");
  if (!f) return apiError(404, "not_found", "No such follow-up");
  return apiJson(toFollowUpTask(f));
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireMethod(request, ["PUT"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const input = parseBody(FollowUpResultSchema, await readJsonBody(request));
  const id = params.followUpId ?? "";
  const result = await recordFollowUp(principal, id, input, clientIp(request));
  if (!result) return apiError(404, "not_found", "No such follow-up");
  if (!result.ok) return outcomeError(result);
  return apiJson({ ...toFollowUpTask((await followUpFor(principal, id))!), lifecycle: result.lifecycle, atRisk: result.atRisk });
}
