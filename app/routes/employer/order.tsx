// One of the employer's training orders: what it commits to, its lifecycle (submit, withdraw,
// cancel with a reason), and its matched candidates.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RecordCard } from "~/components/record-card";
import { StepForms } from "~/components/step-forms";
import { CandidateList } from "~/features/employers/index";
import { useDoneMessage } from "~/features/employers/index";
import { ErrorList } from "~/components/forms";
import { OrderFacts } from "~/features/training/index";
import { canPublish } from "~/domain/employer";
import { EMPLOYER_ORDER_ACTIONS, orderActionNeedsReason, type OrderAction } from "~/domain/training-order";
import { OrderActionSchema } from "~/features/employers/index";
import { CANDIDATE_FIELDS, candidateAction, employerRecordPage } from "~/features/employers/index.server";
import { readAreaPost } from "~/platform/form-post.server";
import { requireEmployer } from "~/services/auth.server";
import { invariantResponse } from "~/services/http.server";
import { actOnTrainingOrder, orderForEmployer } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { StatusBadge } from "~/components/status-badge";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "lists", "matching", "out", "ref", "reg"] };

export async function loader(args: LoaderFunctionArgs) {
  const { record: found, employer, review } = await employerRecordPage(args, "trainingOrder", orderForEmployer);
  const actions = found.actions.filter((a) => a !== "submit" || canPublish(employer.status));
  return { ...found, actions, ...review };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal, formData, ip } = await readAreaPost(requireEmployer, request, context, CANDIDATE_FIELDS);
  const intent = String(formData.get("intent") ?? "");
  if ((EMPLOYER_ORDER_ACTIONS as readonly string[]).includes(intent)) {
    const parsed = OrderActionSchema.safeParse({ intent, reason: formData.get("reason") ?? undefined });
    if (!parsed.success) return data<{ order: OrderReply }>({ order: { intent, reasonErrors: ["emp.reasonRequired"] } }, { status: 400 });
    const result = await actOnTrainingOrder(principal, params.orderId ?? "", parsed.data.intent, parsed.data.reason, { ip });
    invariantResponse(result, "Not found");
    if (!result.ok) {
      if (result.kind === "invalid")
        return data<{ order: OrderReply }>({ order: { intent, reasonErrors: result.problems.map((p) => p.message) } }, { status: 400 });
      return data<{ order: OrderReply }>({ order: { intent, formErrors: [result.kind === "conflict" ? "emp.conflict" : result.message] } }, { status: 409 });
    }
    return data<{ order: OrderReply }>({ order: { intent, done: intent === "submit" ? "submitted" : intent } });
  }
  return candidateAction(principal, formData, ip);
}

/** The order's own forms answer under `order`, the candidate cards under `candidate`. */
type OrderReply = { intent: string; done?: string; formErrors?: string[]; reasonErrors?: string[] };

export default function EmployerTrainingOrder() {
  const page = useLoaderData<typeof loader>();
  const { order, hired, actions, editable } = page;
  const data = useActionData<typeof action>();
  const reply = data && "order" in data ? data.order : undefined;
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const done = useDoneMessage("order", reply?.done ?? params.get("done"), order.status);
  const simple = actions.filter((a) => !orderActionNeedsReason(a));
  const withReason = actions.filter(orderActionNeedsReason) as OrderAction[];
  return (
    <>
      <RecordCard title={order.title} badge={<StatusBadge kind="order" status={order.status} />} testId="order-title" done={done} errors={reply?.formErrors}>
        {order.status === "REJECTED" ? <p className="form-error">{t("emp.order.rejectedNote", { reason: order.statusReason ?? "" })}</p> : null}
        {order.status === "CANCELLED" ? <p className="muted">{t("emp.order.cancelledNote", { reason: order.statusReason ?? "" })}</p> : null}
        {order.status === "APPROVED" ? <p className="notice">{t("emp.order.approvedNote")}</p> : null}
        <p className="muted">{t("emp.order.hired", { hired })}</p>
        <OrderFacts order={order} />
        <StepForms
          edit={editable ? { to: `/employer/orders/${order.id}/edit`, label: t("emp.order.edit") } : null}
          steps={simple.map((a) => ({ intent: a, label: t(`emp.order.actions.${a}`), primary: a === "submit" }))}
        />
        {withReason.map((a) => (
          <details key={a} className="action-form" open={(reply?.intent === a && Boolean(reply.reasonErrors)) || undefined}>
            <summary className="button secondary">{t(`emp.order.actions.${a}`)}</summary>
            <Form method="post">
              <div className="field">
                <label htmlFor={`order-${a}-reason`}>{t("emp.order.reason")}</label>
                <span className="hint" id={`order-${a}-hint`}>
                  {t("emp.order.reasonHint")}
                </span>
                <input
                  id={`order-${a}-reason`}
                  name="reason"
                  maxLength={200}
                  aria-invalid={reply?.reasonErrors ? true : undefined}
                  aria-describedby={`order-${a}-hint order-${a}-error`}
                />
                <ErrorList id={`order-${a}-error`} errors={reply?.intent === a ? reply.reasonErrors : undefined} />
              </div>
              <button type="submit" name="intent" value={a} className="secondary">
                {t(`emp.order.actions.${a}`)}
              </button>
            </Form>
          </details>
        ))}
      </RecordCard>
      <CandidateList review={page} reply={data && "candidate" in data ? data.candidate : undefined} defaultWage={order.commitWage} />
    </>
  );
}
