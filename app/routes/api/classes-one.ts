// GET /api/v1/classes/:classId; PATCH { version, …terms, status?: RUNNING | FINISHED } (finishing applies the completion rule)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ClassPatchSchema } from "~/features/training/index";
import { apiError, apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { classResource, patchClassFromApi } from "~/services/api/classes-api.server";
import { parseBody, readJsonBody, requireMethod } from "~/services/api/employers-api.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "PROVIDER_STAFF"]);
  const cls = await classResource(principal, params.classId ?? "");
  if (!cls) return apiError(404, "not_found", "No such class");
  return apiJson(cls);
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireMethod(request, ["PATCH"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "PROVIDER_STAFF"]);
  const body = parseBody(ClassPatchSchema, await readJsonBody(request));
  return patchClassFromApi(principal, params.classId ?? "", body, clientIp(request));
}
