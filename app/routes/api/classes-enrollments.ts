// GET /api/v1/classes/:classId/enrollments (masked); POST { workerId } | { matchId } | { allAccepted: true }
// (coordinators: a seat while places are free, else the waiting list; overlapping classes refused by name)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { EnrolSchema } from "~/features/training/index";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { enrollmentsForApi, enrolResultsJson } from "~/services/api/classes-api.server";
import { outcomeError, parseBody, readJsonBody, requireMethod } from "~/services/api/employers-api.server";
import { enrolAccepted, enrolWorker } from "~/features/training/index.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "PROVIDER_STAFF"]);
  const items = await enrollmentsForApi(principal, params.classId ?? "");
  if (!items) return apiError(404, "not_found", "No such class");
  return apiJson({ items });
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireMethod(request, ["POST"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const body = parseBody(EnrolSchema, await readJsonBody(request));
  const ctx = { ip: clientIp(request), source: "api" as const };
  const classId = params.classId ?? "";
  const outcome =
    "workerId" in body
      ? await enrolWorker(principal, classId, body.workerId, ctx)
      : await enrolAccepted(principal, classId, "matchId" in body ? body.matchId : "all", ctx);
  if (!outcome) return apiError(404, "not_found", "No such class");
  if (!outcome.ok) return outcomeError(outcome);
  return apiJson(enrolResultsJson(outcome.results), 201);
}
