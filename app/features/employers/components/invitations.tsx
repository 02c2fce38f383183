// The job seeker's invitations (/me): what the job or class offers, and the answer. Accepting
// says plainly that name and phone go to this employer; declining takes an optional reason.
import { useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { WORKER_DECLINE_REASONS } from "~/domain/match";
import { ErrorList, IntentButton, Options } from "~/components/forms";
import { PlainField } from "~/components/plain-field";
import { Message } from "~/components/message";
import { Fact, isoDay, MatchActionForm } from "./employer";
import { useLocalName, usePunct } from "~/components/local-name";

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
        {reply?.done ? <Message>{t(`emp.invitations.done.${reply.done}`)}</Message> : null}
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
            <Fact term={t("emp.invitations.start")}>{isoDay(p.startDate)}</Fact>
            <Fact term={t("emp.posting.benefits")}>
              {[p.housing && t("emp.posting.housing"), p.meals && t("emp.posting.meals"), p.socialInsurance && t("emp.posting.socialInsurance")]
                .filter(Boolean)
                .join(punct.comma)}
            </Fact>
          </>
        ) : o ? (
          <>
            <dt>{t("emp.invitations.training")}</dt>
            <dd>
              {t(`trainingKind.${o.kind}`)} · {t("emp.invitations.trainingHours", { hours: o.trainingHours })}
            </dd>
            <dt>{t("emp.invitations.place")}</dt>
            <dd>{name(o.locationRegion)}</dd>
            <Fact term={t("emp.invitations.start")}>{isoDay(o.scheduleStart)}</Fact>
            <Fact term={t("emp.invitations.wage")}>{o.commitWage ? t("emp.yuanPerMonth", { amount: o.commitWage }) : null}</Fact>
          </>
        ) : null}
      </dl>
      <ErrorList errors={reply?.formErrors} />
      {offer.status === "INVITED" ? (
        <>
          <p className="hint muted">{t("emp.invitations.acceptNote")}</p>
          <IntentButton name="matchId" value={offer.id} intent="accept" className="primary wide" disabled={busy} preventScrollReset>
            {t("emp.invitations.accept")}
          </IntentButton>
          <MatchActionForm matchId={offer.id} intent="decline" label={t("emp.invitations.decline")} busy={busy}>
            <PlainField id={`decline-${offer.id}`} label={t("emp.invitations.declineReason")}>
              {(control) => (
                <select {...control} name="reason" defaultValue="">
                  <Options
                    first={t("emp.choose")}
                    options={WORKER_DECLINE_REASONS.map((r) => ({ value: r, label: t(`emp.invitations.declineReasons.${r}`) }))}
                  />
                </select>
              )}
            </PlainField>
          </MatchActionForm>
        </>
      ) : offer.status === "ACCEPTED" ? (
        <>
          <p className="muted">{t("emp.invitations.acceptedNote")}</p>
          <IntentButton name="matchId" value={offer.id} intent="withdraw" className="secondary" disabled={busy} preventScrollReset>
            {t("emp.invitations.withdraw")}
          </IntentButton>
        </>
      ) : null}
    </li>
  );
}
