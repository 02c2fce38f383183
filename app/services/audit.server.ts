// The audit log is append-only: every unmasked view of sensitive data and every privileged
// change writes one row, in the same transaction as the change where there is one.
import type { Principal } from "~/domain/access";
import type { Prisma } from "~/generated/prisma/client";
import { getDb, type Db } from "./db.server";
import { writeOutbox, type OutboxEvent } from "./outbox.server";

export type AuditEntry = {
  actor: Principal | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  detail?: Prisma.InputJsonValue;
  ip?: string | null;
};

type Tx = Pick<Db, "auditLog">;

const row = (entry: AuditEntry) => ({
  actorUserId: entry.actor?.kind === "user" ? entry.actor.id : null,
  actorTokenId: entry.actor?.kind === "token" ? entry.actor.id : null,
  action: entry.action,
  entityType: entry.entityType,
  entityId: entry.entityId ?? null,
  regionCode: entry.regionCode ?? null,
  detail: entry.detail,
  ip: entry.ip ?? null,
});

export async function audit(entry: AuditEntry, db: Tx = getDb()): Promise<void> {
  await db.auditLog.create({ data: row(entry) });
}

/** Several rows in one statement (e.g. one per home county of the people in an unmasked export). */
export async function auditMany(entries: AuditEntry[], db: Tx = getDb()): Promise<void> {
  if (entries.length) await db.auditLog.createMany({ data: entries.map(row) });
}

/**
 * A refused look at a record outside the caller's region (answered as a plain 404, so the caller
 * learns nothing): written under the record's own region, so its county sees who probes it.
 */
export async function auditOutOfScope(
  actor: Principal,
  target: { entityType: string; entityId: string; regionCode: string | null; ip?: string | null },
  db: Tx = getDb(),
): Promise<null> {
  await audit(
    { actor, action: "denied.out-of-scope", entityType: target.entityType, entityId: target.entityId, regionCode: target.regionCode, ip: target.ip ?? null },
    db,
  );
  return null;
}

/**
 * For a lookup that filtered by scope in the query and found nothing: if the record exists after
 * all (`regionOf` finds its region), the refusal is audited. Always null, for the caller's 404.
 */
export async function refuseOutOfScope(
  actor: Principal,
  entityType: string,
  entityId: string,
  regionOf: () => Promise<string | null | undefined>,
  db: Tx = getDb(),
): Promise<null> {
  const regionCode = await regionOf();
  return regionCode === undefined ? null : auditOutOfScope(actor, { entityType, entityId, regionCode }, db);
}

/** The audit log names a record by its model; where that is not the outbox name capitalised, it is here. */
const AUDITED_AS: Partial<Record<OutboxEvent["entityType"], string>> = { posting: "JobPosting" };

/**
 * A change to a searchable record: its search-index job (outbox) and its audit row, together in the
 * caller's transaction, so one is never written without the other. The audit entity type is the
 * model's name (trainingOrder → TrainingOrder, posting → JobPosting).
 */
export async function auditIndexedChange(
  tx: Tx & Pick<Db, "outbox">,
  record: { type: OutboxEvent["entityType"]; id: string; version: number; regionCode: string | null },
  entry: Omit<AuditEntry, "entityType" | "entityId" | "regionCode">,
): Promise<void> {
  await writeOutbox(tx, { topic: "search-index", entityType: record.type, entityId: record.id, entityVersion: record.version });
  const entityType = AUDITED_AS[record.type] ?? record.type[0]!.toUpperCase() + record.type.slice(1);
  await audit({ ...entry, entityType, entityId: record.id, regionCode: record.regionCode }, tx);
}
