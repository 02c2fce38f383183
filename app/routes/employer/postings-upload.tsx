// Bulk postings: upload a list, see how many rows were imported, and every problem by row and
// column, with the report as a CSV to fix the file in Excel.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { Message } from "~/components/message";
import { SpreadsheetField } from "~/components/file-field";
import { canPublish } from "~/domain/employer";
import { POSTING_TEMPLATE_HEADERS } from "~/domain/posting-rows";
import type { RowError } from "~/domain/roster";
import { serverT } from "~/i18n/i18n";
import { requireEmployer } from "~/services/auth.server";
import { requireOwnEmployer } from "~/features/employers/index.server";
import { clientIp, parseUploadForm } from "~/services/http.server";
import { MAX_POSTING_UPLOAD_BYTES, uploadPostings } from "~/features/imports/index.server";
import { errorReportCsv } from "~/features/imports/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "import", "lists", "reg"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { employer } = await requireOwnEmployer(request, context);
  return { canPublish: canPublish(employer.status), maxBytes: MAX_POSTING_UPLOAD_BYTES };
}

type ActionData = { error?: string } | { total: number; created: number; rejected: number; errors: RowError[]; reportCsv: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { principal } = await requireEmployer(request, context);
  const t = serverT(request);
  const upload = await parseUploadForm(request, MAX_POSTING_UPLOAD_BYTES);
  if (!upload.ok) {
    const error = { tooLarge: "emp.upload.tooLarge", notMultipart: "emp.upload.noFile", malformed: "common.uploadMalformed" }[upload.problem];
    return data({ error: t(error) }, { status: upload.status });
  }
  const { form } = upload;
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return data({ error: t("emp.upload.noFile") }, { status: 400 });
  const result = await uploadPostings(
    principal,
    { name: file.name || "postings", bytes: new Uint8Array(await file.arrayBuffer()) },
    { publish: form.get("publish") === "on", ip: clientIp(request) },
  );
  if (!result.ok) {
    const columns = (result.missing ?? []).map((c) => t(`emp.upload.columns.${c}`)).join(t("punct.enum"));
    return data({ error: t(result.message, { columns }) }, { status: 400 });
  }
  const { ok: _ok, ...counts } = result;
  return { ...counts, reportCsv: result.errors.length ? errorReportCsv(result.errors, t) : "" } satisfies ActionData;
}

const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${POSTING_TEMPLATE_HEADERS.join(",")}\r\n`)}`;

export default function UploadPostings() {
  const { canPublish } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const { t } = useTranslation();
  const result = data && "total" in data ? data : null;
  return (
    <>
      <section className="card">
        <h1 data-testid="upload-title">{t("emp.upload.title")}</h1>
        <p>{t("emp.upload.intro")}</p>
        <p>
          <a href={templateHref} download="postings-template.csv">
            {t("emp.upload.template")}
          </a>
        </p>
        <Form method="post" encType="multipart/form-data">
          <SpreadsheetField
            id="postings-file"
            label={t("emp.upload.file")}
            hint={t("emp.upload.fileHint")}
            error={data && "error" in data ? data.error : undefined}
          />
          {canPublish ? (
            <div className="field checkbox-field">
              <label className="check" htmlFor="postings-publish">
                <input id="postings-publish" type="checkbox" name="publish" />
                <span>{t("emp.upload.publishNow")}</span>
              </label>
            </div>
          ) : null}
          <button type="submit" className="primary wide" disabled={nav.state !== "idle"}>
            {t("emp.upload.submit")}
          </button>
        </Form>
      </section>
      {result ? (
        <section className="card" data-testid="upload-result">
          {result.created > 0 ? (
            <Message>{t("emp.upload.result", result)}</Message>
          ) : (
            <Message kind="alert">
              {t("emp.upload.result", result)} {t("emp.upload.allRejected")}
            </Message>
          )}
          {result.errors.length > 0 ? (
            <>
              <h2>{t("emp.upload.problems")}</h2>
              <p>
                <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(result.reportCsv)}`} download="postings-problems.csv">
                  {t("emp.upload.downloadReport")}
                </a>
              </p>
              <DataTable
                rows={result.errors}
                rowKey={(_, i) => i}
                columns={[
                  { key: "row", header: t("emp.upload.report.row"), cell: (e) => e.row },
                  { key: "column", header: t("emp.upload.report.column"), cell: (e) => e.column },
                  { key: "value", header: t("emp.upload.report.value"), cell: (e) => e.value },
                  { key: "message", header: t("emp.upload.report.message"), cell: (e) => t(e.message) },
                ]}
              />
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
