// Attendance for coordinators: as provider staff within 48 hours; after that, corrections with a reason.
import { AttendanceSheetRoute } from "~/features/training/index";
import { requireCoordinator } from "~/services/auth.server";
import { sessionRouteAction, sessionRouteLoader } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "reg", "subsidy", "training"] };

export const loader = sessionRouteLoader(requireCoordinator);
export const action = sessionRouteAction(requireCoordinator);

export default function CoordinatorSession() {
  return <AttendanceSheetRoute classes="/coordinator/classes" />;
}
