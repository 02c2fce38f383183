// GET /api/v1/training-orders/:orderId; PATCH { status, reason }: the employer submits (SUBMITTED),
// withdraws (DRAFT) or cancels (CANCELLED, reason); a coordinator in scope approves or rejects (reason).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { TrainingOrderStatusChangeSchema } from "~/features/employers/index";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { changeOrderStatusFromApi, parseBody, readJsonBody, requireMethod, toOrderResource } from "~/services/api/employers-api.server";
import { clientIp } from "~/services/http.server";
import { orderForApi } from "~/features/training/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const order = await orderForApi(principal, params.orderId ?? "");
  if (!order) return apiError(404, "not_found", "No such training order");
  return apiJson(toOrderResource(order));
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireMethod(request, ["PATCH"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const { status, reason } = parseBody(TrainingOrderStatusChangeSchema, await readJsonBody(request));
  return changeOrderStatusFromApi(principal, params.orderId ?? "", status, reason, clientIp(request));
}
