// Editing a draft or a rejected training order (a rejected one becomes a draft to resubmit).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormCard } from "~/components/form-card";
import { TrainingOrderForm } from "~/features/training/index";
import { TrainingOrderEditSchema } from "~/features/employers/index";
import { requireEmployer } from "~/services/auth.server";
import { employerFormOptions, readEmployerForm } from "~/features/employers/index.server";
import { invalidReply, outcomeReply } from "~/platform/reply.server";
import { ORDER_FORM_NAMES } from "~/features/employers/index.server";
import { invariantResponse } from "~/services/http.server";
import { orderForEmployer, orderFormValues, updateTrainingOrder } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "out", "ref", "reg"] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireEmployer(request, context);
  const found = await orderForEmployer(principal, params.orderId ?? "");
  invariantResponse(found, "Not found");
  if (!found.editable) throw redirect(`/employer/orders/${found.order.id}`);
  return { id: found.order.id, title: found.order.title, values: orderFormValues(found.order), options: await employerFormOptions() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal, submission, ip } = await readEmployerForm(request, context, ORDER_FORM_NAMES, TrainingOrderEditSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const { version, ...input } = submission.value;
  const result = await updateTrainingOrder(principal, params.orderId ?? "", input, version, { ip });
  invariantResponse(result, "Not found");
  if (!result.ok) return outcomeReply(submission, result);
  return redirect(`/employer/orders/${params.orderId}?done=updated`);
}

export default function EditTrainingOrder() {
  const { id, title, values, options } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <FormCard title={t("emp.order.editTitle")} back={{ to: `/employer/orders/${id}`, label: title }}>
      <TrainingOrderForm mode="edit" options={options} actionData={data} defaultValue={values} canSubmit />
    </FormCard>
  );
}
