// GET /api/v1/postings/:postingId; PATCH { status } publishes (OPEN), fills, closes or reopens one's own posting.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { PostingStatusChangeSchema } from "~/features/employers/index";
import { apiFound, readApiWrite, requireApiPrincipal } from "~/services/api/api.server";
import { changePostingStatusFromApi, toPostingResource } from "~/services/api/employers-api.server";
import { clientIp } from "~/services/http.server";
import { postingForApi } from "~/features/employers/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  return apiFound(await postingForApi(principal, params.postingId ?? ""), "posting", toPostingResource);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["PATCH"], ["EMPLOYER"], PostingStatusChangeSchema);
  return changePostingStatusFromApi(principal, params.postingId ?? "", body.status, clientIp(request));
}
