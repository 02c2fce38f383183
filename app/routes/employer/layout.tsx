// The employer's area: access once per page, its navigation, an error page in its frame.
// A suspended employer is let in (to read why, and its own postings); the services refuse it
// personal data page by page (refuseSuspendedEmployer), and this frame's error page words that 403.
// Signing up (/employer/signup) is not in this area: it is for people who are not employers yet.
import { areaFrame, areaLoader } from "~/components/area";
import { requireEmployer } from "~/services/auth.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: [] };

export const loader = areaLoader(requireEmployer);

const frame = areaFrame("routes/employer/layout", { name: "nav.employer", home: "/employer" });
export default frame.Layout;
export const ErrorBoundary = frame.ErrorBoundary;
export const meta = frame.meta;
