// A spreadsheet upload's file input with its label, hint and error. Uploads are multipart forms
// read on the server (not conform forms), so the field is wired by hand once, here.
import { ErrorList } from "./forms";

/** What a roster, a posting list or a bank's return file may be: CSV or Excel (.xlsx). */
export const SPREADSHEET_ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function SpreadsheetField({
  id,
  label,
  hint,
  error,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  /** An i18n key (or a translated message): the field's problem. */
  error?: string | null;
  onChange?: React.ChangeEventHandler<HTMLInputElement>;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <input
        id={id}
        name="file"
        type="file"
        required
        accept={SPREADSHEET_ACCEPT}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={onChange}
      />
      <ErrorList id={`${id}-error`} errors={error ? [error] : undefined} />
    </div>
  );
}
