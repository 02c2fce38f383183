// The job seeker registration form, shared by the public page (mode "self": the person sets a
// password and accepts the notice) and a coordinator's assisted entry (mode "assisted": they
// confirm the person accepted it). It is ONE form in five steps:
// - without JavaScript every step is a visible section and the whole form posts at once;
// - with JavaScript one step shows at a time (Back/Next only show and hide sections, so nothing
//   typed is lost), and when the server rejects the post the first step with a problem opens.
//   The page is drawn that way from the first paint, before the scripts arrive (a <noscript>
//   style shows every step when they never will): nothing jumps when React takes over.
// - Next checks the step's fields first and stays on the step while one has a problem.
// The server answers with everything typed (conform's lastResult), never the password.
import { FormProvider, getFormProps, useField, useForm } from "@conform-to/react";
import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ageOn, parseResidentId } from "~/domain/resident-id";
import { CONSENT_VERSIONS, EDUCATION, PRIORITY_FACTORS, TRAINING_KINDS, TRANSFER_TYPES } from "../choices";
import type { RegionOption, RegistrationOptions } from "~/domain/options";
import type { RegistrationReply } from "~/platform/reply";
import { CheckboxField, CheckboxGroup, ErrorList, Field, FieldFrame, Fieldset, Options, SelectField } from "~/components/forms";
import { SkillLevelSelect } from "~/components/skill-level-select";
import { placeName } from "~/domain/place-names";

const STEPS = ["identity", "household", "skills", "preferences", "finish"] as const;
type Step = (typeof STEPS)[number];
const FIELDS_BY_STEP: Record<Step, string[]> = {
  identity: ["fullName", "idNumber", "phone"],
  household: ["countyCode", "townshipCode", "villageName", "isRegisteredPoor", "householdNumber", "priorityConsent", "priorityFactors"],
  skills: ["education", "skills", "history"],
  preferences: [
    "destinationKinds",
    "destinationRegionCodes",
    "homeBasedOnly",
    "occupationCodes",
    "minMonthlyWage",
    "willingToTrain",
    "trainingKinds",
    "availableFrom",
  ],
  finish: ["secret", "secretConfirm", "consentRegistration"],
};
const SKILL_ROWS = 3;
const HISTORY_ROWS = 2;
const WANTED_OCCUPATIONS = 3;

