// The provider staff's area: access once per page, its navigation, an error page in its frame.
import { areaFrame, areaLoader } from "~/components/area";
import { requireProviderStaff } from "~/services/auth.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: [] };

export const loader = areaLoader(requireProviderStaff);

const frame = areaFrame("routes/provider/layout", { name: "nav.provider", home: "/provider" });
export default frame.Layout;
export const ErrorBoundary = frame.ErrorBoundary;
export const meta = frame.meta;
