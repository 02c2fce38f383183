// The coordinators' dashboard (issue 7): plan vs actual for a region and year, pace and year-end
// projection, the funnel, the monthly trend against the plan line, child regions ranked, and the
// breakdowns. Every number links to the records behind it.
import { chinaDateTime } from "~/platform/china-time";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ChildRegionsTable, DrillLink, fmt, fmtPct, Funnel, StatusBadge, statusClass, TrendChart } from "~/features/plans/index";
import { requireCoordinator } from "~/services/auth.server";
import { dashboardPage } from "~/features/plans/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["plans", "subsidy"] };

/** One colour per trend series (actual and its plan line share it). */
const colors = ["#c0392b", "#1f6feb", "#2e7d32"];

export const meta: MetaFunction = () => [{ title: "劳务桥 · 计划进度 / Plan progress" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  return dashboardPage(principal, new URL(request.url));
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
        <Form method="get" className="no-print">
          <input type="hidden" name="region" value={d.region.code} />
          <div className="field">
            <label htmlFor="dash-year">{t("plans.col.year")}</label>
            <select id="dash-year" name="year" defaultValue={d.year}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            {t("plans.dashboard.show")}
          </button>
        </Form>
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
        <a
          className="button secondary"
          href={`/coordinator/dashboard/export?${q({ what: "progress", format: "xlsx" })}`}
          download
          data-testid="export-progress-xlsx"
        >
          {t("plans.export.progressXlsx")}
        </a>
        <a className="button secondary" href={`/coordinator/dashboard/export?${q({ what: "progress", format: "csv" })}`} download>
          {t("plans.export.progressCsv")}
        </a>
      </p>

      <section className="card" aria-labelledby="targets-h">
        <h2 id="targets-h">
          {t("plans.dashboard.targets")} <StatusBadge status={d.status} />
        </h2>
        {!d.plan ? <p className="empty">{t("plans.dashboard.noPlan")}</p> : null}
        <div className="table-wrap">
          <table className="dash-table" data-testid="targets">
            <thead>
              <tr>
                <th>{t("plans.col.target")}</th>
                <th>{t("plans.col.plan")}</th>
                <th>{t("plans.col.actual")}</th>
                <th>{t("plans.col.percent")}</th>
                <th>{t("plans.col.expected")}</th>
                <th>{t("plans.col.projection")}</th>
                <th>{t("plans.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {d.counts.map((c) => (
                <tr key={c.key} className={statusClass(c.status)} data-target={c.key}>
                  <td>{t(`plans.target.${c.key}`)}</td>
                  <td>{fmt(c.target, lang)}</td>
                  <td>
                    <DrillLink href={drill(c.metric, c.dim)} value={c.actual} lang={lang} />
                  </td>
                  <td>{fmtPct(c.percentOfPlan)}</td>
                  <td>{fmt(c.expectedByToday, lang)}</td>
                  <td>
                    {fmt(c.projection, lang)} <small className="muted">{fmtPct(c.projectedPercent)}</small>
                  </td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                </tr>
              ))}
              {d.rates.map((r) => (
                <tr key={r.key} className={statusClass(r.status)} data-target={r.key}>
                  <td>{t(`plans.target.${r.key}`)}</td>
                  <td>{fmtPct(r.targetPct)}</td>
                  <td>
                    <Link to={drill(r.metric, r.dim)}>{fmtPct(r.actualPct)}</Link>
                    <br />
                    <small className="muted">{t("plans.dashboard.ofCount", { n: fmt(r.numerator, lang), d: fmt(r.denominator, lang) })}</small>
                  </td>
                  <td colSpan={3} />
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
          <div className="table-wrap">
            <table className="dash-table">
              <thead>
                <tr>
                  <th>{t("plans.col.month")}</th>
                  {d.trend.map((tr) => (
                    <th key={tr.key}>
                      {t(`plans.target.${tr.key}`)} ({t("plans.col.actual")} / {t("plans.col.plan")})
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: 12 }, (_, m) => (
                  <tr key={m}>
                    <td>{t("plans.monthN", { n: m + 1 })}</td>
                    {d.trend.map((tr) => (
                      <td key={tr.key}>
                        <Link to={drill(tr.metric, tr.dim, m + 1)}>{fmt(tr.actual[m], lang)}</Link> / {fmt(tr.plan?.[m] ?? null, lang)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
              <table className="dash-table">
                <thead>
                  <tr>
                    <th>{t("plans.col.transferType")}</th>
                    <th>{t("plans.col.placements")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.destinations.byType.map((x) => (
                    <tr key={x.type}>
                      <td>{t(`plans.transferType.${x.type}`, { defaultValue: x.type })}</td>
                      <td>
                        <DrillLink href={drill("placements", x.dim)} value={x.count} lang={lang} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3>{t("plans.dashboard.topWorkRegions")}</h3>
              <table className="dash-table">
                <thead>
                  <tr>
                    <th>{t("plans.col.workRegion")}</th>
                    <th>{t("plans.col.placements")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.destinations.topRegions.map((x) => (
                    <tr key={x.code}>
                      <td>
                        {x.parentName && lang !== "en" ? `${x.parentName} ` : ""}
                        {name(x)}
                      </td>
                      <td>
                        <DrillLink href={drill("placements", x.dim)} value={x.count} lang={lang} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="card" aria-labelledby="coverage-h">
          <h2 id="coverage-h">{t("plans.dashboard.coverage")}</h2>
          <div className="table-wrap">
            <table className="dash-table">
              <thead>
                <tr>
                  <th>{t("plans.col.group")}</th>
                  <th>{t("plans.col.registered")}</th>
                  <th>{t("plans.col.served")}</th>
                  <th>{t("plans.col.coverage")}</th>
                </tr>
              </thead>
              <tbody>
                {d.coverage.map((c) => (
                  <tr key={c.group}>
                    <td>{t(`plans.group.${c.group}`)}</td>
                    <td>
                      <DrillLink href={drill("registered", c.group)} value={c.registered} lang={lang} />
                    </td>
                    <td>
                      <DrillLink href={drill("served", c.group)} value={c.served} lang={lang} />
                    </td>
                    <td>{fmtPct(c.percent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
  if (rows.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="dash-table">
        <thead>
          <tr>
            <th>{heading}</th>
            <th>{t("plans.col.completed")}</th>
            <th>{t("plans.col.ended")}</th>
            <th>{t("plans.col.rate")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              <td>
                <DrillLink href={drill("training", r.dim)} value={r.completed} lang={lang} />
              </td>
              <td>
                <DrillLink href={drill("trainingEnded", r.dim)} value={r.ended} lang={lang} />
              </td>
              <td>{fmtPct(r.ended ? Math.round((r.completed / r.ended) * 1000) / 10 : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
