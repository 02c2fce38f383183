// GET /api/v1/follow-ups?status=open|overdue|done — the follow-up tasks of the token's region.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseQuery, requireApiPrincipal } from "~/services/api/api.server";
import { FollowUpQuerySchema, toFollowUpTask } from "~/services/api/placements-api.server";
import { listFollowUps } from "~/features/placements/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const { status } = parseQuery(request, FollowUpQuerySchema);
  const { rows, counts } = await listFollowUps(principal, status);
  return apiJson({ status, counts, items: rows.map(toFollowUpTask) });
}
