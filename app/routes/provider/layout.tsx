// The provider staff's area: access once per page, its navigation, an error page in its frame.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { oneLinkArea } from "~/components/area";
import { requireProviderStaff } from "~/services/auth.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: [] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireProviderStaff(request, context);
  return {};
}

const frame = oneLinkArea("routes/provider/layout", "/provider", "nav.provider");
export default frame.Layout;
export const ErrorBoundary = frame.ErrorBoundary;
