import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, requireApiPrincipal } from "~/services/api/api.server";
import { getDb } from "~/services/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiPrincipal(request);
  const items = await getDb().occupation.findMany({
    orderBy: { code: "asc" },
    select: { code: true, nationalCode: true, nameZh: true, nameEn: true, category: true, levels: true },
  });
  return apiJson({ items });
}
