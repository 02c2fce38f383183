// The "enrolment" part of classes.server.ts, split from it along its section markers
// (issue 17 item 3); the rules in classes.server.ts's header hold here too.
import { calendarDay as day, chinaToday } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { findOverlap, OCCUPYING_ENROLLMENT, placeFor, promoteFromWaitlist } from "~/domain/training-class";
import { canReadRegion } from "~/domain/access";
import { decryptPii, encryptPii } from "~/services/pii.server";
import type { DropInput } from "./schema";
import { audit } from "~/services/audit.server";
import { getDb, WRITE_TX, type Db } from "~/services/db.server";
import { invalid, refused, type Outcome } from "~/platform/outcome";
import type { EnrolResult } from "~/domain/training-class";
import { applyLifecycle } from "~/features/registration/index.server";
import { workerScopeWhere } from "~/features/registration/index.server";
import { type Ctx, type Tx, actorId, canRunClass, classInScope, isClassCoordinator } from "./class-access.server";

// ───────────── enrolment ─────────────

export type { EnrolResult };

/**
 * Enrols people: a seat while places are free, else the waiting list, in the order asked. A person
 * already in this class, in a class whose dates overlap (named in the refusal), or placed in work
 * is refused. Runs under a lock on the class row and on each worker row.
 */
async function enrolInTx(
  tx: Tx,
  p: Principal,
  cls: { id: string; capacity: number; startDate: Date; endDate: Date; regionCode: string },
  people: { workerId: string; matchId: string | null }[],
  ip: string | null,
): Promise<EnrolResult[]> {
  await tx.$queryRaw`SELECT 1 FROM "TrainingClass" WHERE "id" = ${cls.id} FOR UPDATE`;
  let enrolled = await tx.enrollment.count({ where: { classId: cls.id, status: "ENROLLED" } });
  const results: EnrolResult[] = [];
  for (const person of people) {
    await tx.$queryRaw`SELECT 1 FROM "Worker" WHERE "id" = ${person.workerId} FOR UPDATE`;
    const worker = await tx.worker.findUnique({ where: { id: person.workerId }, select: { id: true, fullName: true, status: true } });
    if (!worker) continue;
    const existing = await tx.enrollment.findMany({
      where: { workerId: worker.id, status: { in: [...OCCUPYING_ENROLLMENT] }, class: { status: { not: "CANCELLED" } } },
      select: { classId: true, class: { select: { name: true, startDate: true, endDate: true } } },
    });
    if (existing.some((e) => e.classId === cls.id)) {
      results.push({ workerId: worker.id, name: worker.fullName, outcome: "refused", message: "training.refusal.alreadyEnrolled" });
      continue;
    }
    const overlap = findOverlap(
      { startDate: day(cls.startDate), endDate: day(cls.endDate) },
      existing.filter((e) => e.classId !== cls.id).map((e) => ({ name: e.class.name, startDate: day(e.class.startDate), endDate: day(e.class.endDate) })),
    );
    if (overlap) {
      results.push({
        workerId: worker.id,
        name: worker.fullName,
        outcome: "refused",
        message: "training.refusal.overlap",
        otherClass: `${overlap.name} (${overlap.startDate} – ${overlap.endDate})`,
      });
      continue;
    }
    if (worker.status === "PLACED" || worker.status === "STABLE") {
      results.push({ workerId: worker.id, name: worker.fullName, outcome: "refused", message: "training.refusal.workerPlaced" });
      continue;
    }
    const status = placeFor(cls.capacity, enrolled);
    // A person who dropped out and comes back takes up their row again (one row per class and
    // person; their earlier marks stay), joining at the back of the queue.
    const returning = await tx.enrollment.findUnique({ where: { classId_workerId: { classId: cls.id, workerId: worker.id } }, select: { id: true } });
    const enrollment = returning
      ? await tx.enrollment.update({
          where: { id: returning.id },
          data: { status, matchId: person.matchId, enrolledAt: new Date(), droppedAt: null, dropReason: null, dropNoteCipher: null },
        })
      : await tx.enrollment.create({ data: { classId: cls.id, workerId: worker.id, matchId: person.matchId, status } });
    if (status === "ENROLLED") {
      enrolled++;
      await applyLifecycle(tx, worker.id, "enrol", { actorId: actorId(p), reason: `class ${cls.id}` });
    }
    await audit(
      {
        actor: p,
        action: "enrollment.create",
        entityType: "Enrollment",
        entityId: enrollment.id,
        regionCode: cls.regionCode,
        detail: { classId: cls.id, workerId: worker.id, matchId: person.matchId, status },
        ip,
      },
      tx,
    );
    results.push({ workerId: worker.id, name: worker.fullName, outcome: status });
  }
  return results;
}

