// Processor registry: one entry per job name in the catalog. A processor parses its payload with
// the catalog's schema and calls one service; it never trusts the payload's shape.
import type { Job } from "bullmq";
import { getDb } from "~/services/db.server";
import { indexEntity } from "~/services/indexing.server";
import { relayOutbox } from "~/services/outbox.server";
import { enqueue, entityJobId, jobCatalog, type JobName } from "~/services/queue.server";
import { processImport } from "~/services/roster-import.server";
import { expirePostings } from "~/services/postings.server";

type Processor = (job: Job) => Promise<unknown>;

export const processors: { [N in JobName]: Processor } = {
  "outbox-relay": async () => {
    const relayed = await relayOutbox(getDb(), (event) =>
      enqueue(event.topic, { entityType: event.entityType, entityId: event.entityId, entityVersion: event.entityVersion }, {
        jobId: entityJobId(event.topic, event),
      }),
    );
    return { relayed };
  },
  "search-index": async (job) => {
    const ref = jobCatalog["search-index"].payload.parse(job.data);
    return indexEntity(ref);
  },
  "roster-import": async (job) => {
    const { importId } = jobCatalog["roster-import"].payload.parse(job.data);
    return processImport(importId, (percent) => job.updateProgress(percent));
  },
  "postings-expire": async (job) => {
    jobCatalog["postings-expire"].payload.parse(job.data);
    return expirePostings();
  },
};

/** Jobs that run on a schedule (BullMQ job schedulers survive restarts and are not duplicated). */
export const schedules: { name: JobName; every: number }[] = [
  { name: "outbox-relay", every: 2000 },
  // Deadlines are whole days: hourly is soon enough after midnight, and cheap (an indexed query).
  { name: "postings-expire", every: 3600_000 },
];
