// The coordinators' dashboard (issue 7): plan vs actual for a region and year, pace and year-end
// projection, the funnel, the monthly trend against the plan line, child regions ranked, and the
// breakdowns. Every number links to the records behind it.
import { chinaDateTime } from "~/platform/china-time";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import {
  ChildRegionsTable,
  CoverageTable,
  DrillLink,
  ExportLinks,
  fmt,
  fmtPct,
  Funnel,
  PeriodForm,
  PlanTable,
  StatusBadge,
  TargetsTable,
  TrendChart,
  workRegionLabel,
} from "~/features/plans/index";
import { requireCoordinator } from "~/services/auth.server";
import { dashboardPage } from "~/features/plans/index.server";
import { serverT } from "~/i18n/i18n";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["lists", "plans", "subsidy"] };

/** One colour per trend series (actual and its plan line share it). */
const colors = ["#c0392b", "#1f6feb", "#2e7d32"];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "计划进度 · 劳务桥" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  return { ...(await dashboardPage(principal, new URL(request.url))), title: serverT(request)("plans.dashboard.pageTitle") };
}

export default function Dashboard() {
  const { d, years, parent } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = (r: { name: string; nameEn?: string | null }) => (lang === "en" && r.nameEn ? r.nameEn : r.name);
  const q = (extra: Record<string, string | number>) =>
    new URLSearchParams({
      region: d.region.code,
      year: String(d.year),
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])),
    }).toString();
  const drill = (metric: string, dim = "", month?: number) =>
    `/coordinator/dashboard/records?${q({ metric, ...(dim ? { dim } : {}), ...(month !== undefined ? { month } : {}) })}`;
  const series = useMemo(
    () =>
      d.trend.flatMap((tr, i) => [
        {
          label: t(`plans.target.${tr.key}`),
          values: tr.actual.map((v, m) => (m < (d.today.startsWith(String(d.year)) ? Number(d.today.slice(5, 7)) : 12) ? v : null)),
          color: colors[i],
        },
        ...(tr.plan ? [{ label: `${t(`plans.target.${tr.key}`)} · ${t("plans.col.plan")}`, values: tr.plan, color: colors[i], dashed: true }] : []),
      ]),
    [d, t],
  );
  const kindName = (k: string) => t(`trainingKind.${k}`, { defaultValue: k });
  return (
    <>
      <div className="dash-head">
        <div>
          <h1 data-testid="dashboard-title">{t("plans.dashboard.title", { region: name(d.region), year: d.year })}</h1>
          <p className="muted">
            {parent ? (
              <>
                <Link to={`/coordinator/dashboard?region=${parent.code}&year=${d.year}`}>↑ {name(parent)}</Link> ·{" "}
              </>
            ) : null}
            {t("plans.dashboard.asOf", { date: d.today, elapsed: Math.round(d.elapsed * 1000) / 10, refreshed: chinaDateTime(d.asOf) })}
          </p>
          {d.pending ? (
            <p className="muted" role="status" data-testid="stats-pending">
              {t("plans.dashboard.pending")}
            </p>
          ) : null}
        </div>
        <PeriodForm
          className="no-print"
          keep={{ region: d.region.code }}
          select={{ id: "dash-year", name: "year", label: t("plans.col.year"), value: d.year, options: years.map((y) => ({ value: y, label: y })) }}
        />
      </div>

      <p className="row no-print">
        <Link className="button secondary" to={`/coordinator/plans?region=${d.region.code}&year=${d.year}`}>
          {t("plans.dashboard.planLink")}
        </Link>
        <Link
          className="button secondary"
          to={`/coordinator/report?region=${d.region.code}&year=${d.year}&month=${d.today.startsWith(String(d.year)) ? Number(d.today.slice(5, 7)) : 12}`}
        >
          {t("plans.dashboard.reportLink")}
        </Link>
        <Link className="button secondary" to={`/coordinator/subsidies/funds?year=${d.year}`} data-testid="dashboard-funds-link">
          {t("subsidy.fundsLink")}
        </Link>
        <ExportLinks what="progress" href={(format) => `/coordinator/dashboard/export?${q({ what: "progress", format })}`} testIds={["xlsx"]} />
      </p>

      <section className="card" aria-labelledby="targets-h">
        <h2 id="targets-h">
          {t("plans.dashboard.targets")} <StatusBadge status={d.status} />
        </h2>
        {!d.plan ? <p className="empty">{t("plans.dashboard.noPlan")}</p> : null}
        <TargetsTable counts={d.counts} rates={d.rates} lang={lang} drill={drill} />
        <p className="muted">
          {t("plans.dashboard.personsNote", { personTimes: fmt(d.counts[0].actual, lang), persons: fmt(d.trainedPersons, lang) })}{" "}
          <Link to={drill("trainedPersons")}>{t("plans.dashboard.listPersons")}</Link>
        </p>
        <p className="muted" data-testid="basis-note">
          {t("plans.dashboard.basisNote")}
        </p>
        <p className="muted">{t("plans.dashboard.projectionNote")}</p>
      </section>

      <section className="card" aria-labelledby="trend-h">
        <h2 id="trend-h">{t("plans.dashboard.trend")}</h2>
        <TrendChart series={series} title={t("plans.dashboard.trend")} />
        <details>
          <summary>{t("plans.dashboard.trendTable")}</summary>
          <PlanTable
            rows={Array.from({ length: 12 }, (_, m) => m)}
            rowKey={(m) => m}
            columns={[
              { key: "month", header: t("plans.col.month"), cell: (m) => t("plans.monthN", { n: m + 1 }) },
              ...d.trend.map((tr) => ({
                key: tr.key,
                header: `${t(`plans.target.${tr.key}`)} (${t("plans.col.actual")} / ${t("plans.col.plan")})`,
                cell: (m: number) => (
                  <>
                    <Link to={drill(tr.metric, tr.dim, m + 1)}>{fmt(tr.actual[m], lang)}</Link> / {fmt(tr.plan?.[m] ?? null, lang)}
                  </>
                ),
              })),
            ]}
          />
        </details>
      </section>

      <section className="card" aria-labelledby="funnel-h">
        <h2 id="funnel-h">{t("plans.dashboard.funnel")}</h2>
        <p className="muted">{t("plans.dashboard.funnelNote")}</p>
        <Funnel lang={lang} stages={d.funnel.map((f) => ({ label: t(`plans.funnel.${f.metric}`), value: f.value, href: drill(f.metric) }))} />
      </section>

      {d.children.length > 0 ? (
        <section className="card" aria-labelledby="children-h">
          <h2 id="children-h">{t(d.childLevel === "PREFECTURE" ? "plans.dashboard.childrenPrefectures" : "plans.dashboard.childrenCounties")}</h2>
          <p className="muted">{t("plans.dashboard.childrenNote")}</p>
          <ChildRegionsTable counts={d.counts} rows={d.children} lang={lang} year={d.year} />
        </section>
      ) : null}

      <div className="grid">
        <section className="card" aria-labelledby="provider-h">
          <h2 id="provider-h">{t("plans.dashboard.byProvider")}</h2>
          <CompletionTable
            heading={t("plans.dim.provider")}
            rows={d.byProvider.map((b) => ({ ...b, label: b.name }))}
            drill={drill}
            lang={lang}
            empty={t("plans.dashboard.none")}
          />
          <h3>{t("plans.dashboard.byKind")}</h3>
          <CompletionTable
            heading={t("plans.dim.kind")}
            rows={d.byKind.map((b) => ({ ...b, label: kindName(b.key) }))}
            drill={drill}
            lang={lang}
            empty={t("plans.dashboard.none")}
          />
        </section>
        <section className="card" aria-labelledby="dest-h">
          <h2 id="dest-h">{t("plans.dashboard.destinations")}</h2>
          {d.destinations.byType.length === 0 ? (
            <p className="empty">{t("plans.dashboard.none")}</p>
          ) : (
            <div className="table-wrap">
              <PlacementsTable
                heading={t("plans.col.transferType")}
                rows={d.destinations.byType.map((x) => ({ ...x, key: x.type, label: t(`plans.transferType.${x.type}`, { defaultValue: x.type }) }))}
                drill={drill}
                lang={lang}
              />
              <h3>{t("plans.dashboard.topWorkRegions")}</h3>
              <PlacementsTable
                heading={t("plans.col.workRegion")}
                rows={d.destinations.topRegions.map((x) => ({ ...x, key: x.code, label: workRegionLabel(x, lang) }))}
                drill={drill}
                lang={lang}
              />
            </div>
          )}
        </section>
        <section className="card" aria-labelledby="coverage-h">
          <h2 id="coverage-h">{t("plans.dashboard.coverage")}</h2>
          <CoverageTable rows={d.coverage} lang={lang} drill={drill} />
          <p className="muted">{t("plans.dashboard.coverageNote")}</p>
        </section>
      </div>
    </>
  );
}

