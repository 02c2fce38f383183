// GET /api/v1/training-orders (an employer token its own; coordinators those in their review scope)
// POST /api/v1/training-orders (an employer token creates a DRAFT with the order form's schema)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { TrainingOrderSchema } from "~/features/employers/index";
import { apiList, readApiWrite, stepAnswer } from "~/services/api/api.server";
import { toOrderResource, TrainingOrderQuerySchema } from "~/services/api/employers-api.server";
import { clientIp } from "~/services/http.server";
import { createTrainingOrder, listOrdersForApi, orderForApi } from "~/features/training/index.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  apiList(request, ["COORDINATOR", "EMPLOYER"], TrainingOrderQuerySchema, listOrdersForApi, toOrderResource);

export async function action({ request }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["POST"], ["EMPLOYER"], TrainingOrderSchema);
  const result = await createTrainingOrder(principal, body, { ip: clientIp(request), source: "api" });
  return stepAnswer(result, "training order", async (done) => toOrderResource((await orderForApi(principal, done.orderId))!), 201);
}
