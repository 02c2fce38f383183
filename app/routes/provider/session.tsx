// Attendance for provider staff: the session's day until 48 hours after it ends.
import { AttendanceSheetRoute } from "~/features/training/index";
import { requireProviderStaff } from "~/services/auth.server";
import { sessionRouteAction, sessionRouteLoader } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "reg", "subsidy", "training"] };

export const loader = sessionRouteLoader(requireProviderStaff);
export const action = sessionRouteAction(requireProviderStaff);

export default function ProviderSession() {
  return <AttendanceSheetRoute classes="/provider/classes" />;
}
