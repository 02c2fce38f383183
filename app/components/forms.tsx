// One component renders a field's label, input, hint and errors with the aria wiring, so every
// form reads the same to a screen reader and shows problems next to the field they concern.
import { getInputProps, getSelectProps, type FieldMetadata, type Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
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
  const describedBy = [hint ? hintId : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? <span className="hint" id={hintId}>{hint}</span> : null}
      <input {...getInputProps(field, { type, ariaAttributes: true })} aria-describedby={describedBy} inputMode={inputMode} autoComplete={autoComplete} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({ label, hint, field, options }: { label: string; hint?: string; field: FieldMetadata<string | undefined>; options: { value: string; label: string }[] }) {
  const hintId = useId();
  const describedBy = [hint ? hintId : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? <span className="hint" id={hintId}>{hint}</span> : null}
      <select {...getSelectProps(field, { ariaAttributes: true })} aria-describedby={describedBy}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Schema messages are i18n keys (one schema serves browser and server), translated here. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul className="errors" id={id} role="alert">
      {errors.map((e) => <li key={e}>{t(e)}</li>)}
    </ul>
  );
}

const passThrough = z.any();

/**
 * conform `onValidate`: the shared schema runs in the browser as the user leaves each field;
 * a submit always goes to the server, which runs the same schema and answers with every problem
 * next to its field (the same path a phone without JavaScript takes). conform 1.21 hides the
 * client-side errors of untouched fields when a pristine form is submitted, so letting the server
 * answer the submit is also the only way every error shows.
 */
export function validateOnBlur<S extends z.ZodType>(schema: S) {
  type Result = Submission<z.input<S>, string[], z.output<S>>;
  // conform marks its own validation round-trips (blur) with an intent field; a user's submit has none.
  return ({ formData }: { formData: FormData }): Result =>
    (formData.has("__intent__") ? parseWithZod(formData, { schema }) : parseWithZod(formData, { schema: passThrough })) as unknown as Result;
}
