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
// Each step's fields are drawn by its own file beside this one (identity-step, household-step,
// skills-step, preferences-step, finish-step); the field hooks they share are in field-hooks.
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RegistrationOptions } from "~/domain/options";
import type { RegistrationReply } from "~/platform/reply";
import { ErrorList } from "~/components/forms";
import { useHydrated } from "./field-hooks";
import { FinishStep } from "./finish-step";
import { HouseholdStep } from "./household-step";
import { IdentityStep } from "./identity-step";
import { PreferencesStep } from "./preferences-step";
import { SkillsStep } from "./skills-step";

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

/** The step index holding a field named in an error (`skills[1].level` → skills), or -1. */
function stepOf(name: string): number {
  const root = name.split(/[.[]/)[0];
  return STEPS.findIndex((s) => FIELDS_BY_STEP[s].includes(root));
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
    // Until the checks are here, leaving or typing in a field checks nothing: conform with no onValidate
    // would post the whole form to the server (a rate-limited registration post) to check one field, and
    // its answer would flag steps the person has not seen.
    shouldValidate: validation ? "onBlur" : "onSubmit",
    shouldRevalidate: validation ? "onInput" : "onSubmit",
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
