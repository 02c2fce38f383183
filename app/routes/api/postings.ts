// GET /api/v1/postings (an employer token its own; staff all — postings hold no personal data)
// POST /api/v1/postings (an employer token creates a DRAFT with the posting form's schema)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { PostingSchema } from "~/features/employers/index";
import { apiJson, parseQuery, requireApiPrincipal } from "~/services/api/api.server";
import { outcomeError, parseBody, PostingQuerySchema, readJsonBody, requireMethod, toPostingResource } from "~/services/api/employers-api.server";
import { clientIp } from "~/services/http.server";
import { createPosting, listPostingsForApi, postingForApi } from "~/features/employers/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const query = parseQuery(request, PostingQuerySchema);
  const { total, items } = await listPostingsForApi(principal, query);
  return apiJson({ total, page: query.page, pageSize: query.pageSize, items: items.map(toPostingResource) });
}

export async function action({ request }: ActionFunctionArgs) {
  requireMethod(request, ["POST"]);
  const principal = await requireApiPrincipal(request, ["EMPLOYER"]);
  const input = parseBody(PostingSchema, await readJsonBody(request));
  const result = await createPosting(principal, input, { ip: clientIp(request), source: "api" });
  if (!result.ok) return outcomeError(result);
  return apiJson(toPostingResource((await postingForApi(principal, result.postingId))!), 201);
}
