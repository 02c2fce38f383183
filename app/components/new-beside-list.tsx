// A page that creates records beside their list (the admin's users and API tokens): on one side the
// form (what was just done, the form's own errors, its fields, one create button), on the other the list.
import { getFormProps, type FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "./forms";
import { Card } from "./card";

export function NewBesideList<S extends Record<string, unknown>>({
  form,
  title,
  done,
  children,
  listTitle,
  list,
}: {
  form: FormMetadata<S, string[]>;
  title: string;
  /** What the last submission did (a Message), above the form. */
  done?: React.ReactNode;
  /** The form's fields. */
  children: React.ReactNode;
  listTitle: string;
  list: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="grid two">
      <Card title={title}>
        {done}
        <Form method="post" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} />
          {children}
          <button type="submit" className="primary">
            {t("common.create")}
          </button>
        </Form>
      </Card>
      <Card title={listTitle}>{list}</Card>
    </div>
  );
}
