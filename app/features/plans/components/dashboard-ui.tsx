// Pieces of the dashboard, plan and report pages. Charts use uPlot (docs/plans.md says why): a
// small canvas library that stays fast on cheap phones. It only draws in the browser (in an
// effect), so server rendering shows the table beside it, which stays the accessible source.
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/badge";
import { DataTable } from "~/components/data-table";
import { FilterSelect } from "~/components/search-form";
import type { CountProgress, RateProgress, TrackStatus } from "~/domain/plans";
import "uplot/dist/uPlot.min.css";
import "./dashboard.css";

const STATUS_CLASS: Record<TrackStatus, string> = { done: "done", onTrack: "on-track", atRisk: "at-risk", offTrack: "off-track", noTarget: "" };
export const statusClass = (s: TrackStatus) => STATUS_CLASS[s];

export function StatusBadge({ status }: { status: TrackStatus }) {
  return <Badge status={status} tone={STATUS_CLASS[status]} label={`plans.status.${status}`} />;
}

/** The plan pages' tables: a DataTable in their compact style. */
export function PlanTable<R>(props: Omit<Parameters<typeof DataTable<R>>[0], "className">) {
  return <DataTable className="dash-table" {...props} />;
}

export const fmt = (n: number | null | undefined, lang: string) => (n === null || n === undefined ? "—" : n.toLocaleString(lang === "en" ? "en-US" : "zh-CN"));
/** A work region as the dashboard names it: in Chinese after its city or prefecture ("北京市 朝阳区"), in English by its own name. */
export const workRegionLabel = (r: { name: string; nameEn: string | null; parentName: string | null }, lang: string) =>
  lang === "en" ? r.nameEn || r.name : `${r.parentName ? `${r.parentName} ` : ""}${r.name}`;
export const fmtPct = (n: number | null | undefined) => (n === null || n === undefined ? "—" : `${n}%`);

/** Shows the page for another year or month (`select`), keeping the rest of the query (`keep`). */
export function PeriodForm({
  className,
  keep,
  select,
}: {
  className: string;
  keep: Record<string, string | number>;
  select: { id: string; name: string; label: string; value: number; options: { value: number; label: string | number }[] };
}) {
  const { t } = useTranslation();
  return (
    <Form method="get" className={className}>
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FilterSelect {...select} value={String(select.value)} options={select.options.map((o) => ({ value: String(o.value), label: String(o.label) }))} />
      <button type="submit" className="secondary">
        {t("plans.dashboard.show")}
      </button>
    </Form>
  );
}

/**
 * The spreadsheet and CSV downloads of one dashboard export (`href(format)`); the formats in
 * `testIds` carry the test id `export-<what>-<format>`.
 */
export function ExportLinks({
  what,
  href,
  testIds = [],
}: {
  what: "progress" | "records";
  href: (format: "xlsx" | "csv") => string;
  testIds?: ("xlsx" | "csv")[];
}) {
  const { t } = useTranslation();
  return (
    <>
      {(["xlsx", "csv"] as const).map((format) => (
        <a
          key={format}
          className="button secondary"
          href={href(format)}
          download
          data-testid={testIds.includes(format) ? `export-${what}-${format}` : undefined}
        >
          {t(`plans.export.${what}${format === "xlsx" ? "Xlsx" : "Csv"}`)}
        </a>
      ))}
    </>
  );
}

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
    <PlanTable
      testId="children"
      rows={rows}
      rowKey={(c) => c.code}
      rowProps={(c) => ({ className: statusClass(c.status), "data-region": c.code })}
      columns={[
        {
          key: "region",
          header: t("plans.col.region"),
          cell: (c) => (year !== undefined ? <Link to={`/coordinator/dashboard?region=${c.code}&year=${year}`}>{name(c)}</Link> : name(c)),
        },
        {
          key: "composite",
          header: t("plans.col.composite"),
          cell: (c) => (c.hasPlan ? fmtPct(c.composite) : <span className="muted">{t("plans.dashboard.noPlanShort")}</span>),
        },
        ...counts.map((k, i) => ({
          key: k.key,
          header: t(`plans.targetShort.${k.key}`),
          cell: (c: ChildRegionRow) => <ActualOfPlan actual={c.counts[i].actual} percent={c.counts[i].percentOfPlan} lang={lang} />,
        })),
        { key: "status", header: t("plans.col.status"), cell: (c) => <StatusBadge status={c.status} /> },
      ]}
    />
  );
}

