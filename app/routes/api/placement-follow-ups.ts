// GET /api/v1/placements/:placementId/follow-ups — the 1/3/6/12-month follow-ups of a placement (coordinators in scope).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { toFollowUpResource } from "~/services/api/placements-api.server";
import { placementFor } from "~/features/placements/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const placement = await placementFor(principal, params.placementId ?? "");
  if (!placement || principal.employerId) return apiError(404, "not_found", "No such placement");
  return apiJson({ items: placement.followUps.map((f) => toFollowUpResource(placement.id, f)) });
}