async function enrolTarget(p: Principal, classId: string, db: Db) {
  const cls = await classInScope(p, classId, db);
  if (!cls || !isClassCoordinator(p, cls)) return null;
  return cls;
}

/** One worker, searched by hand in the coordinator's region. */
export async function enrolWorker(
  p: Principal,
  classId: string,
  workerId: string,
  ctx: Ctx,
  db: Db = getDb(),
): Promise<Outcome<{ results: EnrolResult[] }> | null> {
  const cls = await enrolTarget(p, classId, db);
  if (!cls) return null;
  if (cls.status === "FINISHED" || cls.status === "CANCELLED") return refused("training.refusal.classClosed");
  const worker = await db.worker.findFirst({ where: { AND: [{ id: workerId }, workerScopeWhere(p)] }, select: { id: true } });
  if (!worker) return invalid("workerId", "training.workerNotFound");
  const results = await db.$transaction((tx) => enrolInTx(tx, p, cls, [{ workerId: worker.id, matchId: null }], ctx.ip), WRITE_TX);
  return { ok: true, results };
}

/** Candidates who accepted the class's order: one (`matchId`) or all not yet in the class. */
export async function enrolAccepted(
  p: Principal,
  classId: string,
  matchId: string | "all",
  ctx: Ctx,
  db: Db = getDb(),
): Promise<Outcome<{ results: EnrolResult[] }> | null> {
  const cls = await enrolTarget(p, classId, db);
  if (!cls) return null;
  if (!cls.trainingOrderId) return refused("training.refusal.noOrder");
  if (cls.status === "FINISHED" || cls.status === "CANCELLED") return refused("training.refusal.classClosed");
  const matches = await db.match.findMany({
    where: {
      trainingOrderId: cls.trainingOrderId,
      status: "ACCEPTED",
      ...(matchId === "all" ? {} : { id: matchId }),
      worker: { enrollments: { none: { classId: cls.id, status: { not: "DROPPED" } } } },
    },
    orderBy: [{ score: "desc" }, { id: "asc" }],
    select: { id: true, workerId: true },
  });
  if (matches.length === 0) return matchId === "all" ? { ok: true, results: [] } : invalid("matchId", "training.matchNotAccepted");
  const results = await db.$transaction(
    (tx) =>
      enrolInTx(
        tx,
        p,
        cls,
        matches.map((m) => ({ workerId: m.workerId, matchId: m.id })),
        ctx.ip,
      ),
    WRITE_TX,
  );
  return { ok: true, results };
}

/** Seats the longest-waiting people while places are free, until the class has started (its first day included). */
export async function promoteWaiting(
  tx: Tx,
  p: Principal,
  cls: { id: string; capacity: number; startDate: Date; regionCode: string; status: string },
  ip: string | null,
) {
  if (cls.status === "FINISHED" || cls.status === "CANCELLED" || chinaToday() > day(cls.startDate)) return [];
  const enrolled = await tx.enrollment.count({ where: { classId: cls.id, status: "ENROLLED" } });
  const waiting = await tx.enrollment.findMany({ where: { classId: cls.id, status: "WAITLISTED" }, select: { id: true, workerId: true, enrolledAt: true } });
  const promoted = promoteFromWaitlist(cls.capacity, enrolled, waiting);
  for (const e of promoted) {
    await tx.enrollment.update({ where: { id: e.id }, data: { status: "ENROLLED" } });
    await applyLifecycle(tx, e.workerId, "enrol", { actorId: actorId(p), reason: `class ${cls.id} (from the waiting list)` });
    await audit(
      {
        actor: p,
        action: "enrollment.promote",
        entityType: "Enrollment",
        entityId: e.id,
        regionCode: cls.regionCode,
        detail: { classId: cls.id, workerId: e.workerId },
        ip,
      },
      tx,
    );
  }
  return promoted;
}

/**
 * A dropout's note in full, for the coordinators of the person's county (and admins) only, as an
 * audited action (`enrollment.note.reveal` under that county): it may tell of the person's health.
 * Null when the class, the enrolment or its note is absent or not theirs to read.
 */