/** A count with its percent of plan beside it, small. */
function ActualOfPlan({ actual, percent, lang }: { actual: number | null; percent: number | null; lang: string }) {
  return (
    <>
      {fmt(actual, lang)} <small className="muted">{fmtPct(percent)}</small>
    </>
  );
}

type CountRow = { key: string; metric: string; dim: string } & CountProgress;
type RateRow = { key: string; metric: string; dim: string } & RateProgress;
type TargetRow = (CountRow & { rate?: undefined }) | (RateRow & { rate: true });

/**
 * The plan's targets against what is done: the counts, then the rates. On the dashboard (`drill`
 * given) each actual opens the records behind it and the projection shows its percent of plan;
 * the printed report shows plain numbers and adds the month's own additions (`monthly`, one a count).
 */
export function TargetsTable({
  counts,
  rates,
  lang,
  drill,
  monthly,
}: {
  counts: CountRow[];
  rates: RateRow[];
  lang: string;
  drill?: (metric: string, dim?: string) => string;
  monthly?: number[];
}) {
  const { t } = useTranslation();
  const rows: TargetRow[] = [...counts, ...rates.map((r) => ({ ...r, rate: true as const }))];
  const actual = (r: TargetRow) => {
    if (!r.rate) return drill ? <DrillLink href={drill(r.metric, r.dim)} value={r.actual} lang={lang} /> : fmt(r.actual, lang);
    if (!drill) return fmtPct(r.actualPct);
    return (
      <>
        <Link to={drill(r.metric, r.dim)}>{fmtPct(r.actualPct)}</Link>
        <br />
        <small className="muted">{t("plans.dashboard.ofCount", { n: fmt(r.numerator, lang), d: fmt(r.denominator, lang) })}</small>
      </>
    );
  };
  return (
    <PlanTable
      testId={drill ? "targets" : undefined}
      rows={rows}
      rowKey={(r) => r.key}
      rowProps={(r) => ({ className: statusClass(r.status), "data-target": drill ? r.key : undefined })}
      columns={[
        { key: "target", header: t("plans.col.target"), cell: (r) => t(`plans.target.${r.key}`) },
        { key: "plan", header: t("plans.col.plan"), cell: (r) => (r.rate ? fmtPct(r.targetPct) : fmt(r.target, lang)) },
        monthly && { key: "month", header: t("plans.report.thisMonth"), cell: (r, i) => (r.rate ? null : fmt(monthly[i], lang)) },
        { key: "actual", header: t("plans.col.actual"), cell: actual },
        // A rate has no percent of plan, expectation or projection: one empty cell stands for the three.
        {
          key: "percent",
          header: t("plans.col.percent"),
          cell: (r) => (r.rate ? null : fmtPct(r.percentOfPlan)),
          cellProps: (r) => (r.rate ? { colSpan: 3 } : {}),
        },
        { key: "expected", header: t("plans.col.expected"), cell: (r) => (r.rate ? null : fmt(r.expectedByToday, lang)) },
        {
          key: "projection",
          header: t("plans.col.projection"),
          cell: (r) => (r.rate ? null : drill ? <ActualOfPlan actual={r.projection} percent={r.projectedPercent} lang={lang} /> : fmt(r.projection, lang)),
        },
        { key: "status", header: t("plans.col.status"), cell: (r) => <StatusBadge status={r.status} /> },
      ]}
    />
  );
}

/** How many of each priority group are registered and served; on the dashboard (`drill`) each count opens its records. */
export function CoverageTable({
  rows,
  lang,
  drill,
  box,
}: {
  rows: { group: string; registered: number; served: number; percent: number | null }[];
  lang: string;
  drill?: (metric: string, dim?: string) => string;
  box?: "none";
}) {
  const { t } = useTranslation();
  const count = (metric: "registered" | "served") => (c: (typeof rows)[number]) =>
    drill ? <DrillLink href={drill(metric, c.group)} value={c[metric]} lang={lang} /> : fmt(c[metric], lang);
  return (
    <PlanTable
      box={box}
      rows={rows}
      rowKey={(c) => c.group}
      columns={[
        { key: "group", header: t("plans.col.group"), cell: (c) => t(`plans.group.${c.group}`) },
        { key: "registered", header: t("plans.col.registered"), cell: count("registered") },
        { key: "served", header: t("plans.col.served"), cell: count("served") },
        { key: "coverage", header: t("plans.col.coverage"), cell: (c) => fmtPct(c.percent) },
      ]}
    />
  );
}
