// Candidate review for one posting or training order: score, reasons, and what may be known of
// the person (masked until they accept an invitation); actions as small forms that work without
// JavaScript. A problem is shown next to the control of the candidate it concerns, values kept.
import { Form, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { EMPLOYER_DECLINE_REASONS, type EmployerMatchAction } from "~/domain/match";
import type { CandidateReply } from "~/platform/reply";
import { ErrorList, IntentButton, Options } from "~/components/forms";
import { PlainField } from "~/components/plain-field";
import { MoreLink } from "~/components/more-link";
import { LazyBreakdown } from "~/features/matching/index";
import { Message } from "~/components/message";
import { MatchActionForm } from "./employer";
import { StatusBadge } from "~/components/status-badge";
import { useLocalName, usePunct } from "~/components/local-name";

type Named = { name: string; nameEn: string | null };
export type Candidate = {
  matchId: string;
  status: string;
  score: number;
  hardConstraintsMet: boolean;
  rank: number | null;
  explanationZh: string;
  explanationEn: string | null;
  declineReason: string | null;
  declinedBy: string | null;
  actions: EmployerMatchAction[];
  person: {
    name: string;
    known: boolean;
    ageBand: string;
    homePrefecture: Named | null;
    homeCounty: Named | null;
    education: string | null;
    skills: { occupation: { code: string; nameZh: string; nameEn: string }; level: number | null; certified: boolean }[];
  };
};

/** Matching runs in the background seconds after a posting is published: while nobody is listed yet, look again now and then. */
function useRevalidateWhileEmpty(empty: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!empty) return;
    let left = 40;
    const timer = setInterval(() => {
      if (left-- <= 0) return clearInterval(timer);
      if (revalidator.state === "idle" && document.visibilityState === "visible") revalidator.revalidate();
    }, 3000);
    return () => clearInterval(timer);
    // One timer per empty spell: with the revalidator as a dep, each revalidation would restart it and its 40-try budget.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [empty]);
}

/** What a posting's or training order's page loads for its candidate list (employerRecordPage's `review`). */
export type CandidateReview = { candidates: Candidate[]; candidateTotal: number; today: string };

/** The first candidates in review order (`candidateTotal` in all), with a "more" link that works without JavaScript. */
export function CandidateList({
  review: { candidates, candidateTotal: total, today },
  reply,
  defaultWage,
}: {
  review: CandidateReview;
  reply?: CandidateReply;
  defaultWage: number | null;
}) {
  const { t } = useTranslation();
  useRevalidateWhileEmpty(candidates.length === 0);
  return (
    <section className="card" data-testid="candidates">
      <h2>{t("emp.candidates.title")}</h2>
      <p className="hint muted">{t("emp.candidates.maskedNote")}</p>
      {candidates.length === 0 ? (
        <p className="empty" data-testid="no-candidates">
          {t("emp.candidates.empty")}
        </p>
      ) : (
        <ul className="candidates">
          {candidates.map((c) => (
            <CandidateCard key={c.matchId} c={c} reply={reply?.matchId === c.matchId ? reply : undefined} defaultWage={defaultWage} today={today} />
          ))}
        </ul>
      )}
      <MoreLink shown={candidates.length} total={total} max={total} />
    </section>
  );
}

