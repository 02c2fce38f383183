// Pieces of the dashboard, plan and report pages. Charts use uPlot (docs/plans.md says why): a
// small canvas library that stays fast on cheap phones. It only draws in the browser (in an
// effect), so server rendering shows the table beside it, which stays the accessible source.
import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { TrackStatus } from "~/domain/plans";
import "uplot/dist/uPlot.min.css";
import "./dashboard.css";

const STATUS_CLASS: Record<TrackStatus, string> = { done: "done", onTrack: "on-track", atRisk: "at-risk", offTrack: "off-track", noTarget: "" };
export const statusClass = (s: TrackStatus) => STATUS_CLASS[s];

export function StatusBadge({ status }: { status: TrackStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${STATUS_CLASS[status]}`} data-status={status}>
      {t(`plans.status.${status}`)}
    </span>
  );
}

export const fmt = (n: number | null | undefined, lang: string) => (n === null || n === undefined ? "—" : n.toLocaleString(lang === "en" ? "en-US" : "zh-CN"));
export const fmtPct = (n: number | null | undefined) => (n === null || n === undefined ? "—" : `${n}%`);

/** A number that opens the list of records behind it. */
export function DrillLink({ href, value, lang }: { href: string; value: number | null; lang: string }) {
  const { t } = useTranslation();
  if (value === null) return <>—</>;
  return (
    <Link to={href} aria-label={t("plans.drillAria", { value: fmt(value, lang) })} data-testid="drill">
      {fmt(value, lang)}
    </Link>
  );
}

export type ChartSeries = { label: string; values: (number | null)[]; color: string; dashed?: boolean };

/** Cumulative monthly lines (x = month 1–12); draws nothing on the server. */
export function TrendChart({ series, title }: { series: ChartSeries[]; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: { destroy(): void; setSize(s: { width: number; height: number }): void } | null = null;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    import("uplot").then(({ default: UPlot }) => {
      if (cancelled) return;
      const months = Array.from({ length: 12 }, (_, i) => i + 1);
      const size = () => ({ width: Math.max(240, el.clientWidth), height: 220 });
      plot = new UPlot(
        {
          ...size(),
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false } },
          axes: [{ values: (_u: unknown, ticks: number[]) => ticks.map((v) => (Number.isInteger(v) ? String(v) : "")) }, { size: 50 }],
          series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, dash: s.dashed ? [6, 4] : undefined, points: { show: !s.dashed } }))],
        },
        [months, ...series.map((s) => s.values)] as never,
        el,
      );
      observer = new ResizeObserver(() => plot?.setSize(size()));
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [series]);
  return (
    <figure className="chart" aria-hidden="true" style={{ margin: 0 }}>
      <div className="chart-legend">
        {series.map((s) => (
          <span key={s.label} className={s.dashed ? "dashed" : ""} style={{ "--swatch": s.color } as React.CSSProperties}>
            {s.label}
          </span>
        ))}
      </div>
      <div ref={box} className="chart-box" title={title} />
    </figure>
  );
}

/** Horizontal bars for the funnel, each count a drill-down link. */
export function Funnel({ stages, lang }: { stages: { label: string; value: number; href: string }[]; lang: string }) {
  const max = Math.max(1, ...stages.map((s) => s.value));
  return (
    <ol className="funnel">
      {stages.map((s) => (
        <li key={s.label}>
          <span>{s.label}</span>
          <span className="bar" style={{ width: `${(s.value / max) * 100}%` }} aria-hidden="true" />
          <DrillLink href={s.href} value={s.value} lang={lang} />
        </li>
      ))}
    </ol>
  );
}

type ChildRegionRow = {
  code: string;
  name: string;
  nameEn?: string | null;
  status: TrackStatus;
  hasPlan: boolean;
  composite: number | null;
  counts: { key: string; actual: number | null; percentOfPlan: number | null }[];
};

/**
 * Child regions ranked by percent of plan: on the dashboard each name opens that region's
 * dashboard (`year` given); on the printed report it is plain text.
 */
export function ChildRegionsTable({ counts, rows, lang, year }: { counts: { key: string }[]; rows: ChildRegionRow[]; lang: string; year?: number }) {
  const { t } = useTranslation();
  const name = (r: ChildRegionRow) => (lang === "en" && r.nameEn ? r.nameEn : r.name);
  return (
    <div className="table-wrap">
      <table className="dash-table" data-testid="children">
        <thead>
          <tr>
            <th>{t("plans.col.region")}</th>
            <th>{t("plans.col.composite")}</th>
            {counts.map((c) => (
              <th key={c.key}>{t(`plans.targetShort.${c.key}`)}</th>
            ))}
            <th>{t("plans.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.code} className={statusClass(c.status)} data-region={c.code}>
              <td>{year !== undefined ? <Link to={`/coordinator/dashboard?region=${c.code}&year=${year}`}>{name(c)}</Link> : name(c)}</td>
              <td>{c.hasPlan ? fmtPct(c.composite) : <span className="muted">{t("plans.dashboard.noPlanShort")}</span>}</td>
              {c.counts.map((x) => (
                <td key={x.key}>
                  {fmt(x.actual, lang)} <small className="muted">{fmtPct(x.percentOfPlan)}</small>
                </td>
              ))}
              <td>
                <StatusBadge status={c.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
