// A class for its coordinators: enrolment, sessions, trainees, commitment, completion, finishing.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClassPage } from "~/features/training/index";
import { requireUser } from "~/services/auth.server";
import { classPageAction, classPageData } from "~/features/training/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  return classPageData(principal, request, params.classId ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  return classPageAction(principal, request, params.classId ?? "");
}

export default function CoordinatorClass() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <p><Link to="/coordinator/classes">{t("training.cls.back")}</Link></p>
      <ClassPage data={data} base={`/coordinator/classes/${data.cls.id}`} />
    </>
  );
}
