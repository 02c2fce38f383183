// The job seeker's own pages: access once per page, their navigation, an error page in its frame.
import { areaFrame, areaLoader } from "~/components/area";
import { requireJobSeeker } from "~/services/auth.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["me"] };

export const loader = areaLoader(requireJobSeeker);

const frame = areaFrame("routes/me/layout", { name: "nav.me", home: "/me", links: [{ to: "/me/profile", label: "me.profileTitle" }] });
export default frame.Layout;
export const ErrorBoundary = frame.ErrorBoundary;
export const meta = frame.meta;
