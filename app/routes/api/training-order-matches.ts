// GET /api/v1/training-orders/:orderId/matches — ranked, with factor breakdown and explanation.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { targetMatchesResponse } from "~/services/api/matches-api.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => targetMatchesResponse(request, { kind: "trainingOrder", id: params.orderId ?? "" });
