// One component renders a field's label, input, hint and errors with the aria wiring, so every
// form reads the same to a screen reader and shows problems next to the field they concern.
import { getCollectionProps, getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";

type FieldProps = {
  label: string;
  hint?: string;
  field: FieldMetadata<string | undefined>;
  type?: "text" | "password" | "tel" | "number" | "date" | "email";
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
  autoComplete?: string;
};

export function Field({ label, hint, field, type = "text", inputMode, autoComplete }: FieldProps) {
  const hintId = useId();
  return (
    <FieldFrame id={field.id} label={label} hint={hint} hintId={hintId} errorId={field.errorId} errors={field.errors}>
      <input
        {...getInputProps(field, { type, ariaAttributes: true })}
        aria-describedby={describedBy(hint && hintId, field.errors?.length && field.errorId)}
        inputMode={inputMode}
        autoComplete={autoComplete}
      />
    </FieldFrame>
  );
}

/** `aria-describedby` from the ids that apply (a hint, an error list that has errors), or none. */
export function describedBy(...ids: (string | false | 0 | null | undefined)[]) {
  return ids.filter(Boolean).join(" ") || undefined;
}

/**
 * What every one-control field draws around its control: the label, the hint (with `hintId` for the
 * control's aria-describedby) and the error list. The control is the caller's: input, select or textarea.
 */
export function FieldFrame({
  id,
  label,
  hint,
  hintId,
  errorId,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  hintId?: string;
  errorId?: string;
  errors?: string[];
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {children}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

type SelectOption = { value: string; label: string };
type OptionGroup = { label: string; options: SelectOption[] };

/** A select; `groups` renders <optgroup>s (after any flat `options`), `placeholder` a first empty choice. */
export function SelectField({
  label,
  hint,
  field,
  options = [],
  groups = [],
  placeholder,
  disabled,
  extraErrors,
}: {
  label: string;
  hint?: string;
  field: FieldMetadata<string | undefined>;
  options?: SelectOption[];
  groups?: OptionGroup[];
  placeholder?: string;
  disabled?: boolean;
  /** Errors the server reports under another name for this control (e.g. `occupationCodes[1]`). */
  extraErrors?: string[];
}) {
  const hintId = useId();
  const errors = [...(field.errors ?? []), ...(extraErrors ?? [])];
  return (
    <FieldFrame id={field.id} label={label} hint={hint} hintId={hintId} errorId={field.errorId} errors={errors}>
      <select
        {...getSelectProps(field, { ariaAttributes: true })}
        aria-describedby={describedBy(hint && hintId, errors.length && field.errorId)}
        aria-invalid={errors.length ? true : undefined}
        disabled={disabled}
      >
        <Options first={placeholder} options={options} groups={groups} />
      </select>
    </FieldFrame>
  );
}

/** The <option>s of a select: `first` as a first empty choice ("all", "choose…"), then flat `options`, then <optgroup>s. */
export function Options({ first, options = [], groups = [] }: { first?: string; options?: readonly SelectOption[]; groups?: readonly OptionGroup[] }) {
  return (
    <>
      {first !== undefined ? <option value="">{first}</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {groups.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

/** A group of controls under a legend, with the group's own hint and errors. */
export function Fieldset({
  legend,
  hint,
  errors,
  errorId,
  className,
  children,
}: {
  legend: string;
  hint?: string;
  errors?: string[];
  errorId?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const hintId = useId();
  const ownErrorId = useId();
  return (
    <fieldset
      className={["group", className].filter(Boolean).join(" ")}
      aria-describedby={describedBy(hint && hintId, errors?.length && (errorId ?? ownErrorId))}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId ?? ownErrorId} errors={errors} />
      {children}
    </fieldset>
  );
}

/** One checkbox with its label beside it; the whole row is the touch target. */
export function CheckboxField({ label, hint, field }: { label: string; hint?: string; field: FieldMetadata<string | boolean | undefined> }) {
  const hintId = useId();
  return (
    <div className="field checkbox-field">
      <label className="check" htmlFor={field.id}>
        <input
          {...getInputProps(field, { type: "checkbox", ariaAttributes: true })}
          aria-describedby={describedBy(hint && hintId, field.errors?.length && field.errorId)}
        />
        <span>{label}</span>
      </label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

type CheckOption = { value: string; label: string; hint?: string };

/** Several checkboxes sharing one name (a multi-select that works without JavaScript), optionally in labelled groups. */
export function CheckboxGroup({
  legend,
  hint,
  field,
  options = [],
  groups = [],
  extraErrors,
}: {
  legend: string;
  hint?: string;
  field: FieldMetadata<string[] | string | undefined>;
  options?: CheckOption[];
  groups?: { label: string; options: CheckOption[] }[];
  extraErrors?: string[];
}) {
  const errors = [...(field.errors ?? []), ...(extraErrors ?? [])];
  const checks = (list: CheckOption[]) => (
    <div className="checks">
      {getCollectionProps(field, { type: "checkbox", options: list.map((o) => o.value), ariaAttributes: false }).map(({ key, ...props }, i) => (
        <label key={key} className="check" htmlFor={props.id}>
          <input {...props} aria-invalid={errors.length ? true : undefined} aria-describedby={errors.length ? field.errorId : undefined} />
          <span>
            {list[i].label}
            {list[i].hint ? <small className="hint">{list[i].hint}</small> : null}
          </span>
        </label>
      ))}
    </div>
  );
  return (
    <Fieldset legend={legend} hint={hint} errors={errors} errorId={field.errorId}>
      {options.length ? checks(options) : null}
      {groups.map((g) => (
        <div key={g.label} className="check-group">
          <p className="check-group-label">{g.label}</p>
          {checks(g.options)}
        </div>
      ))}
    </Fieldset>
  );
}

/** Schema messages are i18n keys (one schema serves browser and server), translated here. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul className="errors" id={id} role="alert">
      {errors.map((e) => (
        <li key={e}>{t(e)}</li>
      ))}
    </ul>
  );
}

/** A form of one button posting `intent` about one row, which the hidden field `name` = `value` names. */
export function IntentButton({
  name,
  value,
  intent,
  className,
  disabled,
  preventScrollReset,
  children,
}: {
  name: string;
  value: string;
  intent: string;
  className: string;
  disabled?: boolean;
  preventScrollReset?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Form method="post" preventScrollReset={preventScrollReset}>
      <input type="hidden" name={name} value={value} />
      <button type="submit" name="intent" value={intent} className={className} disabled={disabled}>
        {children}
      </button>
    </Form>
  );
}

/**
 * The foot of an employer's posting or order form: a new one is saved as a draft or sent on
 * (published / submitted) when the account may; an existing one is saved.
 */
export function DraftActions({
  mode,
  canSend,
  notYet,
  saveDraft,
  send,
  saveChanges,
}: {
  mode: "new" | "edit";
  canSend: boolean;
  notYet: string;
  saveDraft: string;
  send: { intent: string; label: string };
  saveChanges: string;
}) {
  if (mode !== "new")
    return (
      <button type="submit" name="intent" value="save" className="primary wide">
        {saveChanges}
      </button>
    );
  return (
    <>
      {!canSend ? <p className="notice">{notYet}</p> : null}
      <div className="row actions">
        <button type="submit" name="intent" value="draft" className="secondary">
          {saveDraft}
        </button>
        {canSend ? (
          <button type="submit" name="intent" value={send.intent} className="primary">
            {send.label}
          </button>
        ) : null}
      </div>
    </>
  );
}
