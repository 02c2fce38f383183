import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/services/auth.server";
import { adminCounts } from "~/services/users.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  return adminCounts();
}

export default function AdminIndex() {
  const c = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stats" data-testid="admin-home">
      <div className="stat">
        <strong>{c.regions}</strong>
        {t("admin.countRegions")}
      </div>
      <div className="stat">
        <strong>{c.occupations}</strong>
        {t("admin.countOccupations")}
      </div>
      <div className="stat">
        <strong>{c.workers}</strong>
        {t("admin.countWorkers")}
      </div>
      <div className="stat">
        <strong>{c.employers}</strong>
        {t("admin.countEmployers")}
      </div>
      <div className="stat">
        <strong>{c.users}</strong>
        {t("admin.countUsers")}
      </div>
    </div>
  );
}
