import type { LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { areaFrame } from "~/components/area";
import { requireUser } from "~/services/auth.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "matching", "ops", "ref", "subsidy"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"], context);
  return {};
}

function useAdminNav() {
  const { t } = useTranslation();
  return {
    title: t("admin.title"),
    label: t("admin.title"),
    home: "/admin",
    links: [
      { to: "/admin", label: t("admin.counts"), end: true },
      { to: "/admin/users", label: t("admin.users") },
      { to: "/admin/tokens", label: t("admin.tokens") },
      { to: "/admin/regions", label: t("admin.regions") },
      { to: "/admin/matching", label: t("matching.policy.title") },
      { to: "/admin/reference/minimumWage", label: t("ref.nav") },
      { to: "/admin/subsidy-policies", label: t("subsidy.policies.title") },
      { to: "/admin/queues", label: t("ops.queues.nav") },
    ],
  };
}

const frame = areaFrame("routes/admin/layout", useAdminNav);
export default frame.Layout;
export const ErrorBoundary = frame.ErrorBoundary;
