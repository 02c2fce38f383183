import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, requireApiPrincipal } from "~/services/api/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const p = await requireApiPrincipal(request);
  return apiJson({ kind: p.kind, id: p.id, grants: p.grants });
}
