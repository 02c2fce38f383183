// The funds page's tables as XLSX (same figures, same scope).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serverT } from "~/i18n/i18n";
import { requireCoordinator } from "~/services/auth.server";
import { attachment, renderTables } from "~/features/plans/index.server";
import { fundsSummary, fundsYear } from "~/features/subsidies/index.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const year = fundsYear(request);
  const funds = await fundsSummary(principal, year);
  const t = serverT(request);
  const out = await renderTables(
    [
      {
        name: t("subsidy.funds.title"),
        header: [t("subsidy.funds.county"), t("subsidy.funds.kind"), t("subsidy.funds.budget"), t("subsidy.funds.committed"), t("subsidy.funds.paid")],
        rows: funds.rows.map((r) => [r.countyName, t(`subsidy.kind.${r.kind}`), r.budget, r.committed, r.paid]),
      },
      {
        name: t("subsidy.funds.perTrained").slice(0, 28),
        header: [
          t("subsidy.funds.county"),
          t("subsidy.funds.committed"),
          t("subsidy.funds.perTrained"),
          t("subsidy.funds.perPlaced"),
          t("subsidy.funds.perKept"),
        ],
        rows: funds.costs.map((c) => [
          funds.rows.find((r) => r.countyCode === c.countyCode)?.countyName ?? c.countyCode,
          c.committed,
          c.trained.cost,
          c.placed.cost,
          c.kept.cost,
        ]),
      },
    ],
    "xlsx",
  );
  return attachment(out.body, out.contentType, `${t("subsidy.funds.title")}-${year}.xlsx`);
}
