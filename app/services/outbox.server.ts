// Transactional outbox. A service that changes an indexed or matched entity writes one row here
// inside its own transaction; the relay (workers/) turns committed rows into BullMQ jobs whose
// ids derive from entity + version, so relaying a row twice is harmless.
import type { Db } from "./db.server";
import type { JobName } from "./queue.server";

export type OutboxEvent = {
  topic: JobName;
  entityType: "worker" | "employer" | "posting" | "trainingOrder" | "trainingClass" | "placement" | "plan" | "followUp";
  entityId: string;
  entityVersion: number;
};

type Tx = Pick<Db, "outbox">;

export async function writeOutbox(tx: Tx, events: OutboxEvent | OutboxEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  await tx.outbox.createMany({ data: list });
}

/**
 * Claims a batch of unrelayed rows (SKIP LOCKED, so several relays may run), hands the whole
 * batch to `publish` at once (the relay adds it with one addBulk per queue, not one add per
 * row), and marks the rows relayed in the same transaction. A crash between publish and commit
 * re-publishes on the next run; the deterministic job id absorbs the duplicate. Rows naming the
 * same topic, entity and version are one job: `publish` gets each once.
 */
export async function relayOutbox(db: Db, publish: (events: OutboxEvent[]) => Promise<unknown>, batchSize = 500): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: bigint; topic: string; entityType: string; entityId: string; entityVersion: number }>>`
      SELECT "id", "topic", "entityType", "entityId", "entityVersion" FROM "Outbox"
      WHERE "relayedAt" IS NULL ORDER BY "id" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      const events = new Map<string, OutboxEvent>();
      for (const row of rows as OutboxEvent[]) {
        const { topic, entityType, entityId, entityVersion } = row;
        events.set(JSON.stringify([topic, entityType, entityId, entityVersion]), { topic, entityType, entityId, entityVersion });
      }
      if (events.size > 0) await publish([...events.values()]);
      if (rows.length > 0) {
        await tx.outbox.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { relayedAt: new Date(), attempts: { increment: 1 } } });
      }
      return rows.length;
    },
    { timeout: 60_000 },
  );
}

/**
 * Records that the job for an entity has run: every row of that topic and entity up to this
 * version is done (the job re-read the entity, so it covered the earlier versions too). Not only
 * rows already marked relayed: the relay marks its batch when its transaction commits, and a job
 * it published may run (and finish) before that. Requiring "relayed" here left such rows undone
 * for the sweeper to find, after their completed job had often been trimmed, so they were run
 * again; now the update waits for the relay's row lock and marks them.
 */
export async function markOutboxDone(db: Db, event: OutboxEvent): Promise<number> {
  return db.$executeRaw`
    UPDATE "Outbox" SET "doneAt" = CURRENT_TIMESTAMP
     WHERE "entityType" = ${event.entityType} AND "entityId" = ${event.entityId} AND "topic" = ${event.topic}
       AND "entityVersion" <= ${event.entityVersion} AND "doneAt" IS NULL`;
}

/** What the queue knows of a relayed row's job. */
export type JobFate = "missing" | "completed" | "pending";

/** A row whose job vanished this many times is left (and reported by the health view) rather than relayed forever. */
export const OUTBOX_MAX_ATTEMPTS = 10;

/**
 * The outbox is the source of truth for work the queue must do: a relayed row whose job is gone
 * from the queue without having run (Redis restarted empty, a job removed by hand) goes back to
 * unrelayed, so the next relay publishes it again; a row whose job completed but whose completion
 * was not recorded (the database was down at that moment) is marked done. Returns both counts.
 */
export async function sweepOutbox(
  db: Db,
  fate: (event: OutboxEvent) => Promise<JobFate>,
  opts: { graceMs?: number; batchSize?: number; budgetMs?: number } = {},
): Promise<{ requeued: number; completed: number }> {
  const grace = opts.graceMs ?? 20_000;
  const batchSize = opts.batchSize ?? 1000;
  const deadline = Date.now() + (opts.budgetMs ?? 15_000);
  const totals = { requeued: 0, completed: 0 };
  let after = 0n;
  while (Date.now() < deadline) {
    const rows = await db.$queryRaw<Array<{ id: bigint; topic: string; entityType: string; entityId: string; entityVersion: number }>>`
      SELECT "id", "topic", "entityType", "entityId", "entityVersion" FROM "Outbox"
       WHERE "relayedAt" IS NOT NULL AND "doneAt" IS NULL AND "id" > ${after}
         AND "relayedAt" < CURRENT_TIMESTAMP - make_interval(secs => ${grace / 1000})
         AND "attempts" < ${OUTBOX_MAX_ATTEMPTS}
       ORDER BY "id" LIMIT ${batchSize}`;
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const fates = await Promise.all(rows.map((row) => fate(row as OutboxEvent)));
    const missing = rows.filter((_, i) => fates[i] === "missing").map((r) => r.id);
    const completed = rows.filter((_, i) => fates[i] === "completed").map((r) => r.id);
    if (missing.length) {
      // Only rows still undone: a job that ran meanwhile has marked its row, which stays done.
      totals.requeued += await db.outbox.updateMany({ where: { id: { in: missing }, doneAt: null }, data: { relayedAt: null } }).then((r) => r.count);
    }
    if (completed.length) {
      totals.completed += await db.outbox.updateMany({ where: { id: { in: completed }, doneAt: null }, data: { doneAt: new Date() } }).then((r) => r.count);
    }
    if (rows.length < batchSize) break;
  }
  return totals;
}
