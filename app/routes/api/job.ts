// GET /api/v1/jobs/:jobId — a re-match job's state (waiting/active/completed/failed), region-scoped.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { rematchJobResponse } from "~/services/api/matches-api.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => rematchJobResponse(request, params.jobId ?? "");