/** The step index holding a field named in an error (`skills[1].level` → skills), or -1. */
function stepOf(name: string): number {
  const root = name.split(/[.[]/)[0];
  return STEPS.findIndex((s) => FIELDS_BY_STEP[s].includes(root));
}

/** A field by name (the fixed rows have no list to come from); form values are strings on the wire. */
const useAnyField = (name: string) => useField<string | undefined>(name)[0];
/** A multi-valued field: one value or several under one name. */
const useListField = (name: string) => useField<string[] | string | undefined>(name)[0];

export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function useRegionName() {
  const { i18n } = useTranslation();
  // Repeated names (two 桥西区, 威县/魏县) carry their prefecture.
  return (r: { code?: string; name: string; nameEn: string | null }) => placeName(r, i18n.language);
}

type Props = { mode: "self" | "assisted"; options: RegistrationOptions; actionData?: RegistrationReply };

/**
 * Without JavaScript every step shows (and the step indicator's JavaScript parts do not): the
 * markup is the same either way, so the first paint already looks as it will once hydrated.
 */
const NO_SCRIPT_STYLE =
  ".registration .reg-step[hidden]{display:block}.registration .reg-step{border-top:1px solid var(--line);padding-top:.5rem}" +
  ".registration .js-only{display:none}" +
  ".steps li.current .step-number{background:#fff;border-color:var(--line);color:var(--muted)}";

type Validation = typeof import("../validation");
let validationModule: Promise<Validation> | null = null;
/** zod, conform's zod glue and the schemas (~23 KB over the wire): fetched once, on first use. */
const loadValidation = () => (validationModule ??= import("../validation"));

export function RegistrationForm({ mode, options, actionData }: Props) {
  const { t } = useTranslation();
  const onlyCounty = options.counties.length === 1 && options.counties[0].children.length === 1 ? options.counties[0].children[0].code : undefined;
  // The checks arrive with the first touch of the form (loadValidation); until then a submit goes
  // to the server, which checks the same schema.
  const [validation, setValidation] = useState<Validation | null>(null);
  const validate = () =>
    loadValidation().then((v) => {
      setValidation(() => v);
      return v;
    });
  // The two schemas share every field but the self form's password; either checks in the browser.
  const schemaOf = (v: Validation) => (mode === "self" ? v.SelfRegistrationSchema : v.AssistedRegistrationSchema) as Validation["SelfRegistrationSchema"];
  const [form] = useForm({
    id: `registration-${mode}`,
    lastResult: actionData?.result,
    defaultValue: onlyCounty ? { countyCode: onlyCounty } : undefined,
    onValidate: validation ? validation.validateOnBlur(schemaOf(validation)) : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const enhanced = useHydrated();
  const [step, setStep] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const last = STEPS.length - 1;

  const fieldErrorNames = Object.entries(form.allErrors)
    .filter(([name, errors]) => name !== "" && errors.length > 0)
    .map(([name]) => name);
  const stepsWithErrors = new Set(fieldErrorNames.map(stepOf));

  const sectionOf = (i: number) => formRef.current?.querySelector<HTMLElement>(`#${form.id}-step-${STEPS[i]}`);
  const goTo = (i: number, focusFirstProblem = false) => {
    setStep(i);
    // After the section is shown: bring it into view and move focus there (its first problem, or its heading).
    requestAnimationFrame(() => {
      const section = sectionOf(i);
      const target = (focusFirstProblem && section?.querySelector<HTMLElement>('[aria-invalid="true"]')) || section?.querySelector<HTMLElement>("h2");
      target?.focus();
      target?.scrollIntoView({ block: "center" });
    });
  };

  /** The step's fields in question shown beside them (conform checks them in the browser), the first focused. */
  const showProblems = (names: string[]) => {
    for (const name of names) form.validate({ name });
    // After conform has drawn the errors: focus the first field in question (or the step's heading).
    setTimeout(() => goTo(step, true), 0);
  };
  // Fields found wrong by a Next that had to fetch the checks first: shown once conform has them.
  const [unshown, setUnshown] = useState<string[] | null>(null);
  useEffect(() => {
    if (!validation || !unshown) return;
    setUnshown(null);
    showProblems(unshown);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- showProblems is a new function every render
  }, [validation, unshown]);

  /** Next: the step's fields are checked (their problems shown beside them, the first focused); it moves on only when there is none. */
  const next = async () => {
    if (!formRef.current) return;
    const v = validation ?? (await validate());
    const checked = v.parseWithZod(new FormData(formRef.current), { schema: schemaOf(v) });
    const problems = Object.entries(checked.status === "error" ? (checked.error ?? {}) : {})
      .filter(([name, errors]) => name !== "" && errors?.length && stepOf(name) === step)
      .map(([name]) => name);
    if (!problems.length) return goTo(step + 1);
    // conform checks in the browser only from the render after the checks arrived (onValidate): before
    // that, form.validate would post the form to the server, whose answer flags every step's empty fields.
    if (validation) showProblems(problems);
    else setUnshown(problems);
  };

  // When the server answers with problems, open the first step that has one.
  useEffect(() => {
    const errors = actionData?.result.error ?? {};
    const first = Math.min(
      ...Object.keys(errors)
        .filter((name) => name !== "" && errors[name]?.length)
        .map(stepOf)
        .filter((i) => i >= 0),
    );
    if (Number.isFinite(first)) goTo(first, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new server answer moves the step; goTo and stepOf are new functions every render
  }, [actionData]);

  // Enter in a text box moves on through the step instead of posting a half-filled form.
  const onKeyDown = (event: React.KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (!enhanced || step === last || event.key !== "Enter" || !(target instanceof HTMLInputElement) || target.type === "checkbox") return;
    event.preventDefault();
    const controls = [...(sectionOf(step)?.querySelectorAll<HTMLElement>("input:not([type=hidden]), select, textarea") ?? [])];
    const following = controls[controls.indexOf(target) + 1];
    if (following) following.focus();
    else next();
  };

  const stepTitle = (s: Step) => t(s === "finish" && mode === "assisted" ? "reg.steps.finishAssisted" : `reg.steps.${s}`);
  const formErrors = form.errors ?? [];

  return (
    <FormProvider context={form.context}>
      <Form
        method="post"
        {...getFormProps(form)}
        ref={formRef}
        onKeyDown={onKeyDown}
        onFocus={validation ? undefined : () => void validate()}
        className="registration"
        data-enhanced={enhanced || undefined}
      >
        {/* Enter in any field submits the whole form without JavaScript, not the township button below. */}
        <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          {t(mode === "self" ? "reg.submit" : "reg.submitAssisted")}
        </button>

        <noscript>
          <style>{NO_SCRIPT_STYLE}</style>
        </noscript>
        <nav aria-label={t("reg.stepsLabel")}>
          <ol className="steps">
            {STEPS.map((s, i) => (
              <li key={s} className={[i === step ? "current" : "", stepsWithErrors.has(i) ? "has-errors" : ""].filter(Boolean).join(" ") || undefined}>
                <a
                  href={`#${form.id}-step-${s}`}
                  aria-current={i === step ? "step" : undefined}
                  onClick={(e) => {
                    if (enhanced) {
                      e.preventDefault();
                      goTo(i);
                    }
                  }}
                >
                  <span className="step-number" aria-hidden="true">
                    {i + 1}
                  </span>
                  <span className="step-label">
                    {stepTitle(s)}
                    {stepsWithErrors.has(i) ? <span className="visually-hidden"> {t("reg.stepHasErrors")}</span> : null}
                  </span>
                </a>
              </li>
            ))}
          </ol>
          <p className="step-of js-only" aria-live="polite">
            {t("reg.stepOf", { current: step + 1, total: STEPS.length, title: stepTitle(STEPS[step]) })}
          </p>
        </nav>

        {actionData?.duplicate ? (
          <div className="form-error" role="alert" id={form.errorId}>
            <p>
              <strong>{t("reg.duplicateTitle")}</strong>
            </p>
            <p>{t("reg.duplicateBody")}</p>
            <p>{t("reg.duplicateForgot")}</p>
            <Link className="button" to="/login">
              {t("reg.goSignIn")}
            </Link>
          </div>
        ) : formErrors.length ? (
          <div className="form-error">
            <ErrorList id={form.errorId} errors={formErrors} />
          </div>
        ) : null}
        {form.status === "error" && fieldErrorNames.length > 0 && !actionData?.duplicate ? (
          <p className="form-error" role="status">
            {t("reg.fixBelow")}
          </p>
        ) : null}

        {STEPS.map((s, i) => (
          <section key={s} id={`${form.id}-step-${s}`} className="reg-step" hidden={i !== step} aria-labelledby={`${form.id}-step-${s}-title`}>
            <h2 id={`${form.id}-step-${s}-title`} tabIndex={-1}>
              <span className="step-number" aria-hidden="true">
                {i + 1}
              </span>{" "}
              {stepTitle(s)}
            </h2>
            {s === "identity" ? <IdentityStep /> : null}
            {s === "household" ? <HouseholdStep options={options} enhanced={enhanced} townships={actionData?.townships} /> : null}
            {s === "skills" ? <SkillsStep options={options} /> : null}
            {s === "preferences" ? <PreferencesStep options={options} enhanced={enhanced} /> : null}
            {s === "finish" ? <FinishStep mode={mode} /> : null}
            <div className="step-nav">
              {i > 0 ? (
                <button type="button" className="secondary js-only" disabled={!enhanced} onClick={() => goTo(i - 1)}>
                  {t("reg.back")}
                </button>
              ) : null}
              {i < last ? (
                // Disabled until the page is live: on a slow phone a tap before then would do nothing and be lost (CI run 11 saw it).
                <button type="button" className="primary js-only" disabled={!enhanced} onClick={next}>
                  {t("reg.next")}
                </button>
              ) : null}
              {i === last ? (
                <button type="submit" className="primary">
                  {t(mode === "self" ? "reg.submit" : "reg.submitAssisted")}
                </button>
              ) : null}
            </div>
          </section>
        ))}
      </Form>
    </FormProvider>
  );
}

// ───────────── ① identity ─────────────

function IdentityStep() {
  const { t } = useTranslation();
  const fullName = useAnyField("fullName");
  const idNumber = useAnyField("idNumber");
  const phone = useAnyField("phone");
  return (
    <>
      <Field label={t("reg.fullName")} hint={t("reg.fullNameHint")} field={fullName} autoComplete="name" />
      <Field label={t("reg.idNumber")} hint={t("reg.idNumberHint")} field={idNumber} autoComplete="off" />
      <DerivedFromId value={typeof idNumber.value === "string" ? idNumber.value : ""} />
      <Field label={t("reg.phone")} hint={t("reg.phoneHint")} field={phone} type="tel" inputMode="tel" autoComplete="tel" />
    </>
  );
}

/** Sex and birth date read from the ID number, for the person to confirm. */
function DerivedFromId({ value }: { value: string }) {
  const { t } = useTranslation();
  const parsed = parseResidentId(value);
  return (
    <div aria-live="polite" data-testid="id-derived">
      {parsed.ok ? (
        <p className="derived">
          {t("reg.derivedTitle")}
          <strong>
            {t("reg.derived", {
              sex: t(`reg.sex.${parsed.id.sex}`),
              year: parsed.id.birthDate.slice(0, 4),
              month: Number(parsed.id.birthDate.slice(5, 7)),
              day: Number(parsed.id.birthDate.slice(8, 10)),
              age: ageOn(parsed.id.birthDate, new Date()),
            })}
          </strong>
        </p>
      ) : null}
      {parsed.ok && parsed.id.areaStatus === "unknown" ? (
        <p className="notice" data-testid="id-area-unknown">
          {t("reg.idAreaUnknownForm")}
        </p>
      ) : null}
    </div>
  );
}

// ───────────── ② household registration ─────────────

function HouseholdStep({ options, enhanced, townships }: { options: RegistrationOptions; enhanced: boolean; townships?: RegistrationReply["townships"] }) {
  const { t } = useTranslation();
  const name = useRegionName();
  const county = useAnyField("countyCode");
  const township = useAnyField("townshipCode");
  const village = useAnyField("villageName");
  const poor = useAnyField("isRegisteredPoor");
  const householdNumber = useAnyField("householdNumber");
  const priorityConsent = useAnyField("priorityConsent");
  const factors = useListField("priorityFactors");
  const countyCode = typeof county.value === "string" ? county.value : "";
  // Townships: from the server's answer for this county, else (with JavaScript) fetched when the county changes.
  const fetcher = useFetcher<{ parent: string; regions: RegionOption[] }>();
  const fromServer = townships?.county === countyCode && townships.list.length ? townships.list : undefined;
  const fetched = fetcher.data?.parent === countyCode ? fetcher.data.regions : undefined;
  const list = fromServer ?? fetched ?? [];
  useEffect(() => {
    if (enhanced && /^\d{6}$/.test(countyCode) && !fromServer && fetcher.data?.parent !== countyCode) fetcher.load(`/register/regions?parent=${countyCode}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load when the county changes; fetcher and fromServer change with each answer
  }, [enhanced, countyCode]);
  const townshipPlaceholder = !countyCode
    ? t("reg.townshipNeedsCounty")
    : fetcher.state === "loading" && !list.length
      ? t("reg.townshipsLoading")
      : t("reg.townshipPlaceholder");

  return (
    <>
      <SelectField
        label={t("reg.county")}
        field={county}
        placeholder={t("reg.countyPlaceholder")}
        groups={options.counties.map((p) => ({ label: name(p), options: p.children.map((c) => ({ value: c.code, label: name(c) })) }))}
      />
      {/* Remounted when the list changes, so the township typed before is selected once its county's list is there. */}
      <SelectField
        key={`${countyCode}:${list.length}`}
        label={t("reg.township")}
        field={township}
        placeholder={townshipPlaceholder}
        options={list.map((r) => ({ value: r.code, label: name(r) }))}
        disabled={enhanced && !list.length}
      />
      {!enhanced ? (
        <div className="field">
          <button type="submit" name="intent" value="townships" formNoValidate className="secondary">
            {t("reg.loadTownships")}
          </button>
          <span className="hint">{t("reg.loadTownshipsHint")}</span>
        </div>
      ) : null}
      <Field label={t("reg.villageName")} hint={t("reg.villageHint")} field={village} />
      <CheckboxField label={t("reg.isRegisteredPoor")} field={poor} />
      <Field label={t("reg.householdNumber")} hint={t("reg.householdNumberHint")} field={householdNumber} />

      <Fieldset legend={t("reg.priorityTitle")} className="consent">
        <p className="consent-text">{t(`reg.noticeTexts.${CONSENT_VERSIONS.priorityFactors}`)}</p>
        <p className="hint">{t("reg.consentVersion", { version: CONSENT_VERSIONS.priorityFactors })}</p>
        <CheckboxField label={t("reg.priorityConsent")} field={priorityConsent} />
        {/* The factors are asked only after the consent: with JavaScript they appear when it is ticked. */}
        {!enhanced ? <p className="hint">{t("reg.priorityNoJs")}</p> : null}
        {!enhanced || priorityConsent.value === "on" ? (
          <CheckboxGroup
            legend={t("reg.priorityFactorsLegend")}
            field={factors}
            options={PRIORITY_FACTORS.map((f) => ({ value: f, label: t(`reg.priorityFactor.${f}`) }))}
          />
        ) : (
          <ErrorList id={factors.errorId} errors={factors.errors} />
        )}
      </Fieldset>
    </>
  );
}

// ───────────── ③ skills, education, recent work ─────────────

function useOccupationGroups() {
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

// ───────────── ④ preferences ─────────────

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

// ───────────── ⑤ password and consent ─────────────

function FinishStep({ mode }: { mode: "self" | "assisted" }) {
  const { t } = useTranslation();
  const secret = useAnyField("secret");
  const secretConfirm = useAnyField("secretConfirm");
  const consent = useAnyField("consentRegistration");
  return (
    <>
      {mode === "self" ? (
        <>
          <Field label={t("reg.secret")} hint={t("reg.secretHint")} field={secret} type="password" autoComplete="new-password" />
          <Field label={t("reg.secretConfirm")} field={secretConfirm} type="password" autoComplete="new-password" />
        </>
      ) : null}
      <Fieldset legend={t("reg.noticeTitle")} className="consent">
        <p className="consent-text">{t(`reg.noticeTexts.${CONSENT_VERSIONS.registration}`)}</p>
        <p className="hint">{t("reg.consentVersion", { version: CONSENT_VERSIONS.registration })}</p>
        <CheckboxField label={t(mode === "self" ? "reg.consentRegistration" : "reg.consentConfirm")} field={consent} />
      </Fieldset>
    </>
  );
}
