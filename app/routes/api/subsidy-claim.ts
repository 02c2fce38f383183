// GET /api/v1/subsidy-claims/:claimId; PATCH { status: PREPARED | APPROVED | REJECTED, note } — submit,
// approve or reject with the pages' rules (never by the preparer; thresholds; a reason to reject).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { outcomeError, parseBody, readJsonBody, requireMethod } from "~/services/api/employers-api.server";
import { requireAccountablePerson, SubsidyClaimChangeSchema, toClaimDetail } from "~/services/api/subsidies-api.server";
import { clientIp } from "~/services/http.server";
import { claimFor, decideClaim, prepareClaims } from "~/features/subsidies/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const claim = await claimFor(principal, params.claimId ?? "", clientIp(request));
  if (!claim) return apiError(404, "not_found", "No such subsidy claim");
  return apiJson(toClaimDetail(claim));
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireMethod(request, ["PATCH"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const { status, note } = parseBody(SubsidyClaimChangeSchema, await readJsonBody(request));
  const id = params.claimId ?? "";
  const ctx = { ip: clientIp(request) };
  if (!(await claimFor(principal, id, ctx.ip))) return apiError(404, "not_found", "No such subsidy claim");
  requireAccountablePerson(principal);
  const result =
    status === "PREPARED"
      ? await prepareClaims(principal, [id], ctx)
      : await decideClaim(principal, id, { decision: status === "APPROVED" ? "approve" : "reject", note }, ctx);
  if (!result) return apiError(404, "not_found", "No such subsidy claim");
  if (!result.ok) return outcomeError(result);
  return apiJson(toClaimDetail((await claimFor(principal, id))!));
}
