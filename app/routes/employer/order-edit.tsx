// Editing a draft or a rejected training order (a rejected one becomes a draft to resubmit).
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormCard } from "~/components/form-card";
import { TrainingOrderForm } from "~/features/training/index";
import { TrainingOrderEditSchema } from "~/features/employers/index";
import { editDraftAction, editDraftLoader } from "~/features/employers/index.server";
import { orderForEmployer, orderFormValues, updateTrainingOrder } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "out", "ref", "reg"] };

export const loader = editDraftLoader("trainingOrder", async (p, orderId) => {
  const found = await orderForEmployer(p, orderId);
  if (!found) return null;
  const { id, title } = found.order;
  return { id, title, editable: found.editable, values: orderFormValues(found.order) };
});
export const action = editDraftAction("trainingOrder", TrainingOrderEditSchema, updateTrainingOrder);

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
