// Administrators' queue view (issue 16 item 8): counts per queue and state, the failed jobs with
// their reason, and "run again" for one (audited). Works on both queue backends.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Message } from "~/components/message";
import { DataTable, type Column } from "~/components/data-table";
import { beijingTime } from "~/features/imports/index";
import { requireUser } from "~/services/auth.server";
import { clientIp } from "~/services/http.server";
import { queueOverview, retryFailedJob, type QueueRow } from "~/services/queue-admin.server";
import { readFormPost } from "~/platform/form-post.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["import", "lists", "ops"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  const overview = await queueOverview();
  return data(overview, { status: overview.ok ? 200 : 503, headers: overview.ok ? {} : { "Retry-After": "15" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["ADMIN"]);
  const read = await readFormPost(request, new Set(["queue", "jobId"]));
  // Thrown, not returned: a returned refusal would reach the page as action data (its text), and the page reads an object.
  if (!read.ok) throw read.response;
  const queue = String(read.formData.get("queue") ?? "");
  const jobId = String(read.formData.get("jobId") ?? "");
  const result = await retryFailedJob(principal, queue, jobId, clientIp(request));
  return data({ result, job: jobId.slice(0, 100) }, { status: result === "retried" ? 200 : result === "notFailed" ? 409 : 503 });
}

const STATES = [
  ["waiting", "waiting"],
  ["active", "active"],
  ["delayed", "delayed"],
  ["prioritized", "prioritized"],
  ["waiting-children", "waitingChildren"],
  ["failed", "failed"],
] as const;

export default function AdminQueues() {
  const overview = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const nav = useNavigation();
  const { t } = useTranslation();
  const queueName = (q: string) => t(`ops.queues.names.${q}`, { defaultValue: q });
  return (
    <>
      <Card title={t("ops.queues.title")}>
        <p>{t("ops.queues.intro")}</p>
        {done && "result" in done ? (
          <Message kind={done.result === "retried" ? "status" : "alert"} testId="retry-result">
            {done.result === "retried"
              ? t("ops.queues.retried", { job: done.job })
              : done.result === "notFailed"
                ? t("ops.queues.notFailed")
                : t("ops.queues.retryUnavailable")}
          </Message>
        ) : null}
        {!overview.ok ? (
          <Message kind="alert">{t("ops.queues.unavailable")}</Message>
        ) : (
          <DataTable
            rows={overview.queues}
            rowKey={(q) => q.queue}
            cards
            testId="queue-counts"
            rowProps={(q) => ({ "data-queue": q.queue })}
            columns={[
              {
                key: "queue",
                header: t("ops.queues.queue"),
                rowHeader: true,
                cell: (q) => (
                  <>
                    {queueName(q.queue)} <span className="muted">({q.queue})</span>
                  </>
                ),
              },
              ...STATES.map(([state, key]): Column<QueueRow> => ({
                key: state,
                header: t(`ops.queues.${key}`),
                cell: (q) => q.counts[state],
                cellProps: () => ({ "data-state": state }),
              })),
            ]}
          />
        )}
      </Card>
      {overview.ok ? (
        <Card title={t("ops.queues.failedTitle")}>
          {overview.failed.length === 0 ? (
            <p className="muted">{t("ops.queues.noFailed")}</p>
          ) : (
            <DataTable
              rows={overview.failed}
              rowKey={(j) => `${j.queue}/${j.id}`}
              cards
              testId="failed-jobs"
              columns={[
                {
                  key: "job",
                  header: t("ops.queues.job"),
                  cellProps: () => ({ className: "prewrap" }),
                  cell: (j) => (
                    <>
                      {queueName(j.queue)} · {j.name}
                      <br />
                      <span className="muted">{j.id}</span>
                      <br />
                      <span className="muted">
                        {t("ops.queues.data")}: {j.data}
                      </span>
                    </>
                  ),
                },
                { key: "reason", header: t("ops.queues.reason"), cellProps: () => ({ className: "prewrap" }), cell: (j) => j.reason },
                { key: "attempts", header: t("ops.queues.attempts"), cell: (j) => j.attempts },
                { key: "failedAt", header: t("ops.queues.failedAt"), cell: (j) => (j.failedAt ? beijingTime(j.failedAt) : "—") },
                {
                  key: "retry",
                  header: <span className="visually-hidden">{t("ops.queues.retry")}</span>,
                  cell: (j) => (
                    <Form method="post">
                      <input type="hidden" name="queue" value={j.queue} />
                      <input type="hidden" name="jobId" value={j.id} />
                      <button type="submit" className="secondary" disabled={nav.state !== "idle"}>
                        {t("ops.queues.retry")}
                      </button>
                    </Form>
                  ),
                },
              ]}
            />
          )}
        </Card>
      ) : null}
    </>
  );
}
