// A coordinator registers someone on their behalf: the same form as the public page, without a
// password; the record says who entered it, and only counties in the coordinator's region are offered
// (and accepted: registerWorker checks the scope again).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RegistrationForm } from "~/features/registration/index";
import { staffScopes } from "~/domain/access";
import { serverT } from "~/i18n/i18n";
import { AssistedRegistrationSchema } from "~/features/registration/index";
import { requireUser } from "~/services/auth.server";
import { clientIp } from "~/services/http.server";
import { formFieldNames, readFormPost, registrationOptions, registrationReply, type RegistrationActionData } from "~/features/registration/index.server";
import { registerWorker } from "~/features/registration/index.server";

const FIELDS = formFieldNames(AssistedRegistrationSchema);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "代为登记 · 劳务桥" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  return { title: serverT(request)("reg.assistedPageTitle"), options: await registrationOptions(staffScopes(principal)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
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
  const actionData = useActionData() as RegistrationActionData | undefined;
  const { t } = useTranslation();
  return (
    <>
      <p><Link to="/coordinator">← {t("common.back")}</Link></p>
      <section className="card reg-card">
        <h1>{t("reg.assistedTitle")}</h1>
        <p>{t("reg.assistedIntro")}</p>
        <RegistrationForm mode="assisted" options={options} actionData={actionData} />
      </section>
    </>
  );
}
