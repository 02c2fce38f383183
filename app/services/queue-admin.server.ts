// The administrators' queue view (issue 16 item 8): jobs per queue and state, the failed jobs with
// their reason, and "run again" for a failed job. The same BullMQ calls work on both backends
// (Redis, and BullMQ's PostgreSQL backend of the embedded install). Jobs carry ids, never personal
// data, so a job's payload may be shown; its failure reason is cut short.
import type { Principal } from "~/domain/access";
import { audit } from "./audit.server";
import { QUEUE_STATES } from "./metrics.server";
import { getQueue, queueNames, withTimeout } from "./queue.server";

export type QueueRow = { queue: string; counts: Record<(typeof QUEUE_STATES)[number], number> };
export type FailedJob = { queue: string; id: string; name: string; reason: string; attempts: number; failedAt: string | null; data: string };
export type QueueOverview = { ok: true; queues: QueueRow[]; failed: FailedJob[] } | { ok: false };

const FAILED_SHOWN = 50;

/** Every queue's counts and its most recent failed jobs; `{ ok: false }` when the backend does not answer. */
export async function queueOverview(): Promise<QueueOverview> {
  try {
    const rows = await withTimeout(
      Promise.all(
        queueNames.map(async (queue) => {
          const q = getQueue(queue);
          const [counts, failed] = await Promise.all([q.getJobCounts(...QUEUE_STATES), q.getJobs(["failed"], 0, FAILED_SHOWN - 1, false)]);
          return {
            row: { queue, counts: Object.fromEntries(QUEUE_STATES.map((s) => [s, counts[s] ?? 0])) as QueueRow["counts"] },
            failed: failed.filter(Boolean).map((j) => ({
              queue,
              id: String(j.id),
              name: j.name,
              reason: String(j.failedReason ?? "").slice(0, 300),
              attempts: j.attemptsMade,
              failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
              data: JSON.stringify(j.data ?? {}).slice(0, 200),
            })),
          };
        }),
      ),
      10_000,
    );
    const failed = rows
      .flatMap((r) => r.failed)
      .sort((a, b) => (b.failedAt ?? "").localeCompare(a.failedAt ?? ""))
      .slice(0, FAILED_SHOWN);
    return { ok: true, queues: rows.map((r) => r.row), failed };
  } catch {
    return { ok: false };
  }
}

export type RetryResult = "retried" | "notFailed" | "unavailable";

/** Runs a failed job again (its attempts start over), audited. Anything but a failed job of a known queue is refused. */
export async function retryFailedJob(actor: Principal, queue: string, jobId: string, ip: string | null): Promise<RetryResult> {
  if (!(queueNames as string[]).includes(queue) || !/^[\w.:-]{1,300}$/.test(jobId)) return "notFailed";
  try {
    const job = await withTimeout(getQueue(queue).getJob(jobId), 5000);
    if (!job || !(await job.isFailed())) return "notFailed";
    await withTimeout(job.retry("failed"), 5000);
  } catch {
    return "unavailable";
  }
  await audit({ actor, action: "queue.retry", entityType: "Job", entityId: `${queue}/${jobId}`.slice(0, 300), ip });
  return "retried";
}
