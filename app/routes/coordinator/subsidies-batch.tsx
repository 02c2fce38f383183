// One payment batch: its claims, the bank file (masked by default; the full-account file is a
// confirmed, audited POST to the export route), and the upload of the bank's return file, which marks
// claims paid or sends failures back to open. A bad file changes nothing and names its lines.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClaimStatusBadge, ProblemField, problemReply, yuan } from "~/features/subsidies/index";
import { BackLink } from "~/components/back-link";
import { SubmitButtons } from "~/components/submit-buttons";
import { ItemList } from "~/components/item-list";
import { requireCoordinator } from "~/services/auth.server";
import { clientIp, invariantResponse, parseUploadForm } from "~/services/http.server";
import { batchFor, reconcileBatch } from "~/features/subsidies/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";
import { Message } from "~/components/message";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["subsidy"] };

/** A bank return file of thousands of lines is well under this. */
const RETURN_FILE_MAX_BYTES = 1024 * 1024;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const batch = await batchFor(principal, params.batchId ?? "", clientIp(request));
  invariantResponse(batch, "Not found");
  return { batch };
}

type Reply = { problems?: { field: string; message: string }[]; paid?: number; failed?: number };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const upload = await parseUploadForm(request, RETURN_FILE_MAX_BYTES);
  if (!upload.ok)
    return data<Reply>(
      { problems: [{ field: "file", message: upload.problem === "tooLarge" ? "subsidy.returnFileUnreadable" : "subsidy.returnFileUnreadable" }] },
      { status: upload.status },
    );
  const file = upload.form.get("file");
  if (!(file instanceof File) || file.size === 0) return data<Reply>({ problems: [{ field: "file", message: "subsidy.fileRequired" }] }, { status: 400 });
  const r = await reconcileBatch(
    principal,
    params.batchId ?? "",
    { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name },
    { ip: clientIp(request) },
  );
  invariantResponse(r, "Not found");
  if (!r.ok) return data<Reply>(...problemReply(r, "file"));
  return data<Reply>({ paid: r.paid, failed: r.failed });
}

export default function Batch() {
  const { batch: b } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const exportUrl = `/coordinator/subsidies/batches/${b.id}/export`;
  return (
    <>
      <BackLink to="/coordinator/subsidies/batches">← {t("subsidy.batches.title")}</BackLink>
      <h1 data-testid="batch-title">{t("subsidy.batch.title", { number: b.number })}</h1>
      <Message testId="batch-created">{params.get("created") && t("subsidy.batches.created_notice", { count: Number(params.get("created")) })}</Message>
      <section className="card">
        <p>
          <span className={b.status === "RECONCILED" ? "badge ok" : "badge warn"} data-testid="batch-status" data-status={b.status}>
            {t(`subsidy.batches.status${b.status}`)}
          </span>{" "}
          {t("subsidy.batches.claims")} {b.claimCount} · {t("subsidy.claims.yuan", { amount: yuan(b.totalAmount) })}
        </p>
        <h2>{t("subsidy.batch.export")}</h2>
        <p className="row">
          <a className="button secondary" href={`${exportUrl}?format=csv`} data-testid="batch-export-csv" download>
            {t("subsidy.batch.exportCsv")}
          </a>
          <a className="button secondary" href={`${exportUrl}?format=xlsx`} data-testid="batch-export-xlsx" download>
            {t("subsidy.batch.exportXlsx")}
          </a>
        </p>
        <Form method="post" action={exportUrl} reloadDocument>
          <input type="hidden" name="format" value="xlsx" />
          <label>
            <input type="checkbox" name="confirm" value="1" required /> {t("subsidy.batch.exportFull")}
          </label>
          <div className="row actions">
            <button type="submit" className="secondary" data-testid="batch-export-full">
              {t("subsidy.batch.exportFull")}
            </button>
          </div>
        </Form>
      </section>
      <section className="card">
        <ItemList
          rows={b.claims}
          testId="batch-claims"
          itemProps={(c) => ({ "data-testid": "batch-claim", "data-status": c.status })}
          item={(c) => (
            <>
              <Link to={`/coordinator/subsidies/${c.id}`}>{c.worker.fullName}</Link> <ClaimStatusBadge status={c.status} />
            </>
          )}
          detail={(c) => (
            <>
              {t(`subsidy.kind.${c.kind}`)} · {t("subsidy.claims.yuan", { amount: yuan(c.amount) })} · {c.payeeName} · <code>{c.id.slice(0, 8)}</code>
            </>
          )}
        />
      </section>
      <Card title={t("subsidy.batch.returnTitle")}>
        <p className="muted">{t("subsidy.batch.returnHint")}</p>
        <Message testId="batch-reconciled">{reply?.paid !== undefined && t("subsidy.batch.reconciled", { paid: reply.paid, failed: reply.failed })}</Message>
        <Form method="post" encType="multipart/form-data" data-testid="return-form">
          <ProblemField name="file" label={t("subsidy.batch.returnFile")} problems={reply?.problems}>
            {(control) => (
              <input {...control} type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
            )}
          </ProblemField>
          <SubmitButtons buttons={[{ label: t("subsidy.batch.upload"), primary: true, testId: "return-upload" }]} />
        </Form>
      </Card>
    </>
  );
}
