import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { usePunct } from "~/components/local-name";
import { DataTable } from "~/components/data-table";
import { Message } from "~/components/message";
import { Field, SelectField } from "~/components/forms";
import { NewBesideList } from "~/components/new-beside-list";
import { useBlurForm } from "~/components/blur-form";
import { ROLES } from "~/domain/access";
import { requireUser } from "~/services/auth.server";
import { formNames, readFormPost } from "~/platform/form-post.server";
import { NewUserSchema } from "~/schemas/users";
import { createUser, listUsers } from "~/services/users.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "lists"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  return { users: await listUsers() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["ADMIN"]);
  const read = await readFormPost(request, formNames(NewUserSchema));
  if (!read.ok) throw read.response;
  const submission = parseWithZod(read.formData, { schema: NewUserSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }), created: false }, { status: 400 });
  const res = await createUser(submission.value, principal);
  if (!res.ok)
    return data({ result: submission.reply({ fieldErrors: { [res.field]: [res.message] }, hideFields: ["password"] }), created: false }, { status: 400 });
  return { result: submission.reply({ resetForm: true }), created: true };
}

export default function AdminUsers() {
  const { users } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const punct = usePunct();
  const [form, fields] = useBlurForm(NewUserSchema, data?.result);
  return (
    <NewBesideList
      form={form}
      title={t("admin.newUser")}
      done={<Message>{data?.created && t("admin.userCreated")}</Message>}
      listTitle={t("admin.users")}
      list={
        <DataTable
          rows={users}
          rowKey={(u) => u.id}
          columns={[
            { key: "username", header: t("admin.username"), cell: (u) => u.username },
            { key: "displayName", header: t("admin.displayName"), cell: (u) => u.displayName },
            {
              key: "roles",
              header: t("admin.role"),
              cell: (u) => u.roles.map((r) => `${t(`roles.${r.role}`)}${r.region ? ` · ${r.region.name}` : ""}`).join(punct.comma),
            },
          ]}
        />
      }
    >
      <Field label={t("admin.username")} field={fields.username} autoComplete="off" />
      <Field label={t("admin.displayName")} field={fields.displayName} />
      <Field label={t("admin.password")} field={fields.password} type="password" autoComplete="new-password" />
      <SelectField label={t("admin.role")} field={fields.role} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      <Field label={t("admin.region")} hint={t("admin.regionHint")} field={fields.regionCode} inputMode="numeric" />
    </NewBesideList>
  );
}
