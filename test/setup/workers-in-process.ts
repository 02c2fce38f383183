// The worker process's own code (workers/main.ts startWorkers → workers/registry.ts processors)
// running the jobs in the test's process against the test's database, nothing stubbed, with BullMQ
// on real Redis or on its PostgreSQL backend.
import { afterAll, beforeAll } from "vitest";
import { getConfig, setConfig, type QueuePort } from "~/services/env.server";
import { closeProducer, getQueue, queueNames } from "~/services/queue.server";
import { startWorkers } from "../../workers/main";

/**
 * Starts the workers before the tests of the enclosing describe, the queues on `adapter`, and after
 * them drops every queued job, stops the workers and restores the configuration. The workers' log
 * lines go to `log`.
 */
export function workersInProcess(adapter: "redis" | "postgres", log: (line: string) => void = () => {}) {
  const original = getConfig();
  let handle: { close: () => Promise<void> };

  beforeAll(async () => {
    const port: QueuePort = adapter === "redis" ? original.queue : { adapter: "postgres", url: original.database.url };
    await closeProducer();
    setConfig({ ...original, queue: port });
    handle = await startWorkers(getConfig(), log);
  });

  afterAll(async () => {
    for (const q of queueNames)
      await getQueue(q)
        .obliterate({ force: true })
        .catch(() => {});
    await handle.close();
    await closeProducer();
    setConfig(original);
  });
}
