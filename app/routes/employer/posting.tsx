// One of the employer's postings: what it says, its lifecycle actions, its matched candidates
// (review, invite, hire), and the history of changes made while it was open.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RecordCard } from "~/components/record-card";
import { StepForms } from "~/components/step-forms";
import { CandidateList } from "~/features/employers/index";
import { isoDay, useDoneMessage } from "~/features/employers/index";
import { Facts } from "~/components/facts";
import { canPublish } from "~/domain/employer";
import { availablePostingActions, postingEdit, POSTING_ACTIONS, type PostingAction } from "~/domain/posting";
import { CANDIDATE_FIELDS, candidateAction, employerRecordPage } from "~/features/employers/index.server";
import { readAreaPost } from "~/platform/form-post.server";
import { requireEmployer } from "~/services/auth.server";
import { invariantResponse } from "~/services/http.server";
import { changePostingStatus, postingForEmployer } from "~/features/employers/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { StatusBadge } from "~/components/status-badge";
import { useLocalName, usePunct } from "~/components/local-name";
import { Card } from "~/components/card";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "lists", "matching", "out", "ref", "reg"] };

export async function loader(args: LoaderFunctionArgs) {
  const { record: posting, employer, review } = await employerRecordPage(args, "posting", postingForEmployer);
  const actions = availablePostingActions(posting.status).filter((a) => (a === "publish" || a === "reopen" ? canPublish(employer.status) : true));
  return { posting, actions, editable: postingEdit(posting.status) !== null, ...review };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal, formData, ip } = await readAreaPost(requireEmployer, request, context, CANDIDATE_FIELDS);
  const intent = String(formData.get("intent") ?? "");
  if ((POSTING_ACTIONS as readonly string[]).includes(intent)) {
    const result = await changePostingStatus(principal, params.postingId ?? "", intent as PostingAction, { ip });
    invariantResponse(result, "Not found");
    if (!result.ok)
      return data<{ posting: PostingReply }>(
        { posting: { formErrors: [result.kind === "conflict" ? "emp.conflict" : result.kind === "refused" ? result.message : result.problems[0].message] } },
        { status: result.kind === "invalid" ? 400 : 409 },
      );
    return data<{ posting: PostingReply }>({ posting: { done: intent } });
  }
  return candidateAction(principal, formData, ip);
}

/** The posting's own forms answer under `posting`, the candidate cards under `candidate`. */
type PostingReply = { done?: string; formErrors?: string[] };

export default function EmployerPosting() {
  const page = useLoaderData<typeof loader>();
  const { posting, actions, editable } = page;
  const data = useActionData<typeof action>();
  const reply = data && "posting" in data ? data.posting : undefined;
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const punct = usePunct();
  const done = useDoneMessage("posting", reply?.done ?? params.get("done"), posting.status);
  const occupation = (o: { nameZh: string; nameEn: string }) => (i18n.language === "en" ? o.nameEn : o.nameZh);
  const benefits = [
    posting.housing && t("emp.posting.housing"),
    posting.meals && t("emp.posting.meals"),
    posting.socialInsurance && t("emp.posting.socialInsurance"),
    posting.travelSubsidy ? `${t("emp.posting.travelSubsidy")} ${posting.travelSubsidy}` : null,
  ].filter(Boolean);
  return (
    <>
      <RecordCard
        title={posting.title}
        badge={<StatusBadge kind="posting" status={posting.status} />}
        testId="posting-title"
        done={done}
        errors={reply?.formErrors}
      >
        <p className="muted">{t("emp.posting.hired", { hired: posting.hired, headcount: posting.headcount })}</p>
        <Facts
          facts={[
            { label: t("emp.posting.occupation"), value: occupation(posting.occupation) },
            { label: t("emp.posting.headcount"), value: posting.headcount },
            { label: t("employer.wage"), value: t("emp.wageRange", { min: posting.wageMin, max: posting.wageMax }) },
            { label: t("emp.posting.benefits"), value: benefits.join(punct.comma) || t("emp.none") },
            { label: t("emp.posting.workRegion"), value: `${name(posting.workRegion)}${posting.workAddress ? ` · ${posting.workAddress}` : ""}` },
            posting.startDate && { label: t("emp.posting.startDate"), value: isoDay(posting.startDate) },
            posting.contractMonths && { label: t("emp.posting.contractMonths"), value: posting.contractMonths },
            posting.deadline && { label: t("emp.posting.deadline"), value: isoDay(posting.deadline) },
            {
              label: t("emp.posting.requirements"),
              value:
                [
                  ...posting.requirements.skills.map((s) => {
                    const o = posting.skillOccupations.find((x) => x.code === s.occupationCode);
                    return `${o ? occupation(o) : s.occupationCode}${s.minLevel ? ` ≥ ${t(`reg.skillLevels.${s.minLevel}`)}` : ""}`;
                  }),
                  ...posting.requirements.certificates,
                  posting.ageMin || posting.ageMax ? t("emp.posting.ageRangeValue", { min: posting.ageMin ?? 16, max: posting.ageMax ?? 65 }) : null,
                ]
                  .filter(Boolean)
                  .join(punct.comma) || t("emp.none"),
            },
          ]}
        />
        {posting.description ? <p className="prewrap">{posting.description}</p> : null}
        <StepForms
          edit={editable ? { to: `/employer/postings/${posting.id}/edit`, label: t("emp.posting.edit") } : null}
          steps={actions.map((a) => ({
            intent: a,
            label: t(`emp.posting.actions.${a}`),
            primary: a === "publish" || a === "reopen",
            confirm: a === "close" ? t("emp.posting.confirm.close") : undefined,
          }))}
        />
      </RecordCard>

      <CandidateList review={page} reply={data && "candidate" in data ? data.candidate : undefined} defaultWage={posting.wageMin} />

      {posting.revisions.length > 0 ? (
        <Card title={t("emp.posting.revisions")}>
          <ul className="plain-list">
            {posting.revisions.map((r) => {
              const s = r.snapshot as { title?: string; headcount?: number; wageMin?: number; wageMax?: number; deadline?: string | null };
              return (
                <li key={r.id}>
                  <details>
                    <summary>{t("emp.posting.revision", { version: r.version, date: isoDay(r.createdAt) })}</summary>
                    <p>
                      {s.title} · {s.headcount} · {t("emp.wageRange", { min: s.wageMin, max: s.wageMax })}
                      {s.deadline ? ` · ${t("emp.posting.deadline")} ${s.deadline}` : ""}
                    </p>
                  </details>
                </li>
              );
            })}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
