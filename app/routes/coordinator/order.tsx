// A training order for review: approve (a class may then be formed from it) or reject with a reason.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Message } from "~/components/message";
import { FormErrors, StatusBadge, usePunct } from "~/features/employers/index";
import { BackLink } from "~/components/back-link";
import { SubmitButtons } from "~/components/submit-buttons";
import { PlainField } from "~/components/plain-field";
import { OrderFacts } from "~/features/training/index";
import { OrderActionSchema } from "~/features/employers/index";
import { requireCoordinator } from "~/services/auth.server";
import { invalidReply, outcomeReply, type FormReply } from "~/platform/reply.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { formNames, readFormPost } from "~/platform/form-post.server";
import { actOnTrainingOrder, orderForReview } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "matching", "reg", "training"] };

const NAMES = formNames(OrderActionSchema);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const found = await orderForReview(principal, params.orderId ?? "");
  invariantResponse(found, "Not found");
  return found;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const read = await readFormPost(request, NAMES);
  if (!read.ok) throw read.response;
  const submission = parseWithZod(read.formData, { schema: OrderActionSchema });
  if (submission.status !== "success") return invalidReply(submission);
  const { intent, reason } = submission.value;
  // Reviewers approve and reject; the employer's own steps are not theirs to take.
  invariantResponse(intent === "approve" || intent === "reject", "Not found");
  const result = await actOnTrainingOrder(principal, params.orderId ?? "", intent, reason, { ip: clientIp(request) });
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
      <BackLink to="/coordinator/orders">← {t("emp.staff.ordersTitle")}</BackLink>
      <section className="card">
        <h1 data-testid="order-title">
          {order.title} <StatusBadge kind="order" status={order.status} />
        </h1>
        {data?.done ? <Message>{t(`emp.staff.orderDone.${data.done}`)}</Message> : null}
        <FormErrors errors={data?.result.error?.[""] ?? undefined} />
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
      </section>
    </>
  );
}
