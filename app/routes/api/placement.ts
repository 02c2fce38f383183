// GET /api/v1/placements/:placementId; PATCH { status: VERIFIED | FLAGGED | REJECTED, note } — the
// worker's county coordinator (or above) decides; a flagged placement is verified only with a note.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { VerificationDecision } from "~/domain/placement";
import { PlacementStatusChangeSchema } from "~/features/placements/index";
import { apiFound, readApiWrite, requireApiPrincipal, stepAnswer } from "~/services/api/api.server";
import { toPlacementDetail } from "~/services/api/placements-api.server";
import { clientIp } from "~/services/http.server";
import { decidePlacement, placementFor } from "~/features/placements/index.server";

const DECISION: Record<"VERIFIED" | "FLAGGED" | "REJECTED", VerificationDecision> = { VERIFIED: "verify", FLAGGED: "flag", REJECTED: "reject" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  return apiFound(await placementFor(principal, params.placementId ?? ""), "placement", (found) => toPlacementDetail(principal, found));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["PATCH"], ["COORDINATOR"], PlacementStatusChangeSchema);
  const id = params.placementId ?? "";
  const result = await decidePlacement(principal, id, DECISION[body.status], body.note, { ip: clientIp(request) });
  return stepAnswer(result, "placement", async () => toPlacementDetail(principal, (await placementFor(principal, id))!));
}
