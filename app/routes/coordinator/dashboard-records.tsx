// The records behind one dashboard number (same region, year, metric, breakdown and month),
// masked, 50 to a page, with exports of the whole list (masked as a download link; in full only
// through the confirmation form, a POST). People from outside the reader's region stay masked.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fmt } from "~/features/plans/index";
import { requireCoordinator } from "~/services/auth.server";
import { drillDown, DrillQuerySchema } from "~/features/plans/index.server";
import { invariantResponse } from "~/services/http.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["plans"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const parsed = DrillQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, "Not found");
  const list = await drillDown(principal, parsed.data);
  invariantResponse(list, "Not found");
  return list;
}

export default function DashboardRecords() {
  const { region, query, total, page, pageSize, rows } = useLoaderData<typeof loader>();
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
  const dimLabel = query.dim ? ` · ${t(`plans.dim.${query.dim.split(":")[0]}`)}: ${query.dim.includes(":") ? query.dim.split(":")[1] : ""}` : "";
  return (
    <>
      <p className="no-print">
        <Link to={`/coordinator/dashboard?region=${query.region}&year=${query.year}`}>← {t("plans.records.back")}</Link>
      </p>
      <h1 data-testid="records-title">{t(`plans.metric.${query.metric}`)}</h1>
      <p className="muted">
        {name(region)} · {query.year}
        {query.month !== undefined ? ` · ${query.month === 0 ? t("plans.records.beforeYear") : t("plans.monthN", { n: query.month })}` : ""}
        {dimLabel}
      </p>
      <p>
        <strong data-testid="records-total">{t("plans.records.total", { n: fmt(total, lang) })}</strong>{" "}
        <span className="muted">{t(`plans.metricNote.${query.metric}`)}</span>
      </p>
      <p className="row no-print">
        <a
          className="button secondary"
          href={`/coordinator/dashboard/export?${params({ what: "records", format: "xlsx" })}`}
          download
          data-testid="export-records-xlsx"
        >
          {t("plans.export.recordsXlsx")}
        </a>
        <a
          className="button secondary"
          href={`/coordinator/dashboard/export?${params({ what: "records", format: "csv" })}`}
          download
          data-testid="export-records-csv"
        >
          {t("plans.export.recordsCsv")}
        </a>
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
      {rows.length === 0 ? (
        <p className="empty">{t("plans.records.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="dash-table" data-testid="records">
            <thead>
              <tr>
                <th>{t("plans.col.name")}</th>
                <th>{t("plans.col.idNumber")}</th>
                <th>{t("plans.col.county")}</th>
                <th>{t("plans.col.date")}</th>
                <th>{t("plans.col.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.recordId} data-county={r.countyCode}>
                  <td>
                    {r.outsideRegion ? (
                      <>
                        {r.fullName} <small className="muted">{t("plans.export.outsideRegion")}</small>
                      </>
                    ) : (
                      <Link to={`/coordinator/workers/${r.workerId}`}>{r.fullName}</Link>
                    )}
                    {r.isRegisteredPoor ? (
                      <>
                        {" "}
                        <span className="badge red">{t("plans.group.poorShort")}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <code>{r.idNumber}</code>
                  </td>
                  <td>{name({ name: r.countyName, nameEn: r.countyNameEn })}</td>
                  <td>{r.date}</td>
                  <td>
                    {r.detail ?? ""}
                    {r.extra ? (
                      <>
                        {" "}
                        <small className="muted">{t(`plans.extra.${r.extra}`, { defaultValue: r.extra })}</small>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
