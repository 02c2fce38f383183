// A training order for review: approve (a class may then be formed from it) or reject with a reason.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RecordCard } from "~/components/record-card";
import { SubmitButtons } from "~/components/submit-buttons";
import { PlainField } from "~/components/plain-field";
import { OrderFacts } from "~/features/training/index";
import { OrderActionSchema } from "~/features/employers/index";
import { invalidReply, outcomeReply, type FormReply } from "~/platform/reply.server";
import { invariantResponse } from "~/services/http.server";
import { coordinatorRecord, readCoordinatorForm } from "~/platform/coordinator-pages.server";
import { actOnTrainingOrder, orderForReview } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { StatusBadge } from "~/components/status-badge";
import { usePunct } from "~/components/local-name";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "matching", "reg", "training"] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return coordinatorRecord(request, context, (p) => orderForReview(p, params.orderId ?? ""));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal, submission, ip } = await readCoordinatorForm(request, context, OrderActionSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const { intent, reason } = submission.value;
  // Reviewers approve and reject; the employer's own steps are not theirs to take.
  invariantResponse(intent === "approve" || intent === "reject", "Not found");
  const result = await actOnTrainingOrder(principal, params.orderId ?? "", intent, reason, { ip });
  invariantResponse(result, "Not found");
  if (!result.ok) return outcomeReply(submission, result);
  return { result: submission.reply({ resetForm: true }), done: intent } satisfies FormReply;
}

export default function CoordinatorOrder() {
  const { order, actions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const punct = usePunct();
  const reasonErrors = data?.result.error?.reason ?? undefined;
  const formable = order.status === "APPROVED" || order.status === "IN_PROGRESS";
  return (
    <>
      <RecordCard
        back={{ to: "/coordinator/orders", label: t("emp.staff.ordersTitle") }}
        title={order.title}
        badge={<StatusBadge kind="order" status={order.status} />}
        testId="order-title"
        done={data?.done && t(`emp.staff.orderDone.${data.done}`)}
        errors={data?.result.error?.[""] ?? undefined}
      >
        <p>
          <Link to={`/coordinator/employers/${order.employer.id}`}>{order.employer.name}</Link> <StatusBadge kind="employer" status={order.employer.status} />
        </p>
        {order.employer.status !== "VERIFIED" && actions.includes("approve") ? <p className="form-error">{t("emp.staff.employerStatusWarning")}</p> : null}
        {order.statusReason ? (
          <p className="muted">
            {t("emp.staff.statusReason")}
            {punct.colon}
            {order.statusReason}
          </p>
        ) : null}
        <OrderFacts order={order} />
        {formable ? (
          <p>
            <Link className="button secondary" to={`/coordinator/orders/${order.id}/matches`}>
              {t("matching.viewMatches")}
            </Link>
          </p>
        ) : null}
        {formable ? (
          <p className="row">
            <Link className="button" to={`/coordinator/classes/new?orderId=${order.id}`} data-testid="order-form-class">
              {t("training.newClass")}
            </Link>
          </p>
        ) : null}
        {actions.length > 0 ? (
          <Form method="post" data-testid="review-form">
            <PlainField id="review-reason" label={t("emp.order.reason")} hint={t("emp.staff.orderReasonHint")} errors={reasonErrors}>
              {(control) => <input {...control} name="reason" maxLength={200} />}
            </PlainField>
            <SubmitButtons buttons={actions.map((a) => ({ value: a, label: t(`emp.order.actions.${a}`), primary: a === "approve" }))} />
          </Form>
        ) : null}
      </RecordCard>
    </>
  );
}
