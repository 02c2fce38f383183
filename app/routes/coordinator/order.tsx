// A training order for review: approve (a class may then be formed from it) or reject with a reason.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, Notice, StatusBadge, usePunct } from "~/features/employers/index";
import { ErrorList } from "~/components/forms";
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
  const nav = useNavigation();
  const { t } = useTranslation();
  const punct = usePunct();
  const reasonErrors = data?.result.error?.reason ?? undefined;
  return (
    <>
      <p>
        <Link to="/coordinator/orders">← {t("emp.staff.ordersTitle")}</Link>
      </p>
      <section className="card">
        <h1 data-testid="order-title">
          {order.title} <StatusBadge kind="order" status={order.status} />
        </h1>
        {data?.done ? <Notice>{t(`emp.staff.orderDone.${data.done}`)}</Notice> : null}
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
        {order.status === "APPROVED" || order.status === "IN_PROGRESS" ? (
          <p>
            <Link className="button secondary" to={`/coordinator/orders/${order.id}/matches`}>
              {t("matching.viewMatches")}
            </Link>
          </p>
        ) : null}
        {order.status === "APPROVED" || order.status === "IN_PROGRESS" ? (
          <p className="row">
            <Link className="button" to={`/coordinator/classes/new?orderId=${order.id}`} data-testid="order-form-class">
              {t("training.newClass")}
            </Link>
          </p>
        ) : null}
        {actions.length > 0 ? (
          <Form method="post" data-testid="review-form">
            <div className="field">
              <label htmlFor="review-reason">{t("emp.order.reason")}</label>
              <span className="hint" id="review-reason-hint">
                {t("emp.staff.orderReasonHint")}
              </span>
              <input
                id="review-reason"
                name="reason"
                maxLength={200}
                aria-invalid={reasonErrors ? true : undefined}
                aria-describedby={reasonErrors ? "review-reason-hint review-reason-error" : "review-reason-hint"}
              />
              <ErrorList id="review-reason-error" errors={reasonErrors} />
            </div>
            <div className="row actions">
              {actions.map((a) => (
                <button key={a} type="submit" name="intent" value={a} className={a === "approve" ? "primary" : "secondary"} disabled={nav.state !== "idle"}>
                  {t(`emp.order.actions.${a}`)}
                </button>
              ))}
            </div>
          </Form>
        ) : null}
      </section>
    </>
  );
}