function CompletionTable({
  heading,
  rows,
  drill,
  lang,
  empty,
}: {
  heading: string;
  rows: { key: string; dim: string; label: string; completed: number; ended: number }[];
  drill: (m: string, dim?: string) => string;
  lang: string;
  empty: string;
}) {
  const { t } = useTranslation();
  return (
    <PlanTable
      rows={rows}
      rowKey={(r) => r.key}
      empty={<p className="empty">{empty}</p>}
      columns={[
        { key: "label", header: heading, cell: (r) => r.label },
        { key: "completed", header: t("plans.col.completed"), cell: (r) => <DrillLink href={drill("training", r.dim)} value={r.completed} lang={lang} /> },
        { key: "ended", header: t("plans.col.ended"), cell: (r) => <DrillLink href={drill("trainingEnded", r.dim)} value={r.ended} lang={lang} /> },
        { key: "rate", header: t("plans.col.rate"), cell: (r) => fmtPct(r.ended ? Math.round((r.completed / r.ended) * 1000) / 10 : null) },
      ]}
    />
  );
}

/** Placements by one breakdown (transfer type, work region), each count opening its records; bare tables in the caller's box. */
function PlacementsTable({
  heading,
  rows,
  drill,
  lang,
}: {
  heading: string;
  rows: { key: string; dim: string; label: string; count: number }[];
  drill: (m: string, dim?: string) => string;
  lang: string;
}) {
  const { t } = useTranslation();
  return (
    <PlanTable
      box="none"
      rows={rows}
      rowKey={(x) => x.key}
      columns={[
        { key: "label", header: heading, cell: (x) => x.label },
        { key: "placements", header: t("plans.col.placements"), cell: (x) => <DrillLink href={drill("placements", x.dim)} value={x.count} lang={lang} /> },
      ]}
    />
  );
}
