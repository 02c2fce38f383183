// The registration form's step ③ skills, education and recent work (the profile page draws it
// without the work history).
import { useTranslation } from "react-i18next";
import { EDUCATION } from "../choices";
import type { RegistrationOptions } from "~/domain/options";
import { Field, Fieldset, SelectField } from "~/components/forms";
import { SkillLevelSelect } from "~/components/skill-level-select";
import { useAnyField } from "./field-hooks";

const SKILL_ROWS = 3;
const HISTORY_ROWS = 2;

export function useOccupationGroups() {
  const { t, i18n } = useTranslation();
  return (options: RegistrationOptions) =>
    options.occupations.map((g) => ({
      label: t(`reg.category.${g.category}`, { defaultValue: g.category }),
      options: g.occupations.map((o) => ({ value: o.code, label: i18n.language === "en" ? o.nameEn : o.nameZh })),
    }));
}

/** Errors reported for one row, whatever field of the row they name (shown with the row's legend). */
function rowErrors(all: Record<string, string[]>, prefix: string, own: string[]): string[] {
  return Object.entries(all)
    .filter(([name]) => name.startsWith(prefix) && !own.includes(name))
    .flatMap(([, e]) => e);
}

/** Also used by the job seeker's own profile page (/me/profile), without the work history. */
export function SkillsStep({ options, withHistory = true }: { options: RegistrationOptions; withHistory?: boolean }) {
  const { t } = useTranslation();
  const groups = useOccupationGroups()(options);
  const education = useAnyField("education");
  const skills = useAnyField("skills");
  const history = useAnyField("history");
  return (
    <>
      <SelectField
        label={t("reg.education")}
        field={education}
        placeholder={t("reg.choose")}
        options={EDUCATION.map((e) => ({ value: e, label: t(`reg.educationLevel.${e}`) }))}
      />
      <Fieldset legend={t("reg.skillsTitle")} hint={t("reg.rowsHint")} errors={skills.errors} errorId={skills.errorId}>
        {Array.from({ length: SKILL_ROWS }, (_, i) => (
          <SkillRow key={i} index={i} groups={groups} />
        ))}
      </Fieldset>
      {withHistory ? (
        <Fieldset legend={t("reg.historyTitle")} hint={t("reg.rowsHint")} errors={history.errors} errorId={history.errorId}>
          {Array.from({ length: HISTORY_ROWS }, (_, i) => (
            <HistoryRow key={i} index={i} groups={groups} />
          ))}
        </Fieldset>
      ) : null}
    </>
  );
}

type OptionGroups = { label: string; options: { value: string; label: string }[] }[];

function SkillRow({ index, groups }: { index: number; groups: OptionGroups }) {
  const { t } = useTranslation();
  const row = useAnyField(`skills[${index}]`);
  const occupation = useAnyField(`skills[${index}].occupationCode`);
  const level = useAnyField(`skills[${index}].level`);
  const certificate = useAnyField(`skills[${index}].certificateNumber`);
  return (
    <Fieldset
      legend={t("reg.skillRow", { n: index + 1 })}
      className="row-group"
      errors={rowErrors(row.allErrors ?? {}, `skills[${index}]`, [occupation.name, level.name, certificate.name])}
    >
      <SelectField label={t("reg.skillOccupation")} field={occupation} placeholder={t("reg.occupationPlaceholder")} groups={groups} />
      <SkillLevelSelect label={t("reg.skillLevel")} field={level} placeholder={t("reg.skillLevelNone")} />
      <Field label={t("reg.certificateNumber")} field={certificate} autoComplete="off" />
    </Fieldset>
  );
}

function HistoryRow({ index, groups }: { index: number; groups: OptionGroups }) {
  const { t } = useTranslation();
  const row = useAnyField(`history[${index}]`);
  const employer = useAnyField(`history[${index}].employerName`);
  const occupation = useAnyField(`history[${index}].occupationCode`);
  const place = useAnyField(`history[${index}].place`);
  const start = useAnyField(`history[${index}].startDate`);
  const end = useAnyField(`history[${index}].endDate`);
  const fields = [employer, occupation, place, start, end].map((f) => f.name);
  return (
    <Fieldset legend={t("reg.historyRow", { n: index + 1 })} className="row-group" errors={rowErrors(row.allErrors ?? {}, `history[${index}]`, fields)}>
      <Field label={t("reg.employerName")} field={employer} autoComplete="off" />
      <SelectField label={t("reg.historyOccupation")} field={occupation} placeholder={t("reg.occupationPlaceholder")} groups={groups} />
      <Field label={t("reg.place")} hint={t("reg.placeHint")} field={place} />
      <Field label={t("reg.startDate")} field={start} type="date" />
      <Field label={t("reg.endDate")} field={end} type="date" />
    </Fieldset>
  );
}
