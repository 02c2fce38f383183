// GET /api/v1/placements (coordinator tokens: their region; an employer token: its own)
// POST /api/v1/placements (coordinator tokens record a placement with the page's schema; flags computed at once)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { PlacementSchema } from "~/features/placements/index";
import { apiPage, parseQuery, readApiWrite, requireApiPrincipal, stepAnswer } from "~/services/api/api.server";
import { PlacementQuerySchema, toPlacementDetail, toPlacementResource } from "~/services/api/placements-api.server";
import { clientIp } from "~/services/http.server";
import { createPlacement, listPlacements, placementFor } from "~/features/placements/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const query = parseQuery(request, PlacementQuerySchema);
  const { total, rows } = await listPlacements(principal, query);
  return apiPage(
    query,
    total,
    rows.map((r) => toPlacementResource(principal, r)),
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["POST"], ["COORDINATOR"], PlacementSchema);
  const result = await createPlacement(principal, body, { ip: clientIp(request), source: "api" });
  return stepAnswer(result, "placement", async (done) => toPlacementDetail(principal, (await placementFor(principal, done.placementId))!), 201);
}
