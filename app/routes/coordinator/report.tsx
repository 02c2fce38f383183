// A printable monthly report for a region (A4, print CSS in dashboard.css): the plan's figures as
// they stood at the end of the month, that month's own additions, and the child regions.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChildRegionsTable, CoverageTable, fmt, PeriodForm, StatusBadge, TargetsTable } from "~/features/plans/index";
import { requireCoordinator } from "~/services/auth.server";
import { dashboardFor, defaultRegion, yearParam } from "~/features/plans/index.server";
import { invariantResponse } from "~/services/http.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["lists", "plans"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const url = new URL(request.url);
  const year = yearParam(url);
  const m = Number(url.searchParams.get("month"));
  const month = Number.isInteger(m) && m >= 1 && m <= 12 ? m : 12;
  const region = url.searchParams.get("region") || defaultRegion(principal);
  const [d, before] = await Promise.all([
    dashboardFor(principal, region, year, { throughMonth: month }),
    month > 1 ? dashboardFor(principal, region, year, { throughMonth: month - 1 }) : Promise.resolve(null),
  ]);
  invariantResponse(d, "Not found");
  return { d, month, monthly: d.counts.map((c, i) => c.actual - (before?.counts[i].actual ?? 0)) };
}

export default function Report() {
  const { d, month, monthly } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = (r: { name: string; nameEn?: string | null }) => (lang === "en" && r.nameEn ? r.nameEn : r.name);
  return (
    <article className="report">
      <p className="row no-print">
        <Link to={`/coordinator/dashboard?region=${d.region.code}&year=${d.year}`}>← {t("plans.records.back")}</Link>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t("plans.report.print")}
        </button>
      </p>
      <PeriodForm
        className="row no-print"
        keep={{ region: d.region.code, year: d.year }}
        select={{
          id: "report-month",
          name: "month",
          label: t("plans.col.month"),
          value: month,
          options: Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t("plans.monthN", { n: i + 1 }) })),
        }}
      />
      <h1 data-testid="report-title">{t("plans.report.title", { region: name(d.region), year: d.year, month })}</h1>
      <p className="muted">
        {t("plans.report.asOf", { date: d.today, elapsed: Math.round(d.elapsed * 1000) / 10 })} <StatusBadge status={d.status} />
      </p>
      <Card title={t("plans.dashboard.targets")}>
        <TargetsTable counts={d.counts} rates={d.rates} lang={lang} monthly={monthly} />
        <p className="muted">{t("plans.dashboard.personsNote", { personTimes: fmt(d.counts[0].actual, lang), persons: fmt(d.trainedPersons, lang) })}</p>
      </Card>
      <Card title={t("plans.dashboard.funnel")}>
        <table className="dash-table">
          <tbody>
            {d.funnel.map((f) => (
              <tr key={f.metric}>
                <td>{t(`plans.funnel.${f.metric}`)}</td>
                <td>{fmt(f.value, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {d.children.length ? (
        <Card title={t(d.childLevel === "PREFECTURE" ? "plans.dashboard.childrenPrefectures" : "plans.dashboard.childrenCounties")}>
          <ChildRegionsTable counts={d.counts} rows={d.children} lang={lang} />
        </Card>
      ) : null}
      <Card title={t("plans.dashboard.coverage")}>
        <CoverageTable rows={d.coverage} lang={lang} box="none" />
      </Card>
      <p className="muted">{t("plans.report.footer")}</p>
    </article>
  );
}
