// One placement: its facts, its flags with their reasons, the evidence (files downloaded and
// numbers revealed only as audited actions), the verification decision, the sampled
// re-verification when drawn, and its follow-ups.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RecordCard } from "~/components/record-card";
import { z } from "zod";
import { isoDay } from "~/features/employers/index";
import { Facts } from "~/components/facts";
import { ErrorList, IntentButton } from "~/components/forms";
import { SubmitButtons } from "~/components/submit-buttons";
import { ListCard } from "~/components/list-card";
import { PlainField } from "~/components/plain-field";
import { FlagList, FollowUpStateBadge, VerificationBadge, WorkerBadges } from "~/features/placements/index";
import { DecisionSchema, ReverifySchema } from "~/features/placements/index";
import { requireCoordinator } from "~/services/auth.server";
import { outcomeReply, invalidReply, type FormReply } from "~/platform/reply.server";
import { evidenceReference, maskedReferences } from "~/features/placements/index.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { decidePlacement, placementFor, recordReverification, revealPlacementNotes } from "~/features/placements/index.server";
import { readFormPost } from "~/platform/form-post.server";
import { coordinatorRecord } from "~/platform/coordinator-pages.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { useLocalName } from "~/components/local-name";
import { Card } from "~/components/card";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "out", "ref", "reg"] };

