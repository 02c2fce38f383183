// The coordinators' list of job seekers (the home page's latest registrations, the worker search):
// name (a link, with the registered-poor badge), masked ID number, county and status.
import { useTranslation } from "react-i18next";
import { DataTable } from "./data-table";
import { WorkerName } from "./worker-name";

type WorkerRow = { id: string; fullName: string; isRegisteredPoor: boolean; idNumberMasked: string; status: string };

/** `county` names a row's county in the reader's language (the two lists load it differently). */
export function WorkerTable<R extends WorkerRow>({ rows, county, empty }: { rows: readonly R[]; county: (w: R) => string; empty: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <DataTable
      rows={rows}
      rowKey={(w) => w.id}
      empty={empty}
      columns={[
        {
          key: "name",
          header: t("coordinator.name"),
          cell: (w) => <WorkerName id={w.id} fullName={w.fullName} poor={w.isRegisteredPoor} poorLabel={t("coordinator.poor")} />,
        },
        { key: "id", header: t("coordinator.idNumber"), cell: (w) => <code>{w.idNumberMasked}</code> },
        { key: "county", header: t("coordinator.county"), cell: county },
        { key: "status", header: t("coordinator.status"), cell: (w) => t(`workerStatus.${w.status}`) },
      ]}
    />
  );
}
