// Fairness report: how often each priority group is proposed, invited and hired compared with
// everyone else, in the coordinator's region; a table and its plain-language reading.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { FAIRNESS_OUTCOMES } from "~/domain/fairness";
import { requireCoordinator } from "~/services/auth.server";
import { fairnessReport } from "~/features/matching/index.server";
import { invariantResponse } from "~/services/http.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["lists", "matching"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const report = await fairnessReport(principal);
  invariantResponse(report, "Forbidden", { status: 403 });
  return report;
}

export default function Fairness() {
  const { rows, readings, totalWorkers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const num = (v: number | null) => (v === null ? "—" : String(v));
  return (
    <>
      <h1 data-testid="fairness">{t("matching.fairness.title")}</h1>
      <p className="muted">{t("matching.fairness.intro", { count: totalWorkers })}</p>
      <Card title={t("matching.fairness.reading")}>
        {readings.length === 0 ? (
          <p className="empty">{t("matching.fairness.noReading")}</p>
        ) : (
          <ul data-testid="fairness-reading">
            {readings.map((r) => (
              <li key={`${r.group}-${r.outcome}`}>
                {t(`matching.fairness.sentence.${r.direction}`, {
                  group: t(`matching.fairness.group.${r.group}`),
                  outcome: t(`matching.fairness.outcomeVerb.${r.outcome}`),
                  ratio: r.ratio,
                })}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("matching.fairness.table")}>
        <p className="hint muted">{t("matching.fairness.tableHint")}</p>
        <DataTable
          testId="fairness-table"
          rows={rows}
          rowKey={(row) => row.group}
          columns={[
            { key: "group", header: t("matching.fairness.groupCol"), rowHeader: true, cell: (row) => t(`matching.fairness.group.${row.group}`) },
            { key: "members", header: t("matching.fairness.members"), cell: (row) => row.members },
            ...FAIRNESS_OUTCOMES.map((o) => ({
              key: o,
              header: t(`matching.fairness.outcome.${o}`),
              cell: (row: (typeof rows)[number]) => (
                <>
                  {row[o].count}
                  <br />
                  <small>{t("matching.fairness.rate", { rate: num(row[o].ratePer100) })}</small>
                  <br />
                  <small className="muted">{t("matching.fairness.ratio", { ratio: num(row[o].ratioToRest), rest: num(row[o].restRatePer100) })}</small>
                </>
              ),
            })),
          ]}
        />
        <p className="hint muted">{t("matching.fairness.definitions")}</p>
      </Card>
    </>
  );
}
