// The records behind one dashboard number (same region, year, metric, breakdown and month),
// masked, 50 to a page, with exports of the whole list (masked as a download link; in full only
// through the confirmation form, a POST). People from outside the reader's region stay masked.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { WorkerName } from "~/components/worker-name";
import { ExportLinks, fmt, PlanTable, workRegionLabel } from "~/features/plans/index";
import { requireCoordinator } from "~/services/auth.server";
import { drillDown, DrillQuerySchema, type DrillDim } from "~/features/plans/index.server";
import { invariantResponse } from "~/services/http.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["lists", "plans"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const parsed = DrillQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, "Not found");
  const list = await drillDown(principal, parsed.data);
  invariantResponse(list, "Not found");
  return list;
}

/** The breakdown's value by its name (a training kind, a transfer type, a place, a provider), never its code; none for a group (poor, priority). */
function dimValueName(dim: DrillDim, t: TFunction, lang: string): string {
  switch (dim.kind) {
    case "kind":
      return t(`trainingKind.${dim.value}`, { defaultValue: dim.value });
    case "type":
      return t(`plans.transferType.${dim.value}`, { defaultValue: dim.value });
    case "region":
      return dim.place ? workRegionLabel(dim.place, lang) : dim.value;
    case "provider":
      return dim.provider ?? dim.value;
    default:
      return "";
  }
}

export default function DashboardRecords() {
  const { region, query, dim, total, page, pageSize, rows } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = (r: { name: string; nameEn?: string | null }) => (lang === "en" && r.nameEn ? r.nameEn : r.name);
  const params = (extra: Record<string, string | number>) => {
    const u = new URLSearchParams({ region: query.region, year: String(query.year), metric: query.metric });
    if (query.dim) u.set("dim", query.dim);
    if (query.month !== undefined) u.set("month", String(query.month));
    for (const [k, v] of Object.entries(extra)) u.set(k, String(v));
    return u.toString();
  };
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const dimValue = dim ? dimValueName(dim, t, lang) : "";
  const dimLabel = dim ? ` · ${t(`plans.dim.${dim.kind}`)}${dimValue ? `: ${dimValue}` : ""}` : "";
  return (
    <>
      <p className="no-print">
        <Link to={`/coordinator/dashboard?region=${query.region}&year=${query.year}`}>← {t("plans.records.back")}</Link>
      </p>
      <h1 data-testid="records-title">{t(`plans.metric.${query.metric}`)}</h1>
      <p className="muted" data-testid="records-scope">
        {name(region)} · {query.year}
        {query.month !== undefined ? ` · ${query.month === 0 ? t("plans.records.beforeYear") : t("plans.monthN", { n: query.month })}` : ""}
        {dimLabel}
      </p>
      <p>
        <strong data-testid="records-total">{t("plans.records.total", { n: fmt(total, lang) })}</strong>{" "}
        <span className="muted">{t(`plans.metricNote.${query.metric}`)}</span>
      </p>
      <p className="row no-print">
        <ExportLinks what="records" href={(format) => `/coordinator/dashboard/export?${params({ what: "records", format })}`} testIds={["xlsx", "csv"]} />
      </p>
      <details className="no-print card">
        <summary>{t("plans.export.unmaskedTitle")}</summary>
        <p>{t("plans.export.unmaskedHint")}</p>
        <p className="muted">{t("plans.export.outsideRegionNote")}</p>
        <form method="post" action="/coordinator/dashboard/export">
          {Object.entries(Object.fromEntries(new URLSearchParams(params({ what: "records", format: "xlsx", unmask: 1 })))).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <label className="check">
            <input type="checkbox" name="confirm" value="1" required /> <span>{t("plans.export.unmaskedConfirm")}</span>
          </label>
          <button type="submit" className="secondary">
            {t("plans.export.unmaskedButton")}
          </button>
        </form>
      </details>
      <PlanTable
        testId="records"
        rows={rows}
        rowKey={(r) => r.recordId}
        rowProps={(r) => ({ "data-county": r.countyCode })}
        empty={<p className="empty">{t("plans.records.empty")}</p>}
        columns={[
          {
            key: "name",
            header: t("plans.col.name"),
            cell: (r) => (
              <WorkerName
                id={r.workerId}
                fullName={r.fullName}
                poor={r.isRegisteredPoor}
                poorLabel={t("plans.group.poorShort")}
                outside={r.outsideRegion ? t("plans.export.outsideRegion") : undefined}
              />
            ),
          },
          { key: "id", header: t("plans.col.idNumber"), cell: (r) => <code>{r.idNumber}</code> },
          { key: "county", header: t("plans.col.county"), cell: (r) => name({ name: r.countyName, nameEn: r.countyNameEn }) },
          { key: "date", header: t("plans.col.date"), cell: (r) => r.date },
          {
            key: "detail",
            header: t("plans.col.detail"),
            cell: (r) => (
              <>
                {r.detail ?? ""}
                {r.extra ? (
                  <>
                    {" "}
                    <small className="muted">{t(`plans.extra.${r.extra}`, { defaultValue: r.extra })}</small>
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {pages > 1 ? (
        <nav className="pager no-print" aria-label={t("plans.records.pages")}>
          {page > 1 ? <Link to={`?${params({ page: page - 1 })}`}>← {t("plans.records.prev")}</Link> : <span />}
          <span>{t("plans.records.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={`?${params({ page: page + 1 })}`}>{t("plans.records.next")} →</Link> : <span />}
        </nav>
      ) : null}
    </>
  );
}
