// One employer for a coordinator: details (phone masked), commitments kept, postings and orders,
// and — for those entitled — verify, reject or suspend (with a reason) and reinstate; all audited.
import { chinaDateTime } from "~/platform/china-time";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CommitmentsCard, FormErrors, isoDay, Notice, StatusBadge, useLocalName, usePunct } from "~/features/employers/index";
import { ErrorList } from "~/components/forms";
import { decisionNeedsReason } from "~/domain/employer";
import { EmployerDecisionSchema } from "~/features/employers/index";
import { requireCoordinator } from "~/services/auth.server";
import { decideEmployer, employerForStaff } from "~/features/employers/index.server";
import { invalidReply, outcomeReply, type FormReply } from "~/platform/reply.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { formNames, readFormPost } from "~/platform/form-post.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "reg"] };

const NAMES = formNames(EmployerDecisionSchema);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const record = await employerForStaff(principal, params.employerId ?? "");
  invariantResponse(record, "Not found");
  return record;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const read = await readFormPost(request, NAMES);
  if (!read.ok) throw read.response;
  const submission = parseWithZod(read.formData, { schema: EmployerDecisionSchema });
  if (submission.status !== "success") return invalidReply(submission);
  const result = await decideEmployer(principal, params.employerId ?? "", submission.value.intent, submission.value.reason, clientIp(request));
  invariantResponse(result, "Not found");
  if (!result.ok) return outcomeReply(submission, result);
  return { result: submission.reply({ resetForm: true }), done: submission.value.intent } satisfies FormReply;
}

export default function CoordinatorEmployer() {
  const { employer, commitments, decisions, history } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const { t } = useTranslation();
  const name = useLocalName();
  const punct = usePunct();
  const reasonErrors = data?.result.error?.reason ?? undefined;
  const needsReason = decisions.filter(decisionNeedsReason);
  return (
    <>
      <p>
        <Link to="/coordinator/employers">← {t("emp.staff.employersTitle")}</Link>
      </p>
      <section className="card">
        <h1 data-testid="employer-name">
          {employer.name} <StatusBadge kind="employer" status={employer.status} />
        </h1>
        {data?.done ? <Notice>{t(`emp.staff.decisionDone.${data.done}`)}</Notice> : null}
        <FormErrors errors={data?.result.error?.[""] ?? undefined} />
        <dl className="facts">
          <dt>{t("emp.staff.creditCode")}</dt>
          <dd>
            <code>{employer.creditCode}</code>
          </dd>
          <dt>{t("emp.staff.district")}</dt>
          <dd>
            {name(employer.district)}
            {employer.address ? ` · ${employer.address}` : ""}
          </dd>
          <dt>{t("emp.staff.industry")}</dt>
          <dd>{t(`emp.industries.${employer.industry}`, { defaultValue: employer.industry })}</dd>
          <dt>{t("emp.staff.contact")}</dt>
          <dd>
            {employer.contactName} <code>{employer.contactPhoneMasked}</code>
          </dd>
          <dt>{t("emp.staff.registeredAt")}</dt>
          <dd>{isoDay(employer.createdAt)}</dd>
          {employer.verifiedAt ? (
            <>
              <dt>{t("emp.staff.verifiedAt")}</dt>
              <dd>{isoDay(employer.verifiedAt)}</dd>
            </>
          ) : null}
          {employer.statusReason ? (
            <>
              <dt>{t("emp.staff.statusReason")}</dt>
              <dd>{employer.statusReason}</dd>
            </>
          ) : null}
        </dl>
        {decisions.length > 0 ? (
          <Form method="post" className="decision-form" data-testid="decision-form">
            {needsReason.length > 0 ? (
              <div className="field">
                <label htmlFor="decision-reason">{t("emp.staff.reason")}</label>
                <span className="hint" id="decision-reason-hint">
                  {t("emp.staff.reasonHint")}
                </span>
                <input
                  id="decision-reason"
                  name="reason"
                  maxLength={200}
                  aria-invalid={reasonErrors ? true : undefined}
                  aria-describedby={reasonErrors ? "decision-reason-hint decision-reason-error" : "decision-reason-hint"}
                />
                <ErrorList id="decision-reason-error" errors={reasonErrors} />
              </div>
            ) : null}
            <div className="row actions">
              {decisions.map((d) => (
                <button
                  key={d}
                  type="submit"
                  name="intent"
                  value={d}
                  className={d === "verify" || d === "reinstate" ? "primary" : "secondary"}
                  disabled={nav.state !== "idle"}
                >
                  {t(`emp.staff.decisions.${d}`)}
                </button>
              ))}
            </div>
          </Form>
        ) : null}
      </section>

      <CommitmentsCard commitments={commitments} orders={employer.trainingOrders} />

      <section className="card">
        <h2>{t("emp.staff.orders")}</h2>
        {employer.trainingOrders.length === 0 ? (
          <p className="empty">{t("employer.noOrders")}</p>
        ) : (
          <ul className="plain-list items">
            {employer.trainingOrders.map((o) => (
              <li key={o.id}>
                {o.status === "DRAFT" ? o.title : <Link to={`/coordinator/orders/${o.id}`}>{o.title}</Link>}{" "}
                <span className="badge">{t(`trainingKind.${o.kind}`)}</span> <StatusBadge kind="order" status={o.status} />
                {o.commitHires ? (
                  <>
                    <br />
                    <small className="muted">
                      {o.retentionMonths
                        ? t("emp.order.commitmentSummary", { hires: o.commitHires, wage: o.commitWage, months: o.retentionMonths })
                        : t("emp.order.commitmentSummaryNoRetention", { hires: o.commitHires, wage: o.commitWage })}
                    </small>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card">
        <h2>{t("emp.staff.postings")}</h2>
        {employer.postings.length === 0 ? (
          <p className="empty">{t("employer.noPostings")}</p>
        ) : (
          <ul className="plain-list items">
            {employer.postings.map((p) => (
              <li key={p.id}>
                {p.title} <StatusBadge kind="posting" status={p.status} />
                <br />
                <small className="muted">
                  {t("employer.headcount")} {p.headcount} · {t("emp.wageRange", { min: p.wageMin, max: p.wageMax })}
                </small>
              </li>
            ))}
          </ul>
        )}
      </section>

      {history.length > 0 ? (
        <section className="card">
          <h2>{t("emp.staff.history")}</h2>
          <ul className="plain-list">
            {history.map((h) => (
              <li key={h.id}>
                {chinaDateTime(h.at)} · {t(`emp.staff.actionNames.${h.action.replace(/^employer\./, "")}`, { defaultValue: h.action })}
                {h.reason ? `${punct.colon}${h.reason}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
