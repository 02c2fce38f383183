// A coordinator records a placement (转移就业) for a worker in their region: find the person, then
// employer, optional posting and class, start date, wage, place of work. The transfer type follows
// from the home county and the place; only home-based work is ticked by hand. The new record is
// checked against the fraud rules at once and opens with its flags shown.
import { FormProvider, getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { asStringFields, usePlaceGroups } from "~/features/employers/index";
import { BackLink } from "~/components/back-link";
import { CheckboxField, Field, Fieldset, SelectField } from "~/components/forms";
import { FormProblems } from "~/components/form-errors";
import { ItemList } from "~/components/item-list";
import { useBlurForm } from "~/components/blur-form";
import { PlacementSchema } from "~/features/placements/index";
import { requireCoordinator } from "~/services/auth.server";
import { employerFormOptions } from "~/features/employers/index.server";
import { invalidReply, outcomeReply } from "~/platform/reply.server";
import { createPlacement, placementFormOptions } from "~/features/placements/index.server";
import { readCoordinatorForm } from "~/platform/coordinator-pages.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { useLocalName } from "~/components/local-name";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "out", "ref", "reg"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const url = new URL(request.url);
  const workerId = url.searchParams.get("workerId") ?? undefined;
  const q = (url.searchParams.get("q") ?? "").slice(0, 40);
  const [options, { places }] = await Promise.all([placementFormOptions(principal, { workerId, q }), employerFormOptions()]);
  return { ...options, places, q };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { principal, submission, ip } = await readCoordinatorForm(request, context, PlacementSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const result = await createPlacement(principal, submission.value, { ip });
  if (!result.ok) return outcomeReply(submission, result);
  return redirect(`/coordinator/placements/${result.placementId}?done=created`);
}

export default function NewPlacement() {
  const { employers, postings, classes, worker, found, places, q } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const { t } = useTranslation();
  const name = useLocalName();
  const placeGroups = usePlaceGroups(places);
  const [form, allFields] = useBlurForm(PlacementSchema, data?.result, {
    id: "placement-new",
    defaultValue: { workerId: worker?.id ?? "" },
    shouldRevalidate: "onInput",
  });
  const fields = asStringFields(allFields);
  const employerId = fields.employerId.value ?? "";
  return (
    <>
      <BackLink to="/coordinator/placements">← {t("out.placements.title")}</BackLink>
      <section className="card reg-card">
        <h1 data-testid="placement-new-title">{t("out.form.title")}</h1>
        {!worker ? (
          <>
            <Form method="get" className="row" role="search">
              <div className="field" style={{ flex: "1 1 12rem" }}>
                <label htmlFor="worker-q">{t("out.form.findWorker")}</label>
                <span className="hint" id="worker-q-hint">
                  {t("out.form.findHint")}
                </span>
                <input id="worker-q" name="q" defaultValue={q} maxLength={40} aria-describedby="worker-q-hint" />
              </div>
              <button type="submit" className="primary">
                {t("out.form.search")}
              </button>
            </Form>
            {q ? (
              <ItemList
                rows={found}
                testId="worker-results"
                empty={t("out.form.noWorkers")}
                item={(w) => (
                  <>
                    <Link to={`?workerId=${w.id}`}>{w.fullName}</Link> <code>{w.idNumberMasked}</code> <span className="muted">{name(w.county)}</span>
                  </>
                )}
              />
            ) : null}
          </>
        ) : (
          <FormProvider context={form.context}>
            <Form method="post" {...getFormProps(form)}>
              <FormProblems form={form} fixBelow={t("out.fixBelow")} />
              <input type="hidden" name={fields.workerId.name} value={worker.id} />
              <p data-testid="placement-worker">
                {t("out.form.worker")}: <strong>{worker.fullName}</strong> <code>{worker.idNumberMasked}</code> {name(worker.county)} ·{" "}
                <Link to="/coordinator/placements/new">{t("out.form.changeWorker")}</Link>
              </p>
              <Fieldset legend={t("out.form.employer")}>
                <SelectField
                  label={t("out.form.employer")}
                  field={fields.employerId}
                  placeholder={t("emp.choose")}
                  options={employers.map((e) => ({ value: e.id, label: `${e.name}${e.status === "VERIFIED" ? "" : t("out.form.employerPending")}` }))}
                />
                <SelectField
                  label={t("out.form.posting")}
                  field={fields.postingId}
                  placeholder={t("out.form.none")}
                  options={postings
                    .filter((p) => !employerId || p.employerId === employerId)
                    .map((p) => ({ value: p.id, label: `${p.title} · ${p.employer.name}` }))}
                />
                <SelectField
                  label={t("out.form.trainingClass")}
                  field={fields.trainingClassId}
                  placeholder={t("out.form.none")}
                  options={classes.map((c) => ({ value: c.id, label: c.name }))}
                />
              </Fieldset>
              <Fieldset legend={t("out.detail.wage")}>
                <div className="pair">
                  <Field label={t("out.form.startDate")} field={fields.startDate} type="date" />
                  <Field label={t("out.form.endDate")} field={fields.endDate} type="date" />
                </div>
                <Field label={t("out.form.monthlyWage")} field={fields.monthlyWage} inputMode="numeric" />
              </Fieldset>
              <Fieldset legend={t("out.detail.place")}>
                <SelectField label={t("out.form.workRegion")} field={fields.workRegionCode} placeholder={t("emp.choose")} groups={placeGroups} />
                <Field label={t("out.form.workAddress")} field={fields.workAddress} />
                <CheckboxField label={t("out.form.homeBased")} hint={t("out.form.homeBasedHint")} field={fields.homeBased} />
              </Fieldset>
              <button type="submit" className="primary wide" disabled={nav.state !== "idle"}>
                {t("out.form.submit")}
              </button>
            </Form>
          </FormProvider>
        )}
      </section>
    </>
  );
}
