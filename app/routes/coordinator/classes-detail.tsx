// A class for its coordinators: enrolment, sessions, trainees, commitment, completion, finishing.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { ClassPage } from "~/features/training/index";
import { requireCoordinator } from "~/services/auth.server";
import { classPageAction, classPageData } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "reg", "subsidy", "training"] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  return classPageData(principal, request, params.classId ?? "");
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  return classPageAction(principal, request, params.classId ?? "");
}

export default function CoordinatorClass() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <BackLink to="/coordinator/classes">{t("training.cls.back")}</BackLink>
      <ClassPage data={data} base={`/coordinator/classes/${data.cls.id}`} />
    </>
  );
}
