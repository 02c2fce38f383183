// PATCH /api/v1/classes/:classId/enrollments/:enrollmentId
// { status: "DROPPED", dropReason, dropNote? } records a dropout; { assessment: { score?, passed, certificateNumber?, certificateLevel? } } the result.
import type { ActionFunctionArgs } from "@remix-run/node";
import { EnrollmentPatchSchema } from "~/features/training/index";
import { apiError, apiJson, outcomeError, readApiWrite } from "~/services/api/api.server";
import { enrollmentsForApi } from "~/services/api/classes-api.server";
import { dropEnrollment, recordAssessment } from "~/features/training/index.server";
import { clientIp } from "~/services/http.server";

export async function loader() {
  return apiError(405, "method_not_allowed", "Use PATCH (GET the class's enrollments)");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["PATCH"], ["COORDINATOR", "PROVIDER_STAFF"], EnrollmentPatchSchema);
  const classId = params.classId ?? "";
  const enrollmentId = params.enrollmentId ?? "";
  const ctx = { ip: clientIp(request), source: "api" as const };
  if (body.assessment) {
    const outcome = await recordAssessment(principal, classId, { enrollmentId, ...body.assessment }, ctx);
    if (!outcome) return apiError(404, "not_found", "No such class");
    if (!outcome.ok) return outcomeError(outcome);
  }
  if (body.status === "DROPPED") {
    if (!body.dropReason)
      return apiError(400, "invalid_request", "The request has invalid fields", [{ path: "dropReason", message: "Please choose why the person left" }]);
    const outcome = await dropEnrollment(principal, classId, { enrollmentId, dropReason: body.dropReason, dropNote: body.dropNote }, ctx);
    if (!outcome) return apiError(404, "not_found", "No such class");
    if (!outcome.ok) return outcomeError(outcome);
  }
  const item = (await enrollmentsForApi(principal, classId))?.find((e) => e.id === enrollmentId);
  // A waiting-list place that was given up no longer exists.
  return item ? apiJson(item) : new Response(null, { status: 204 });
}
