// POST /api/v1/subsidy-claims/batch { countyCode } — every approved claim of the county into a payment batch; 201.
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiJson, outcomeError, parseBody, readJsonBody, requireApiPrincipal, requireMethod } from "~/services/api/api.server";
import { PaymentBatchBodySchema, requireAccountablePerson } from "~/services/api/subsidies-api.server";
import { clientIp } from "~/services/http.server";
import { createPaymentBatch, TOKEN_WITHOUT_PERSON } from "~/features/subsidies/index.server";

export async function action({ request }: ActionFunctionArgs) {
  requireMethod(request, ["POST"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const { countyCode } = parseBody(PaymentBatchBodySchema, await readJsonBody(request));
  const result = await createPaymentBatch(principal, countyCode, { ip: clientIp(request) });
  if (!result.ok && result.kind === "refused" && result.message === TOKEN_WITHOUT_PERSON) requireAccountablePerson(principal);
  if (!result.ok) return outcomeError(result);
  return apiJson({ batchId: result.batchId, claims: result.claims }, 201);
}
