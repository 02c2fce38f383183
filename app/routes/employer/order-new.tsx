// A new training order: saved as a draft, or submitted for approval by a verified employer.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormCard } from "~/components/form-card";
import { TrainingOrderForm } from "~/features/training/index";
import { canPublish } from "~/domain/employer";
import { TrainingOrderSchema } from "~/features/employers/index";
import { employerFormOptions, readEmployerForm, requireOwnEmployer } from "~/features/employers/index.server";
import { invalidReply, outcomeReply } from "~/platform/reply.server";
import { ORDER_FORM_NAMES } from "~/features/employers/index.server";
import { createTrainingOrder } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "out", "ref", "reg"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { employer } = await requireOwnEmployer(request, context);
  return { options: await employerFormOptions(), canSubmit: canPublish(employer.status) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { principal, formData, submission, ip } = await readEmployerForm(request, context, ORDER_FORM_NAMES, TrainingOrderSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const submit = formData.get("intent") === "submit";
  const result = await createTrainingOrder(principal, submission.value, { ip, submit });
  if (!result.ok) return outcomeReply(submission, result);
  return redirect(`/employer/orders/${result.orderId}?done=${submit ? "submitted" : "created"}`);
}

export default function NewTrainingOrder() {
  const { options, canSubmit } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <FormCard title={t("emp.order.newTitle")}>
      <TrainingOrderForm mode="new" options={options} actionData={data} canSubmit={canSubmit} />
    </FormCard>
  );
}
