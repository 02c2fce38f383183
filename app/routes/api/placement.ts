// GET /api/v1/placements/:placementId; PATCH { status: VERIFIED | FLAGGED | REJECTED, note } — the
// worker's county coordinator (or above) decides; a flagged placement is verified only with a note.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { VerificationDecision } from "~/domain/placement";
import { PlacementStatusChangeSchema } from "~/features/placements/index";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { outcomeError, parseBody, readJsonBody, requireMethod } from "~/services/api/employers-api.server";
import { toPlacementDetail } from "~/services/api/placements-api.server";
import { clientIp } from "~/services/http.server";
import { decidePlacement, placementFor } from "~/features/placements/index.server";

const DECISION: Record<"VERIFIED" | "FLAGGED" | "REJECTED", VerificationDecision> = { VERIFIED: "verify", FLAGGED: "flag", REJECTED: "reject" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const placement = await placementFor(principal, params.placementId ?? "");
  if (!placement) return apiError(404, "not_found", "No such placement");
  return apiJson(toPlacementDetail(principal, placement));
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireMethod(request, ["PATCH"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const { status, note } = parseBody(PlacementStatusChangeSchema, await readJsonBody(request));
  const id = params.placementId ?? "";
  const result = await decidePlacement(principal, id, DECISION[status], note, { ip: clientIp(request) });
  if (!result) return apiError(404, "not_found", "No such placement");
  if (!result.ok) return outcomeError(result);
  return apiJson(toPlacementDetail(principal, (await placementFor(principal, id))!));
}
