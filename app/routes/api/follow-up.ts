// GET /api/v1/follow-ups/:followUpId; PUT records the result { stillEmployed, monthlyWage?, leaveReason?, note? }.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { FollowUpResultSchema } from "~/features/placements/index";
import { apiFound, readApiWrite, requireApiPrincipal, stepAnswer } from "~/services/api/api.server";
import { toFollowUpTask } from "~/services/api/placements-api.server";
import { followUpFor, recordFollowUp } from "~/features/placements/index.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  return apiFound(await followUpFor(principal, params.followUpId ?? ""), "follow-up", toFollowUpTask);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["PUT"], ["COORDINATOR"], FollowUpResultSchema);
  const id = params.followUpId ?? "";
  const result = await recordFollowUp(principal, id, body, clientIp(request));
  return stepAnswer(result, "follow-up", async (done) => ({
    ...toFollowUpTask((await followUpFor(principal, id))!),
    lifecycle: done.lifecycle,
    atRisk: done.atRisk,
  }));
}
