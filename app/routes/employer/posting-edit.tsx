// Editing a draft (in place) or an open posting (the previous content is kept as a revision).
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormCard } from "~/components/form-card";
import { PostingForm } from "~/features/employers/index";
import { postingEdit } from "~/domain/posting";
import { PostingEditSchema } from "~/features/employers/index";
import { editDraftAction, editDraftLoader } from "~/features/employers/index.server";
import { postingForEmployer, postingFormValues, updatePosting } from "~/features/employers/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "out", "ref", "reg"] };

export const loader = editDraftLoader("posting", async (p, postingId) => {
  const posting = await postingForEmployer(p, postingId);
  if (!posting) return null;
  const { id, title, status } = posting;
  return { id, title, editable: postingEdit(status) !== null, isOpen: status === "OPEN", values: postingFormValues(posting) };
});
export const action = editDraftAction("posting", PostingEditSchema, updatePosting);

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
