// GET /api/v1/employers (scoped like the coordinator pages; an employer token sees itself)
// POST /api/v1/employers (coordinators and admins enter an employer: PENDING, same schema as sign-up)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { EmployerProfileSchema } from "~/features/employers/index";
import { parseQuery, requireApiPrincipal } from "~/services/api/api.server";
import { apiPage, EmployerQuerySchema, readApiWrite, stepAnswer, toEmployerResource } from "~/services/api/employers-api.server";
import { createEmployer, employerForApi, listEmployersForApi } from "~/features/employers/index.server";
import { clientIp } from "~/services/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const query = parseQuery(request, EmployerQuerySchema);
  const { total, items } = await listEmployersForApi(principal, query);
  return apiPage(query, total, items.map(toEmployerResource));
}

export async function action({ request }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["POST"], ["COORDINATOR"], EmployerProfileSchema);
  const result = await createEmployer(principal, body, clientIp(request));
  return stepAnswer(result, "employer", async (done) => toEmployerResource((await employerForApi(principal, done.employerId))!), 201);
}
