// GET /api/v1/classes/:classId; PATCH { version, …terms, status?: RUNNING | FINISHED } (finishing applies the completion rule)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ClassPatchSchema } from "~/features/training/index";
import { apiFound, readApiWrite, requireApiPrincipal } from "~/services/api/api.server";
import { classResource, patchClassFromApi } from "~/services/api/classes-api.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "PROVIDER_STAFF"]);
  return apiFound(await classResource(principal, params.classId ?? ""), "class");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["PATCH"], ["COORDINATOR", "PROVIDER_STAFF"], ClassPatchSchema);
  return patchClassFromApi(principal, params.classId ?? "", body, clientIp(request));
}
