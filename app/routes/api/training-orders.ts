// GET /api/v1/training-orders (an employer token its own; coordinators those in their review scope)
// POST /api/v1/training-orders (an employer token creates a DRAFT with the order form's schema)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { TrainingOrderSchema } from "~/features/employers/index";
import { apiJson, parseQuery, requireApiPrincipal } from "~/services/api/api.server";
import { outcomeError, parseBody, readJsonBody, requireMethod, toOrderResource, TrainingOrderQuerySchema } from "~/services/api/employers-api.server";
import { clientIp } from "~/services/http.server";
import { createTrainingOrder, listOrdersForApi, orderForApi } from "~/features/training/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const query = parseQuery(request, TrainingOrderQuerySchema);
  const { total, items } = await listOrdersForApi(principal, query);
  return apiJson({ total, page: query.page, pageSize: query.pageSize, items: items.map(toOrderResource) });
}

export async function action({ request }: ActionFunctionArgs) {
  requireMethod(request, ["POST"]);
  const principal = await requireApiPrincipal(request, ["EMPLOYER"]);
  const input = parseBody(TrainingOrderSchema, await readJsonBody(request));
  const result = await createTrainingOrder(principal, input, { ip: clientIp(request), source: "api" });
  if (!result.ok) return outcomeError(result);
  return apiJson(toOrderResource((await orderForApi(principal, result.orderId))!), 201);
}
