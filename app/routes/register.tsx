// The public registration form: no sign-in, works as a plain form post, enhanced with JavaScript.
// One person, one record: a second registration with the same ID number creates nothing and is
// told how to sign in, without learning anything about the record that exists.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RegistrationForm } from "~/features/registration/index";
import { hasRole } from "~/domain/access";
import { serverT } from "~/i18n/i18n";
import { formNames, readRateLimitedFormPost } from "~/platform/form-post.server";
import { SelfRegistrationSchema } from "~/features/registration/index";
import { getSessionUser } from "~/services/auth.server";
import { registrationOptions, registrationRateLimited, registrationReply, sessionForNewWorker, WORKER_FORM_ROWS } from "~/features/registration/index.server";
import { registerWorker } from "~/features/registration/index.server";
import { FormCard } from "~/components/form-card";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["reg"] };

const FIELDS = formNames(SelfRegistrationSchema, WORKER_FORM_ROWS);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "求职登记 · 劳务桥" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user && user.homePath === "/me") throw redirect("/me");
  return {
    title: serverT(request)("reg.pageTitle"),
    options: await registrationOptions(null),
    staff: user ? hasRole(user.principal, "COORDINATOR") || hasRole(user.principal, "ADMIN") : false,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { formData, ip, wait } = await readRateLimitedFormPost(request, FIELDS, registrationRateLimited);
  if (wait) return registrationReply(wait.submission, 429, { formErrors: [serverT(request)("reg.rateLimited", { minutes: wait.minutes })] });
  // Without JavaScript, the county's townships come from a round trip that keeps everything typed.
  if (formData.get("intent") === "townships") return registrationReply(parseWithZod(formData, { schema: z.unknown() }), 200);

  const submission = parseWithZod(formData, { schema: SelfRegistrationSchema });
  if (submission.status !== "success") return registrationReply(submission, 400);
  // The secret goes to the account only: registerWorker fingerprints the input it is given.
  const { secret, secretConfirm: _confirm, consentRegistration: _consent, ...input } = submission.value;
  const result = await registerWorker(input, { source: "SELF", actor: null, ip, secret });
  if (!result.ok && result.kind === "duplicate") {
    return registrationReply(submission, 409, {
      formErrors: ["reg.duplicateTitle"],
      problems: [{ field: "idNumber", message: "reg.idAlreadyRegistered" }],
      duplicate: true,
    });
  }
  if (!result.ok) return registrationReply(submission, 400, { problems: result.problems });
  return redirect("/me?welcome=1", { headers: { "Set-Cookie": await sessionForNewWorker(result.workerId) } });
}

export default function Register() {
  const { options, staff } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <FormCard title={t("reg.title")}>
      <p>{t("reg.intro")}</p>
      {staff ? (
        <p className="notice">
          {t("reg.staffHint")} <Link to="/coordinator/workers/new">{t("reg.assistedCta")}</Link>
        </p>
      ) : null}
      <RegistrationForm mode="self" options={options} actionData={actionData} />
      <p className="muted">
        {t("reg.haveAccount")} <Link to="/login">{t("reg.signInLink")}</Link>
      </p>
    </FormCard>
  );
}
