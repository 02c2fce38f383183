// GET /api/v1/subsidy-claims/:claimId; PATCH { status: PREPARED | APPROVED | REJECTED, note, accountStamp } —
// submit, approve or reject with the pages' rules (never by the preparer; thresholds; a reason to reject;
// with the `accountStamp` read, approval is refused if the payee's account changed since).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiFound, apiNotFound, readApiWrite, requireApiPrincipal, stepAnswer } from "~/services/api/api.server";
import { requireAccountablePerson, SubsidyClaimChangeSchema, toClaimDetail } from "~/services/api/subsidies-api.server";
import { clientIp } from "~/services/http.server";
import { claimFor, decideClaim, prepareClaims } from "~/features/subsidies/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  return apiFound(await claimFor(principal, params.claimId ?? "", clientIp(request)), "subsidy claim", toClaimDetail);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["PATCH"], ["COORDINATOR"], SubsidyClaimChangeSchema);
  const { status, note, accountStamp } = body;
  const id = params.claimId ?? "";
  const ctx = { ip: clientIp(request) };
  if (!(await claimFor(principal, id, ctx.ip))) return apiNotFound("subsidy claim");
  requireAccountablePerson(principal);
  const result =
    status === "PREPARED"
      ? await prepareClaims(principal, [id], ctx)
      : await decideClaim(principal, id, { decision: status === "APPROVED" ? "approve" : "reject", note, account: accountStamp }, ctx);
  return stepAnswer(result, "subsidy claim", async () => toClaimDetail((await claimFor(principal, id))!));
}
