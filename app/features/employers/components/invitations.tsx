// The job seeker's invitations (/me): what the job or class offers, and the answer. Accepting
// says plainly that name and phone go to this employer; declining takes an optional reason.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { WORKER_DECLINE_REASONS } from "~/domain/match";
import { ErrorList } from "~/components/forms";
import { isoDay, Notice, useLocalName, usePunct } from "./employer";

type Named = { name: string; nameEn: string | null };
export type Offer = {
  id: string;
  status: string;
  posting: {
    title: string;
    wageMin: number;
    wageMax: number;
    startDate: string | Date | null;
    housing: boolean;
    meals: boolean;
    socialInsurance: boolean;
    workRegion: Named;
    employer: { name: string };
  } | null;
  trainingOrder: {
    title: string;
    kind: string;
    trainingHours: number;
    scheduleStart: string | Date | null;
    commitWage: number | null;
    locationRegion: Named;
    employer: { name: string };
  } | null;
};
export type InvitationReply = { matchId: string; done?: string; formErrors?: string[] };

export function Invitations({ invited, accepted, reply }: { invited: Offer[]; accepted: Offer[]; reply?: InvitationReply }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="card" data-testid="invitations">
        <h2>{t("emp.invitations.title")}</h2>
        {reply?.done ? <Notice>{t(`emp.invitations.done.${reply.done}`)}</Notice> : null}
        {invited.length === 0 ? (
          <p className="empty">{t("emp.invitations.empty")}</p>
        ) : (
          <ul className="plain-list items">
            {invited.map((o) => (
              <OfferItem key={o.id} offer={o} reply={reply?.matchId === o.id ? reply : undefined} />
            ))}
          </ul>
        )}
      </section>
      {accepted.length > 0 ? (
        <section className="card" data-testid="accepted">
          <h2>{t("emp.invitations.acceptedTitle")}</h2>
          <ul className="plain-list items">
            {accepted.map((o) => (
              <OfferItem key={o.id} offer={o} reply={reply?.matchId === o.id ? reply : undefined} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function OfferItem({ offer, reply }: { offer: Offer; reply?: InvitationReply }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const punct = usePunct();
  const nav = useNavigation();
  const busy = nav.state !== "idle" && nav.formData?.get("matchId") === offer.id;
  const p = offer.posting;
  const o = offer.trainingOrder;
  const title = p?.title ?? o?.title ?? "";
  const employer = p?.employer.name ?? o?.employer.name ?? "";
  return (
    <li data-testid="offer">
      <strong>{title}</strong>
      {offer.status === "HIRED" ? (
        <>
          {" "}
          <span className="badge ok">{t("emp.invitations.hired")}</span>
        </>
      ) : null}
      <dl className="facts">
        <dt>{t("emp.invitations.employer")}</dt>
        <dd>{employer}</dd>
        {p ? (
          <>
            <dt>{t("emp.invitations.wage")}</dt>
            <dd>{t("emp.wageRange", { min: p.wageMin, max: p.wageMax })}</dd>
            <dt>{t("emp.invitations.place")}</dt>
            <dd>{name(p.workRegion)}</dd>
            {p.startDate ? (
              <>
                <dt>{t("emp.invitations.start")}</dt>
                <dd>{isoDay(p.startDate)}</dd>
              </>
            ) : null}
            {p.housing || p.meals || p.socialInsurance ? (
              <>
                <dt>{t("emp.posting.benefits")}</dt>
                <dd>
                  {[p.housing && t("emp.posting.housing"), p.meals && t("emp.posting.meals"), p.socialInsurance && t("emp.posting.socialInsurance")]
                    .filter(Boolean)
                    .join(punct.comma)}
                </dd>
              </>
            ) : null}
          </>
        ) : o ? (
          <>
            <dt>{t("emp.invitations.training")}</dt>
            <dd>
              {t(`trainingKind.${o.kind}`)} · {t("emp.invitations.trainingHours", { hours: o.trainingHours })}
            </dd>
            <dt>{t("emp.invitations.place")}</dt>
            <dd>{name(o.locationRegion)}</dd>
            {o.scheduleStart ? (
              <>
                <dt>{t("emp.invitations.start")}</dt>
                <dd>{isoDay(o.scheduleStart)}</dd>
              </>
            ) : null}
            {o.commitWage ? (
              <>
                <dt>{t("emp.invitations.wage")}</dt>
                <dd>{t("emp.yuanPerMonth", { amount: o.commitWage })}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      <ErrorList errors={reply?.formErrors} />
      {offer.status === "INVITED" ? (
        <>
          <p className="hint muted">{t("emp.invitations.acceptNote")}</p>
          <Form method="post" preventScrollReset>
            <input type="hidden" name="matchId" value={offer.id} />
            <button type="submit" name="intent" value="accept" className="primary wide" disabled={busy}>
              {t("emp.invitations.accept")}
            </button>
          </Form>
          <details className="action-form">
            <summary className="button secondary">{t("emp.invitations.decline")}</summary>
            <Form method="post" preventScrollReset>
              <input type="hidden" name="matchId" value={offer.id} />
              <div className="field">
                <label htmlFor={`decline-${offer.id}`}>{t("emp.invitations.declineReason")}</label>
                <select id={`decline-${offer.id}`} name="reason" defaultValue="">
                  <option value="">{t("emp.choose")}</option>
                  {WORKER_DECLINE_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`emp.invitations.declineReasons.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" name="intent" value="decline" className="secondary" disabled={busy}>
                {t("emp.invitations.decline")}
              </button>
            </Form>
          </details>
        </>
      ) : offer.status === "ACCEPTED" ? (
        <>
          <p className="muted">{t("emp.invitations.acceptedNote")}</p>
          <Form method="post" preventScrollReset>
            <input type="hidden" name="matchId" value={offer.id} />
            <button type="submit" name="intent" value="withdraw" className="secondary" disabled={busy}>
              {t("emp.invitations.withdraw")}
            </button>
          </Form>
        </>
      ) : null}
    </li>
  );
}
