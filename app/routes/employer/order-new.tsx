// A new training order: saved as a draft, or submitted for approval by a verified employer.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TrainingOrderForm } from "~/features/training/index";
import { canPublish } from "~/domain/employer";
import { TrainingOrderSchema } from "~/features/employers/index";
import { requireUser } from "~/services/auth.server";
import { employerFormOptions, ownEmployer } from "~/features/employers/index.server";
import { invalidReply, ORDER_FORM_NAMES, outcomeReply, type FormReply } from "~/features/employers/index.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { readFormPost } from "~/features/registration/index.server";
import { createTrainingOrder } from "~/features/training/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["EMPLOYER"]);
  const employer = await ownEmployer(principal);
  invariantResponse(employer, "No employer", { status: 403 });
  return { options: await employerFormOptions(), canSubmit: canPublish(employer.status) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["EMPLOYER"]);
  const read = await readFormPost(request, ORDER_FORM_NAMES);
  if (!read.ok) throw read.response;
  const submission = parseWithZod(read.formData, { schema: TrainingOrderSchema });
  if (submission.status !== "success") return invalidReply(submission);
  const submit = read.formData.get("intent") === "submit";
  const result = await createTrainingOrder(principal, submission.value, { ip: clientIp(request), submit });
  if (!result.ok) return outcomeReply(submission, result);
  return redirect(`/employer/orders/${result.orderId}?done=${submit ? "submitted" : "created"}`);
}

export default function NewTrainingOrder() {
  const { options, canSubmit } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as FormReply | undefined;
  const { t } = useTranslation();
  return (
    <>
      <p><Link to="/employer">← {t("emp.back")}</Link></p>
      <section className="card reg-card">
        <h1>{t("emp.order.newTitle")}</h1>
        <TrainingOrderForm mode="new" options={options} actionData={data} canSubmit={canSubmit} />
      </section>
    </>
  );
}
