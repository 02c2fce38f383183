// GET /api/v1/postings/:postingId; PATCH { status } publishes (OPEN), fills, closes or reopens one's own posting.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { PostingStatusChangeSchema } from "~/features/employers/index";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { changePostingStatusFromApi, parseBody, readJsonBody, requireMethod, toPostingResource } from "~/services/api/employers-api.server";
import { clientIp } from "~/services/http.server";
import { postingForApi } from "~/features/employers/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const posting = await postingForApi(principal, params.postingId ?? "");
  if (!posting) return apiError(404, "not_found", "No such posting");
  return apiJson(toPostingResource(posting));
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireMethod(request, ["PATCH"]);
  const principal = await requireApiPrincipal(request, ["EMPLOYER"]);
  const { status } = parseBody(PostingStatusChangeSchema, await readJsonBody(request));
  return changePostingStatusFromApi(principal, params.postingId ?? "", status, clientIp(request));
}
