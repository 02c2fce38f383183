// The first steps the coordinator's record pages repeat around their services (the employer pages'
// own are in features/employers' employer-pages.server): the signed-in coordinator, and then the
// page's record, or the page's form post read with only its schema's names and parsed with it.
import type { z } from "zod";
import type { Principal } from "~/domain/access";
import { requireCoordinator } from "~/services/auth.server";
import { invariantResponse } from "~/services/http.server";
import { formNames, readAreaForm } from "./form-post.server";

/** The record a coordinator's page shows (`load`, for the signed-in coordinator): a 404 when it is not there or not theirs to see. */
export async function coordinatorRecord<R>(request: Request, context: unknown, load: (p: Principal) => Promise<R | null>): Promise<R> {
  const { principal } = await requireCoordinator(request, context);
  const record = await load(principal);
  invariantResponse(record, "Not found");
  return record;
}

/** A coordinator's form post (readAreaForm through requireCoordinator), read with only the form's `names`: by default its schema's. */
export function readCoordinatorForm<S extends z.ZodObject>(request: Request, context: unknown, schema: S, names = formNames(schema)) {
  return readAreaForm(requireCoordinator, request, context, names, schema);
}
