// English for sections/ops.ts (a file of its own so that the browser loads one language only).
import type { zh } from "./ops";

export const en: typeof zh = {
  queues: {
    nav: "Job queues",
    title: "Job queues",
    intro: "Background work (search indexing, roster imports, matching, scheduled maintenance) in each queue. Failed jobs are kept here: once the cause is found, run them again.",
    unavailable: "The queues cannot be reached right now (Redis or the database is not answering). Refresh in a moment; saved data is not lost.",
    queue: "Queue",
    waiting: "Waiting",
    active: "Running",
    delayed: "Delayed",
    prioritized: "Prioritized",
    waitingChildren: "Waiting for children",
    failed: "Failed",
    failedTitle: "Failed jobs (latest 50)",
    noFailed: "No failed jobs.",
    job: "Job",
    reason: "Reason",
    attempts: "Attempts",
    failedAt: "Failed at",
    data: "Parameters",
    retry: "Run again",
    retried: "Queued again: {{job}}",
    notFailed: "This job is no longer failed (it may have been run again or removed); the list is refreshed.",
    retryUnavailable: "The queues cannot be reached, so the job was not run again; please try later.",
    names: {
      outbox: "Change relay", search: "Search index", imports: "Roster imports", matching: "Matching", maintenance: "Maintenance", "follow-ups": "Placement follow-ups",
    },
  },
};
