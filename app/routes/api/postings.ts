// GET /api/v1/postings (an employer token its own; staff all — postings hold no personal data)
// POST /api/v1/postings (an employer token creates a DRAFT with the posting form's schema)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { PostingSchema } from "~/features/employers/index";
import { apiList, readApiWrite, stepAnswer } from "~/services/api/api.server";
import { PostingQuerySchema, toPostingResource } from "~/services/api/employers-api.server";
import { clientIp } from "~/services/http.server";
import { createPosting, listPostingsForApi, postingForApi } from "~/features/employers/index.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  apiList(request, ["COORDINATOR", "EMPLOYER"], PostingQuerySchema, listPostingsForApi, toPostingResource);

export async function action({ request }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["POST"], ["EMPLOYER"], PostingSchema);
  const result = await createPosting(principal, body, { ip: clientIp(request), source: "api" });
  return stepAnswer(result, "posting", async (done) => toPostingResource((await postingForApi(principal, done.postingId))!), 201);
}
