// Forming a class: from an approved order (?orderId=, its terms prefilled) or the county's own plan.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { ClassForm } from "~/features/training/index";
import { ClassSchema } from "~/features/training/index";
import { requireCoordinator } from "~/services/auth.server";
import { classFormOptions, createClass } from "~/features/training/index.server";
import { invalidReply, outcomeReply } from "~/platform/reply.server";
import { readCoordinatorForm } from "~/platform/coordinator-pages.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "reg", "subsidy", "training"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  return classFormOptions(principal, new URL(request.url).searchParams.get("orderId"));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { principal, submission, ip } = await readCoordinatorForm(request, context, ClassSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const result = await createClass(principal, submission.value, { ip });
  if (!result.ok) return outcomeReply(submission, result);
  return redirect(`/coordinator/classes/${result.classId}`);
}

export default function NewClass() {
  const { counties, occupations, providers, order, prefill } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <BackLink to="/coordinator/classes">{t("training.cls.back")}</BackLink>
      <section className="card reg-card">
        <h1>{t("training.newClass")}</h1>
        <ClassForm options={{ counties, occupations, providers }} order={order} prefill={prefill} actionData={data} />
      </section>
    </>
  );
}
