// Records one follow-up: still employed (and the wage now) or left (and why), with a note. The
// result moves the worker's lifecycle (stable at 6 months; left → matchable again, and at risk of
// returning to poverty for a registered-poor household).
import { Message } from "~/components/message";
import { FormProvider, getFormProps } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { asStringFields, isoDay } from "~/features/employers/index";
import { BackLink } from "~/components/back-link";
import { usePunct } from "~/components/local-name";
import { Field, Fieldset, IntentButton, SelectField } from "~/components/forms";
import { useBlurForm } from "~/components/blur-form";
import { FollowUpStateBadge } from "~/features/placements/index";
import { LEAVE_REASONS } from "~/domain/follow-up";
import { FollowUpResultSchema } from "~/features/placements/index";
import { invalidReply, outcomeReply, type FormReply } from "~/platform/reply.server";
import { followUpFor, recordFollowUp, revealFollowUpNote } from "~/features/placements/index.server";
import { formNames } from "~/platform/form-post.server";
import { invariantResponse } from "~/services/http.server";
import { coordinatorRecord, readCoordinatorForm } from "~/platform/coordinator-pages.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { FormErrors } from "~/components/form-errors";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "out", "reg"] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return { followUp: await coordinatorRecord(request, context, (p) => followUpFor(p, params.followUpId ?? "")) };
}

type Reply = FormReply & { lifecycle?: string | null; atRisk?: boolean; note?: string };

const NAMES = new Set([...formNames(FollowUpResultSchema), "intent"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal, submission, ip, formData } = await readCoordinatorForm(request, context, FollowUpResultSchema, NAMES);
  if (formData.get("intent") === "revealNote") {
    // The note may tell of the person's health: shown in full only here, and every time audited.
    const note = await revealFollowUpNote(principal, params.followUpId ?? "", ip);
    invariantResponse(note !== null, "Not found");
    return data<Reply>({ result: { status: "success" }, note });
  }
  if (submission.status !== "success") return invalidReply(submission);
  const result = await recordFollowUp(principal, params.followUpId ?? "", submission.value, ip);
  invariantResponse(result, "Not found");
  if (!result.ok) return outcomeReply(submission, result);
  return { result: submission.reply({ resetForm: true }), done: "saved", lifecycle: result.lifecycle, atRisk: result.atRisk } satisfies Reply;
}

export default function RecordFollowUp() {
  const { followUp: f } = useLoaderData<typeof loader>();
  const data: Reply | undefined = useActionData<typeof action>();
  const saved = data && "lifecycle" in data ? data : undefined;
  const revealed = data?.note;
  const nav = useNavigation();
  const { t } = useTranslation();
  const punct = usePunct();
  const [form, allFields] = useBlurForm(FollowUpResultSchema, data?.done ? undefined : data?.result, { id: "follow-up", shouldRevalidate: "onInput" });
  const fields = asStringFields(allFields);
  const employed = fields.stillEmployed.value;
  return (
    <>
      <BackLink to="/coordinator/follow-ups">← {t("out.followUps.title")}</BackLink>
      <section className="card reg-card">
        <h1 data-testid="follow-up-title">
          {t("out.followUpForm.title")}: {f.placement.worker.fullName}
        </h1>
        <p>
          {t("out.detail.month", { count: f.dueMonth })} · {t("out.detail.due")} {isoDay(f.dueAt)} <FollowUpStateBadge state={f.state} /> ·{" "}
          <Link to={`/coordinator/placements/${f.placement.id}`}>{f.placement.employer.name}</Link>
        </p>
        {data?.done ? (
          <Message>
            <span data-testid="follow-up-saved">{t("out.followUpForm.saved")}</span>
            {saved?.lifecycle === "STABLE" ? <> {t("out.followUpForm.becameStable")}</> : null}
            {saved?.lifecycle === "LEFT" ? <> {t("out.followUpForm.becameLeft")}</> : null}
            {saved?.atRisk ? (
              <>
                {" "}
                <strong>{t("out.followUpForm.atRisk")}</strong>
              </>
            ) : null}
          </Message>
        ) : null}
        {f.completedAt && f.hasNote && revealed === undefined ? (
          <IntentButton name="followUpId" value={f.id} intent="revealNote" className="secondary">
            {t("out.followUpForm.noteReveal")}
          </IntentButton>
        ) : null}
        {f.completedAt ? (
          <p data-testid="follow-up-result">
            {f.stillEmployed ? t("out.detail.employed") : t("out.detail.notEmployed")}
            {f.monthlyWage ? ` · ${t("out.detail.yuan", { amount: f.monthlyWage })}` : ""}
            {f.leaveReason ? ` · ${t(`out.leaveReason.${f.leaveReason}`)}` : ""}
            {revealed !== undefined ? (
              <>
                {" · "}
                <span data-testid="follow-up-note">{revealed}</span> <small className="muted">{t("common.revealed")}</small>
              </>
            ) : f.hasNote ? (
              <>
                {" · "}
                {t("out.detail.followUpNote")}
                {punct.colon}
                <span data-testid="follow-up-note-hidden">{t("out.detail.noteHidden")}</span>
              </>
            ) : null}
          </p>
        ) : (
          <FormProvider context={form.context}>
            <Form method="post" {...getFormProps(form)} data-testid="follow-up-form">
              <FormErrors id={form.errorId} errors={form.errors} />
              <Fieldset legend={t("out.followUpForm.stillEmployed")} errors={fields.stillEmployed.errors} errorId={fields.stillEmployed.errorId}>
                <div className="checks" role="radiogroup" aria-invalid={fields.stillEmployed.errors?.length ? true : undefined}>
                  {(["yes", "no"] as const).map((v) => (
                    <label key={v} className="check" htmlFor={`follow-up-employed-${v}`}>
                      <input
                        type="radio"
                        id={`follow-up-employed-${v}`}
                        name={fields.stillEmployed.name}
                        value={v}
                        defaultChecked={fields.stillEmployed.initialValue === v}
                        aria-describedby={fields.stillEmployed.errors?.length ? fields.stillEmployed.errorId : undefined}
                      />
                      <span>{t(`out.followUpForm.${v}`)}</span>
                    </label>
                  ))}
                </div>
              </Fieldset>
              {employed !== "no" ? <Field label={t("out.followUpForm.monthlyWage")} field={fields.monthlyWage} inputMode="numeric" /> : null}
              {employed !== "yes" ? (
                <SelectField
                  label={t("out.followUpForm.leaveReason")}
                  field={fields.leaveReason}
                  placeholder={t("emp.choose")}
                  options={LEAVE_REASONS.map((r) => ({ value: r, label: t(`out.leaveReason.${r}`) }))}
                />
              ) : null}
              <Field label={t("out.followUpForm.note")} field={fields.note} />
              <button type="submit" className="primary wide" disabled={nav.state !== "idle"}>
                {t("out.followUpForm.submit")}
              </button>
            </Form>
          </FormProvider>
        )}
      </section>
    </>
  );
}
