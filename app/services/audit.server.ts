// The audit log is append-only: every unmasked view of sensitive data and every privileged
// change writes one row, in the same transaction as the change where there is one.
import type { Principal } from "~/domain/access";
import type { Prisma } from "~/generated/prisma/client";
import { getDb, type Db } from "./db.server";

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

export async function audit(entry: AuditEntry, db: Tx = getDb()): Promise<void> {
  await db.auditLog.create({
    data: {
      actorUserId: entry.actor?.kind === "user" ? entry.actor.id : null,
      actorTokenId: entry.actor?.kind === "token" ? entry.actor.id : null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      regionCode: entry.regionCode ?? null,
      detail: entry.detail,
      ip: entry.ip ?? null,
    },
  });
}
