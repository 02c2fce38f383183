// Administrators' queue view (issue 16 item 8): counts per queue and state, the failed jobs with
// their reason, and "run again" for one (audited). Works on both queue backends.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { beijingTime } from "~/features/imports/index";
import { requireUser } from "~/services/auth.server";
import { clientIp } from "~/services/http.server";
import { queueOverview, retryFailedJob } from "~/services/queue-admin.server";
import { readFormPost } from "~/platform/form-post.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["import", "ops"] };

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
      <section className="card">
        <h2>{t("ops.queues.title")}</h2>
        <p>{t("ops.queues.intro")}</p>
        {done && "result" in done ? (
          <p className={done.result === "retried" ? "notice" : "form-error"} role={done.result === "retried" ? "status" : "alert"} data-testid="retry-result">
            {done.result === "retried"
              ? t("ops.queues.retried", { job: done.job })
              : done.result === "notFailed"
                ? t("ops.queues.notFailed")
                : t("ops.queues.retryUnavailable")}
          </p>
        ) : null}
        {!overview.ok ? (
          <p className="form-error" role="alert">
            {t("ops.queues.unavailable")}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table-cards" data-testid="queue-counts">
              <thead>
                <tr>
                  <th scope="col">{t("ops.queues.queue")}</th>
                  {STATES.map(([, key]) => (
                    <th key={key} scope="col">
                      {t(`ops.queues.${key}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {overview.queues.map((q) => (
                  <tr key={q.queue} data-queue={q.queue}>
                    <th scope="row">
                      {queueName(q.queue)} <span className="muted">({q.queue})</span>
                    </th>
                    {STATES.map(([state, key]) => (
                      <td key={state} data-label={t(`ops.queues.${key}`)} data-state={state}>
                        {q.counts[state]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {overview.ok ? (
        <section className="card">
          <h2>{t("ops.queues.failedTitle")}</h2>
          {overview.failed.length === 0 ? (
            <p className="muted">{t("ops.queues.noFailed")}</p>
          ) : (
            <div className="table-wrap">
              <table className="table-cards" data-testid="failed-jobs">
                <thead>
                  <tr>
                    <th scope="col">{t("ops.queues.job")}</th>
                    <th scope="col">{t("ops.queues.reason")}</th>
                    <th scope="col">{t("ops.queues.attempts")}</th>
                    <th scope="col">{t("ops.queues.failedAt")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("ops.queues.retry")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {overview.failed.map((j) => (
                    <tr key={`${j.queue}/${j.id}`}>
                      <td data-label={t("ops.queues.job")} className="prewrap">
                        {queueName(j.queue)} · {j.name}
                        <br />
                        <span className="muted">{j.id}</span>
                        <br />
                        <span className="muted">
                          {t("ops.queues.data")}: {j.data}
                        </span>
                      </td>
                      <td data-label={t("ops.queues.reason")} className="prewrap">
                        {j.reason}
                      </td>
                      <td data-label={t("ops.queues.attempts")}>{j.attempts}</td>
                      <td data-label={t("ops.queues.failedAt")}>{j.failedAt ? beijingTime(j.failedAt) : "—"}</td>
                      <td>
                        <Form method="post">
                          <input type="hidden" name="queue" value={j.queue} />
                          <input type="hidden" name="jobId" value={j.id} />
                          <button type="submit" className="secondary" disabled={nav.state !== "idle"}>
                            {t("ops.queues.retry")}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </>
  );
}
