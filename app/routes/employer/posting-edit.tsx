// Editing a draft (in place) or an open posting (the previous content is kept as a revision).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormCard } from "~/components/form-card";
import { PostingForm } from "~/features/employers/index";
import { postingEdit } from "~/domain/posting";
import { PostingEditSchema } from "~/features/employers/index";
import { requireEmployer } from "~/services/auth.server";
import { employerFormOptions, readEmployerForm } from "~/features/employers/index.server";
import { invalidReply, outcomeReply } from "~/platform/reply.server";
import { POSTING_FORM_NAMES } from "~/features/employers/index.server";
import { invariantResponse } from "~/services/http.server";
import { postingForEmployer, postingFormValues, updatePosting } from "~/features/employers/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "out", "ref", "reg"] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireEmployer(request, context);
  const posting = await postingForEmployer(principal, params.postingId ?? "");
  invariantResponse(posting, "Not found");
  if (!postingEdit(posting.status)) throw redirect(`/employer/postings/${posting.id}`);
  const { places, occupations } = await employerFormOptions();
  return { id: posting.id, title: posting.title, isOpen: posting.status === "OPEN", values: postingFormValues(posting), options: { places, occupations } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal, submission, ip } = await readEmployerForm(request, context, POSTING_FORM_NAMES, PostingEditSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const { version, ...input } = submission.value;
  const result = await updatePosting(principal, params.postingId ?? "", input, version, { ip });
  invariantResponse(result, "Not found");
  if (!result.ok) return outcomeReply(submission, result);
  return redirect(`/employer/postings/${params.postingId}?done=updated`);
}

export default function EditPosting() {
  const { id, title, isOpen, values, options } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <FormCard title={t("emp.posting.editTitle")} back={{ to: `/employer/postings/${id}`, label: title }}>
      <PostingForm mode="edit" options={options} actionData={data} defaultValue={values} canPublish isOpen={isOpen} />
    </FormCard>
  );
}
