import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseQuery, requireApiPrincipal } from "~/services/api/api.server";
import { PageQuerySchema } from "~/services/api/schemas";
import { toWorkerResource } from "~/services/api/resources.server";
import { listWorkers } from "~/services/workers.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const query = parseQuery(request, PageQuerySchema);
  const page = await listWorkers(principal, query);
  return Response.json({ total: page.total, page: page.page, pageSize: page.pageSize, items: page.rows.map(toWorkerResource) });
}
