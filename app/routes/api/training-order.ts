// GET /api/v1/training-orders/:orderId; PATCH { status, reason }: the employer submits (SUBMITTED),
// withdraws (DRAFT) or cancels (CANCELLED, reason); a coordinator in scope approves or rejects (reason).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { TrainingOrderStatusChangeSchema } from "~/features/employers/index";
import { apiFound, readApiWrite, requireApiPrincipal } from "~/services/api/api.server";
import { changeOrderStatusFromApi, toOrderResource } from "~/services/api/employers-api.server";
import { clientIp } from "~/services/http.server";
import { orderForApi } from "~/features/training/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  return apiFound(await orderForApi(principal, params.orderId ?? ""), "training order", toOrderResource);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["PATCH"], ["COORDINATOR", "EMPLOYER"], TrainingOrderStatusChangeSchema);
  return changeOrderStatusFromApi(principal, params.orderId ?? "", body.status, body.reason, clientIp(request));
}
