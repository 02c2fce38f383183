// Public employer sign-up: the organisation (credit code checked), its contact, and the first
// account. The account is PENDING until a coordinator verifies it; it may draft meanwhile.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { asStringFields, usePlaceGroups } from "~/features/employers/index";
import { CheckboxField, Field, Fieldset, SelectField } from "~/components/forms";
import { useBlurForm } from "~/components/blur-form";
import { INDUSTRIES } from "~/domain/employer";
import { serverT } from "~/i18n/i18n";
import { EmployerSignupSchema } from "~/features/employers/index";
import { createSessionCookie, getSessionUser } from "~/services/auth.server";
import { employerFormOptions, signupEmployer, signupRateLimited } from "~/features/employers/index.server";
import { formErrorReply, invalidReply, outcomeReply } from "~/platform/reply.server";
import { formNames, readRateLimitedFormPost } from "~/platform/form-post.server";
import { FormCard } from "~/components/form-card";
import type { RouteStrings } from "~/i18n/namespaces";
import { FormErrors } from "~/components/form-errors";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "reg"] };

const NAMES = formNames(EmployerSignupSchema);
const SECRETS = ["password", "passwordConfirm"];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "用人单位注册 · 劳务桥" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(user.homePath);
  const { places } = await employerFormOptions();
  return { title: serverT(request)("emp.signup.pageTitle"), places };
}

export async function action({ request }: ActionFunctionArgs) {
  const { formData, ip, wait } = await readRateLimitedFormPost(request, NAMES, signupRateLimited);
  if (wait) return formErrorReply(wait.submission, { formErrors: [serverT(request)("emp.signup.rateLimited", { minutes: wait.minutes })] }, 429, SECRETS);
  const submission = parseWithZod(formData, { schema: EmployerSignupSchema });
  if (submission.status !== "success") return invalidReply(submission, SECRETS);
  const result = await signupEmployer(submission.value, ip);
  if (!result.ok) return outcomeReply(submission, result, SECRETS);
  return redirect("/employer?welcome=1", { headers: { "Set-Cookie": await createSessionCookie(result.userId) } });
}

export default function EmployerSignup() {
  const { places } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, allFields] = useBlurForm(EmployerSignupSchema, data?.result, { shouldRevalidate: "onInput" });
  const fields = asStringFields(allFields);
  const placeGroups = usePlaceGroups(places);
  return (
    <FormCard title={t("emp.signup.title")}>
      <p>{t("emp.signup.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Fieldset legend={t("emp.signup.orgSection")}>
          <Field label={t("emp.signup.name")} hint={t("emp.signup.nameHint")} field={fields.name} autoComplete="organization" />
          <Field label={t("emp.signup.creditCode")} hint={t("emp.signup.creditCodeHint")} field={fields.creditCode} autoComplete="off" />
          <SelectField
            label={t("emp.signup.district")}
            hint={t("emp.signup.districtHint")}
            field={fields.districtCode}
            placeholder={t("emp.choose")}
            groups={placeGroups}
          />
          <SelectField
            label={t("emp.signup.industry")}
            field={fields.industry}
            placeholder={t("emp.choose")}
            options={INDUSTRIES.map((i) => ({ value: i, label: t(`emp.industries.${i}`) }))}
          />
          <Field label={t("emp.optionalLabel", { label: t("emp.signup.address") })} field={fields.address} autoComplete="street-address" />
        </Fieldset>
        <Fieldset legend={t("emp.signup.contactSection")}>
          <Field label={t("emp.signup.contactName")} field={fields.contactName} autoComplete="name" />
          <Field
            label={t("emp.signup.contactPhone")}
            hint={t("emp.signup.contactPhoneHint")}
            field={fields.contactPhone}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
          />
        </Fieldset>
        <Fieldset legend={t("emp.signup.accountSection")}>
          <Field label={t("emp.signup.username")} hint={t("emp.signup.usernameHint")} field={fields.username} autoComplete="username" />
          <Field label={t("emp.signup.password")} hint={t("emp.signup.passwordHint")} field={fields.password} type="password" autoComplete="new-password" />
          <Field label={t("emp.signup.passwordConfirm")} field={fields.passwordConfirm} type="password" autoComplete="new-password" />
        </Fieldset>
        <CheckboxField label={t("emp.signup.declaration")} field={fields.declaration} />
        <button type="submit" className="primary wide">
          {t("emp.signup.submit")}
        </button>
      </Form>
      <p className="muted">
        {t("emp.signup.haveAccount")} <Link to="/login">{t("emp.signup.signIn")}</Link>
      </p>
    </FormCard>
  );
}
