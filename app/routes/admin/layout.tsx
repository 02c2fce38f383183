import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/services/auth.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "matching", "ref", "subsidy", "ops"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  return null;
}

export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <nav className="row" aria-label={t("admin.title")} style={{ marginBottom: "1rem" }}>
        <NavLink to="/admin" end>{t("admin.counts")}</NavLink>
        <NavLink to="/admin/users">{t("admin.users")}</NavLink>
        <NavLink to="/admin/tokens">{t("admin.tokens")}</NavLink>
        <NavLink to="/admin/regions">{t("admin.regions")}</NavLink>
        <NavLink to="/admin/matching">{t("matching.policy.title")}</NavLink>
        <NavLink to="/admin/reference/minimumWage">{t("ref.nav")}</NavLink>
        <NavLink to="/admin/subsidy-policies">{t("subsidy.policies.title")}</NavLink>
        <NavLink to="/admin/queues">{t("ops.queues.nav")}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
