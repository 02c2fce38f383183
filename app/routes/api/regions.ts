import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseQuery, requireApiPrincipal } from "~/services/api/api.server";
import { RegionQuerySchema } from "~/services/api/schemas";
import { listRegions } from "~/services/regions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiPrincipal(request);
  const query = parseQuery(request, RegionQuerySchema);
  return apiJson({ items: await listRegions(query) });
}
