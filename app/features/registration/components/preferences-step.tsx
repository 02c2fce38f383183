// The registration form's step ④ preferences: where and what the person wants to work, the wage,
// training, when they can start (also drawn by the profile page).
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { TRAINING_KINDS, TRANSFER_TYPES } from "../choices";
import type { RegistrationOptions } from "~/domain/options";
import { CheckboxField, CheckboxGroup, Field, FieldFrame, Fieldset, Options } from "~/components/forms";
import { useAnyField, useListField, useRegionName } from "./field-hooks";
import { useOccupationGroups } from "./skills-step";

const WANTED_OCCUPATIONS = 3;

/** Also used by /me/profile. */
export function PreferencesStep({ options, enhanced }: { options: RegistrationOptions; enhanced: boolean }) {
  const { t } = useTranslation();
  const name = useRegionName();
  const kinds = useListField("destinationKinds");
  const districts = useListField("destinationRegionCodes");
  const homeBasedOnly = useAnyField("homeBasedOnly");
  const wage = useAnyField("minMonthlyWage");
  const willing = useAnyField("willingToTrain");
  const trainingKinds = useListField("trainingKinds");
  const availableFrom = useAnyField("availableFrom");
  const chosenDistricts = ([] as unknown[]).concat(districts.initialValue ?? []).filter(Boolean);
  return (
    <>
      <CheckboxGroup
        legend={t("reg.destinationsTitle")}
        field={kinds}
        options={TRANSFER_TYPES.map((k) => ({ value: k, label: t(`reg.destinationKind.${k}`) }))}
      />
      {/* Folded (32 districts); open when some were chosen or are in question. */}
      <details className="districts" open={chosenDistricts.length > 0 || Object.keys(districts.allErrors ?? {}).length > 0 || undefined}>
        <summary>{t("reg.districtsTitle")}</summary>
        <CheckboxGroup
          legend={t("reg.districtsTitle")}
          field={districts}
          groups={options.destinations.map((city) => ({
            label: name(city),
            options: [
              { value: city.code, label: t("reg.anyDistrict", { city: name(city) }) },
              ...city.children.map((d) => ({ value: d.code, label: name(d) })),
            ],
          }))}
          extraErrors={Object.entries(districts.allErrors ?? {})
            .filter(([n]) => n !== districts.name)
            .flatMap(([, e]) => e)}
        />
      </details>
      <CheckboxField label={t("reg.homeBasedOnly")} field={homeBasedOnly} />
      <WantedOccupations options={options} />
      <Field label={t("reg.minMonthlyWage")} hint={t("reg.minMonthlyWageHint")} field={wage} inputMode="numeric" autoComplete="off" />
      <CheckboxField label={t("reg.willingToTrain")} field={willing} />
      {!enhanced || willing.value === "on" ? (
        <CheckboxGroup
          legend={t("reg.trainingKindsTitle")}
          field={trainingKinds}
          options={TRAINING_KINDS.map((k) => ({ value: k, label: t(`trainingKind.${k}`), hint: t(`reg.trainingKindHint.${k}`) }))}
        />
      ) : null}
      <Field label={t("reg.availableFrom")} field={availableFrom} type="date" />
    </>
  );
}

/** Up to three wanted occupations as selects sharing one name (blank ones are ignored). */
function WantedOccupations({ options }: { options: RegistrationOptions }) {
  const { t } = useTranslation();
  const groups = useOccupationGroups()(options);
  const field = useListField("occupationCodes");
  const baseId = useId();
  const initial = ([] as unknown[]).concat(field.initialValue ?? []);
  const errors = Object.values(field.allErrors ?? {}).flat();
  return (
    <Fieldset legend={t("reg.wantedTitle")} errors={errors} errorId={field.errorId}>
      {Array.from({ length: WANTED_OCCUPATIONS }, (_, i) => (
        <FieldFrame key={i} id={`${baseId}-${i}`} label={t("reg.wantedRow", { n: i + 1 })}>
          <select
            id={`${baseId}-${i}`}
            name={field.name}
            form={field.formId}
            defaultValue={typeof initial[i] === "string" ? initial[i] : ""}
            aria-invalid={errors.length ? true : undefined}
            aria-describedby={errors.length ? field.errorId : undefined}
          >
            <Options first={t("reg.occupationPlaceholder")} groups={groups} />
          </select>
        </FieldFrame>
      ))}
    </Fieldset>
  );
}
