// A coordinator registers someone on their behalf: the same form as the public page, without a
// password; the record says who entered it, and only counties in the coordinator's region are offered
// (and accepted: registerWorker checks the scope again).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RegistrationForm } from "~/features/registration/index";
import { staffScopes } from "~/domain/access";
import { serverT } from "~/i18n/i18n";
import { AssistedRegistrationSchema } from "~/features/registration/index";
import { requireCoordinator } from "~/services/auth.server";
import { clientIp } from "~/services/http.server";
import { formNames, readFormPost } from "~/platform/form-post.server";
import { registrationOptions, registrationReply, WORKER_FORM_ROWS } from "~/features/registration/index.server";
import { registerWorker } from "~/features/registration/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["reg"] };

const FIELDS = formNames(AssistedRegistrationSchema, WORKER_FORM_ROWS);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "代为登记 · 劳务桥" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  return { title: serverT(request)("reg.assistedPageTitle"), options: await registrationOptions(staffScopes(principal)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const read = await readFormPost(request, FIELDS);
  if (!read.ok) throw read.response;
  if (read.formData.get("intent") === "townships") return registrationReply(parseWithZod(read.formData, { schema: z.unknown() }), 200);

  const submission = parseWithZod(read.formData, { schema: AssistedRegistrationSchema });
  if (submission.status !== "success") return registrationReply(submission, 400);
  const { consentRegistration: _confirmed, ...input } = submission.value;
  const result = await registerWorker(input, { source: "COORDINATOR", actor: principal, ip: clientIp(request) });
  if (!result.ok && result.kind === "duplicate") {
    return registrationReply(submission, 409, { formErrors: ["reg.duplicateAssisted"], problems: [{ field: "idNumber", message: "reg.idAlreadyRegistered" }] });
  }
  if (!result.ok) return registrationReply(submission, 400, { problems: result.problems });
  return redirect(`/coordinator/workers/${result.workerId}`);
}

export default function CoordinatorWorkerNew() {
  const { options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <section className="card reg-card">
        <h1>{t("reg.assistedTitle")}</h1>
        <p>{t("reg.assistedIntro")}</p>
        <RegistrationForm mode="assisted" options={options} actionData={actionData} />
      </section>
    </>
  );
}
