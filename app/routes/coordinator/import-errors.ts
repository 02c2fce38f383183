// The problem report of one import as CSV (with a BOM, so Excel shows the Chinese), in the reader's
// language. ID numbers and phones in it are masked: the file gets emailed around.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serverT } from "~/i18n/i18n";
import { requireCoordinator } from "~/services/auth.server";
import { invariantResponse } from "~/services/http.server";
import { errorReportCsv, importErrors } from "~/features/imports/index.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const report = await importErrors(principal, params.importId ?? "");
  invariantResponse(report, "Not found");
  const t = serverT(request);
  const name = `${report.fileName.replace(/\.(csv|xlsx)$/i, "")}-${t("import.report.fileSuffix")}.csv`;
  return new Response(errorReportCsv(report.errors, t), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="import-errors.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
