// 补贴资金: budget vs committed vs paid per county and kind, cost per person trained / placed / kept
// six months; each figure links to the claims behind it; the export route downloads the same tables.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { usePunct } from "~/components/local-name";
import { yuan } from "~/features/subsidies/index";
import { BackLink } from "~/components/back-link";
import { DataTable } from "~/components/data-table";
import { requireCoordinator } from "~/services/auth.server";
import { fundsSummary, fundsYear } from "~/features/subsidies/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["lists", "subsidy"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const funds = await fundsSummary(principal, fundsYear(request));
  return funds;
}

/** The cost per person at each stage: the county's figure and its label. */
const COSTS = [
  ["trained", "subsidy.funds.perTrained"],
  ["placed", "subsidy.funds.perPlaced"],
  ["kept", "subsidy.funds.perKept"],
] as const;

export default function Funds() {
  const { year, rows, costs } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const punct = usePunct();
  const en = i18n.language === "en";
  const counties = [...new Map(rows.map((r) => [r.countyCode, en && r.countyNameEn ? r.countyNameEn : r.countyName])).entries()];
  const drill = (county: string, kind?: string, status?: string) =>
    `/coordinator/subsidies?countyCode=${county}${kind ? `&kind=${kind}` : ""}${status ? `&status=${status}` : ""}`;
  return (
    <>
      <BackLink to="/coordinator/subsidies">← {t("subsidy.claims.title")}</BackLink>
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
              <DataTable
                rows={rows.filter((r) => r.countyCode === code)}
                rowKey={(r) => r.kind}
                rowProps={(r) => ({ "data-testid": "funds-row", "data-kind": r.kind })}
                columns={[
                  { key: "kind", header: t("subsidy.funds.kind"), cell: (r) => t(`subsidy.kind.${r.kind}`) },
                  { key: "budget", header: t("subsidy.funds.budget"), cell: (r) => yuan(r.budget) },
                  {
                    key: "committed",
                    header: t("subsidy.funds.committed"),
                    cell: (r) => (
                      <Link to={drill(code, r.kind)} data-testid="funds-committed">
                        {yuan(r.committed)}
                      </Link>
                    ),
                  },
                  {
                    key: "paid",
                    header: t("subsidy.funds.paid"),
                    cell: (r) => (
                      <Link to={drill(code, r.kind, "PAID")} data-testid="funds-paid">
                        {yuan(r.paid)}
                      </Link>
                    ),
                  },
                ]}
              />
              {c ? (
                <ul className="plain-list">
                  {COSTS.map(([key, label]) => (
                    <li key={key}>
                      {t(label)}
                      {punct.colon}
                      {c[key].cost === null ? t("subsidy.funds.none") : t("subsidy.claims.yuan", { amount: yuan(c[key].cost) })}{" "}
                      <small className="muted">({t("subsidy.funds.persons", { count: c[key].persons })})</small>
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          );
        })
      )}
    </>
  );
}
