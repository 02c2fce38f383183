// The job seeker's own pages: access once per page, their navigation, an error page in its frame.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { areaFrame } from "~/components/area";
import { requireJobSeeker } from "~/services/auth.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["me"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireJobSeeker(request, context);
  return {};
}

function useSeekerNav() {
  const { t } = useTranslation();
  return {
    label: t("nav.me"),
    home: "/me",
    links: [
      { to: "/me", label: t("nav.me"), end: true },
      { to: "/me/profile", label: t("me.profileTitle") },
    ],
  };
}

const frame = areaFrame("routes/me/layout", useSeekerNav);
export default frame.Layout;
export const ErrorBoundary = frame.ErrorBoundary;
