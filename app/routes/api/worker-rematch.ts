// POST /api/v1/workers/:workerId/rematch — queue a re-match; 202 { queued: true }.
import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, rematchResponse } from "~/services/api/matches-api.server";
import { clientIp } from "~/services/http.server";

export const loader = () => methodNotAllowed();
export const action = ({ request, params }: ActionFunctionArgs) =>
  rematchResponse(request, { entityType: "worker", entityId: params.workerId ?? "" }, clientIp(request));
