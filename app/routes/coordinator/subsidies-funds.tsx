// 补贴资金: budget vs committed vs paid per county and kind, cost per person trained / placed / kept
// six months; each figure links to the claims behind it; the export route downloads the same tables.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { yuan } from "~/features/subsidies/index";
import { requireCoordinator } from "~/services/auth.server";
import { fundsSummary, fundsYear } from "~/features/subsidies/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["subsidy"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const funds = await fundsSummary(principal, fundsYear(request));
  return funds;
}

export default function Funds() {
  const { year, rows, costs } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const counties = [...new Map(rows.map((r) => [r.countyCode, en && r.countyNameEn ? r.countyNameEn : r.countyName])).entries()];
  const drill = (county: string, kind?: string, status?: string) =>
    `/coordinator/subsidies?countyCode=${county}${kind ? `&kind=${kind}` : ""}${status ? `&status=${status}` : ""}`;
  return (
    <>
      <p>
        <Link to="/coordinator/subsidies">← {t("subsidy.claims.title")}</Link>
      </p>
      <h1 data-testid="funds-title">{t("subsidy.funds.title")}</h1>
      <p className="muted">{t("subsidy.funds.intro")}</p>
      <Form method="get" className="row">
        <label>
          {t("subsidy.funds.year")} <input name="year" type="number" inputMode="numeric" defaultValue={year} style={{ width: "6rem" }} />
        </label>
        <button type="submit" className="secondary">
          {t("subsidy.claims.filter")}
        </button>
        <a className="button secondary" href={`/coordinator/subsidies/funds/export?year=${year}`} download>
          {t("subsidy.funds.export")}
        </a>
      </Form>
      {counties.length === 0 ? (
        <p className="empty">{t("subsidy.funds.empty")}</p>
      ) : (
        counties.map(([code, name]) => {
          const c = costs.find((x) => x.countyCode === code);
          return (
            <section className="card" key={code} data-testid="funds-county" data-county={code}>
              <h2>{name}</h2>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>{t("subsidy.funds.kind")}</th>
                      <th>{t("subsidy.funds.budget")}</th>
                      <th>{t("subsidy.funds.committed")}</th>
                      <th>{t("subsidy.funds.paid")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows
                      .filter((r) => r.countyCode === code)
                      .map((r) => (
                        <tr key={r.kind} data-testid="funds-row" data-kind={r.kind}>
                          <td>{t(`subsidy.kind.${r.kind}`)}</td>
                          <td>{yuan(r.budget)}</td>
                          <td>
                            <Link to={drill(code, r.kind)} data-testid="funds-committed">
                              {yuan(r.committed)}
                            </Link>
                          </td>
                          <td>
                            <Link to={drill(code, r.kind, "PAID")} data-testid="funds-paid">
                              {yuan(r.paid)}
                            </Link>
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
              {c ? (
                <ul className="plain-list">
                  <li>
                    {t("subsidy.funds.perTrained")}：
                    {c.trained.cost === null ? t("subsidy.funds.none") : t("subsidy.claims.yuan", { amount: yuan(c.trained.cost) })}{" "}
                    <small className="muted">({t("subsidy.funds.persons", { count: c.trained.persons })})</small>
                  </li>
                  <li>
                    {t("subsidy.funds.perPlaced")}：
                    {c.placed.cost === null ? t("subsidy.funds.none") : t("subsidy.claims.yuan", { amount: yuan(c.placed.cost) })}{" "}
                    <small className="muted">({t("subsidy.funds.persons", { count: c.placed.persons })})</small>
                  </li>
                  <li>
                    {t("subsidy.funds.perKept")}：{c.kept.cost === null ? t("subsidy.funds.none") : t("subsidy.claims.yuan", { amount: yuan(c.kept.cost) })}{" "}
                    <small className="muted">({t("subsidy.funds.persons", { count: c.kept.persons })})</small>
                  </li>
                </ul>
              ) : null}
            </section>
          );
        })
      )}
    </>
  );
}
