// A class for its coordinators: enrolment, sessions, trainees, commitment, completion, finishing.
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { ClassPageRoute } from "~/features/training/index";
import { requireCoordinator } from "~/services/auth.server";
import { classRouteAction, classRouteLoader } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "reg", "subsidy", "training"] };

export const loader = classRouteLoader(requireCoordinator);
export const action = classRouteAction(requireCoordinator);

export default function CoordinatorClass() {
  const { t } = useTranslation();
  return (
    <>
      <BackLink to="/coordinator/classes">{t("training.cls.back")}</BackLink>
      <ClassPageRoute classes="/coordinator/classes" />
    </>
  );
}
