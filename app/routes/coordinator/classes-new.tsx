// Forming a class: from an approved order (?orderId=, its terms prefilled) or the county's own plan.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClassForm } from "~/features/training/index";
import { ClassSchema } from "~/features/training/index";
import { requireUser } from "~/services/auth.server";
import { classFormOptions, createClass } from "~/features/training/index.server";
import { formNames, invalidReply, outcomeReply, type FormReply } from "~/features/employers/index.server";
import { clientIp } from "~/services/http.server";
import { readFormPost } from "~/features/registration/index.server";

const NAMES = formNames(ClassSchema);

export async function loader({ request }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  return classFormOptions(principal, new URL(request.url).searchParams.get("orderId"));
}

export async function action({ request }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  const read = await readFormPost(request, NAMES);
  if (!read.ok) throw read.response;
  const submission = parseWithZod(read.formData, { schema: ClassSchema });
  if (submission.status !== "success") return invalidReply(submission);
  const result = await createClass(principal, submission.value, { ip: clientIp(request) });
  if (!result.ok) return outcomeReply(submission, result);
  return redirect(`/coordinator/classes/${result.classId}`);
}

export default function NewClass() {
  const { counties, occupations, providers, order, prefill } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as FormReply | undefined;
  const { t } = useTranslation();
  return (
    <>
      <p><Link to="/coordinator/classes">{t("training.cls.back")}</Link></p>
      <section className="card reg-card">
        <h1>{t("training.newClass")}</h1>
        <ClassForm options={{ counties, occupations, providers }} order={order} prefill={prefill} actionData={data} />
      </section>
    </>
  );
}
