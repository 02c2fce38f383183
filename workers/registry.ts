// Processor registry: one entry per job name in the catalog. A processor parses its payload with
// the catalog's schema and calls one service; it never trusts the payload's shape.
import type { Job } from "bullmq";
import { CHINA_TIME_ZONE } from "~/platform/china-time";
import { getDb } from "~/services/db.server";
import { getConfig } from "~/services/env.server";
import { indexEntity, TOMBSTONE_MAX_AGE_MS } from "~/services/indexing.server";
import { scheduleRematch, triggersRematch } from "~/features/matching/index.server";
import { matchingProcessors } from "./matching-processors";
import { purgeSearchTombstones } from "~/services/search.server";
import { markOutboxDone, relayOutbox, sweepOutbox, type JobFate, type OutboxEvent } from "~/services/outbox.server";
import { enqueueBulk, entityJobId, getQueue, jobCatalog, type BulkJob, type JobName } from "~/services/queue.server";
import { processImport, sweepStuckImports } from "~/features/imports/index.server";
import { expirePostings } from "~/features/employers/index.server";
import { openFollowUp, sweepFollowUps } from "~/features/placements/index.server";
import { drawReverificationSample } from "~/features/placements/index.server";
import { generateClaims } from "~/features/subsidies/index.server";
import { dashboardYears, refreshDashboardStats, refreshIfChanged } from "~/features/plans/index.server";

type Processor = (job: Job) => Promise<unknown>;

/** Where an outbox row's job stands in its queue (the sweeper's question; ids derive from the row). */
export async function outboxJobFate(event: OutboxEvent): Promise<JobFate> {
  const job = await getQueue(jobCatalog[event.topic].queue).getJob(entityJobId(event.topic, event));
  if (!job) return "missing";
  // A search-index job that used up its attempts (a search server down longer than its retries
  // span) is removed and its row relayed again, so the index catches up once the server is back;
  // the outbox's attempt limit bounds how often.
  if (event.topic === "search-index" && job.finishedOn && job.failedReason && (await job.isFailed())) {
    await job.remove();
    return "missing";
  }
  return job.finishedOn && !job.failedReason ? "completed" : "pending";
}

/** The relay's publisher: a batch of outbox rows becomes jobs with entity-derived ids, one addBulk per queue. */
export function publishOutbox(events: OutboxEvent[]): Promise<number> {
  return enqueueBulk(
    events.map(
      (event) =>
        ({
          name: event.topic,
          payload: { entityType: event.entityType, entityId: event.entityId, entityVersion: event.entityVersion },
          opts: { jobId: entityJobId(event.topic, event) },
        }) as BulkJob,
    ),
  );
}

let lastSweep = 0;

export const processors: { [N in JobName]: Processor } = {
  "outbox-relay": async () => {
    const relayed = await relayOutbox(getDb(), publishOutbox);
    // The outbox is the source of truth: rows whose job vanished (Redis restarted empty) go back to
    // the relay; so do uploads accepted while the queue was down, or whose job it lost.
    let swept;
    const graceMs = getConfig().queueWorker.outboxSweepGraceMs;
    if (Date.now() - lastSweep >= graceMs / 2) {
      lastSweep = Date.now();
      swept = { ...(await sweepOutbox(getDb(), outboxJobFate, { graceMs })), imports: await sweepStuckImports({ graceMs }) };
    }
    return { relayed, swept };
  },
  "search-index": async (job) => {
    const ref = jobCatalog["search-index"].payload.parse(job.data);
    const indexed = await indexEntity(ref);
    await markOutboxDone(getDb(), { topic: "search-index", ...ref });
    // A changed worker, posting or order is re-matched once the index has it (debounced per entity).
    if (triggersRematch(ref.entityType)) await scheduleRematch({ ...ref, entityType: ref.entityType });
    return indexed;
  },
  ...matchingProcessors,
  "search-purge": async (job) => {
    jobCatalog["search-purge"].payload.parse(job.data);
    return { purged: await purgeSearchTombstones(TOMBSTONE_MAX_AGE_MS) };
  },
  "roster-import": async (job) => {
    const { importId } = jobCatalog["roster-import"].payload.parse(job.data);
    return processImport(importId, (percent) => job.updateProgress(percent));
  },
  "subsidy-claims": async (job) => {
    const ref = jobCatalog["subsidy-claims"].payload.parse(job.data);
    const result = await generateClaims(ref);
    await markOutboxDone(getDb(), { topic: "subsidy-claims", ...ref });
    return result;
  },
  "postings-expire": async (job) => {
    jobCatalog["postings-expire"].payload.parse(job.data);
    return expirePostings();
  },
  "follow-up-open": async (job) => {
    const { followUpId } = jobCatalog["follow-up-open"].payload.parse(job.data);
    return openFollowUp(followUpId);
  },
  "follow-ups-sweep": async (job) => {
    jobCatalog["follow-ups-sweep"].payload.parse(job.data);
    return sweepFollowUps();
  },
  "placements-sample": async (job) => {
    jobCatalog["placements-sample"].payload.parse(job.data);
    return drawReverificationSample();
  },
  "dashboard-refresh": async (job) => {
    const { year } = jobCatalog["dashboard-refresh"].payload.parse(job.data);
    const done = [];
    for (const y of year ? [year] : dashboardYears()) done.push(await refreshDashboardStats(y));
    return done;
  },
  "dashboard-refresh-changed": async (job) => {
    jobCatalog["dashboard-refresh-changed"].payload.parse(job.data);
    return refreshIfChanged(dashboardYears());
  },
};

/** Jobs that run on a schedule (BullMQ job schedulers survive restarts and are not duplicated). */
export type Schedule = { name: JobName; every: number } | { name: JobName; pattern: string; tz: string };
export const schedules: Schedule[] = [
  { name: "outbox-relay", every: 2000 },
  // Deadlines are whole days: hourly is soon enough after midnight, and cheap (an indexed query).
  { name: "postings-expire", every: 3600_000 },
  // The nightly full re-match (a flow of target shards), at 02:00 China time.
  { name: "match-nightly", pattern: "0 2 * * *", tz: CHINA_TIME_ZONE },
  { name: "search-purge", every: 3600_000 },
  // Follow-ups open by their own delayed jobs; these two are the daily safety net and the monthly sample's top-up.
  { name: "follow-ups-sweep", every: 86_400_000 },
  { name: "placements-sample", every: 86_400_000 },
  // Plan progress figures for the dashboards (aggregated from the records; docs/plans.md).
  { name: "dashboard-refresh", every: 300_000 },
  { name: "dashboard-refresh-changed", every: 5_000 },
];
