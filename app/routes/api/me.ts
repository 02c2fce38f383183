import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiPrincipal } from "~/services/api/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const p = await requireApiPrincipal(request);
  return Response.json({ kind: p.kind, id: p.id, grants: p.grants });
}
