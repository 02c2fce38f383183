// Roster import, step 2: one import. Its column mapping when the file's headers need the
// coordinator; then a live progress bar (polled every second with JavaScript, a meta refresh
// without), the counts, the rejected rows and the downloadable report.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { usePunct } from "~/components/local-name";
import { z } from "zod";
import { DataTable } from "~/components/data-table";
import { PlainField } from "~/components/plain-field";
import { Stats } from "~/components/stats";
import { beijingTime, ImportStatus } from "~/features/imports/index";
import { columnLabel, REQUIRED_FIELDS, ROSTER_FIELDS } from "~/domain/roster";
import { readFormPost } from "~/platform/form-post.server";
import { requireCoordinator } from "~/services/auth.server";
import { invariantResponse } from "~/services/http.server";
import {
  confirmMapping,
  findImport,
  importErrors,
  isStuckImport,
  mappingPreview,
  MAX_REPORTED_ERRORS,
  needsMapping,
  retryImport,
} from "~/features/imports/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";
import { Message } from "~/components/message";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["import", "lists", "reg"] };

const SHOWN_ERRORS = 200;
/** The outcome counts of an import, in the order the page shows them. */
const COUNTS = ["imported", "updated", "unchanged", "rejected"] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const imp = await findImport(principal, params.importId ?? "");
  invariantResponse(imp, "Not found");
  const { mapping, ...rest } = imp;
  const waitingForMapping = needsMapping(imp.status, mapping);
  const report = imp.status === "DONE" ? await importErrors(principal, imp.id) : null;
  return {
    imp: rest,
    needsMapping: waitingForMapping,
    columns: waitingForMapping ? await mappingPreview(principal, imp.id) : null,
    errors: report?.errors.slice(0, SHOWN_ERRORS) ?? [],
    errorCount: report?.errors.length ?? 0,
    truncated: (report?.errors.length ?? 0) >= MAX_REPORTED_ERRORS,
    stuck: !waitingForMapping && (imp.status === "QUEUED" || imp.status === "RUNNING") ? await isStuckImport(imp.id) : false,
  };
}

const MappingSchema = z
  .array(
    z
      .enum(ROSTER_FIELDS)
      .or(z.literal(""))
      .transform((v) => v || null),
  )
  .max(500);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const importId = params.importId ?? "";
  // A roster has at most 500 columns (MappingSchema); a body that is not a readable form is a 400.
  const read = await readFormPost(request, new Set(["intent", "field"]), undefined, 500);
  if (!read.ok) throw read.response;
  const form = read.formData;
  if (form.get("intent") === "retry") {
    // Only a stuck import (queued or running with no live job) starts again; a failed one's file is gone.
    invariantResponse(await retryImport(principal, importId), "Not found");
    return redirect(`/coordinator/imports/${importId}`);
  }
  const fields = MappingSchema.safeParse(form.getAll("field").map(String));
  invariantResponse(fields.success, "Bad request", { status: 400 });
  const result = await confirmMapping(principal, importId, fields.data);
  invariantResponse(result, "Not found");
  if (!result.ok) return data({ error: result.message, params: result.params ?? {} }, { status: 400 });
  return redirect(`/coordinator/imports/${importId}`);
}

/** While the import runs, the page asks again every second (a revalidation, not a reload). */
function usePolling(active: boolean) {
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (latest.current.state === "idle") latest.current.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [active]);
}

