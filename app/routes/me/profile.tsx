// A job seeker keeps their skills and preferences up to date (identity and household changes go
// through a coordinator, who can check documents).
import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { useBlurForm } from "~/components/blur-form";
import { PreferencesStep, SkillsStep, useHydrated } from "~/features/registration/index";
import { fieldErrorsOf, formErrorReply, invalidReply } from "~/platform/reply.server";
import { PreferencesSchema } from "~/features/registration/index";
import { requireJobSeeker } from "~/services/auth.server";
import { invariantResponse } from "~/services/http.server";
import { updateOwnPreferences } from "~/features/registration/index.server";
import { formNames, readFormPost } from "~/platform/form-post.server";
import { registrationOptions, WORKER_FORM_ROWS } from "~/features/registration/index.server";
import { ownProfileDefaults } from "~/features/registration/index.server";
import { serverT } from "~/i18n/i18n";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "me", "reg"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "我的求职意向 · 劳务桥" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireJobSeeker(request, context);
  invariantResponse(principal.workerId, "Not found");
  const [profile, options] = await Promise.all([ownProfileDefaults(principal.workerId), registrationOptions([])]);
  return { ...profile, options, title: serverT(request)("me.profilePageTitle") };
}

const FIELDS = formNames(PreferencesSchema, WORKER_FORM_ROWS);

export async function action({ request, context }: ActionFunctionArgs) {
  const { principal } = await requireJobSeeker(request, context);
  invariantResponse(principal.workerId, "Not found");
  const read = await readFormPost(request, FIELDS);
  if (!read.ok) throw read.response;
  const submission = parseWithZod(read.formData, { schema: PreferencesSchema });
  if (submission.status !== "success") return invalidReply(submission);
  const result = await updateOwnPreferences(principal.workerId, submission.value, principal);
  if (!result.ok) {
    return formErrorReply(submission, { fieldErrors: fieldErrorsOf(result.problems) }, 400);
  }
  return redirect("/me?saved=1");
}

export default function MyProfile() {
  const { defaultValue, options, fullName } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const { t } = useTranslation();
  const enhanced = useHydrated();
  const [form] = useBlurForm(PreferencesSchema, lastResult, {
    id: "my-profile",
    // The schema's inputs are preprocessed form strings; the stored values are shaped to match.
    defaultValue: defaultValue as unknown as Record<string, string>,
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <h1 data-testid="my-profile">{t("me.profileTitle")}</h1>
      <p className="muted">{t("me.profileHint", { name: fullName })}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="registration">
          {form.errors?.length ? (
            <div className="form-error">
              <ErrorList id={form.errorId} errors={form.errors} />
            </div>
          ) : null}
          <Card title={t("reg.steps.skills")}>
            <SkillsStep options={options} withHistory={false} />
          </Card>
          <Card title={t("reg.steps.preferences")}>
            <PreferencesStep options={options} enhanced={enhanced} />
          </Card>
          <button type="submit" className="primary" style={{ width: "100%" }}>
            {t("common.save")}
          </button>
        </Form>
      </FormProvider>
    </>
  );
}
