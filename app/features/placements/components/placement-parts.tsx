// UI pieces for placements and follow-ups: the verification badge, the flags with their reasons
// (never silent), the follow-up state badge, and the worker's poverty badges.
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/badge";
import type { PlacementFlag, VerificationStatus } from "~/domain/placement";

const TONE: Record<VerificationStatus, string> = { UNVERIFIED: "warn", VERIFIED: "ok", FLAGGED: "red", REJECTED: "" };

export function VerificationBadge({ status }: { status: VerificationStatus }) {
  return <Badge status={status} tone={TONE[status]} label={`out.verification.${status}`} testId="verification-status" />;
}

/** One flag's reason in the reader's language, with the facts behind it. */
export function useFlagText() {
  const { t } = useTranslation();
  return (f: PlacementFlag) => {
    const d = f.detail as Record<string, string | number>;
    const extra = {
      endText: f.code === "overlap" ? (d.end ? t("out.flag.until", { end: d.end }) : t("out.flag.ongoing")) : "",
      viaText: d.via ? t(`out.flag.via.${d.via}`) : "",
      status: f.code === "employerNotVerified" ? t(`employerStatus.${d.status}`, { defaultValue: String(d.status) }) : d.status,
    };
    return t(`out.flag.${f.code}`, { ...d, ...extra, interpolation: { escapeValue: false } });
  };
}

export function FlagList({ flags, empty }: { flags: PlacementFlag[]; empty?: string }) {
  const text = useFlagText();
  if (flags.length === 0)
    return empty ? (
      <p className="muted" data-testid="no-flags">
        {empty}
      </p>
    ) : null;
  return (
    <ul className="errors flags" data-testid="flag-list">
      {flags.map((f, i) => (
        <li key={`${f.code}-${i}`} data-flag={f.code}>
          {text(f)}
        </li>
      ))}
    </ul>
  );
}

export function FollowUpStateBadge({ state }: { state: "scheduled" | "open" | "overdue" | "done" }) {
  const { t } = useTranslation();
  const cls = state === "overdue" ? "badge red" : state === "done" ? "badge ok" : state === "open" ? "badge warn" : "badge";
  return (
    <span className={cls} data-state={state}>
      {t(`out.followUpState.${state}`)}
    </span>
  );
}

/** Red badges after a worker's name: a registered-poor household, at risk of returning to poverty (each with a space before it). */
export function WorkerBadges({ poor, atRisk }: { poor?: boolean; atRisk?: boolean }) {
  const { t } = useTranslation();
  const shown = [poor ? "out.placements.poor" : null, atRisk ? "out.placements.atRisk" : null].filter((k) => k !== null);
  return shown.map((k) => (
    <Fragment key={k}>
      {" "}
      <span className="badge red">{t(k)}</span>
    </Fragment>
  ));
}
