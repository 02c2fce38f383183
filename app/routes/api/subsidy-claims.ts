// GET /api/v1/subsidy-claims — claims of the token's region (?status, kind, countyCode, flagged=1).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseQuery, requireApiPrincipal } from "~/services/api/api.server";
import { SubsidyClaimQuerySchema, toClaimResource } from "~/services/api/subsidies-api.server";
import { listClaims } from "~/features/subsidies/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const query = parseQuery(request, SubsidyClaimQuerySchema);
  const { total, rows } = await listClaims(principal, query);
  return apiJson({ total, items: rows.map(toClaimResource) });
}
