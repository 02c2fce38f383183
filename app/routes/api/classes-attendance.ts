// GET /api/v1/classes/:classId/sessions/:sessionId/attendance; PUT { marks: [{ enrollmentId, status }], reason? }
// (provider staff within 48 h of the session's end; afterwards coordinators, with a reason — audited)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { AttendanceSchema } from "~/features/training/index";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { attendanceForApi } from "~/services/api/classes-api.server";
import { outcomeError, parseBody, readJsonBody, requireMethod } from "~/services/api/employers-api.server";
import { markSession } from "~/features/training/index.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "PROVIDER_STAFF"]);
  const sheet = await attendanceForApi(principal, params.classId ?? "", params.sessionId ?? "");
  if (!sheet) return apiError(404, "not_found", "No such session");
  return apiJson(sheet);
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireMethod(request, ["PUT"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "PROVIDER_STAFF"]);
  const body = parseBody(AttendanceSchema, await readJsonBody(request));
  const outcome = await markSession(principal, params.classId ?? "", params.sessionId ?? "", body, { ip: clientIp(request), source: "api" });
  if (!outcome) return apiError(404, "not_found", "No such session");
  if (!outcome.ok) return outcomeError(outcome);
  return apiJson(await attendanceForApi(principal, params.classId ?? "", params.sessionId ?? ""));
}
