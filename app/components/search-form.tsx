// The GET search forms of the lists (plain forms, not conform: they work without JavaScript and the
// URL keeps the search): free text, filters, the search button, and how many were found.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Options } from "./forms";

export function SearchForm({
  q,
  hidden,
  total,
  children,
}: {
  /** The free-text field (`q`). */
  q: { label: string; value?: string | null; placeholder: string };
  /** Query parameters the form keeps as they are (the list's tab). */
  hidden?: Record<string, string>;
  total: number;
  /** The filters. */
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form method="get" className="card" role="search">
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="field">
          <label htmlFor="q">{q.label}</label>
          <input id="q" name="q" type="search" defaultValue={q.value ?? ""} placeholder={q.placeholder} />
        </div>
        {children}
        <button type="submit" className="primary">
          {t("common.search")}
        </button>
      </Form>
      <p className="muted">{t("common.total", { count: total })}</p>
    </>
  );
}

/** One filter: a labelled select; `any`, when given, is its first, empty choice. */
export function FilterSelect({
  name,
  id = name,
  label,
  value,
  any,
  options,
}: {
  /** The query parameter; also the select's id unless `id` is given. */
  name: string;
  id?: string;
  label: string;
  value?: string | null;
  any?: string;
  /** Each label may carry its facet count. */
  options: readonly { value: string; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <Options first={any} options={options} />
      </select>
    </div>
  );
}
