// The "assessment and finishing" part of classes.server.ts, split from it along its section markers
// (issue 17 item 3); the rules in classes.server.ts's header hold here too.
import { calendarDay as day, chinaToday } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { decideCompletion, finishCheck, type AttendanceStatus } from "~/domain/training-class";
import type { AssessmentInput } from "./schema";
import { audit } from "~/services/audit.server";
import { getDb, WRITE_TX, type Db } from "~/services/db.server";
import { conflict, invalid, refused, type Outcome } from "~/platform/outcome";
import { applyLifecycle } from "~/features/registration/index.server";
import { writeOutbox } from "~/services/outbox.server";
import { type Ctx, type Tx, actorId, canRunClass, classInScope } from "./class-access.server";
import { markStarted, moveOrderWithClass } from "./class-progress.server";

// ───────────── assessment and finishing ─────────────

export async function recordAssessment(p: Principal, classId: string, input: AssessmentInput, ctx: Ctx, db: Db = getDb()): Promise<Outcome | null> {
  const cls = await classInScope(p, classId, db);
  if (!cls || !canRunClass(p, cls)) return null;
  if (cls.status === "FINISHED" || cls.status === "CANCELLED") return refused("training.refusal.classClosed");
  const e = await db.enrollment.findFirst({ where: { id: input.enrollmentId, classId: cls.id }, include: { assessment: true } });
  if (!e) return invalid("enrollmentId", "training.invalidChoice");
  if (e.status !== "ENROLLED") return refused("training.refusal.notEnrolled");
  // A level is what a certificate says: only for a pass, and only with the certificate's number.
  if (input.certificateLevel && !input.passed) return invalid("certificateLevel", "training.certificateLevelNeedsPass");
  if (input.certificateLevel && !input.certificateNumber) return invalid("certificateNumber", "training.certificateLevelNeedsNumber");
  if (input.passed && cls.assessmentRequired && !input.certificateNumber) return invalid("certificateNumber", "training.certificateRequired");
  const data = {
    score: input.score ?? null,
    passed: input.passed,
    certificateNumber: input.certificateNumber ?? null,
    certificateLevel: input.certificateLevel ?? null,
    assessedById: actorId(p),
    assessedAt: new Date(),
  };
  await db.$transaction(async (tx) => {
    await tx.assessment.upsert({ where: { enrollmentId: e.id }, create: { enrollmentId: e.id, ...data }, update: data });
    const before = e.assessment
      ? {
          score: e.assessment.score,
          passed: e.assessment.passed,
          certificateNumber: e.assessment.certificateNumber,
          certificateLevel: e.assessment.certificateLevel,
        }
      : null;
    await audit(
      {
        actor: p,
        action: "assessment.record",
        entityType: "Enrollment",
        entityId: e.id,
        regionCode: cls.regionCode,
        detail: {
          classId: cls.id,
          before,
          after: { score: data.score, passed: data.passed, certificateNumber: data.certificateNumber, certificateLevel: data.certificateLevel },
        },
        ip: ctx.ip,
      },
      tx,
    );
  });
  return { ok: true };
}

/** What finishing would decide for each seated person (shown before the button, applied by it). */
export async function completionPreview(classId: string, rule: { attendanceThreshold: number; assessmentRequired: boolean }, db: Db | Tx) {
  const [sessions, enrollments] = await Promise.all([
    db.classSession.findMany({ where: { classId }, select: { id: true, _count: { select: { attendance: true } } } }),
    db.enrollment.findMany({
      where: { classId, status: "ENROLLED" },
      select: { id: true, workerId: true, attendance: { select: { status: true } }, assessment: { select: { passed: true } } },
    }),
  ]);
  const decisions = enrollments.map((e) => ({
    enrollmentId: e.id,
    workerId: e.workerId,
    ...decideCompletion(rule, {
      sessions: sessions.length,
      marks: e.attendance.map((a) => a.status as AttendanceStatus),
      assessmentPassed: e.assessment?.passed ?? null,
    }),
  }));
  return {
    decisions,
    unmarkedSessions: sessions.filter((s) => s._count.attendance === 0).length,
    missingAssessments: enrollments.filter((e) => !e.assessment).length,
  };
}

