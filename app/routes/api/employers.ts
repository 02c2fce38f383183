// GET /api/v1/employers (scoped like the coordinator pages; an employer token sees itself)
// POST /api/v1/employers (coordinators and admins enter an employer: PENDING, same schema as sign-up)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { EmployerProfileSchema } from "~/features/employers/index";
import { apiList, readApiWrite, stepAnswer } from "~/services/api/api.server";
import { EmployerQuerySchema, toEmployerResource } from "~/services/api/employers-api.server";
import { createEmployer, employerForApi, listEmployersForApi } from "~/features/employers/index.server";
import { clientIp } from "~/services/http.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  apiList(request, ["COORDINATOR", "EMPLOYER"], EmployerQuerySchema, listEmployersForApi, toEmployerResource);

export async function action({ request }: ActionFunctionArgs) {
  const { principal, body } = await readApiWrite(request, ["POST"], ["COORDINATOR"], EmployerProfileSchema);
  const result = await createEmployer(principal, body, clientIp(request));
  return stepAnswer(result, "employer", async (done) => toEmployerResource((await employerForApi(principal, done.employerId))!), 201);
}
