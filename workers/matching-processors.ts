// The matching jobs' processors (issue 17: processors live with the worker registry, not inside
// services): each parses its payload with the catalog's schema and calls the matching service.
import type { Job } from "bullmq";
import { derivedUuid, finishNightly, matchShard, matchTarget, matchWorker, startNightly, type ShardTotals } from "~/features/matching/index.server";
import { jobCatalog } from "~/services/queue.server";

export const matchingProcessors = {
  "match-target": async (job: Job) => {
    const ref = jobCatalog["match-target"].payload.parse(job.data);
    return matchTarget({ kind: ref.entityType, id: ref.entityId }, { jobId: job.id });
  },
  "match-worker": async (job: Job) => {
    const ref = jobCatalog["match-worker"].payload.parse(job.data);
    return matchWorker(ref.entityId);
  },
  "match-nightly": async (job: Job) => {
    const { runId, shardTargets: size } = jobCatalog["match-nightly"].payload.parse(job.data);
    return startNightly(runId ?? derivedUuid(`match-nightly__${job.id}`), { shardTargets: size });
  },
  "match-shard": async (job: Job) => {
    const { runId, shard, targets } = jobCatalog["match-shard"].payload.parse(job.data);
    return matchShard(runId, shard, targets);
  },
  "match-nightly-finish": async (job: Job) => {
    const { runId } = jobCatalog["match-nightly-finish"].payload.parse(job.data);
    const values = Object.values(await job.getChildrenValues()) as ShardTotals[];
    return finishNightly(runId, values);
  },
};
