// The training order form (new and edit): the three kinds explained where they are chosen, the
// completion rule, the general modules of compound training, and the hiring commitment whose
// required parts depend on the kind (the shared schema enforces them; the hints say which).
import { useTranslation } from "react-i18next";
import { GENERAL_MODULES, ORDER_KINDS, type OrderKind } from "~/domain/training-order";
import { TrainingOrderEditSchema, TrainingOrderSchema } from "~/features/employers/index";
import type { FormReply } from "~/platform/reply";
import {
  asStringFields,
  DraftForm,
  Fact,
  usePrefilledForm,
  useOccupationGroups,
  usePlaceGroups,
  type OccupationGroupOption,
  type PlaceGroup,
} from "~/features/employers/index";
import { CheckboxField, CheckboxGroup, Field, Fieldset, SelectField } from "~/components/forms";
import { TextArea } from "~/features/employers/index";
import { calendarDay } from "~/platform/china-time";
import { useLocalName, usePunct } from "~/components/local-name";

type Props = {
  mode: "new" | "edit";
  options: { places: PlaceGroup[]; occupations: OccupationGroupOption[]; providers: { id: string; name: string }[] };
  actionData?: FormReply;
  defaultValue?: Record<string, unknown>;
  canSubmit: boolean;
};

export function TrainingOrderForm({ mode, options, actionData, defaultValue, canSubmit }: Props) {
  const { t } = useTranslation();
  const schema = mode === "edit" ? TrainingOrderEditSchema : TrainingOrderSchema;
  const [form, allFields] = usePrefilledForm(
    `order-${mode}`,
    schema as typeof TrainingOrderEditSchema,
    actionData,
    defaultValue ?? { attendanceThreshold: "80", assessmentRequired: "on" },
  );
  const fields = asStringFields(allFields);
  // conform follows every input event, so the chosen kind is known as soon as a radio is picked.
  const kind = (ORDER_KINDS as readonly string[]).includes(fields.kind.value ?? "") ? (fields.kind.value as OrderKind) : null;
  const places = usePlaceGroups(options.places);
  const occupations = useOccupationGroups(options.occupations);
  return (
    <DraftForm kind="order" form={form} mode={mode} version={defaultValue?.version} canSend={canSubmit}>
      <Fieldset legend={t("emp.order.kind")} errors={fields.kind.errors} errorId={fields.kind.errorId}>
        <div className="checks" role="radiogroup" aria-invalid={fields.kind.errors?.length ? true : undefined}>
          {ORDER_KINDS.map((k) => (
            <label key={k} className="check" htmlFor={`${form.id}-kind-${k}`}>
              <input
                type="radio"
                id={`${form.id}-kind-${k}`}
                name={fields.kind.name}
                value={k}
                defaultChecked={fields.kind.initialValue === k}
                aria-describedby={fields.kind.errors?.length ? fields.kind.errorId : undefined}
              />
              <span>
                {t(`trainingKind.${k}`)}
                <small className="hint">{t(`emp.order.kindHelp.${k}`)}</small>
              </span>
            </label>
          ))}
        </div>
      </Fieldset>

      <Fieldset legend={t("emp.posting.basics")}>
        <SelectField label={t("emp.order.occupation")} field={fields.occupationCode} placeholder={t("emp.choose")} groups={occupations} />
        <Field label={t("emp.order.title")} field={fields.title} />
        <TextArea label={t("emp.optionalLabel", { label: t("emp.order.description") })} name="description" />
        <div className="pair">
          <Field label={t("emp.order.classSize")} field={fields.classSize} inputMode="numeric" />
          <Field label={t("emp.order.trainingHours")} field={fields.trainingHours} inputMode="numeric" />
        </div>
        <SelectField
          label={t("emp.order.provider")}
          field={fields.providerId}
          placeholder={t("emp.order.providerNone")}
          options={options.providers.map((p) => ({ value: p.id, label: p.name }))}
        />
      </Fieldset>

      <Fieldset legend={t("emp.order.schedule")}>
        <SelectField label={t("emp.order.location")} field={fields.locationRegionCode} placeholder={t("emp.choose")} groups={places} />
        <Field label={t("emp.optionalLabel", { label: t("emp.order.locationAddress") })} field={fields.locationAddress} />
        <div className="pair">
          <Field label={t("emp.optionalLabel", { label: t("emp.order.scheduleStart") })} field={fields.scheduleStart} type="date" />
          <Field label={t("emp.optionalLabel", { label: t("emp.order.scheduleEnd") })} field={fields.scheduleEnd} type="date" />
        </div>
      </Fieldset>

      <Fieldset legend={t("emp.order.completion")} hint={t("emp.order.completionHint")}>
        <Field label={t("emp.order.attendanceThreshold")} field={fields.attendanceThreshold} inputMode="numeric" />
        <CheckboxField label={t("emp.order.assessmentRequired")} field={fields.assessmentRequired} />
      </Fieldset>

      {kind === null || kind === "COMPOUND" ? (
        <CheckboxGroup
          legend={t("emp.order.modules")}
          field={fields.generalModules}
          options={GENERAL_MODULES.map((m) => ({ value: m, label: t(`emp.order.moduleNames.${m}`) }))}
        />
      ) : null}

      <Fieldset legend={t("emp.order.commitment")} hint={kind ? t(`emp.order.commitmentHint.${kind}`) : t("emp.order.commitmentHint.ORDER_BASED")}>
        <Field label={kind === "POST_BASED" ? t("emp.order.posts") : t("emp.order.commitHires")} field={fields.commitHires} inputMode="numeric" />
        <Field label={t("emp.order.commitWage")} field={fields.commitWage} inputMode="numeric" />
        <Field label={t("emp.order.retentionMonths")} field={fields.retentionMonths} inputMode="numeric" />
      </Fieldset>
    </DraftForm>
  );
}

