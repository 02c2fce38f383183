// A labelled control outside conform (a plain form: an upload, a short reason), with its hint and
// errors wired for screen readers as Field (forms.tsx) does for conform's fields. The ids follow
// the control's: `<id>-hint`, `<id>-error`.
import { describedBy, FieldFrame } from "./forms";

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
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <FieldFrame id={id} label={label} hint={hint} hintId={hintId} errorId={`${id}-error`} errors={errors}>
      {children({ id, "aria-describedby": describedBy(hintId, invalid && `${id}-error`), "aria-invalid": invalid ? true : undefined })}
    </FieldFrame>
  );
}
