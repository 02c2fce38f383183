// The admin area: access once per page, its heading and navigation, an error page in its frame.
import { areaFrame, areaLoader } from "~/components/area";
import { requireUser } from "~/services/auth.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "matching", "ops", "ref", "subsidy"] };

export const loader = areaLoader((request, context) => requireUser(request, ["ADMIN"], context));

const frame = areaFrame("routes/admin/layout", {
  title: "admin.title",
  name: "admin.title",
  home: "/admin",
  homeLabel: "admin.counts",
  links: [
    { to: "/admin/users", label: "admin.users" },
    { to: "/admin/tokens", label: "admin.tokens" },
    { to: "/admin/regions", label: "admin.regions" },
    { to: "/admin/matching", label: "matching.policy.title" },
    { to: "/admin/reference/minimumWage", label: "ref.nav" },
    { to: "/admin/subsidy-policies", label: "subsidy.policies.title" },
    { to: "/admin/queues", label: "ops.queues.nav" },
  ],
});
export default frame.Layout;
export const ErrorBoundary = frame.ErrorBoundary;
export const meta = frame.meta;
