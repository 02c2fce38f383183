// A new job posting: saved as a draft, or published at once by a verified employer.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormCard } from "~/components/form-card";
import { PostingForm } from "~/features/employers/index";
import { canPublish } from "~/domain/employer";
import { PostingSchema } from "~/features/employers/index";
import { employerFormOptions, readEmployerForm, requireOwnEmployer } from "~/features/employers/index.server";
import { invalidReply, outcomeReply } from "~/platform/reply.server";
import { POSTING_FORM_NAMES } from "~/features/employers/index.server";
import { createPosting } from "~/features/employers/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "out", "ref", "reg"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { employer } = await requireOwnEmployer(request, context);
  const { places, occupations } = await employerFormOptions();
  return { options: { places, occupations }, canPublish: canPublish(employer.status) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { principal, formData, submission, ip } = await readEmployerForm(request, context, POSTING_FORM_NAMES, PostingSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const publish = formData.get("intent") === "publish";
  const result = await createPosting(principal, submission.value, { ip, publish });
  if (!result.ok) return outcomeReply(submission, result);
  return redirect(`/employer/postings/${result.postingId}?done=${publish ? "published" : "created"}`);
}

export default function NewPosting() {
  const { options, canPublish } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <FormCard title={t("emp.posting.newTitle")}>
      <PostingForm mode="new" options={options} actionData={data} canPublish={canPublish} />
    </FormCard>
  );
}
