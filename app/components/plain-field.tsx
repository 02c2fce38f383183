// A labelled control outside conform (a plain form: an upload, a short reason), with its hint and
// errors wired for screen readers as Field (forms.tsx) does for conform's fields. The ids follow
// the control's: `<id>-hint`, `<id>-error`.
import { ErrorList } from "./forms";

type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

/** `children` renders the control with the props it is given (its id and aria wiring). */
export function PlainField({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  errors?: string[];
  children: (control: ControlProps) => React.ReactNode;
}) {
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": invalid ? true : undefined })}
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}
