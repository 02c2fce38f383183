// Reading workers as staff: always within the principal's region scope, always masked unless a
// reveal is asked for, and every reveal written to the audit log.
import type { Principal } from "~/domain/access";
import { canReadWorker, isAdmin, staffScopes } from "~/domain/access";
import { toMaskedWorker } from "~/domain/mask";
import { regionPrefix } from "~/domain/regions";
import type { Prisma } from "~/generated/prisma/client";
import { audit, auditOutOfScope } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { decryptPii } from "~/services/pii.server";
import { occupationNames, regionNames } from "~/platform/selects";

/** A Prisma filter limiting workers to the principal's region subtrees (none → nothing); a job seeker reads their own. */
export function workerScopeWhere(p: Principal): Prisma.WorkerWhereInput {
  if (p.workerId && !isAdmin(p) && !staffScopes(p)?.length) return { id: p.workerId };
  return countyScopeWhere(p);
}

/** A Prisma filter for any rows with a `countyCode`: those in the principal's region subtrees (admins: all; none → nothing). */
export function countyScopeWhere(p: Principal) {
  if (isAdmin(p)) return {};
  const scopes = staffScopes(p) ?? [];
  if (scopes.length === 0) return { id: "__none__" };
  return { OR: scopes.map((code) => ({ countyCode: { startsWith: regionPrefix(code) } })) };
}

const maskedSelect = {
  id: true,
  fullName: true,
  idNumberMasked: true,
  idAreaUnknown: true,
  phoneMasked: true,
  sex: true,
  birthDate: true,
  countyCode: true,
  isRegisteredPoor: true,
  status: true,
  education: true,
  createdAt: true,
  version: true,
  county: regionNames,
} satisfies Prisma.WorkerSelect;

export async function listWorkers(p: Principal, opts: { page?: number; pageSize?: number } = {}, db: Db = getDb()) {
  const pageSize = Math.min(opts.pageSize ?? 50, 200);
  const page = Math.max(opts.page ?? 1, 1);
  const where = workerScopeWhere(p);
  const [total, rows] = await Promise.all([
    db.worker.count({ where }),
    db.worker.findMany({ where, select: maskedSelect, orderBy: { createdAt: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  return { total, page, pageSize, rows: rows.map(toMaskedWorker) };
}

/**
 * One worker for a staff screen or the API, masked (birth year, never the date: see domain/mask.ts); null when absent *or* out of scope (no existence
 * leak).
 */
export async function getWorkerMasked(p: Principal, workerId: string, db: Db = getDb()) {
  const worker = await db.worker.findUnique({
    where: { id: workerId },
    select: {
      ...maskedSelect,
      source: true,
      villageName: true,
      enteredBy: { select: { displayName: true } },
      skills: { select: { occupationCode: true, level: true, certificateNumber: true, occupation: occupationNames } },
      preference: true,
      consents: { select: { purpose: true, textVersion: true, grantedAt: true, withdrawnAt: true }, orderBy: { grantedAt: "asc" } },
    },
  });
  if (!worker) return null;
  if (!canReadWorker(p, worker)) return auditOutOfScope(p, { entityType: "Worker", entityId: worker.id, regionCode: worker.countyCode }, db);
  return toMaskedWorker(worker);
}

/** Decrypts ID number and phone for an authorised viewer and records that they looked. */
export async function revealWorkerPii(p: Principal, workerId: string, ip: string | null, db: Db = getDb()) {
  const worker = await db.worker.findUnique({ where: { id: workerId }, select: { id: true, countyCode: true, idNumberCipher: true, phoneCipher: true } });
  if (!worker) return null;
  if (!canReadWorker(p, worker)) return auditOutOfScope(p, { entityType: "Worker", entityId: worker.id, regionCode: worker.countyCode, ip }, db);
  await audit(
    {
      actor: p,
      action: "worker.pii.reveal",
      entityType: "Worker",
      entityId: worker.id,
      regionCode: worker.countyCode,
      detail: { fields: ["idNumber", "phone"] },
      ip,
    },
    db,
  );
  return { idNumber: decryptPii(worker.idNumberCipher), phone: worker.phoneCipher ? decryptPii(worker.phoneCipher) : null };
}
