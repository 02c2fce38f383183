// The annual plan of a region: its targets (editable by the coordinator of that level), the
// revision history, and its children's plans with where they do not add up to it.
import { chinaDateTime } from "~/platform/china-time";
import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fmt, PlanTable } from "~/features/plans/index";
import { ErrorList, Field } from "~/components/forms";
import { useBlurForm } from "~/components/blur-form";
import { COUNT_TARGETS, PLAN_TARGETS } from "~/domain/plans";
import { PLAN_FORM_NAMES, PlanSchema } from "~/features/plans/index";
import { requireCoordinator } from "~/services/auth.server";
import { defaultRegion, yearParam } from "~/features/plans/index.server";
import { invalidReply, outcomeReply, type FormReply } from "~/platform/reply.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { planPage, savePlan } from "~/features/plans/index.server";
import { readFormPost } from "~/platform/form-post.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Message } from "~/components/message";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "lists", "plans"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const url = new URL(request.url);
  const view = await planPage(principal, url.searchParams.get("region") || defaultRegion(principal), yearParam(url));
  invariantResponse(view, "Not found");
  return { view, saved: url.searchParams.get("saved") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const url = new URL(request.url);
  const region = url.searchParams.get("region") || defaultRegion(principal);
  const year = yearParam(url);
  const read = await readFormPost(request, PLAN_FORM_NAMES);
  if (!read.ok) throw read.response;
  const submission = parseWithZod(read.formData, { schema: PlanSchema });
  if (submission.status !== "success") return invalidReply(submission);
  const result = await savePlan(principal, region, year, { ...submission.value, version: submission.value.version ?? 0 }, { ip: clientIp(request) });
  invariantResponse(result, "Not found");
  if (!result.ok) return outcomeReply(submission, result);
  return { result: submission.reply({ resetForm: false }), done: "saved" } satisfies FormReply;
}

