// GET /api/v1/classes/:classId/sessions/:sessionId/attendance; PUT { marks: [{ enrollmentId, status }], reason? }
// (provider staff within 48 h of the session's end; afterwards coordinators, with a reason — audited)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { AttendanceSchema } from "~/features/training/index";
import { apiFound, readApiWrite, requireApiPrincipal, stepAnswer } from "~/services/api/api.server";
import { attendanceForApi } from "~/services/api/classes-api.server";
import { markSession } from "~/features/training/index.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "PROVIDER_STAFF"]);
  return apiFound(await attendanceForApi(principal, params.classId ?? "", params.sessionId ?? ""), "session");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["PUT"], ["COORDINATOR", "PROVIDER_STAFF"], AttendanceSchema);
  const outcome = await markSession(principal, params.classId ?? "", params.sessionId ?? "", body, { ip: clientIp(request), source: "api" });
  return stepAnswer(outcome, "session", () => attendanceForApi(principal, params.classId ?? "", params.sessionId ?? ""));
}
