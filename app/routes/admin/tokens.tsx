import { beijingTime } from "~/features/imports/index";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DataTable } from "~/components/data-table";
import { Message } from "~/components/message";
import { Field, SelectField } from "~/components/forms";
import { NewBesideList } from "~/components/new-beside-list";
import { useBlurForm } from "~/components/blur-form";
import { ROLES } from "~/domain/access";
import { NewUserSchema } from "~/schemas/users";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "~/domain/api-token";
import { issueApiToken, listApiTokens, revokeApiTokenAudited } from "~/services/api-tokens.server";
import { requireUser } from "~/services/auth.server";
import { readFormPost } from "~/platform/form-post.server";
import { fieldErrorsOf } from "~/platform/reply";
import { clientIp } from "~/services/http.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "import", "lists"] };

const NewTokenSchema = z
  .object({
    intent: z.literal("create"),
    name: z.string({ error: "common.required" }).trim().min(1, "common.required").max(80),
    // A token's role and region are read as a new user's are.
    role: NewUserSchema.shape.role,
    regionCode: NewUserSchema.shape.regionCode,
    // The person accountable for what the token does (their sign-in name); without one the token may
    // read subsidy claims but not prepare, approve or batch them (docs/subsidies.md).
    issuedFor: z.string().trim().max(64, "admin.unknownUser").optional(),
    days: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, "admin.tokenDaysRange")
      .refine((v) => Number(v) >= 1 && Number(v) <= TOKEN_MAX_DAYS, "admin.tokenDaysRange")
      .optional(),
  })
  .refine((v) => v.role !== "COORDINATOR" || v.regionCode, { path: ["regionCode"], message: "admin.regionRequired" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  return { tokens: await listApiTokens() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["ADMIN"]);
  const read = await readFormPost(request, new Set(["intent", "id", "name", "role", "regionCode", "issuedFor", "days"]));
  // Thrown, not returned: a returned refusal would reach the page as action data (its text), and the page reads an object.
  if (!read.ok) throw read.response;
  const formData = read.formData;
  if (formData.get("intent") === "revoke") {
    const id = String(formData.get("id") ?? "");
    if (!(await revokeApiTokenAudited(principal, id, clientIp(request)))) {
      return data({ result: undefined, token: null, error: "admin.tokenNotFound" }, { status: 404 });
    }
    return { result: undefined, token: null, revoked: id };
  }
  const submission = parseWithZod(formData, { schema: NewTokenSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), token: null }, { status: 400 });
  const { intent: _intent, days, ...input } = submission.value;
  const issued = await issueApiToken(principal, { ...input, days: Number(days ?? TOKEN_DEFAULT_DAYS) }, clientIp(request));
  if (!issued.ok) return data({ result: submission.reply({ fieldErrors: fieldErrorsOf(issued.problems) }), token: null }, { status: 400 });
  return { result: submission.reply({ resetForm: true }), token: issued.token };
}

export default function AdminTokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useBlurForm(NewTokenSchema, data?.result, { defaultValue: { days: String(TOKEN_DEFAULT_DAYS) } });
  return (
    <NewBesideList
      form={form}
      title={t("admin.newToken")}
      done={
        data?.token ? (
          <Message>
            {t("admin.tokenCreated")} <code data-testid="new-token">{data.token}</code>
          </Message>
        ) : null
      }
      listTitle={t("admin.tokens")}
      list={
        <>
          <Message kind="alert">{data && "error" in data && data.error ? t(data.error) : null}</Message>
          <DataTable
            rows={tokens}
            rowKey={(tk) => tk.id}
            cards
            rowProps={(tk) => ({ "data-testid": `token-${tk.prefix}` })}
            columns={[
              {
                key: "name",
                header: t("admin.tokenName"),
                cell: (tk) => (
                  <>
                    {tk.name} <span className="muted">lb_{tk.prefix}_…</span>
                  </>
                ),
              },
              { key: "role", header: t("admin.role"), cell: (tk) => `${t(`roles.${tk.role}`)}${tk.regionCode ? ` · ${tk.regionCode}` : ""}` },
              { key: "for", header: t("admin.tokenFor"), cell: (tk) => (tk.user ? `${tk.user.displayName} (${tk.user.username})` : t("admin.tokenForNobody")) },
              { key: "used", header: t("admin.lastUsed"), cell: (tk) => (tk.lastUsedAt ? beijingTime(tk.lastUsedAt) : "—") },
              {
                key: "expires",
                header: t("admin.tokenExpires"),
                cell: (tk) => (
                  <>
                    {beijingTime(tk.expiresAt).slice(0, 10)}
                    {tk.state === "expired" ? (
                      <>
                        {" "}
                        <span className="badge">{t("admin.tokenExpired")}</span>
                      </>
                    ) : null}
                  </>
                ),
              },
              {
                key: "actions",
                header: t("common.actions"),
                cell: (tk) =>
                  tk.state === "revoked" ? (
                    <span className="badge">{t("common.revoked")}</span>
                  ) : tk.state === "expired" ? (
                    "—"
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="id" value={tk.id} />
                      <button type="submit" className="secondary" aria-label={`${t("common.revoke")} ${tk.name}`}>
                        {t("common.revoke")}
                      </button>
                    </Form>
                  ),
              },
            ]}
          />
        </>
      }
    >
      <input type="hidden" name="intent" value="create" />
      <Field label={t("admin.tokenName")} field={fields.name} />
      <SelectField
        label={t("admin.role")}
        field={fields.role}
        options={ROLES.filter((r) => r !== "JOB_SEEKER").map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <Field label={t("admin.region")} hint={t("admin.regionHint")} field={fields.regionCode} inputMode="numeric" />
      <Field label={t("admin.tokenForOptional")} hint={t("admin.tokenForHint")} field={fields.issuedFor} autoComplete="off" />
      <Field label={t("admin.tokenDays")} hint={t("admin.tokenDaysHint", { max: TOKEN_MAX_DAYS })} field={fields.days} inputMode="numeric" />
    </NewBesideList>
  );
}
