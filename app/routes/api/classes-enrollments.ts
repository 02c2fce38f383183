// GET /api/v1/classes/:classId/enrollments (masked); POST { workerId } | { matchId } | { allAccepted: true }
// (coordinators: a seat while places are free, else the waiting list; overlapping classes refused by name)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { EnrolSchema } from "~/features/training/index";
import { apiJson, apiNotFound, readApiWrite, requireApiPrincipal, stepAnswer } from "~/services/api/api.server";
import { enrollmentsForApi, enrolResultsJson } from "~/services/api/classes-api.server";
import { enrolAccepted, enrolWorker } from "~/features/training/index.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "PROVIDER_STAFF"]);
  const items = await enrollmentsForApi(principal, params.classId ?? "");
  if (!items) return apiNotFound("class");
  return apiJson({ items });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["POST"], ["COORDINATOR"], EnrolSchema);
  const ctx = { ip: clientIp(request), source: "api" as const };
  const classId = params.classId ?? "";
  const outcome =
    "workerId" in body
      ? await enrolWorker(principal, classId, body.workerId, ctx)
      : await enrolAccepted(principal, classId, "matchId" in body ? body.matchId : "all", ctx);
  return stepAnswer(outcome, "class", (done) => enrolResultsJson(done.results), 201);
}
