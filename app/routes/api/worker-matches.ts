// GET /api/v1/workers/:workerId/matches — coordinators and admins, by region.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { workerMatchesResponse } from "~/services/api/matches-api.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => workerMatchesResponse(request, params.workerId ?? "");
