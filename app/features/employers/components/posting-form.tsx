// The job posting form (new and edit). Requirements offer skills, certificates and an age range
// only: no control exists for sex, ethnicity or household registration, and the note says why.
import { FormProvider, getFormProps, useField, type FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, describedBy, Field, FieldFrame, Fieldset, SelectField, DraftActions } from "~/components/forms";
import { FormProblems } from "~/components/form-errors";
import { SkillLevelSelect } from "~/components/skill-level-select";
import { asStringFields, useOccupationGroups, usePrefilledForm, usePlaceGroups, type OccupationGroupOption, type PlaceGroup } from "./employer";
import { PostingEditSchema, PostingSchema } from "../schema";
import type { FormReply } from "~/platform/reply";

export const SKILL_ROWS = 3;
const useAnyField = (name: string) => useField<string | undefined>(name)[0];

type Props = {
  mode: "new" | "edit";
  options: { places: PlaceGroup[]; occupations: OccupationGroupOption[] };
  actionData?: FormReply;
  defaultValue?: Record<string, unknown>;
  canPublish: boolean;
  /** Editing an open posting keeps a revision: say so. */
  isOpen?: boolean;
};

export function PostingForm({ mode, options, actionData, defaultValue, canPublish, isOpen }: Props) {
  const { t } = useTranslation();
  const schema = mode === "edit" ? PostingEditSchema : PostingSchema;
  const [form, allFields] = usePrefilledForm(`posting-${mode}`, schema as typeof PostingEditSchema, actionData, defaultValue);
  const fields = asStringFields(allFields);
  const places = usePlaceGroups(options.places);
  const occupations = useOccupationGroups(options.occupations);
  const skills = fields.skills;
  return (
    <DraftForm kind="posting" form={form} mode={mode} version={defaultValue?.version} canSend={canPublish}>
      {isOpen ? <p className="notice">{t("emp.posting.revisionNote")}</p> : null}

      <Fieldset legend={t("emp.posting.basics")}>
        <SelectField label={t("emp.posting.occupation")} field={fields.occupationCode} placeholder={t("emp.choose")} groups={occupations} />
        <Field label={t("emp.posting.title")} hint={t("emp.posting.titleHint")} field={fields.title} />
        <TextArea label={t("emp.optionalLabel", { label: t("emp.posting.description") })} hint={t("emp.posting.descriptionHint")} name="description" />
        <Field label={t("emp.posting.headcount")} field={fields.headcount} type="number" inputMode="numeric" />
      </Fieldset>

      <Fieldset legend={t("emp.posting.pay")} hint={t("emp.posting.wageHint")}>
        <div className="pair">
          <Field label={t("emp.posting.wageMin")} field={fields.wageMin} inputMode="numeric" />
          <Field label={t("emp.posting.wageMax")} field={fields.wageMax} inputMode="numeric" />
        </div>
        <CheckboxField label={t("emp.posting.housing")} field={fields.housing} />
        <CheckboxField label={t("emp.posting.meals")} field={fields.meals} />
        <CheckboxField label={t("emp.posting.socialInsurance")} field={fields.socialInsurance} />
        <Field label={t("emp.optionalLabel", { label: t("emp.posting.travelSubsidy") })} field={fields.travelSubsidy} inputMode="numeric" />
      </Fieldset>

      <Fieldset legend={t("emp.posting.place")}>
        <SelectField label={t("emp.posting.workRegion")} field={fields.workRegionCode} placeholder={t("emp.choose")} groups={places} />
        <Field label={t("emp.optionalLabel", { label: t("emp.posting.workAddress") })} field={fields.workAddress} />
        <Field label={t("emp.optionalLabel", { label: t("emp.posting.startDate") })} field={fields.startDate} type="date" />
        <Field label={t("emp.optionalLabel", { label: t("emp.posting.contractMonths") })} field={fields.contractMonths} inputMode="numeric" />
        <Field label={t("emp.optionalLabel", { label: t("emp.posting.deadline") })} hint={t("emp.posting.deadlineHint")} field={fields.deadline} type="date" />
      </Fieldset>

      <Fieldset legend={t("emp.posting.requirements")} hint={t("emp.posting.lawfulNote")} errors={skills.errors} errorId={skills.errorId}>
        {Array.from({ length: SKILL_ROWS }, (_, i) => (
          <SkillRow key={i} index={i} occupations={occupations} />
        ))}
        <Field label={t("emp.optionalLabel", { label: t("emp.posting.certificates") })} hint={t("emp.posting.certificatesHint")} field={fields.certificates} />
        <div className="pair">
          <Field label={t("emp.posting.ageMin")} hint={t("emp.posting.ageHint")} field={fields.ageMin} inputMode="numeric" />
          <Field label={t("emp.posting.ageMax")} hint={t("emp.posting.ageHint")} field={fields.ageMax} inputMode="numeric" />
        </div>
      </Fieldset>
    </DraftForm>
  );
}