type OrderForFacts = {
  kind: string;
  occupation: { nameZh: string; nameEn: string };
  classSize: number;
  trainingHours: number;
  description: string;
  provider: { name: string } | null;
  locationRegion: { name: string; nameEn: string | null };
  locationAddress: string | null;
  scheduleStart: string | Date | null;
  scheduleEnd: string | Date | null;
  attendanceThreshold: number;
  assessmentRequired: boolean;
  generalModules: string[];
  commitHires: number | null;
  commitWage: number | null;
  retentionMonths: number | null;
};

/** What an order says, for the employer's page and the coordinator's review alike. */
export function OrderFacts({ order }: { order: OrderForFacts }) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const punct = usePunct();
  const day = (d: string | Date | null) => (d ? calendarDay(d) : "");
  return (
    <>
      <p className="kind-help">{t(`emp.order.kindSummary.${order.kind}`)}</p>
      <dl className="facts">
        <dt>{t("emp.staff.kind")}</dt>
        <dd>{t(`trainingKind.${order.kind}`)}</dd>
        <dt>{t("emp.order.occupation")}</dt>
        <dd>{i18n.language === "en" ? order.occupation.nameEn : order.occupation.nameZh}</dd>
        <dt>{t("emp.staff.classSize")}</dt>
        <dd>{order.classSize}</dd>
        <dt>{t("emp.staff.hours")}</dt>
        <dd>{order.trainingHours}</dd>
        <dt>{t("emp.staff.provider")}</dt>
        <dd>{order.provider?.name ?? t("emp.order.providerNone")}</dd>
        <dt>{t("emp.staff.location")}</dt>
        <dd>
          {name(order.locationRegion)}
          {order.locationAddress ? ` · ${order.locationAddress}` : ""}
        </dd>
        {order.scheduleStart || order.scheduleEnd ? (
          <>
            <dt>{t("emp.staff.schedule")}</dt>
            <dd>
              {day(order.scheduleStart)} – {day(order.scheduleEnd)}
            </dd>
          </>
        ) : null}
        <dt>{t("emp.staff.completionRule")}</dt>
        <dd>
          {t("emp.staff.completionRuleValue", { pct: order.attendanceThreshold, assessment: order.assessmentRequired ? t("emp.staff.withAssessment") : "" })}
        </dd>
        <Fact term={t("emp.order.modules")}>{order.generalModules.map((m) => t(`emp.order.moduleNames.${m}`, { defaultValue: m })).join(punct.comma)}</Fact>
        <dt>{t("emp.order.commitment")}</dt>
        <dd data-testid="order-commitment">
          {order.commitHires
            ? order.retentionMonths
              ? t("emp.order.commitmentSummary", { hires: order.commitHires, wage: order.commitWage, months: order.retentionMonths })
              : t("emp.order.commitmentSummaryNoRetention", { hires: order.commitHires, wage: order.commitWage })
            : t("emp.order.noCommitment")}
        </dd>
      </dl>
      {order.description ? <p className="prewrap">{order.description}</p> : null}
    </>
  );
}
