// How a match was scored, for people: matching's plain-language explanation in the reader's
// language and a factor breakdown as labelled bars. The bars are decoration; every figure is also
// text (name, signed points, note), so a screen reader or a narrow phone loses nothing.
import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { factorBars, signedPoints, type FactorRow, type NearMissReason } from "~/domain/match-display";

export function useExplanation() {
  const { i18n } = useTranslation();
  return (m: { explanationZh: string; explanationEn: string | null }) => (i18n.language === "en" && m.explanationEn ? m.explanationEn : m.explanationZh);
}

export function FactorBreakdown({ factors }: { factors: Pick<FactorRow, "factor" | "contribution" | "note" | "noteEn">[] }) {
  const { t, i18n } = useTranslation();
  if (factors.length === 0) return null;
  const bars = factorBars(factors);
  const en = i18n.language === "en";
  return (
    <ul className="match-factors" aria-label={t("matching.breakdown")} data-testid="factor-breakdown">
      {factors.map((f, i) => {
        const bar = bars[i];
        const note = en ? (f.noteEn ?? f.note) : f.note;
        return (
          <li key={`${f.factor}-${i}`}>
            <span className="match-factor-name">
              {t(`matching.factor.${f.factor}`, { defaultValue: t(`emp.candidates.factor.${f.factor}`, { defaultValue: f.factor }) })}
            </span>
            <span className="match-bar" aria-hidden="true">
              {bar !== null ? <span className={bar < 0 ? "neg" : undefined} style={{ width: `${Math.abs(bar)}%` }} /> : null}
            </span>
            <span className="match-points">{f.contribution !== null ? t("matching.points", { points: signedPoints(f.contribution) }) : "—"}</span>
            {note ? <small className="muted">{note}</small> : null}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A folded breakdown read when it is opened (routes/match-breakdown.tsx): a list page carries only
 * the match id (issue 15). Without JavaScript the open fold shows a link to the breakdown's page;
 * with it the fold fetches the breakdown and shows it in place. Server and first client render are
 * the same (the link), so hydration never differs.
 */
export function LazyBreakdown({ matchId, summary }: { matchId: string; summary: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ factors: FactorRow[] | null }>();
  const href = `/matches/${matchId}/breakdown`;
  const factors = fetcher.data?.factors;
  // Gone: a re-match replaced this match since the page was read; read the list again (new ids).
  const revalidator = useRevalidator();
  useEffect(() => {
    if (fetcher.data && !fetcher.data.factors && revalidator.state === "idle") revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per fetcher answer, not again as the revalidator's state changes
  }, [fetcher.data]);
  return (
    <details
      className="reasons"
      data-testid="breakdown-fold"
      onToggle={(e) => {
        if (e.currentTarget.open && fetcher.state === "idle" && fetcher.data === undefined) fetcher.load(href);
      }}
    >
      <summary>{summary}</summary>
      {factors ? (
        <FactorBreakdown factors={factors} />
      ) : fetcher.data ? (
        <p className="muted">{t("matching.breakdownGone")}</p>
      ) : (
        <p>
          <a href={href} data-testid="breakdown-link">
            {fetcher.state === "loading" ? t("matching.breakdownLoading") : t("matching.breakdownOpen")}
          </a>
        </p>
      )}
    </details>
  );
}

export function NearMissReasons({ reasons }: { reasons: NearMissReason[] }) {
  const { t, i18n } = useTranslation();
  if (reasons.length === 0) return null;
  const en = i18n.language === "en";
  return (
    <ul className="match-reasons">
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`}>
          <strong>{t(`matching.reason.${r.code}`, { defaultValue: r.code })}</strong>
          {(en ? (r.detailEn ?? r.detail) : r.detail) ? <> — {en ? (r.detailEn ?? r.detail) : r.detail}</> : null}
        </li>
      ))}
    </ul>
  );
}

/** Score out of 100 with its label for assistive technology. */
export function MatchScore({ score }: { score: number }) {
  const { t } = useTranslation();
  return (
    <span className="score" aria-label={t("matching.scoreLabel", { score: Math.round(score) })}>
      {Math.round(score)}
      <small>/100</small>
    </span>
  );
}