export default function CoordinatorImport() {
  const { imp, needsMapping: mappingStep, columns, errors, errorCount, truncated, stuck } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const punct = usePunct();
  const running = !mappingStep && (imp.status === "QUEUED" || imp.status === "RUNNING");
  usePolling(running);
  const percent = imp.status === "DONE" ? 100 : imp.totalRows > 0 ? Math.min(100, Math.floor((imp.processed / imp.totalRows) * 100)) : 0;
  const fieldNames = (list?: string) =>
    (list ?? "")
      .split(",")
      .filter(Boolean)
      .map((f) => t(`import.fields.${f}`))
      .join(punct.enumeration);
  return (
    <>
      <p>
        <Link to="/coordinator/imports">← {t("import.title")}</Link>
      </p>
      <h1 data-testid="import-page">{imp.fileName}</h1>
      <p className="row">
        <ImportStatus status={imp.status} needsMapping={mappingStep} />{" "}
        <span className="muted">
          {t("import.uploadedAt")} {beijingTime(imp.createdAt)}
        </span>
      </p>

      {mappingStep && columns ? (
        <Card title={t("import.mappingTitle")}>
          <p>{t("import.mappingIntro")}</p>
          {data?.error ? (
            <p className="form-error" role="alert">
              {t(data.error, { fields: fieldNames(data.params?.fields) })}
            </p>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="mapping" />
            {/* One field per column of the file (a table of selects does not fit a phone). */}
            {columns.map((c, i) => (
              <PlainField
                key={i}
                id={`field-${i}`}
                label={t("import.mappingColumn", { n: i + 1, header: c.header })}
                hint={
                  c.sample ? (
                    <>
                      {t("import.mappingSample")}
                      <code>{c.sample}</code>
                    </>
                  ) : undefined
                }
              >
                {(control) => (
                  <select {...control} name="field" defaultValue={c.field ?? ""}>
                    <option value="">{t("import.ignore")}</option>
                    {ROSTER_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`import.fields.${f}`)}
                        {REQUIRED_FIELDS.includes(f) ? " *" : ""}
                      </option>
                    ))}
                  </select>
                )}
              </PlainField>
            ))}
            <p>
              <button type="submit" className="primary">
                {t("import.startImport")}
              </button>
            </p>
          </Form>
        </Card>
      ) : null}

      {!mappingStep ? (
        <section className="card" aria-live="polite">
          <h2>{t("import.progress")}</h2>
          <div
            className="progress"
            role="progressbar"
            aria-label={t("import.progress")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            data-testid="import-progress"
          >
            <div className="progress-bar" style={{ width: `${percent}%` }} />
          </div>
          <p className="muted">
            {imp.totalRows > 0
              ? t("import.progressRows", { processed: imp.processed, total: imp.totalRows })
              : imp.status === "DONE"
                ? null
                : t("import.waiting")}
            {running ? (
              <>
                {" "}
                <Link to=".">{t("import.refresh")}</Link>
              </>
            ) : null}
          </p>
          {running ? (
            <noscript>
              <meta httpEquiv="refresh" content="2" />
            </noscript>
          ) : null}
          <Stats testId="import-counts" items={COUNTS.map((k) => ({ key: k, value: imp[k], label: t(`import.${k}`) }))} />
          <Message testId="import-done">
            {imp.status === "DONE" && (
              <>
                {t("import.done")}
                {punct.colon}
                {t("import.counts", imp)}
              </>
            )}
          </Message>
          {stuck ? (
            <div className="notice" role="status">
              {t("import.stuck")}
              <Form method="post">
                <input type="hidden" name="intent" value="retry" />
                <button type="submit" className="secondary">
                  {t("import.retry")}
                </button>
              </Form>
            </div>
          ) : null}
          {imp.status === "FAILED" ? (
            <div className="form-error" role="alert">
              <strong>{t("import.failedTitle")}</strong> {t(imp.failure ?? "import.failed")}
              <p>
                <Link to="/coordinator/imports" className="button secondary">
                  {t("import.uploadAgain")}
                </Link>
              </p>
            </div>
          ) : null}
        </section>
      ) : null}

      {imp.status === "DONE" ? (
        <Card title={t("import.errorsTitle")}>
          {errorCount === 0 ? (
            <p className="empty">{t("import.noErrors")}</p>
          ) : (
            <>
              <p>{truncated ? t("import.errorsTruncated", { count: errorCount }) : t("import.errorsNote", { count: errorCount })}</p>
              <p>
                <a className="button" href={`/coordinator/imports/${imp.id}/errors.csv`} download data-testid="download-errors">
                  {t("import.downloadErrors")}
                </a>
              </p>
              {/* On a phone each problem is a card, each value beside its column's name (issue 15: ID numbers wrapped one digit a line). */}
              <DataTable
                testId="import-errors"
                cards
                rows={errors}
                rowKey={(_, i) => i}
                columns={[
                  { key: "row", header: t("import.report.row"), cell: (e) => e.row },
                  { key: "column", header: t("import.report.column"), cell: (e) => columnLabel(e, t) },
                  { key: "value", header: t("import.report.value"), cell: (e) => <code className="cell-value">{e.value}</code> },
                  { key: "message", header: t("import.report.message"), cell: (e) => <ErrorText message={e.message} params={e.params} /> },
                ]}
              />
            </>
          )}
        </Card>
      ) : null}
    </>
  );
}

function ErrorText({ message, params }: { message: string; params?: Record<string, string | number> }) {
  const { t } = useTranslation();
  return <>{t(message, params)}</>;
}
