// GET /api/v1/subsidy-policies — every policy's current version with its earlier versions (coordinators, admins).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { toPolicyResource } from "~/services/api/subsidies-api.server";
import { listPolicies } from "~/features/subsidies/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiPrincipal(request, ["COORDINATOR"]);
  const policies = await listPolicies();
  return apiJson({ items: policies.map((p) => ({ ...toPolicyResource(p.current), history: p.history.map(toPolicyResource) })) });
}
