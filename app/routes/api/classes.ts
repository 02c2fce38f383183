// GET /api/v1/classes (coordinators: their region; provider staff: their provider's classes)
// POST /api/v1/classes (coordinators: form a class from an approved order or the county's plan; the form's schema)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ClassSchema } from "~/features/training/index";
import { apiJson, parseQuery, readApiWrite, requireApiPrincipal, stepAnswer } from "~/services/api/api.server";
import { classResource, ClassQuerySchema, listClassesForApi } from "~/services/api/classes-api.server";
import { createClass } from "~/features/training/index.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "PROVIDER_STAFF"]);
  return apiJson(await listClassesForApi(principal, parseQuery(request, ClassQuerySchema)));
}

export async function action({ request }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["POST"], ["COORDINATOR"], ClassSchema);
  const result = await createClass(principal, body, { ip: clientIp(request), source: "api" });
  return stepAnswer(result, "class", (done) => classResource(principal, done.classId), 201);
}