function CandidateCard({ c, reply, defaultWage, today }: { c: Candidate; reply?: CandidateReply; defaultWage: number | null; today: string }) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const punct = usePunct();
  const nav = useNavigation();
  const busy = nav.state !== "idle" && nav.formData?.get("matchId") === c.matchId;
  const explanation = i18n.language === "en" && c.explanationEn ? c.explanationEn : c.explanationZh;
  const skills = c.person.skills.map((s) => {
    const level = s.level ? ` ${t("emp.candidates.level", { level: s.level })}` : "";
    return `${i18n.language === "en" ? s.occupation.nameEn : s.occupation.nameZh}${level}${s.certified ? ` · ${t("emp.candidates.certified")}` : ""}`;
  });
  const home = c.person.homeCounty ? `${name(c.person.homePrefecture)}${name(c.person.homeCounty)}` : name(c.person.homePrefecture);
  return (
    <li className="candidate" data-testid="candidate" data-match={c.matchId}>
      <div className="candidate-head">
        <strong className="candidate-name">{c.person.name}</strong>
        <StatusBadge kind="match" status={c.status} />
        <span className="score" aria-label={t("emp.candidates.score")}>
          {Math.round(c.score)}
          <small>/100</small>
        </span>
      </div>
      <p className="muted">
        {t("emp.candidates.age", { band: c.person.ageBand })}
        {home ? ` · ${t("emp.candidates.home", { place: home })}` : ""}
        {c.person.education ? ` · ${t(`reg.educationLevel.${c.person.education}`)}` : ""}
      </p>
      <p>
        {t("emp.candidates.skills")}
        {punct.colon}
        {skills.length ? skills.join(punct.comma) : t("emp.candidates.noSkills")}
      </p>
      {!c.hardConstraintsMet ? <p className="badge warn">{t("emp.candidates.hardConstraintsNot")}</p> : null}
      {explanation ? <p>{explanation}</p> : null}
      {/* Folded: twenty breakdowns open made the page a few metres long on a phone (issue 15). */}
      <LazyBreakdown matchId={c.matchId} summary={t("emp.candidates.reasons")} />
      {c.status === "DECLINED" ? (
        <p className="muted">
          {c.declinedBy === "WORKER"
            ? t("emp.candidates.declinedByWorker")
            : t("emp.candidates.declinedByEmployer", {
                reason: t(`emp.candidates.declineReasons.${c.declineReason}`, { defaultValue: c.declineReason ?? "" }),
              })}
        </p>
      ) : null}

      {reply?.done ? <Message>{t(`emp.candidates.done.${reply.done}`)}</Message> : null}
      <ErrorList errors={reply?.formErrors} />

      {c.person.known ? (
        <div className="row">
          {reply?.phone !== undefined ? (
            <p>
              {t("emp.candidates.phone")}
              {punct.colon}
              <a href={`tel:${reply.phone ?? ""}`} data-testid="candidate-phone">
                {reply.phone ?? "—"}
              </a>
            </p>
          ) : (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="matchId" value={c.matchId} />
              <button type="submit" name="intent" value="reveal" className="secondary" disabled={busy}>
                {t("emp.candidates.revealPhone")}
              </button>
              <small className="muted"> {t("emp.candidates.revealNote")}</small>
            </Form>
          )}
        </div>
      ) : null}

      <div className="row candidate-actions">
        {c.actions
          .filter((a) => a === "shortlist" || a === "invite")
          .map((a) => (
            <IntentButton
              key={a}
              name="matchId"
              value={c.matchId}
              intent={a}
              className={a === "invite" ? "primary" : "secondary"}
              disabled={busy}
              preventScrollReset
            >
              {t(`emp.candidates.actions.${a}`)}
            </IntentButton>
          ))}
      </div>
      {c.actions.includes("hire") ? (
        <HireForm c={c} reply={reply?.intent === "hire" ? reply : undefined} defaultWage={defaultWage} today={today} busy={busy} />
      ) : null}
      {c.actions.includes("decline") ? <DeclineForm c={c} reply={reply?.intent === "decline" ? reply : undefined} busy={busy} /> : null}
    </li>
  );
}

function HireForm({ c, reply, defaultWage, today, busy }: { c: Candidate; reply?: CandidateReply; defaultWage: number | null; today: string; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <MatchActionForm matchId={c.matchId} intent="hire" label={t("emp.candidates.actions.hire")} primary reply={reply} busy={busy}>
      <p className="hint muted">{t("emp.candidates.hireNote")}</p>
      <PlainField id={`startDate-${c.matchId}`} label={t("emp.candidates.startDate")} errors={reply?.fieldErrors?.startDate}>
        {(p) => <input type="date" {...p} name="startDate" defaultValue={reply?.values?.startDate ?? today} />}
      </PlainField>
      <PlainField id={`monthlyWage-${c.matchId}`} label={t("emp.candidates.monthlyWage")} errors={reply?.fieldErrors?.monthlyWage}>
        {(p) => <input inputMode="numeric" {...p} name="monthlyWage" defaultValue={reply?.values?.monthlyWage ?? (defaultWage ? String(defaultWage) : "")} />}
      </PlainField>
    </MatchActionForm>
  );
}

function DeclineForm({ c, reply, busy }: { c: Candidate; reply?: CandidateReply; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <MatchActionForm matchId={c.matchId} intent="decline" label={t("emp.candidates.actions.decline")} reply={reply} busy={busy}>
      <PlainField id={`reason-${c.matchId}`} label={t("emp.candidates.declineReason")} errors={reply?.fieldErrors?.reason}>
        {(p) => (
          <select {...p} name="reason" defaultValue={reply?.values?.reason ?? ""}>
            <Options first={t("emp.choose")} options={EMPLOYER_DECLINE_REASONS.map((r) => ({ value: r, label: t(`emp.candidates.declineReasons.${r}`) }))} />
          </select>
        )}
      </PlainField>
      <PlainField id={`reasonText-${c.matchId}`} label={t("emp.candidates.declineReasonText")} errors={reply?.fieldErrors?.reasonText}>
        {(p) => <input {...p} name="reasonText" defaultValue={reply?.values?.reasonText ?? ""} />}
      </PlainField>
    </MatchActionForm>
  );
}
