// Attendance: a whole session marked in one pass. Provider staff of the class's provider (and
// coordinators) mark from the session's day until 48 hours after it ends; after that only a
// coordinator changes marks, with a reason (app/domain/training-class.ts attendanceEdit). Every
// pass is audited with the marks before and after; the first marks of a class start it.
import { chinaDay } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { attendanceEdit, attendanceWindow, type AttendanceStatus } from "~/domain/training-class";
import type { AttendanceInput } from "./schema";
import { audit } from "~/services/audit.server";
import { canRunClass, classScopeWhere, isClassCoordinator, type Ctx } from "./class-access.server";
import { startClassInTx } from "./class-progress.server";
import { getDb, WRITE_TX, type Db } from "~/services/db.server";
import { invalid, refused, type Outcome } from "~/platform/outcome";

async function sessionInScope(p: Principal, classId: string, sessionId: string, db: Db) {
  const session = await db.classSession.findFirst({
    where: { id: sessionId, classId, class: classScopeWhere(p) },
    include: {
      class: { select: { id: true, name: true, regionCode: true, providerId: true, status: true, trainingOrderId: true, startDate: true, endDate: true } },
    },
  });
  if (!session || !canRunClass(p, session.class)) return null;
  return session;
}

/** The roll for one session: everyone seated (or, once finished, everyone who was), with today's marks. */
export async function sessionSheet(p: Principal, classId: string, sessionId: string, now: Date = new Date(), db: Db = getDb()) {
  const session = await sessionInScope(p, classId, sessionId, db);
  if (!session) return null;
  const finished = session.class.status === "FINISHED";
  const [rows, sessions] = await Promise.all([
    db.enrollment.findMany({
      where: { classId, status: { in: finished ? ["COMPLETED", "FAILED"] : ["ENROLLED"] } },
      orderBy: [{ enrolledAt: "asc" }, { id: "asc" }],
      select: { id: true, worker: { select: { fullName: true, idNumberMasked: true } }, attendance: { where: { sessionId }, select: { status: true } } },
    }),
    db.classSession.findMany({ where: { classId }, orderBy: { startsAt: "asc" }, select: { id: true } }),
  ]);
  const window = attendanceWindow(session, now);
  const coordinator = isClassCoordinator(p, session.class);
  const edit = finished ? ({ ok: false, reason: "classFinished" } as const) : attendanceEdit(window, coordinator);
  const index = sessions.findIndex((s) => s.id === sessionId);
  return {
    cls: { id: session.class.id, name: session.class.name },
    session: {
      id: session.id,
      day: chinaDay(session.startsAt),
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      topic: session.topic,
      number: index + 1,
      of: sessions.length,
    },
    prev: index > 0 ? sessions[index - 1].id : null,
    next: index >= 0 && index < sessions.length - 1 ? sessions[index + 1].id : null,
    rows: rows.map((r) => ({
      enrollmentId: r.id,
      name: r.worker.fullName,
      idNumberMasked: r.worker.idNumberMasked,
      status: (r.attendance[0]?.status ?? null) as AttendanceStatus | null,
    })),
    marked: rows.some((r) => r.attendance.length > 0),
    window,
    edit,
  };
}

/**
 * Marks a session: every row sent is written (created or changed); rows must be people seated in
 * the class. One audit row holds what changed, from and to, and the reason when one was needed.
 */
export async function markSession(
  p: Principal,
  classId: string,
  sessionId: string,
  input: AttendanceInput,
  ctx: Ctx,
  now: Date = new Date(),
  db: Db = getDb(),
): Promise<Outcome<{ changed: number }> | null> {
  const session = await sessionInScope(p, classId, sessionId, db);
  if (!session) return null;
  if (session.class.status === "FINISHED" || session.class.status === "CANCELLED") return refused("training.refusal.classClosed");
  const edit = attendanceEdit(attendanceWindow(session, now), isClassCoordinator(p, session.class));
  if (!edit.ok) return refused(`training.refusal.attendance_${edit.reason}`);
  if (edit.reasonRequired && !input.reason) return invalid("reason", "training.correctionReasonRequired");
  const ids = [...new Set(input.marks.map((m) => m.enrollmentId))];
  if (ids.length !== input.marks.length) return invalid("marks", "training.invalidChoice");
  return db.$transaction(async (tx) => {
    const seated = await tx.enrollment.findMany({ where: { id: { in: ids }, classId, status: "ENROLLED" }, select: { id: true } });
    if (seated.length !== ids.length) return invalid("marks", "training.notSeated");
    const before = new Map(
      (await tx.attendance.findMany({ where: { sessionId, enrollmentId: { in: ids } }, select: { enrollmentId: true, status: true } })).map((a) => [
        a.enrollmentId,
        a.status,
      ]),
    );
    const changes = input.marks
      .filter((m) => before.get(m.enrollmentId) !== m.status)
      .map((m) => ({ enrollmentId: m.enrollmentId, from: before.get(m.enrollmentId) ?? null, to: m.status }));
    const markedById = p.kind === "user" ? p.id : null;
    for (const c of changes) {
      await tx.attendance.upsert({
        where: { sessionId_enrollmentId: { sessionId, enrollmentId: c.enrollmentId } },
        create: { sessionId, enrollmentId: c.enrollmentId, status: c.to, markedById, markedAt: now },
        update: { status: c.to, markedById, markedAt: now },
      });
    }
    const correction = changes.some((c) => c.from !== null);
    await audit(
      {
        actor: p,
        action: edit.reasonRequired ? "attendance.lateCorrection" : correction ? "attendance.correct" : "attendance.mark",
        entityType: "ClassSession",
        entityId: sessionId,
        regionCode: session.class.regionCode,
        detail: { classId, changes, ...(input.reason ? { reason: input.reason } : {}), rows: input.marks.length },
        ip: ctx.ip,
      },
      tx,
    );
    await startClassInTx(tx, p, session.class, ctx.ip);
    return { ok: true as const, changed: changes.length };
  }, WRITE_TX);
}
