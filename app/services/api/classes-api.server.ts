// /api/v1 for training classes, enrolments and attendance: the pages' schemas and services behind
// bearer tokens, scoped like the pages (coordinator tokens their region; provider staff their
// provider's classes; out of scope reads as absent). Personal data is masked.
import { calendarDay as day, chinaDay } from "~/platform/china-time";
import { z } from "zod";
import type { Principal } from "~/domain/access";
import { ATTENDANCE_STATUSES, CLASS_STATUSES, ENROLLMENT_STATUSES } from "~/domain/training-class";
import { ORDER_KINDS } from "~/domain/training-order";
import { CERTIFICATE_LEVELS } from "~/domain/subsidy";
import { getI18n } from "~/i18n/i18n";
import type { ClassPatchSchema } from "~/features/training/index";
import { sessionSheet } from "~/features/training/index.server";
import {
  classInScope,
  classScopeWhere,
  dropSeenBy,
  finishClass,
  refuseClassOutOfScope,
  startClass,
  updateClass,
  type EnrolResult,
} from "~/features/training/index.server";
import { completionRates } from "~/features/training/index.server";
import { getDb, type Db } from "../db.server";
import { apiError, apiJson, outcomeError, pageOf } from "./api.server";
import { PageQuerySchema } from "./schemas";

const en = () => getI18n("en").t;

export const SessionResourceSchema = z.object({ id: z.string(), day: z.string(), startsAt: z.string(), endsAt: z.string(), topic: z.string().nullable() });
export const ClassResourceSchema = z.object({
  id: z.string(),
  trainingOrderId: z.string().nullable(),
  providerId: z.string(),
  occupationCode: z.string(),
  kind: z.enum(ORDER_KINDS),
  regionCode: z.string(),
  name: z.string(),
  capacity: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  location: z.string().nullable(),
  trainers: z.array(z.string()),
  attendanceThreshold: z.number().int(),
  assessmentRequired: z.boolean(),
  status: z.enum(CLASS_STATUSES),
  version: z.number().int(),
  sessions: z.array(SessionResourceSchema),
  counts: z.object({
    enrolled: z.number().int(),
    waitlisted: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
    dropped: z.number().int(),
  }),
  completionRate: z.number().nullable().meta({ description: "completed / (completed + failed + dropped); null before any outcome" }),
});
export const EnrollmentResourceSchema = z.object({
  id: z.string(),
  classId: z.string(),
  workerId: z.string(),
  workerName: z.string(),
  idNumberMasked: z.string().meta({ description: "never in full" }),
  status: z.enum(ENROLLMENT_STATUSES),
  matchId: z.string().nullable(),
  enrolledAt: z.string(),
  droppedAt: z.string().nullable(),
  dropReason: z.string().nullable().meta({
    description: 'A DROP_REASONS code for the coordinators of the person\'s county; anyone else gets "personal" for health and the reasons that could hide it',
  }),
  hasDropNote: z.boolean().meta({
    description:
      "A note was written (told to the coordinators of the person's county only); its text is never sent here: they reveal it on the class page, audited",
  }),
  assessment: z
    .object({
      score: z.number().int().nullable(),
      passed: z.boolean(),
      certificateNumber: z.string().nullable(),
      certificateLevel: z.enum(CERTIFICATE_LEVELS).nullable(),
    })
    .nullable(),
});
export const EnrolResultSchema = z.object({
  results: z.array(
    z.object({ workerId: z.string(), name: z.string(), outcome: z.enum(["ENROLLED", "WAITLISTED", "refused"]), message: z.string().optional() }),
  ),
});
export const AttendanceResourceSchema = z.object({
  sessionId: z.string(),
  day: z.string(),
  window: z.enum(["notYet", "open", "closed"]),
  editable: z.boolean(),
  reasonRequired: z.boolean(),
  marks: z.array(z.object({ enrollmentId: z.string(), name: z.string(), idNumberMasked: z.string(), status: z.enum(ATTENDANCE_STATUSES).nullable() })),
});
export const ClassQuerySchema = z.object({
  status: z.enum(CLASS_STATUSES).optional(),
  trainingOrderId: z.uuid().optional(),
  ...PageQuerySchema.shape,
});
export const ClassPageSchema = pageOf(ClassResourceSchema);

export async function classResource(p: Principal, classId: string, db: Db = getDb()): Promise<z.infer<typeof ClassResourceSchema> | null> {
  const c = await db.trainingClass.findFirst({
    where: { AND: [{ id: classId }, classScopeWhere(p)] },
    include: { sessions: { orderBy: { startsAt: "asc" } } },
  });
  if (!c) return refuseClassOutOfScope(p, classId, db);
  const [counts, [rate]] = await Promise.all([
    db.enrollment.groupBy({ by: ["status"], where: { classId }, _count: { _all: true } }),
    completionRates(p, "class", { classId }, db),
  ]);
  const n = (s: string) => counts.find((x) => x.status === s)?._count._all ?? 0;
  return {
    id: c.id,
    trainingOrderId: c.trainingOrderId,
    providerId: c.providerId,
    occupationCode: c.occupationCode,
    kind: c.kind,
    regionCode: c.regionCode,
    name: c.name,
    capacity: c.capacity,
    startDate: day(c.startDate),
    endDate: day(c.endDate),
    location: c.location,
    trainers: c.trainers,
    attendanceThreshold: c.attendanceThreshold,
    assessmentRequired: c.assessmentRequired,
    status: c.status,
    version: c.version,
    sessions: c.sessions.map((s) => ({
      id: s.id,
      day: chinaDay(s.startsAt),
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      topic: s.topic,
    })),
    counts: { enrolled: n("ENROLLED"), waitlisted: n("WAITLISTED"), completed: n("COMPLETED"), failed: n("FAILED"), dropped: n("DROPPED") },
    completionRate: rate?.rate ?? null,
  };
}

