// Roster import, step 1: upload a file (and see earlier imports). The file is stored and queued;
// the import page shows the mapping step or the progress.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { PlainField } from "~/components/plain-field";
import { beijingTime, ImportStatus } from "~/features/imports/index";
import { STANDARD_HEADERS } from "~/domain/roster";
import { requireCoordinator } from "~/services/auth.server";
import { clientIp, parseUploadForm } from "~/services/http.server";
import { listImports, MAX_UPLOAD_BYTES, startImport } from "~/features/imports/index.server";
import { Card } from "~/components/card";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["import", "lists", "reg"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const imports = await listImports(principal);
  return { imports, maxBytes: MAX_UPLOAD_BYTES };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const upload = await parseUploadForm(request, MAX_UPLOAD_BYTES);
  if (!upload.ok) {
    const error = { tooLarge: "import.tooLarge", notMultipart: "import.fileRequired", malformed: "common.uploadMalformed" }[upload.problem];
    return data({ error }, { status: upload.status });
  }
  const { form } = upload;
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return data({ error: "import.fileRequired" }, { status: 400 });
  const started = await startImport(
    principal,
    { name: file.name || "roster", bytes: new Uint8Array(await file.arrayBuffer()) },
    { review: form.get("review") === "on", ip: clientIp(request) },
  );
  if (!started.ok) return data({ error: started.message }, { status: 400 });
  return redirect(`/coordinator/imports/${started.importId}`);
}

const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${STANDARD_HEADERS.join(",")}\r\n`)}`;

export default function CoordinatorImports() {
  const { imports, maxBytes } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [clientError, setClientError] = useState<string | null>(null);
  const error = clientError ?? data?.error ?? null;
  const uploading = navigation.state === "submitting";
  return (
    <>
      <h1 data-testid="imports">{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <Card title={t("import.upload")}>
        <Form
          method="post"
          encType="multipart/form-data"
          onSubmit={(event) => {
            // With JavaScript, a file over the limit is refused before it is sent (the server checks too).
            const file = (event.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
            const problem = !file ? "import.fileRequired" : file.size > maxBytes ? "import.tooLarge" : null;
            setClientError(problem);
            if (problem) event.preventDefault();
          }}
        >
          <PlainField id="roster-file" label={t("import.file")} hint={t("import.fileHint")} errors={error ? [error] : undefined}>
            {(control) => (
              <input
                {...control}
                name="file"
                type="file"
                required
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={() => setClientError(null)}
              />
            )}
          </PlainField>
          <div className="field">
            <label className="row">
              <input type="checkbox" name="review" style={{ width: "auto", minHeight: 0 }} /> {t("import.review")}
            </label>
          </div>
          <p className="row">
            <button type="submit" className="primary" disabled={uploading}>
              {uploading ? t("import.uploading") : t("import.submit")}
            </button>
            <a href={templateHref} download="roster-template.csv">
              {t("import.template")}
            </a>
          </p>
        </Form>
      </Card>
      <Card title={t("import.history")}>
        <DataTable
          rows={imports}
          rowKey={(imp) => imp.id}
          empty={<p className="empty">{t("import.noImports")}</p>}
          columns={[
            { key: "file", header: t("import.fileName"), cell: (imp) => <Link to={`/coordinator/imports/${imp.id}`}>{imp.fileName}</Link> },
            { key: "at", header: t("import.uploadedAt"), cell: (imp) => beijingTime(imp.createdAt) },
            { key: "status", header: t("import.status"), cell: (imp) => <ImportStatus status={imp.status} needsMapping={imp.needsMapping} /> },
            {
              key: "counts",
              header: `${t("import.imported")} / ${t("import.updated")} / ${t("import.unchanged")} / ${t("import.rejected")}`,
              cell: (imp) => `${imp.imported} / ${imp.updated} / ${imp.unchanged} / ${imp.rejected}`,
            },
          ]}
        />
      </Card>
    </>
  );
}
