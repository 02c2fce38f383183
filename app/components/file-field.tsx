// A spreadsheet upload's file input (a roster, a posting list, a bank's return file), labelled and
// wired by PlainField: uploads are multipart forms read on the server, not conform forms.
import { PlainField } from "./plain-field";

/** What such a file may be: CSV or Excel (.xlsx). */
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
  return (
    <PlainField id={id} label={label} hint={hint} errors={error ? [error] : undefined}>
      {(control) => <input {...control} name="file" type="file" required accept={SPREADSHEET_ACCEPT} onChange={onChange} />}
    </PlainField>
  );
}