/** Each kind of draft form: where its words are and what sending it is called. */
const DRAFT_KINDS = {
  posting: { texts: "emp.posting", send: "publish", sendLabel: "emp.posting.publish", notYet: "emp.posting.cannotPublishYet" },
  order: { texts: "emp.order", send: "submit", sendLabel: "emp.order.submit", notYet: "emp.order.cannotSubmitYet" },
} as const;

/**
 * The frame of an employer's draft form (a posting, a training order): problems of the whole form
 * and "fix the fields below" above it, an edited one's version, the fields, and the draft / send / save foot.
 */
export function DraftForm<S extends Record<string, unknown>>({
  kind,
  form,
  mode,
  version,
  canSend,
  children,
}: {
  kind: keyof typeof DRAFT_KINDS;
  form: FormMetadata<S, string[]>;
  mode: "new" | "edit";
  version: unknown;
  canSend: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { texts, send, sendLabel, notYet } = DRAFT_KINDS[kind];
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} className="employer-form">
        <FormProblems form={form} fixBelow={t("emp.fixBelow")} />
        {mode === "edit" ? <input type="hidden" name="version" value={String(version ?? "")} /> : null}
        {children}
        <DraftActions
          mode={mode}
          canSend={canSend}
          notYet={t(notYet)}
          saveDraft={t(`${texts}.saveDraft`)}
          send={{ intent: send, label: t(sendLabel) }}
          saveChanges={t(`${texts}.saveChanges`)}
        />
      </Form>
    </FormProvider>
  );
}

function SkillRow({ index, occupations }: { index: number; occupations: ReturnType<typeof useOccupationGroups> }) {
  const { t } = useTranslation();
  const occupation = useAnyField(`skills[${index}].occupationCode`);
  const level = useAnyField(`skills[${index}].minLevel`);
  return (
    <Fieldset legend={t("emp.posting.skillRow", { n: index + 1 })} hint={index === 0 ? t("emp.posting.rowsHint") : undefined} className="row-group">
      <SelectField label={t("emp.posting.skillOccupation")} field={occupation} placeholder={t("emp.choose")} groups={occupations} />
      <SkillLevelSelect label={t("emp.posting.minLevel")} field={level} placeholder={t("emp.posting.anyLevel")} />
    </Fieldset>
  );
}

/** A textarea with the same label, hint and error wiring as Field. */
export function TextArea({ label, hint, name, rows = 4 }: { label: string; hint?: string; name: string; rows?: number }) {
  const field = useAnyField(name);
  const hintId = `${field.id}-hint`;
  return (
    <FieldFrame id={field.id} label={label} hint={hint} hintId={hintId} errorId={field.errorId} errors={field.errors}>
      <textarea
        key={field.key}
        id={field.id}
        name={field.name}
        form={field.formId}
        defaultValue={typeof field.initialValue === "string" ? field.initialValue : ""}
        rows={rows}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(hint && hintId, field.errors?.length && field.errorId)}
      />
    </FieldFrame>
  );
}
