// A new job posting: saved as a draft, or published at once by a verified employer.
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormCard } from "~/components/form-card";
import { PostingForm } from "~/features/employers/index";
import { PostingSchema } from "~/features/employers/index";
import { createPosting, newDraftAction, newDraftLoader } from "~/features/employers/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "out", "ref", "reg"] };

export const loader = newDraftLoader("posting");
export const action = newDraftAction("posting", PostingSchema, (p, input, { ip, send }) => createPosting(p, input, { ip, publish: send }));

export default function NewPosting() {
  const { options, canSend } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <FormCard title={t("emp.posting.newTitle")}>
      <PostingForm mode="new" options={options} actionData={data} canPublish={canSend} />
    </FormCard>
  );
}
