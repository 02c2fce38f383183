// Pieces the roster import pages share.
import { chinaDateTime } from "~/platform/china-time";
import { useTranslation } from "react-i18next";

/** Times as coordinators read them: Beijing time, identical on the server and in the browser. */
export const beijingTime = (d: string | Date) => chinaDateTime(d);

export function ImportStatus({ status, needsMapping }: { status: string; needsMapping: boolean }) {
  const { t } = useTranslation();
  const key = needsMapping ? "MAPPING" : status;
  const className = key === "DONE" ? "badge ok" : key === "FAILED" ? "badge red" : "badge warn";
  return (
    <span className={className} data-testid="import-status">
      {t(`import.statuses.${key}`)}
    </span>
  );
}
