// Forming a training class: prefilled from an approved order (or blank for a county plan), the
// completion rule, and the weekly schedule the sessions are generated from.
import { FormProvider, getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORDER_KINDS } from "~/domain/training-order";
import { ClassSchema } from "../schema";
import type { FormReply } from "~/platform/reply";
import { asStringFields, useOccupationGroups, usePrefilledForm, type OccupationGroupOption, type PlaceGroup } from "~/features/employers/index";
import { CheckboxField, CheckboxGroup, Field, FieldFrame, Fieldset, SelectField } from "~/components/forms";
import { FormErrors } from "~/components/form-errors";
import { useLocalName } from "~/components/local-name";

type Props = {
  options: { counties: PlaceGroup[]; occupations: OccupationGroupOption[]; providers: { id: string; name: string }[] };
  order: { id: string; title: string; employer: string } | null;
  prefill: Record<string, unknown>;
  actionData?: FormReply;
};

export function ClassForm({ options, order, prefill, actionData }: Props) {
  const { t } = useTranslation();
  const name = useLocalName();
  const nav = useNavigation();
  const [form, allFields] = usePrefilledForm("class-new", ClassSchema, actionData, prefill);
  const fields = asStringFields(allFields);
  const occupations = useOccupationGroups(options.occupations);
  const counties = options.counties.map((g) => ({ label: name(g), options: g.children.map((c) => ({ value: c.code, label: name(c) })) }));
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} className="employer-form" data-testid="class-form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <p className="notice">{order ? t("training.form.fromOrder", { title: order.title, employer: order.employer }) : t("training.form.fromPlan")}</p>
        {order ? <input type="hidden" name="trainingOrderId" value={order.id} /> : null}
        <Fieldset legend={t("training.form.basics")}>
          <Field label={t("training.form.name")} field={fields.name} />
          <SelectField
            label={t("training.form.provider")}
            field={fields.providerId}
            placeholder={t("emp.choose")}
            options={options.providers.map((p) => ({ value: p.id, label: p.name }))}
          />
          <SelectField label={t("training.form.occupation")} field={fields.occupationCode} placeholder={t("emp.choose")} groups={occupations} />
          <SelectField label={t("training.form.kind")} field={fields.kind} options={ORDER_KINDS.map((k) => ({ value: k, label: t(`trainingKind.${k}`) }))} />
          <SelectField label={t("training.form.county")} field={fields.regionCode} placeholder={t("emp.choose")} groups={counties} />
          <Field label={t("emp.optionalLabel", { label: t("training.form.location") })} field={fields.location} />
          <FieldFrame
            id={fields.trainers.id}
            label={t("emp.optionalLabel", { label: t("training.form.trainers") })}
            hint={t("training.form.trainersHint")}
            errorId={fields.trainers.errorId}
            errors={fields.trainers.errors}
          >
            <input
              id={fields.trainers.id}
              name={fields.trainers.name}
              defaultValue={
                Array.isArray(fields.trainers.initialValue) ? (fields.trainers.initialValue as string[]).join("，") : (fields.trainers.initialValue ?? "")
              }
              aria-invalid={fields.trainers.errors?.length ? true : undefined}
              aria-describedby={fields.trainers.errors?.length ? fields.trainers.errorId : undefined}
            />
          </FieldFrame>
          <Field label={t("training.form.capacity")} field={fields.capacity} inputMode="numeric" />
        </Fieldset>
        <Fieldset legend={t("training.form.rule")} hint={t("training.form.ruleHint")}>
          <Field label={t("training.form.threshold")} field={fields.attendanceThreshold} inputMode="numeric" />
          <CheckboxField label={t("training.form.assessmentRequired")} field={fields.assessmentRequired} />
        </Fieldset>
        <Fieldset legend={t("training.form.schedule")} hint={t("training.form.scheduleHint")}>
          <div className="pair">
            <Field label={t("training.form.startDate")} field={fields.startDate} type="date" />
            <Field label={t("training.form.endDate")} field={fields.endDate} type="date" />
          </div>
          <CheckboxGroup
            legend={t("training.form.weekdays")}
            field={allFields.weekdays as never}
            options={["1", "2", "3", "4", "5", "6", "7"].map((d) => ({ value: d, label: t(`training.weekdays.${d}`) }))}
          />
          <div className="pair">
            <Field label={t("training.form.startTime")} field={fields.startTime} type={"time" as "text"} />
            <Field label={t("training.form.endTime")} field={fields.endTime} type={"time" as "text"} />
          </div>
          <Field label={t("training.form.totalHours")} hint={t("training.form.totalHoursHint")} field={fields.totalHours} inputMode="numeric" />
        </Fieldset>
        <button type="submit" className="primary wide" disabled={nav.state === "submitting"} data-testid="class-create">
          {t("training.form.create")}
        </button>
      </Form>
    </FormProvider>
  );
}
