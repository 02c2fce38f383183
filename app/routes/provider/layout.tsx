// The provider staff's area: access once per page, its navigation, an error page in its frame.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { areaFrame } from "~/components/area";
import { requireProviderStaff } from "~/services/auth.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: [] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireProviderStaff(request, context);
  return {};
}

function useProviderNav() {
  const { t } = useTranslation();
  return { label: t("nav.provider"), home: "/provider", links: [{ to: "/provider", label: t("nav.provider"), end: true }] };
}

const frame = areaFrame("routes/provider/layout", useProviderNav);
export default frame.Layout;
export const ErrorBoundary = frame.ErrorBoundary;
