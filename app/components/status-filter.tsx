// The filter above a staff list: a GET form in a card choosing one status (each shown with how many
// records have it), after any other fields the page puts in; a plain form, so it works without JavaScript.
import { Form } from "@remix-run/react";
import { FilterSelect } from "./search-form";

export function StatusFilter({
  id,
  label,
  all,
  statuses,
  value,
  submit,
  children,
}: {
  id: string;
  label: string;
  /** The first, empty choice: every status. */
  all: string;
  statuses: readonly { value: string; label: string }[];
  value: string;
  submit: string;
  /** Fields before the status (a search box). */
  children?: React.ReactNode;
}) {
  return (
    <Form method="get" className="card">
      {children}
      <FilterSelect name="status" id={id} label={label} value={value} any={all} options={statuses} />
      <button type="submit" className="primary">
        {submit}
      </button>
    </Form>
  );
}
