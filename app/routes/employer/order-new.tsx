// A new training order: saved as a draft, or submitted for approval by a verified employer.
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormCard } from "~/components/form-card";
import { TrainingOrderForm } from "~/features/training/index";
import { TrainingOrderSchema } from "~/features/employers/index";
import { newDraftAction, newDraftLoader } from "~/features/employers/index.server";
import { createTrainingOrder } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "out", "ref", "reg"] };

export const loader = newDraftLoader("trainingOrder");
export const action = newDraftAction("trainingOrder", TrainingOrderSchema, (p, input, { ip, send }) => createTrainingOrder(p, input, { ip, submit: send }));

export default function NewTrainingOrder() {
  const { options, canSend } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <FormCard title={t("emp.order.newTitle")}>
      <TrainingOrderForm mode="new" options={options} actionData={data} canSubmit={canSend} />
    </FormCard>
  );
}
