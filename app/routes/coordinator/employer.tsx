// One employer for a coordinator: details (phone masked), commitments kept, postings and orders,
// and — for those entitled — verify, reject or suspend (with a reason) and reinstate; all audited.
import { chinaDateTime } from "~/platform/china-time";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RecordCard } from "~/components/record-card";
import { CommitmentsCard, isoDay } from "~/features/employers/index";
import { Facts } from "~/components/facts";
import { SubmitButtons } from "~/components/submit-buttons";
import { ListCard } from "~/components/list-card";
import { PlainField } from "~/components/plain-field";
import { decisionNeedsReason } from "~/domain/employer";
import { EmployerDecisionSchema } from "~/features/employers/index";
import { decideEmployer, employerForStaff } from "~/features/employers/index.server";
import { invalidReply, outcomeReply, type FormReply } from "~/platform/reply.server";
import { invariantResponse } from "~/services/http.server";
import { coordinatorRecord, readCoordinatorForm } from "~/platform/coordinator-pages.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { StatusBadge } from "~/components/status-badge";
import { useLocalName, usePunct } from "~/components/local-name";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "reg"] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return coordinatorRecord(request, context, (p) => employerForStaff(p, params.employerId ?? ""));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal, submission, ip } = await readCoordinatorForm(request, context, EmployerDecisionSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const result = await decideEmployer(principal, params.employerId ?? "", submission.value.intent, submission.value.reason, ip);
  invariantResponse(result, "Not found");
  if (!result.ok) return outcomeReply(submission, result);
  return { result: submission.reply({ resetForm: true }), done: submission.value.intent } satisfies FormReply;
}

export default function CoordinatorEmployer() {
  const { employer, commitments, decisions, history } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const name = useLocalName();
  const punct = usePunct();
  const reasonErrors = data?.result.error?.reason ?? undefined;
  const needsReason = decisions.filter(decisionNeedsReason);
  return (
    <>
      <RecordCard
        back={{ to: "/coordinator/employers", label: t("emp.staff.employersTitle") }}
        title={employer.name}
        badge={<StatusBadge kind="employer" status={employer.status} />}
        testId="employer-name"
        done={data?.done && t(`emp.staff.decisionDone.${data.done}`)}
        errors={data?.result.error?.[""] ?? undefined}
      >
        <Facts
          facts={[
            { label: t("emp.staff.creditCode"), value: <code>{employer.creditCode}</code> },
            { label: t("emp.staff.district"), value: `${name(employer.district)}${employer.address ? ` · ${employer.address}` : ""}` },
            { label: t("emp.staff.industry"), value: t(`emp.industries.${employer.industry}`, { defaultValue: employer.industry }) },
            {
              label: t("emp.staff.contact"),
              value: (
                <>
                  {employer.contactName} <code>{employer.contactPhoneMasked}</code>
                </>
              ),
            },
            { label: t("emp.staff.registeredAt"), value: isoDay(employer.createdAt) },
            employer.verifiedAt && { label: t("emp.staff.verifiedAt"), value: isoDay(employer.verifiedAt) },
            employer.statusReason && { label: t("emp.staff.statusReason"), value: employer.statusReason },
          ]}
        />
        {decisions.length > 0 ? (
          <Form method="post" className="decision-form" data-testid="decision-form">
            {needsReason.length > 0 ? (
              <PlainField id="decision-reason" label={t("emp.staff.reason")} hint={t("emp.staff.reasonHint")} errors={reasonErrors}>
                {(control) => <input {...control} name="reason" maxLength={200} />}
              </PlainField>
            ) : null}
            <SubmitButtons buttons={decisions.map((d) => ({ value: d, label: t(`emp.staff.decisions.${d}`), primary: d === "verify" || d === "reinstate" }))} />
          </Form>
        ) : null}
      </RecordCard>

      <CommitmentsCard commitments={commitments} orders={employer.trainingOrders} />

      <ListCard
        title={t("emp.staff.orders")}
        rows={employer.trainingOrders}
        empty={t("employer.noOrders")}
        item={(o) => (
          <>
            {o.status === "DRAFT" ? o.title : <Link to={`/coordinator/orders/${o.id}`}>{o.title}</Link>}{" "}
            <span className="badge">{t(`trainingKind.${o.kind}`)}</span> <StatusBadge kind="order" status={o.status} />
          </>
        )}
        detail={(o) =>
          !o.commitHires
            ? null
            : o.retentionMonths
              ? t("emp.order.commitmentSummary", { hires: o.commitHires, wage: o.commitWage, months: o.retentionMonths })
              : t("emp.order.commitmentSummaryNoRetention", { hires: o.commitHires, wage: o.commitWage })
        }
      />

      <ListCard
        title={t("emp.staff.postings")}
        rows={employer.postings}
        empty={t("employer.noPostings")}
        item={(p) => (
          <>
            {p.title} <StatusBadge kind="posting" status={p.status} />
          </>
        )}
        detail={(p) => (
          <>
            {t("employer.headcount")} {p.headcount} · {t("emp.wageRange", { min: p.wageMin, max: p.wageMax })}
          </>
        )}
      />

      {history.length > 0 ? (
        <ListCard
          title={t("emp.staff.history")}
          className="plain-list"
          rows={history}
          item={(h) => (
            <>
              {chinaDateTime(h.at)} · {t(`emp.staff.actionNames.${h.action.replace(/^employer\./, "")}`, { defaultValue: h.action })}
              {h.reason ? `${punct.colon}${h.reason}` : ""}
            </>
          )}
        />
      ) : null}
    </>
  );
}
