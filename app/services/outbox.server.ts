// Transactional outbox. A service that changes an indexed or matched entity writes one row here
// inside its own transaction; the relay (workers/) turns committed rows into BullMQ jobs whose
// ids derive from entity + version, so relaying a row twice is harmless.
import type { Db } from "./db.server";
import type { JobName } from "./queue.server";

export type OutboxEvent = {
  topic: JobName;
  entityType: "worker" | "employer" | "posting" | "trainingOrder" | "trainingClass" | "placement" | "plan";
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
 * Claims a batch of unrelayed rows (SKIP LOCKED, so several relays may run), hands each to
 * `publish`, and marks it relayed in the same transaction. A crash between publish and commit
 * re-publishes on the next run; the deterministic job id absorbs the duplicate.
 */
export async function relayOutbox(
  db: Db,
  publish: (event: OutboxEvent) => Promise<unknown>,
  batchSize = 500,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: bigint; topic: string; entityType: string; entityId: string; entityVersion: number }>>`
      SELECT "id", "topic", "entityType", "entityId", "entityVersion" FROM "Outbox"
      WHERE "relayedAt" IS NULL ORDER BY "id" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
    for (const row of rows) {
      await publish(row as OutboxEvent);
    }
    if (rows.length > 0) {
      await tx.outbox.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { relayedAt: new Date(), attempts: { increment: 1 } } });
    }
    return rows.length;
  }, { timeout: 60_000 });
}