/**
 * Finishes a class: the completion rule decides COMPLETED or FAILED for everyone seated, the
 * lifecycle follows (complete / fail), and the order is COMPLETED once none of its classes runs.
 */
export async function finishClass(
  p: Principal,
  classId: string,
  version: number,
  ctx: Ctx,
  db: Db = getDb(),
): Promise<Outcome<{ completed: number; failed: number }> | null> {
  const cls = await classInScope(p, classId, db);
  if (!cls || !canRunClass(p, cls)) return null;
  if (cls.status === "FINISHED" || cls.status === "CANCELLED") return refused("training.refusal.classClosed");
  if (cls.version !== version) return conflict;
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "TrainingClass" WHERE "id" = ${cls.id} FOR UPDATE`;
    const preview = await completionPreview(cls.id, cls, tx);
    const check = finishCheck({
      endDate: day(cls.endDate),
      today: chinaToday(),
      unmarkedSessions: preview.unmarkedSessions,
      missingAssessments: preview.missingAssessments,
      assessmentRequired: cls.assessmentRequired,
    });
    if (!check.ok) return refused(`training.refusal.${check.reason}`);
    await markStarted(tx, p, cls, ctx.ip);
    const changed = await tx.trainingClass.updateMany({
      where: { id: cls.id, status: { in: ["PLANNED", "RUNNING"] } },
      data: { status: "FINISHED", version: { increment: 1 } },
    });
    if (changed.count === 0) return conflict;
    const now = new Date();
    for (const d of preview.decisions) {
      await tx.enrollment.update({ where: { id: d.enrollmentId }, data: { status: d.outcome, completedAt: now } });
      await applyLifecycle(tx, d.workerId, d.outcome === "COMPLETED" ? "complete" : "fail", {
        actorId: actorId(p),
        reason: d.outcome === "FAILED" ? `class ${cls.id}: ${d.reasons.join(", ")}` : `class ${cls.id}`,
      });
    }
    // The waiting list of a finished class has nothing left to wait for.
    await tx.enrollment.deleteMany({ where: { classId: cls.id, status: "WAITLISTED" } });
    const { version: newVersion } = await tx.trainingClass.findUniqueOrThrow({ where: { id: cls.id }, select: { version: true } });
    await writeOutbox(tx, [
      { topic: "search-index", entityType: "trainingClass", entityId: cls.id, entityVersion: newVersion },
      // The claims its graduates' records entitle (training subsidy, living allowance; docs/subsidies.md).
      { topic: "subsidy-claims", entityType: "trainingClass", entityId: cls.id, entityVersion: newVersion },
    ]);
    const completed = preview.decisions.filter((d) => d.outcome === "COMPLETED").length;
    const failed = preview.decisions.length - completed;
    await audit(
      {
        actor: p,
        action: "trainingClass.finish",
        entityType: "TrainingClass",
        entityId: cls.id,
        regionCode: cls.regionCode,
        detail: {
          completed,
          failed,
          decisions: preview.decisions.map((d) => ({ enrollmentId: d.enrollmentId, outcome: d.outcome, attendancePct: d.attendancePct, reasons: d.reasons })),
        },
        ip: ctx.ip,
      },
      tx,
    );
    if (cls.trainingOrderId) {
      const open = await tx.trainingClass.count({ where: { trainingOrderId: cls.trainingOrderId, status: { in: ["PLANNED", "RUNNING"] } } });
      if (open === 0) await moveOrderWithClass(tx, p, { id: cls.id, trainingOrderId: cls.trainingOrderId }, "complete", ctx.ip);
    }
    return { ok: true as const, completed, failed };
  }, WRITE_TX);
}
