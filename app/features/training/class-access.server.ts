// Who acts on a training class and which classes they reach: the actor and request context every
// class service takes, the coordinator / provider-staff rules, and the scoped class lookup. The
// class services (classes, enrolment, finishing, attendance) all build on this module and import
// nothing back into it.
import type { Principal } from "~/domain/access";
import { canReadRegion, hasRole, isAdmin } from "~/domain/access";
import { regionPrefix } from "~/domain/regions";
import { dropReasonShown } from "~/domain/training-class";
import type { Prisma } from "~/generated/prisma/client";
import { refuseOutOfScope } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";

export type Tx = Prisma.TransactionClient;
export type Ctx = { ip: string | null; source?: "form" | "api" };
export const actorId = (p: Principal) => (p.kind === "user" ? p.id : null);

// ───────────── who may do what ─────────────

/** Coordinators of the class's county or above (admins too): form, change, enrol, correct late attendance. */
export function isClassCoordinator(p: Principal, cls: { regionCode: string }): boolean {
  return canReadRegion(p, cls.regionCode, ["COORDINATOR"]);
}

/** Coordinators in scope, or staff of the class's provider: attendance, assessment, dropouts, finishing. */
export function canRunClass(p: Principal, cls: { regionCode: string; providerId: string }): boolean {
  return isClassCoordinator(p, cls) || (hasRole(p, "PROVIDER_STAFF") && !!p.providerId && p.providerId === cls.providerId);
}

/** Classes a principal may read: coordinators by county, provider staff their provider's; nothing otherwise. */
export function classScopeWhere(p: Principal): Prisma.TrainingClassWhereInput {
  if (isAdmin(p)) return {};
  const or: Prisma.TrainingClassWhereInput[] = p.grants
    .filter((g) => g.role === "COORDINATOR" && g.regionCode)
    .map((g) => ({ regionCode: { startsWith: regionPrefix(g.regionCode!) } }));
  if (hasRole(p, "PROVIDER_STAFF") && p.providerId) or.push({ providerId: p.providerId });
  return or.length ? { OR: or } : { id: "__none__" };
}

/** The class if `p` may see it; null when absent or out of scope (the same answer; a refusal is audited). */
export async function classInScope(p: Principal, classId: string, db: Db | Tx = getDb()) {
  return (await db.trainingClass.findFirst({ where: { AND: [{ id: classId }, classScopeWhere(p)] } })) ?? refuseClassOutOfScope(p, classId, db);
}

/** After a scoped class lookup missed: audits the refusal if the class exists outside the scope; null. */
export const refuseClassOutOfScope = (p: Principal, classId: string, db: Db | Tx) =>
  refuseOutOfScope(
    p,
    "TrainingClass",
    classId,
    async () => (await db.trainingClass.findUnique({ where: { id: classId }, select: { regionCode: true } }))?.regionCode,
    db,
  );

/**
 * Why a person dropped out, as `p` may see it: the reason may be their health, so only their county's
 * coordinators (and admins) get the code and whether a note exists (the note itself only by a reveal).
 */
export function dropSeenBy(p: Principal, e: { dropReason: string | null; dropNoteCipher: string | null; worker: { countyCode: string } }) {
  const mayKnowHealth = canReadRegion(p, e.worker.countyCode);
  return { dropReason: dropReasonShown(e.dropReason, mayKnowHealth), hasDropNote: mayKnowHealth && e.dropNoteCipher !== null };
}
