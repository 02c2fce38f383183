// A class for its provider's staff: sessions and attendance, assessments, dropouts, finishing.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClassPage } from "~/features/training/index";
import { requireUser } from "~/services/auth.server";
import { classPageAction, classPageData } from "~/features/training/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["PROVIDER_STAFF"]);
  return classPageData(principal, request, params.classId ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["PROVIDER_STAFF"]);
  return classPageAction(principal, request, params.classId ?? "");
}

export default function ProviderClass() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <p><Link to="/provider">{t("training.cls.backProvider")}</Link></p>
      <ClassPage data={data} base={`/provider/classes/${data.cls.id}`} />
    </>
  );
}
