// One placement: its facts, its flags with their reasons, the evidence (files downloaded and
// numbers revealed only as audited actions), the verification decision, the sampled
// re-verification when drawn, and its follow-ups.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, isoDay, Notice, useLocalName } from "~/features/employers/index";
import { ErrorList } from "~/components/forms";
import { FlagList, FollowUpStateBadge, VerificationBadge } from "~/features/placements/index";
import { DecisionSchema, ReverifySchema } from "~/features/placements/index";
import { requireCoordinator } from "~/services/auth.server";
import { outcomeReply, invalidReply, type FormReply } from "~/platform/reply.server";
import { evidenceReference, maskedReferences } from "~/features/placements/index.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { decidePlacement, placementFor, recordReverification } from "~/features/placements/index.server";
import { readFormPost } from "~/platform/form-post.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "out", "ref", "reg"] };

const NAMES = new Set(["intent", "note", "evidenceId", "outcome"]);
const RevealSchema = z.object({ intent: z.literal("reveal"), evidenceId: z.string().uuid() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const placement = await placementFor(principal, params.placementId ?? "");
  invariantResponse(placement, "Not found");
  return { placement, references: await maskedReferences(placement.evidence) };
}

type Reply = FormReply & { revealed?: { evidenceId: string; reference: string } };

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
  const nav = useNavigation();
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
      <p>
        <Link to="/coordinator/placements">← {t("out.placements.title")}</Link>
      </p>
      <section className="card">
        <h1 data-testid="placement-title">
          {t("out.detail.title")}: {p.worker.fullName} <VerificationBadge status={p.verification} />
        </h1>
        {done ? <Notice>{t(`out.detail.done.${done}`)}</Notice> : null}
        <FormErrors errors={data?.result.error?.[""] ?? undefined} />
        <p className={counts ? "notice" : "muted"} data-testid="counts-toward-plan">
          {counts ? t("out.detail.countsYes") : t("out.detail.countsNo")}
        </p>
        {p.worker.atRiskOfPoverty ? (
          <p className="form-error" data-testid="at-risk">
            {t("out.detail.atRisk")}
          </p>
        ) : null}
        <dl className="facts">
          <dt>{t("out.detail.worker")}</dt>
          <dd>
            <Link to={`/coordinator/workers/${p.worker.id}`}>{p.worker.fullName}</Link> · {name(p.worker.county)}
            {p.worker.isRegisteredPoor ? (
              <>
                {" "}
                <span className="badge red">{t("out.placements.poor")}</span>
              </>
            ) : null}
          </dd>
          <dt>{t("out.detail.idNumber")}</dt>
          <dd>
            <code>{p.worker.idNumberMasked}</code>
          </dd>
          <dt>{t("out.detail.employer")}</dt>
          <dd>
            {p.employer.name} <span className="badge">{t(`employerStatus.${p.employer.status}`)}</span>
          </dd>
          {p.posting ? (
            <>
              <dt>{t("out.detail.posting")}</dt>
              <dd>{p.posting.title}</dd>
            </>
          ) : null}
          {p.trainingClass ? (
            <>
              <dt>{t("out.detail.trainingClass")}</dt>
              <dd>{p.trainingClass.name}</dd>
            </>
          ) : null}
          <dt>{t("out.detail.start")}</dt>
          <dd>{isoDay(p.startDate)}</dd>
          {p.endDate ? (
            <>
              <dt>{t("out.detail.end")}</dt>
              <dd>{isoDay(p.endDate)}</dd>
            </>
          ) : null}
          <dt>{t("out.detail.wage")}</dt>
          <dd>{t("out.detail.yuan", { amount: p.monthlyWage })}</dd>
          <dt>{t("out.detail.place")}</dt>
          <dd>
            {name(p.workRegion)}
            {p.workAddress ? ` · ${p.workAddress}` : ""}
          </dd>
          <dt>{t("out.detail.transferType")}</dt>
          <dd data-testid="transfer-type">{t(`out.transfer.${p.transferType}`)}</dd>
          {p.verificationNote ? (
            <>
              <dt>{t("out.detail.note")}</dt>
              <dd>{p.verificationNote}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="card">
        <h2>{t("out.detail.flagsTitle")}</h2>
        <FlagList flags={p.flags} empty={t("out.detail.noFlags")} />
      </section>

      {p.decisions.length > 0 ? (
        <section className="card">
          <h2>{t("out.detail.decisionTitle")}</h2>
          <Form method="post" data-testid="decision-form">
            <div className="field">
              <label htmlFor="decision-note">{t("out.detail.decisionNote")}</label>
              <span className="hint" id="decision-note-hint">
                {t("out.detail.decisionNoteHint")}
              </span>
              <textarea
                id="decision-note"
                name="note"
                maxLength={500}
                rows={3}
                aria-invalid={noteErrors ? true : undefined}
                aria-describedby={noteErrors ? "decision-note-hint decision-note-error" : "decision-note-hint"}
              />
              <ErrorList id="decision-note-error" errors={noteErrors} />
            </div>
            <div className="row actions">
              {p.decisions.map((d) => (
                <button key={d} type="submit" name="intent" value={d} className={d === "verify" ? "primary" : "secondary"} disabled={nav.state !== "idle"}>
                  {t(`out.decision.${d}`)}
                </button>
              ))}
            </div>
          </Form>
        </section>
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
            <div className="field">
              <label htmlFor="reverify-note">{t("out.detail.reverifyNote")}</label>
              <textarea
                id="reverify-note"
                name="note"
                maxLength={500}
                rows={2}
                aria-invalid={noteErrors ? true : undefined}
                aria-describedby={noteErrors ? "reverify-note-error" : undefined}
              />
              <ErrorList id="reverify-note-error" errors={noteErrors} />
            </div>
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

      <section className="card">
        <h2>{t("out.detail.evidenceTitle")}</h2>
        {p.evidence.length === 0 ? (
          <p className="empty">{t("out.detail.noEvidence")}</p>
        ) : (
          <ul className="plain-list items" data-testid="evidence-list">
            {p.evidence.map((e) => (
              <li key={e.id}>
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
                      <Form method="post">
                        <input type="hidden" name="evidenceId" value={e.id} />
                        <button type="submit" name="intent" value="reveal" className="secondary">
                          {t("out.detail.reveal")}
                        </button>
                      </Form>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {p.verification !== "REJECTED" ? (
          <p>
            <Link className="button secondary" to={`/coordinator/placements/${p.id}/evidence`}>
              {t("out.detail.addEvidence")}
            </Link>
          </p>
        ) : null}
      </section>

      <section className="card">
        <h2>{t("out.detail.followUpsTitle")}</h2>
        {p.followUps.length === 0 ? (
          <p className="empty">{t("out.detail.noFollowUps")}</p>
        ) : (
          <ul className="plain-list items" data-testid="placement-follow-ups">
            {p.followUps.map((f) => (
              <li key={f.id} data-testid="follow-up-row">
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
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
