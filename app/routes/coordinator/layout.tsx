// The coordinator area: access once per page, the desk's navigation, an error page in its frame.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { areaFrame } from "~/components/area";
import { chinaYear } from "~/platform/china-time";
import { requireCoordinator } from "~/services/auth.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["desk", "emp", "import", "matching", "out", "plans", "subsidy", "training"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCoordinator(request, context);
  return { year: chinaYear() };
}

const ROUTE_ID = "routes/coordinator/layout";

function useCoordinatorNav() {
  const { t } = useTranslation();
  const year = useRouteLoaderData<typeof loader>(ROUTE_ID)?.year ?? chinaYear();
  return {
    label: t("nav.coordinator"),
    home: "/coordinator",
    links: [
      { to: "/coordinator", label: t("nav.coordinator"), end: true },
      { to: "/coordinator/workers", label: t("desk.workersLink") },
      { to: "/coordinator/imports", label: t("import.title") },
      { to: "/coordinator/classes", label: t("training.title"), testId: "link-classes" },
      { to: "/coordinator/employers", label: t("emp.staff.employersLink") },
      { to: "/coordinator/orders", label: t("emp.staff.ordersLink") },
      { to: "/coordinator/search", label: t("matching.search.title"), testId: "link-target-search" },
      { to: "/coordinator/placements", label: t("out.placementsLink") },
      { to: "/coordinator/follow-ups", label: t("out.followUpsLink") },
      { to: "/coordinator/reverify", label: t("out.reverifyLink") },
      { to: `/coordinator/plans?year=${year}`, label: t("plans.dashboard.planLink") },
      { to: "/coordinator/dashboard", label: t("plans.home.dashboard") },
      { to: "/coordinator/fairness", label: t("matching.fairness.title"), testId: "link-fairness" },
      { to: "/coordinator/subsidies", label: t("subsidy.link"), testId: "link-subsidies" },
      { to: "/coordinator/subsidies/funds", label: t("subsidy.fundsLink"), testId: "link-subsidy-funds" },
    ],
  };
}

const frame = areaFrame(ROUTE_ID, useCoordinatorNav);
export default frame.Layout;
export const ErrorBoundary = frame.ErrorBoundary;