export async function revealDropNote(p: Principal, classId: string, enrollmentId: string, ip: string | null, db: Db = getDb()): Promise<string | null> {
  const cls = await classInScope(p, classId, db);
  if (!cls || !isClassCoordinator(p, cls)) return null;
  const e = await db.enrollment.findFirst({
    where: { id: enrollmentId, classId: cls.id },
    select: { id: true, workerId: true, dropNoteCipher: true, worker: { select: { countyCode: true } } },
  });
  if (!e?.dropNoteCipher || !canReadRegion(p, e.worker.countyCode)) return null;
  const note = decryptPii(e.dropNoteCipher);
  await audit(
    {
      actor: p,
      action: "enrollment.note.reveal",
      entityType: "Enrollment",
      entityId: e.id,
      regionCode: e.worker.countyCode,
      detail: { classId: cls.id, workerId: e.workerId },
      ip,
    },
    db,
  );
  return note;
}

/**
 * A dropout with its reason. A seated person becomes DROPPED (counted in the completion rate) and
 * their seat goes to the waiting list before the class starts; leaving the waiting list just
 * removes the place in the queue (nobody was trained, nothing to count).
 */
export async function dropEnrollment(p: Principal, classId: string, input: DropInput, ctx: Ctx, db: Db = getDb()): Promise<Outcome | null> {
  const cls = await classInScope(p, classId, db);
  if (!cls || !canRunClass(p, cls)) return null;
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "TrainingClass" WHERE "id" = ${cls.id} FOR UPDATE`;
    const e = await tx.enrollment.findFirst({ where: { id: input.enrollmentId, classId: cls.id } });
    if (!e) return invalid("enrollmentId", "training.invalidChoice");
    if (e.status !== "ENROLLED" && e.status !== "WAITLISTED") return refused("training.refusal.notEnrolled");
    // The code is kept as it is (coordinators count by it); the note may hold health facts: encrypted, and
    // neither the lifecycle event nor the audit row repeats it.
    const reason = input.dropReason;
    const note = input.dropNote?.trim() || null;
    if (e.status === "WAITLISTED") {
      await tx.enrollment.delete({ where: { id: e.id } });
    } else {
      await tx.enrollment.update({
        where: { id: e.id },
        data: { status: "DROPPED", droppedAt: new Date(), dropReason: reason, dropNoteCipher: note ? encryptPii(note) : null },
      });
      await applyLifecycle(tx, e.workerId, "drop", { actorId: actorId(p), reason });
    }
    await audit(
      {
        actor: p,
        action: e.status === "WAITLISTED" ? "enrollment.leaveWaitlist" : "enrollment.drop",
        entityType: "Enrollment",
        entityId: e.id,
        regionCode: cls.regionCode,
        detail: { classId: cls.id, workerId: e.workerId, reason, noted: note !== null },
        ip: ctx.ip,
      },
      tx,
    );
    await promoteWaiting(tx, p, cls, ctx.ip);
    return { ok: true as const };
  }, WRITE_TX);
}

/** Takes a person off the list before the class starts (entered by mistake, never came): no dropout is counted. */
export async function removeEnrollment(p: Principal, classId: string, enrollmentId: string, ctx: Ctx, db: Db = getDb()): Promise<Outcome | null> {
  const cls = await classInScope(p, classId, db);
  if (!cls || !isClassCoordinator(p, cls)) return null;
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "TrainingClass" WHERE "id" = ${cls.id} FOR UPDATE`;
    const e = await tx.enrollment.findFirst({ where: { id: enrollmentId, classId: cls.id }, include: { _count: { select: { attendance: true } } } });
    if (!e) return invalid("enrollmentId", "training.invalidChoice");
    if (e.status !== "WAITLISTED" && (e.status !== "ENROLLED" || e._count.attendance > 0 || chinaToday() > day(cls.startDate)))
      return refused("training.refusal.removeAfterStart");
    await tx.enrollment.delete({ where: { id: e.id } });
    if (e.status === "ENROLLED") await applyLifecycle(tx, e.workerId, "drop", { actorId: actorId(p), reason: "removed before the class started" });
    await audit(
      {
        actor: p,
        action: "enrollment.remove",
        entityType: "Enrollment",
        entityId: e.id,
        regionCode: cls.regionCode,
        detail: { classId: cls.id, workerId: e.workerId, status: e.status },
        ip: ctx.ip,
      },
      tx,
    );
    await promoteWaiting(tx, p, cls, ctx.ip);
    return { ok: true as const };
  }, WRITE_TX);
}