export default function Plans() {
  const { view } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = (r: { name: string; nameEn?: string | null }) => (lang === "en" && r.nameEn ? r.nameEn : r.name);
  const { region, year, plan } = view;
  /** A totals row under the children: the sum of their plans, or this region's own. */
  const sumRow = (label: string, values: Record<(typeof COUNT_TARGETS)[number], number>) => (
    <tr>
      <th>{label}</th>
      {COUNT_TARGETS.map((k) => (
        <th key={k}>{fmt(values[k], lang)}</th>
      ))}
    </tr>
  );
  return (
    <>
      <p className="no-print">
        <Link to={`/coordinator/dashboard?region=${region.code}&year=${year}`}>← {t("plans.records.back")}</Link>
      </p>
      <h1 data-testid="plan-title">{t("plans.plan.title", { region: name(region), year })}</h1>
      {plan ? (
        <p className="muted">{t("plans.plan.version", { version: plan.version, at: plan.updatedAt.slice(0, 10), by: plan.updatedBy ?? "—" })}</p>
      ) : (
        <p className="empty">{t("plans.dashboard.noPlan")}</p>
      )}
      <Message testId="plan-saved">{data?.done === "saved" && t("plans.plan.saved")}</Message>

      {view.canEdit ? (
        <section className="card reg-card">
          <h2>{plan ? t("plans.plan.revise") : t("plans.plan.create")}</h2>
          {/* After a save the form remounts with the new version, so the next save is not refused as stale. */}
          <PlanForm key={plan?.version ?? 0} actionData={data?.done ? undefined : data} defaults={plan} />
        </section>
      ) : (
        <p className="muted">{t("plans.plan.readOnly")}</p>
      )}

      {view.childLevel ? (
        <section className="card" aria-labelledby="rollup-h">
          <h2 id="rollup-h">{t("plans.plan.rollUp")}</h2>
          {view.gaps.length > 0 ? (
            <div className="form-error" role="status" data-testid="rollup-gaps">
              <p>{t("plans.plan.gapsIntro")}</p>
              <ul className="gaps">
                {view.gaps.map((g) => (
                  <li key={g.target}>
                    {t(g.difference > 0 ? "plans.plan.gapShort" : "plans.plan.gapOver", {
                      target: t(`plans.target.${g.target}`),
                      parent: fmt(g.parent, lang),
                      sum: fmt(g.childrenSum, lang),
                      diff: fmt(Math.abs(g.difference), lang),
                    })}
                  </li>
                ))}
              </ul>
            </div>
          ) : plan && view.childrenSum ? (
            <p className="notice" data-testid="rollup-ok">
              {t("plans.plan.addsUp")}
            </p>
          ) : null}
          {view.childrenWithoutPlan > 0 ? <p className="muted">{t("plans.plan.childrenWithoutPlan", { count: view.childrenWithoutPlan })}</p> : null}
          <PlanTable
            box={{ wide: t("plans.col.region") }}
            rows={view.children}
            rowKey={(c) => c.code}
            columns={[
              { key: "region", header: t("plans.col.region"), cell: (c) => <Link to={`/coordinator/plans?region=${c.code}&year=${year}`}>{name(c)}</Link> },
              ...COUNT_TARGETS.map((k) => ({
                key: k,
                header: t(`plans.targetShort.${k}`),
                cell: (c: (typeof view.children)[number]) => (c.plan ? fmt(c.plan[k], lang) : "—"),
              })),
            ]}
            foot={
              view.childrenSum ? (
                <>
                  {sumRow(t("plans.plan.childrenSum"), view.childrenSum)}
                  {plan ? sumRow(t("plans.plan.thisPlan"), plan) : null}
                </>
              ) : null
            }
          />
        </section>
      ) : null}

      <section className="card" aria-labelledby="history-h">
        <h2 id="history-h">{t("plans.plan.history")}</h2>
        {view.history.length === 0 ? (
          <p className="empty">{t("plans.plan.noHistory")}</p>
        ) : (
          <ol className="history" data-testid="plan-history">
            {view.history.map((h) => (
              <li key={h.version}>
                <strong>v{h.version}</strong> · {chinaDateTime(h.at)} · {h.by ?? "—"}
                {h.changes.length ? (
                  <ul className="gaps">
                    {h.changes.map((c) => (
                      <li key={c.target}>
                        {t(`plans.target.${c.target}`)}: {c.from === null ? "—" : fmt(c.from, lang)} → {fmt(c.to, lang)}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {h.note ? <p className="prewrap">{h.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function PlanForm({ actionData, defaults }: { actionData?: FormReply; defaults: Record<string, unknown> | null }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useBlurForm(PlanSchema, actionData?.result, {
    id: "plan",
    defaultValue: (defaults ? Object.fromEntries(PLAN_TARGETS.map((k) => [k, String(defaults[k])])) : {}) as Record<string, string>,
    shouldRevalidate: "onInput",
  });
  const f = fields as unknown as Record<string, Parameters<typeof Field>[0]["field"]>;
  const field = (k: string, hint?: string) => <Field label={t(`plans.target.${k}`)} hint={hint} field={f[k]} inputMode="numeric" />;
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} className="plan-form">
        <ErrorList id={form.errorId} errors={form.errors} />
        <input type="hidden" name="version" value={String(defaults?.version ?? 0)} />
        <div className="pair">
          {field("trainingPersonTimes", t("plans.hint.personTimes"))}
          {field("orderBasedPersonTimes", t("plans.hint.ofWhich"))}
        </div>
        <div className="pair">
          {field("transferredPersons", t("plans.hint.persons"))}
          {field("toBeijingTianjinPersons", t("plans.hint.ofWhich"))}
        </div>
        {field("stablePersons", t("plans.hint.stable"))}
        <div className="pair">
          {field("poorHouseholdSharePct", t("plans.hint.percent"))}
          {field("completionRatePct", t("plans.hint.percent"))}
        </div>
        <div className="field">
          <label htmlFor={f.note.id}>{t("plans.plan.note")}</label>
          <span className="hint">{t("plans.plan.noteHint")}</span>
          <textarea
            id={f.note.id}
            name={f.note.name}
            defaultValue={(f.note.initialValue as string | undefined) ?? ""}
            aria-invalid={f.note.errors?.length ? true : undefined}
            aria-describedby={f.note.errors?.length ? f.note.errorId : undefined}
          />
          <ErrorList id={f.note.errorId} errors={f.note.errors} />
        </div>
        <button type="submit" name="intent" value="save" className="primary wide" disabled={navigation.state === "submitting"}>
          {t("plans.plan.save")}
        </button>
      </Form>
    </FormProvider>
  );
}
