import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { toWorkerResource } from "~/services/api/resources.server";
import { getWorkerMasked } from "~/features/registration/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const worker = await getWorkerMasked(principal, params.workerId ?? "");
  // Out of scope and absent look the same, so a token cannot probe for other counties' records.
  if (!worker) return apiError(404, "not_found", "No such worker");
  return apiJson(toWorkerResource(worker));
}
