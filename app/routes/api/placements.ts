// GET /api/v1/placements (coordinator tokens: their region; an employer token: its own)
// POST /api/v1/placements (coordinator tokens record a placement with the page's schema; flags computed at once)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { PlacementSchema } from "~/features/placements/index";
import { apiJson, parseQuery, requireApiPrincipal } from "~/services/api/api.server";
import { outcomeError, parseBody, readJsonBody, requireMethod } from "~/services/api/employers-api.server";
import { PlacementQuerySchema, toPlacementDetail, toPlacementResource } from "~/services/api/placements-api.server";
import { clientIp } from "~/services/http.server";
import { createPlacement, listPlacements, placementFor } from "~/features/placements/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const query = parseQuery(request, PlacementQuerySchema);
  const { total, rows } = await listPlacements(principal, query);
  return apiJson({ total, page: query.page, pageSize: query.pageSize, items: rows.map((r) => toPlacementResource(principal, r)) });
}

export async function action({ request }: ActionFunctionArgs) {
  requireMethod(request, ["POST"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const input = parseBody(PlacementSchema, await readJsonBody(request));
  const result = await createPlacement(principal, input, { ip: clientIp(request), source: "api" });
  if (!result.ok) return outcomeError(result);
  return apiJson(toPlacementDetail(principal, (await placementFor(principal, result.placementId))!), 201);
}
