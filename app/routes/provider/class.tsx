// A class for its provider's staff: sessions and attendance, assessments, dropouts, finishing.
import { ClassPageRoute } from "~/features/training/index";
import { requireProviderStaff } from "~/services/auth.server";
import { classRouteAction, classRouteLoader } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "reg", "subsidy", "training"] };

export const loader = classRouteLoader(requireProviderStaff);
export const action = classRouteAction(requireProviderStaff);

export default function ProviderClass() {
  return <ClassPageRoute classes="/provider/classes" />;
}
