// GET /api/v1/postings/:postingId/matches — ranked, with factor breakdown and explanation.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { targetMatchesResponse } from "~/services/api/matches-api.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => targetMatchesResponse(request, { kind: "posting", id: params.postingId ?? "" });
