// The coordinator area: access once per page, the desk's navigation, an error page in its frame.
import type { LoaderFunctionArgs } from "@remix-run/node";
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

const frame = areaFrame("routes/coordinator/layout", (data?: { year: number }) => ({
  name: "nav.coordinator",
  home: "/coordinator",
  links: [
    { to: "/coordinator/workers", label: "desk.workersLink" },
    { to: "/coordinator/imports", label: "import.title" },
    { to: "/coordinator/classes", label: "training.title", testId: "link-classes" },
    { to: "/coordinator/employers", label: "emp.staff.employersLink" },
    { to: "/coordinator/orders", label: "emp.staff.ordersLink" },
    { to: "/coordinator/search", label: "matching.search.title", testId: "link-target-search" },
    { to: "/coordinator/placements", label: "out.placementsLink" },
    { to: "/coordinator/follow-ups", label: "out.followUpsLink" },
    { to: "/coordinator/reverify", label: "out.reverifyLink" },
    { to: `/coordinator/plans?year=${data?.year ?? chinaYear()}`, label: "plans.dashboard.planLink" },
    { to: "/coordinator/dashboard", label: "plans.home.dashboard" },
    { to: "/coordinator/fairness", label: "matching.fairness.title", testId: "link-fairness" },
    { to: "/coordinator/subsidies", label: "subsidy.link", testId: "link-subsidies" },
    { to: "/coordinator/subsidies/funds", label: "subsidy.fundsLink", testId: "link-subsidy-funds" },
  ],
}));
export default frame.Layout;
export const ErrorBoundary = frame.ErrorBoundary;
export const meta = frame.meta;