export async function listClassesForApi(p: Principal, q: z.infer<typeof ClassQuerySchema>, db: Db = getDb()) {
  const where = { AND: [classScopeWhere(p), q.status ? { status: q.status } : {}, q.trainingOrderId ? { trainingOrderId: q.trainingOrderId } : {}] };
  const [total, rows] = await Promise.all([
    db.trainingClass.count({ where }),
    db.trainingClass.findMany({
      where,
      orderBy: [{ startDate: "desc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: { id: true },
    }),
  ]);
  const items = (await Promise.all(rows.map((r) => classResource(p, r.id, db)))).filter((x) => x !== null);
  return { total, page: q.page, pageSize: q.pageSize, items };
}

export async function enrollmentsForApi(p: Principal, classId: string, db: Db = getDb()): Promise<z.infer<typeof EnrollmentResourceSchema>[] | null> {
  if (!(await classInScope(p, classId, db))) return null;
  const rows = await db.enrollment.findMany({
    where: { classId },
    orderBy: [{ enrolledAt: "asc" }, { id: "asc" }],
    include: {
      worker: { select: { fullName: true, idNumberMasked: true, countyCode: true } },
      assessment: { select: { score: true, passed: true, certificateNumber: true, certificateLevel: true } },
    },
  });
  return rows.map((e) => ({
    id: e.id,
    classId: e.classId,
    workerId: e.workerId,
    workerName: e.worker.fullName,
    idNumberMasked: e.worker.idNumberMasked,
    status: e.status,
    matchId: e.matchId,
    enrolledAt: e.enrolledAt.toISOString(),
    droppedAt: e.droppedAt ? e.droppedAt.toISOString() : null,
    ...dropSeenBy(p, e),
    assessment: e.assessment,
  }));
}

export function enrolResultsJson(results: EnrolResult[]) {
  return {
    results: results.map((r) =>
      "message" in r ? { workerId: r.workerId, name: r.name, outcome: r.outcome, message: en()(r.message, { other: r.otherClass }) } : r,
    ),
  };
}

export async function attendanceForApi(p: Principal, classId: string, sessionId: string): Promise<z.infer<typeof AttendanceResourceSchema> | null> {
  const sheet = await sessionSheet(p, classId, sessionId);
  if (!sheet) return null;
  return {
    sessionId: sheet.session.id,
    day: sheet.session.day,
    window: sheet.window,
    editable: sheet.edit.ok,
    reasonRequired: sheet.edit.ok && sheet.edit.reasonRequired,
    marks: sheet.rows.map((r) => ({ enrollmentId: r.enrollmentId, name: r.name, idNumberMasked: r.idNumberMasked, status: r.status })),
  };
}

/** PATCH a class: its terms (merged over the current ones), then RUNNING (start) or FINISHED (the completion rule). */
export async function patchClassFromApi(p: Principal, classId: string, body: z.output<typeof ClassPatchSchema>, ip: string | null): Promise<Response> {
  const current = await classResource(p, classId);
  if (!current) return apiError(404, "not_found", "No such class");
  const ctx = { ip, source: "api" as const };
  let version = body.version;
  const edits = {
    name: body.name,
    location: body.location,
    trainers: body.trainers,
    capacity: body.capacity,
    attendanceThreshold: body.attendanceThreshold,
    assessmentRequired: body.assessmentRequired,
  };
  if (Object.values(edits).some((v) => v !== undefined)) {
    const outcome = await updateClass(
      p,
      classId,
      {
        name: edits.name ?? current.name,
        location: body.location ?? current.location ?? undefined,
        trainers: edits.trainers ?? current.trainers,
        capacity: edits.capacity ?? current.capacity,
        attendanceThreshold: edits.attendanceThreshold ?? current.attendanceThreshold,
        assessmentRequired: edits.assessmentRequired ?? current.assessmentRequired,
        version,
      },
      ctx,
    );
    if (!outcome) return apiError(404, "not_found", "No such class");
    if (!outcome.ok) return outcomeError(outcome);
    version = (await classResource(p, classId))?.version ?? version;
  }
  if (body.status === "RUNNING" && current.status === "PLANNED") {
    const outcome = await startClass(p, classId, ctx);
    if (!outcome) return apiError(404, "not_found", "No such class");
    if (!outcome.ok) return outcomeError(outcome);
  } else if (body.status === "FINISHED") {
    const outcome = await finishClass(p, classId, version, ctx);
    if (!outcome) return apiError(404, "not_found", "No such class");
    if (!outcome.ok) return outcomeError(outcome);
  }
  return apiJson(await classResource(p, classId));
}