const NAMES = new Set(["intent", "note", "evidenceId", "outcome", "placementId"]);
const RevealSchema = z.object({ intent: z.literal("reveal"), evidenceId: z.string().uuid() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const placement = await coordinatorRecord(request, context, (p) => placementFor(p, params.placementId ?? ""));
  return { placement, references: await maskedReferences(placement.evidence) };
}

type Reply = FormReply & {
  revealed?: { evidenceId: string; reference: string };
  notes?: { verificationNote: string | null; reverificationNote: string | null };
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const read = await readFormPost(request, NAMES);
  if (!read.ok) throw read.response;
  const intent = read.formData.get("intent");
  const id = params.placementId ?? "";
  const ip = clientIp(request);
  if (intent === "reveal") {
    const parsed = RevealSchema.safeParse(Object.fromEntries(read.formData));
    invariantResponse(parsed.success, "Not found");
    const ref = await evidenceReference(principal, parsed.data.evidenceId, { reveal: true, ip });
    invariantResponse(ref, "Not found");
    return data<Reply>({ result: { status: "success" }, revealed: { evidenceId: parsed.data.evidenceId, reference: ref.reference } });
  }
  if (intent === "revealNotes") {
    // The notes may tell of the person's health: shown in full only here, and every time audited.
    const notes = await revealPlacementNotes(principal, id, ip);
    invariantResponse(notes, "Not found");
    return data<Reply>({ result: { status: "success" }, notes });
  }
  if (intent === "reverify") {
    const submission = parseWithZod(read.formData, { schema: ReverifySchema });
    if (submission.status !== "success") return invalidReply(submission);
    const result = await recordReverification(principal, id, submission.value.outcome, submission.value.note, ip);
    invariantResponse(result, "Not found");
    if (!result.ok) return outcomeReply(submission, result);
    return { result: submission.reply({ resetForm: true }), done: "reverify" } satisfies Reply;
  }
  const submission = parseWithZod(read.formData, { schema: DecisionSchema });
  if (submission.status !== "success") return invalidReply(submission);
  const result = await decidePlacement(principal, id, submission.value.intent, submission.value.note, { ip });
  invariantResponse(result, "Not found");
  if (!result.ok) return outcomeReply(submission, result);
  return { result: submission.reply({ resetForm: true }), done: submission.value.intent } satisfies Reply;
}

export default function PlacementDetail() {
  const { placement: p, references } = useLoaderData<typeof loader>();
  const data: Reply | undefined = useActionData<typeof action>();
  const revealed = data?.revealed;
  const notes = data?.notes;
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const name = useLocalName();
  const fromRedirect = search.get("done");
  const done = data?.done ?? (fromRedirect === "evidence" || fromRedirect === "created" ? fromRedirect : null);
  const noteErrors = data?.result.error?.note ?? undefined;
  const outcomeErrors = data?.result.error?.outcome ?? undefined;
  const counts = p.verification === "VERIFIED";
  return (
    <>
      <RecordCard
        back={{ to: "/coordinator/placements", label: t("out.placements.title") }}
        title={`${t("out.detail.title")}: ${p.worker.fullName}`}
        badge={<VerificationBadge status={p.verification} />}
        testId="placement-title"
        done={done && t(`out.detail.done.${done}`)}
        errors={data?.result.error?.[""] ?? undefined}
      >
        <p className={counts ? "notice" : "muted"} data-testid="counts-toward-plan">
          {counts ? t("out.detail.countsYes") : t("out.detail.countsNo")}
        </p>
        {p.worker.atRiskOfPoverty ? (
          <p className="form-error" data-testid="at-risk">
            {t("out.detail.atRisk")}
          </p>
        ) : null}
        <Facts
          facts={[
            {
              label: t("out.detail.worker"),
              value: (
                <>
                  <Link to={`/coordinator/workers/${p.worker.id}`}>{p.worker.fullName}</Link> · {name(p.worker.county)}
                  <WorkerBadges poor={p.worker.isRegisteredPoor} />
                </>
              ),
            },
            { label: t("out.detail.idNumber"), value: <code>{p.worker.idNumberMasked}</code> },
            {
              label: t("out.detail.employer"),
              value: (
                <>
                  {p.employer.name} <span className="badge">{t(`employerStatus.${p.employer.status}`)}</span>
                </>
              ),
            },
            p.posting && { label: t("out.detail.posting"), value: p.posting.title },
            p.trainingClass && { label: t("out.detail.trainingClass"), value: p.trainingClass.name },
            { label: t("out.detail.start"), value: isoDay(p.startDate) },
            p.endDate && { label: t("out.detail.end"), value: isoDay(p.endDate) },
            { label: t("out.detail.wage"), value: t("out.detail.yuan", { amount: p.monthlyWage }) },
            { label: t("out.detail.place"), value: `${name(p.workRegion)}${p.workAddress ? ` · ${p.workAddress}` : ""}` },
            { label: t("out.detail.transferType"), value: t(`out.transfer.${p.transferType}`), testId: "transfer-type" },
            p.hasVerificationNote && {
              label: t("out.detail.note"),
              value: notes ? <span data-testid="verification-note">{notes.verificationNote}</span> : t("out.detail.noteHidden"),
              testId: "verification-note-fact",
            },
            p.hasReverificationNote && {
              label: t("out.detail.reverificationNote"),
              value: notes ? <span data-testid="reverification-note">{notes.reverificationNote}</span> : t("out.detail.noteHidden"),
            },
          ]}
        />
        {notes ? (
          <p className="muted">{t("common.revealed")}</p>
        ) : p.hasVerificationNote || p.hasReverificationNote ? (
          <IntentButton name="placementId" value={p.id} intent="revealNotes" className="secondary">
            {t("out.detail.notesReveal")}
          </IntentButton>
        ) : null}
      </RecordCard>

      <Card title={t("out.detail.flagsTitle")}>
        <FlagList flags={p.flags} empty={t("out.detail.noFlags")} />
      </Card>

      {p.decisions.length > 0 ? (
        <Card title={t("out.detail.decisionTitle")}>
          <Form method="post" data-testid="decision-form">
            <PlainField id="decision-note" label={t("out.detail.decisionNote")} hint={t("out.detail.decisionNoteHint")} errors={noteErrors}>
              {(control) => <textarea {...control} name="note" maxLength={500} rows={3} />}
            </PlainField>
            <SubmitButtons buttons={p.decisions.map((d) => ({ value: d, label: t(`out.decision.${d}`), primary: d === "verify" }))} />
          </Form>
        </Card>
      ) : null}

      {p.sampledAt && p.verification === "VERIFIED" && !p.reverifiedAt && p.mayVerify ? (
        <section className="card" data-testid="reverify-form">
          <h2>{t("out.detail.reverifyTitle")}</h2>
          <p className="muted">{t("out.detail.sampled")}</p>
          <Form method="post">
            <fieldset className="group" aria-describedby={outcomeErrors ? "reverify-outcome-error" : undefined}>
              <legend>{t("out.detail.reverifyOutcome")}</legend>
              <div className="checks" role="radiogroup">
                {(["confirmed", "rejected"] as const).map((o) => (
                  <label key={o} className="check" htmlFor={`reverify-${o}`}>
                    <input type="radio" id={`reverify-${o}`} name="outcome" value={o} /> <span>{t(`out.detail.${o}`)}</span>
                  </label>
                ))}
              </div>
              <ErrorList id="reverify-outcome-error" errors={outcomeErrors} />
            </fieldset>
            <PlainField id="reverify-note" label={t("out.detail.reverifyNote")} errors={noteErrors}>
              {(control) => <textarea {...control} name="note" maxLength={500} rows={2} />}
            </PlainField>
            <button type="submit" name="intent" value="reverify" className="primary">
              {t("out.detail.reverifySubmit")}
            </button>
          </Form>
        </section>
      ) : p.reverifiedAt ? (
        <p className="muted">
          {t("out.detail.reverified")} {isoDay(p.reverifiedAt)}
        </p>
      ) : null}

      <ListCard
        title={t("out.detail.evidenceTitle")}
        rows={p.evidence}
        testId="evidence-list"
        empty={t("out.detail.noEvidence")}
        item={(e) => (
          <>
            <strong>{t(`out.evidenceKind.${e.kind}`)}</strong>
            {e.fileName ? (
              <>
                {" "}
                ·{" "}
                <a href={`/coordinator/evidence/${e.id}`} download>
                  {t("out.detail.download")}
                </a>{" "}
                <small className="muted">
                  {e.fileName} ({Math.ceil((e.sizeBytes ?? 0) / 1024)} KB)
                </small>
              </>
            ) : null}
            {e.hasReference ? (
              <div className="row">
                <span>
                  {t("out.detail.reference")}:{" "}
                  <code data-testid="evidence-reference">{revealed?.evidenceId === e.id ? revealed.reference : references[e.id]}</code>
                  {revealed?.evidenceId === e.id ? <small className="muted">{t("out.detail.revealed")}</small> : null}
                </span>
                {revealed?.evidenceId !== e.id ? (
                  <IntentButton name="evidenceId" value={e.id} intent="reveal" className="secondary">
                    {t("out.detail.reveal")}
                  </IntentButton>
                ) : null}
              </div>
            ) : null}
          </>
        )}
      >
        {p.verification !== "REJECTED" ? (
          <p>
            <Link className="button secondary" to={`/coordinator/placements/${p.id}/evidence`}>
              {t("out.detail.addEvidence")}
            </Link>
          </p>
        ) : null}
      </ListCard>

      <ListCard
        title={t("out.detail.followUpsTitle")}
        rows={p.followUps}
        testId="placement-follow-ups"
        empty={t("out.detail.noFollowUps")}
        itemProps={() => ({ "data-testid": "follow-up-row" })}
        item={(f) => (
          <>
            {t("out.detail.month", { count: f.dueMonth })} · {t("out.detail.due")} {isoDay(f.dueAt)} <FollowUpStateBadge state={f.state} />
            {f.completedAt ? (
              <>
                {" "}
                · {f.stillEmployed ? t("out.detail.employed") : t("out.detail.notEmployed")}
                {f.monthlyWage ? ` · ${t("out.detail.yuan", { amount: f.monthlyWage })}` : ""}
              </>
            ) : null}
            {!f.completedAt && f.state !== "scheduled" ? (
              <>
                {" "}
                · <Link to={`/coordinator/follow-ups/${f.id}`}>{t("out.detail.record")}</Link>
              </>
            ) : null}
          </>
        )}
      />
    </>
  );
}
