// Training classes: formed by a coordinator of the class's county (or above) from an approved
// training order or from the county's own plan; run by the coordinator or by staff of the class's
// provider. Every change writes audit (and, for the class and workers, outbox) rows in the same
// transaction. Enrolment locks the class row (seats are counted under the lock) and the worker
// row (two classes cannot both take the same person for overlapping days).
import { calendarDay as day, chinaDay, chinaDayRange, chinaTime, chinaToday, dayDate as dateOf } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { canReadRegion, isAdmin } from "~/domain/access";
import { finishCheck, generateSessions, scheduledHours } from "~/domain/training-class";
import type { Prisma } from "~/generated/prisma/client";
import type { ClassEditInput, ClassInput } from "./schema";
import { audit, auditIndexedChange } from "~/services/audit.server";
import { commitmentsFor } from "~/features/employers/index.server";
import { getDb, WRITE_TX, type Db } from "~/services/db.server";
import { conflict, invalid, refused, type Outcome, type Problem } from "~/platform/outcome";
import { chinaWorkCalendar } from "~/platform/china-holidays";
import { searchWorkers } from "~/features/search/index.server";
import { blindIndexes } from "~/services/pii.server";
import { registrationOptions } from "~/features/registration/index.server";
import { workerScopeWhere } from "~/features/registration/index.server";
import { normalisePhone } from "~/domain/mask";
import { parseResidentId } from "~/domain/resident-id";
import { promoteWaiting } from "./class-enrolment.server";
import { completionPreview } from "./class-finishing.server";
import {
  type Ctx,
  type Tx,
  actorId,
  canRunClass,
  classInScope,
  dropSeenBy,
  classScopeWhere,
  isClassCoordinator,
  refuseClassOutOfScope,
} from "./class-access.server";
import { markStarted } from "./class-progress.server";
import { occupationNames, regionNames } from "~/platform/selects";

// ───────────── forming a class ─────────────

const FORMABLE_ORDER_STATUSES = ["APPROVED", "IN_PROGRESS"] as const;

/** What the class form offers: counties in the coordinator's scope, providers, occupations, and the order's terms when formed from one. */
export async function classFormOptions(p: Principal, orderId: string | null, db: Db = getDb()) {
  const scopes = isAdmin(p) ? null : p.grants.filter((g) => g.role === "COORDINATOR" && g.regionCode).map((g) => g.regionCode!);
  const [options, providers, order] = await Promise.all([
    registrationOptions(scopes, db),
    db.trainingProvider.findMany({ select: { id: true, name: true, regionCode: true }, orderBy: { name: "asc" } }),
    orderId ? formableOrder(p, orderId, db) : Promise.resolve(null),
  ]);
  const prefill = order
    ? {
        trainingOrderId: order.id,
        name: order.title,
        providerId: order.providerId ?? undefined,
        occupationCode: order.occupationCode,
        kind: order.kind,
        regionCode: order.locationRegionCode,
        location: order.locationAddress ?? undefined,
        capacity: String(order.classSize),
        attendanceThreshold: String(order.attendanceThreshold),
        assessmentRequired: order.assessmentRequired ? "on" : undefined,
        startDate: order.scheduleStart ? day(order.scheduleStart) : undefined,
        endDate: order.scheduleEnd ? day(order.scheduleEnd) : undefined,
        weekdays: ["1", "2", "3", "4", "5"],
        startTime: "09:00",
        endTime: "17:00",
        totalHours: String(order.trainingHours),
      }
    : { kind: "POST_BASED", attendanceThreshold: "80", assessmentRequired: "on", weekdays: ["1", "2", "3", "4", "5"], startTime: "09:00", endTime: "17:00" };
  return {
    counties: options.counties,
    occupations: options.occupations,
    providers,
    order: order ? { id: order.id, title: order.title, employer: order.employer.name, status: order.status } : null,
    prefill,
  };
}

/** An order a class may be formed from: approved (or already running), and one this coordinator reviews. */
async function formableOrder(p: Principal, orderId: string, db: Db | Tx) {
  const order = await db.trainingOrder.findFirst({
    where: { id: orderId, status: { in: [...FORMABLE_ORDER_STATUSES] } },
    include: { employer: { select: { name: true } }, provider: { select: { regionCode: true } } },
  });
  if (!order) return null;
  const inScope = isAdmin(p) || canReadRegion(p, order.locationRegionCode) || (order.provider ? canReadRegion(p, order.provider.regionCode) : false);
  return inScope ? order : null;
}

async function classProblems(p: Principal, input: ClassInput, db: Db): Promise<Problem[]> {
  const [region, provider, occupation, order] = await Promise.all([
    db.region.findUnique({ where: { code: input.regionCode }, select: { level: true } }),
    db.trainingProvider.findUnique({ where: { id: input.providerId }, select: { id: true } }),
    db.occupation.findUnique({ where: { code: input.occupationCode }, select: { code: true } }),
    input.trainingOrderId ? formableOrder(p, input.trainingOrderId, db) : Promise.resolve(undefined),
  ]);
  const problems: Problem[] = [];
  if (region?.level !== "COUNTY") problems.push({ field: "regionCode", message: "training.countyRequired" });
  else if (!canReadRegion(p, input.regionCode)) problems.push({ field: "regionCode", message: "training.countyOutOfScope" });
  if (!provider) problems.push({ field: "providerId", message: "training.providerRequired" });
  if (!occupation) problems.push({ field: "occupationCode", message: "training.occupationRequired" });
  if (order === null) problems.push({ field: "trainingOrderId", message: "training.orderNotFormable" });
  const sessions = generateSessions(input, chinaWorkCalendar);
  if (sessions.length === 0) problems.push({ field: "weekdays", message: "training.noSessions" });
  else if (input.totalHours !== undefined && scheduledHours(sessions) < input.totalHours) problems.push({ field: "endDate", message: "training.hoursDontFit" });
  return problems;
}

export async function createClass(p: Principal, input: ClassInput, ctx: Ctx, db: Db = getDb()): Promise<Outcome<{ classId: string }>> {
  const problems = await classProblems(p, input, db);
  if (problems.length) return { ok: false, kind: "invalid", problems };
  const sessions = generateSessions(input, chinaWorkCalendar);
  return db.$transaction(async (tx) => {
    const cls = await tx.trainingClass.create({
      data: {
        trainingOrderId: input.trainingOrderId ?? null,
        providerId: input.providerId,
        occupationCode: input.occupationCode,
        kind: input.kind,
        regionCode: input.regionCode,
        name: input.name,
        capacity: input.capacity,
        startDate: dateOf(input.startDate),
        endDate: dateOf(input.endDate),
        location: input.location ?? null,
        trainers: input.trainers,
        attendanceThreshold: input.attendanceThreshold,
        assessmentRequired: input.assessmentRequired,
        createdById: actorId(p),
        sessions: { createMany: { data: sessions } },
      },
    });
    await auditIndexedChange(
      tx,
      { type: "trainingClass", id: cls.id, version: cls.version, regionCode: cls.regionCode },
      {
        actor: p,
        action: "trainingClass.create",
        detail: { trainingOrderId: cls.trainingOrderId, sessions: sessions.length, source: ctx.source ?? "form" },
        ip: ctx.ip,
      },
    );
    return { ok: true as const, classId: cls.id };
  }, WRITE_TX);
}

/** Starts a class by hand (it also starts on its first attendance). */
export async function startClass(p: Principal, classId: string, ctx: Ctx, db: Db = getDb()): Promise<Outcome | null> {
  const cls = await classInScope(p, classId, db);
  if (!cls || !canRunClass(p, cls)) return null;
  if (cls.status !== "PLANNED") return refused("training.refusal.notPlanned");
  await db.$transaction((tx) => markStarted(tx, p, cls, ctx.ip), WRITE_TX);
  return { ok: true };
}

/** Changes a class's terms; a larger capacity seats people from the waiting list. */
export async function updateClass(p: Principal, classId: string, input: ClassEditInput, ctx: Ctx, db: Db = getDb()): Promise<Outcome | null> {
  const cls = await classInScope(p, classId, db);
  if (!cls || !isClassCoordinator(p, cls)) return null;
  if (cls.status === "FINISHED" || cls.status === "CANCELLED") return refused("training.refusal.classClosed");
  if (cls.version !== input.version) return conflict;
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "TrainingClass" WHERE "id" = ${cls.id} FOR UPDATE`;
    const enrolled = await tx.enrollment.count({ where: { classId: cls.id, status: "ENROLLED" } });
    if (input.capacity < enrolled) return invalid("capacity", "training.capacityBelowEnrolled");
    const changed = await tx.trainingClass.updateMany({
      where: { id: cls.id, version: input.version },
      data: {
        name: input.name,
        location: input.location ?? null,
        trainers: input.trainers,
        capacity: input.capacity,
        attendanceThreshold: input.attendanceThreshold,
        assessmentRequired: input.assessmentRequired,
        version: { increment: 1 },
      },
    });
    if (changed.count === 0) return conflict;
    const before = {
      name: cls.name,
      location: cls.location,
      trainers: cls.trainers,
      capacity: cls.capacity,
      attendanceThreshold: cls.attendanceThreshold,
      assessmentRequired: cls.assessmentRequired,
    };
    await auditIndexedChange(
      tx,
      { type: "trainingClass", id: cls.id, version: input.version + 1, regionCode: cls.regionCode },
      {
        actor: p,
        action: "trainingClass.update",
        detail: { before, after: { ...input, version: undefined } },
        ip: ctx.ip,
      },
    );
    await promoteWaiting(tx, p, { ...cls, capacity: input.capacity }, ctx.ip);
    return { ok: true as const };
  }, WRITE_TX);
}

export async function addSession(
  p: Principal,
  classId: string,
  s: { day: string; startTime: string; endTime: string; topic?: string },
  ctx: Ctx,
  db: Db = getDb(),
): Promise<Outcome<{ sessionId: string }> | null> {
  const cls = await classInScope(p, classId, db);
  if (!cls || !canRunClass(p, cls)) return null;
  if (cls.status === "FINISHED" || cls.status === "CANCELLED") return refused("training.refusal.classClosed");
  if (s.day < day(cls.startDate) || s.day > day(cls.endDate)) return invalid("day", "training.sessionOutsideDates");
  const session = await db.$transaction(async (tx) => {
    const created = await tx.classSession.create({
      data: { classId: cls.id, startsAt: chinaTime(s.day, s.startTime), endsAt: chinaTime(s.day, s.endTime), topic: s.topic ?? null },
    });
    await audit(
      {
        actor: p,
        action: "classSession.create",
        entityType: "ClassSession",
        entityId: created.id,
        regionCode: cls.regionCode,
        detail: { classId: cls.id, day: s.day, startTime: s.startTime, endTime: s.endTime },
        ip: ctx.ip,
      },
      tx,
    );
    return created;
  });
  return { ok: true, sessionId: session.id };
}

/** A session without marks may be removed (a holiday, a cancelled day); one with marks is history. */
export async function removeSession(p: Principal, classId: string, sessionId: string, ctx: Ctx, db: Db = getDb()): Promise<Outcome | null> {
  const cls = await classInScope(p, classId, db);
  if (!cls || !canRunClass(p, cls)) return null;
  const session = await db.classSession.findFirst({ where: { id: sessionId, classId: cls.id }, include: { _count: { select: { attendance: true } } } });
  if (!session) return null;
  if (cls.status === "FINISHED" || cls.status === "CANCELLED") return refused("training.refusal.classClosed");
  if (session._count.attendance > 0) return refused("training.refusal.sessionHasAttendance");
  await db.$transaction(async (tx) => {
    await tx.classSession.delete({ where: { id: session.id } });
    await audit(
      {
        actor: p,
        action: "classSession.delete",
        entityType: "ClassSession",
        entityId: session.id,
        regionCode: cls.regionCode,
        detail: { classId: cls.id, startsAt: session.startsAt.toISOString() },
        ip: ctx.ip,
      },
      tx,
    );
  });
  return { ok: true };
}

// ───────────── reading ─────────────

/** A session as the class page and the provider's home list it: when, its topic, and whether attendance was marked (a count). */
const sessionSelect = { id: true, startsAt: true, endsAt: true, topic: true, _count: { select: { attendance: true } } } satisfies Prisma.ClassSessionSelect;

const listSelect = {
  id: true,
  name: true,
  status: true,
  kind: true,
  capacity: true,
  startDate: true,
  endDate: true,
  regionCode: true,
  trainingOrderId: true,
  occupation: occupationNames,
  provider: { select: { id: true, name: true } },
  region: regionNames,
  trainingOrder: { select: { id: true, title: true } },
} satisfies Prisma.TrainingClassSelect;

export async function listClasses(p: Principal, filter: { status?: string } = {}, db: Db = getDb()) {
  const where: Prisma.TrainingClassWhereInput = { AND: [classScopeWhere(p), filter.status ? { status: filter.status as never } : {}] };
  const rows = await db.trainingClass.findMany({ where, orderBy: [{ startDate: "desc" }, { id: "asc" }], take: 200, select: listSelect });
  const counts = rows.length
    ? await db.enrollment.groupBy({ by: ["classId", "status"], where: { classId: { in: rows.map((r) => r.id) } }, _count: { _all: true } })
    : [];
  const count = (classId: string, status: string) => counts.find((c) => c.classId === classId && c.status === status)?._count._all ?? 0;
  return rows.map((r) => ({
    ...r,
    enrolled: count(r.id, "ENROLLED"),
    waitlisted: count(r.id, "WAITLISTED"),
    completed: count(r.id, "COMPLETED"),
    failed: count(r.id, "FAILED"),
    dropped: count(r.id, "DROPPED"),
  }));
}

/** A class as its page shows it: sessions, the list (masked), the order's accepted candidates, commitment and completion. */
export async function classDetail(p: Principal, classId: string, db: Db = getDb()) {
  const cls = await db.trainingClass.findFirst({
    where: { AND: [{ id: classId }, classScopeWhere(p)] },
    include: {
      occupation: { select: { code: true, nameZh: true, nameEn: true } },
      provider: { select: { id: true, name: true } },
      region: { select: { code: true, name: true, nameEn: true } },
      trainingOrder: {
        select: {
          id: true,
          title: true,
          status: true,
          employerId: true,
          commitHires: true,
          commitWage: true,
          retentionMonths: true,
          employer: { select: { name: true } },
        },
      },
      sessions: { orderBy: { startsAt: "asc" }, select: sessionSelect },
      enrollments: {
        orderBy: [{ enrolledAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          status: true,
          enrolledAt: true,
          dropReason: true,
          dropNoteCipher: true,
          matchId: true,
          worker: {
            select: { id: true, fullName: true, idNumberMasked: true, phoneMasked: true, status: true, countyCode: true, county: regionNames },
          },
          assessment: { select: { score: true, passed: true, certificateNumber: true, certificateLevel: true } },
          attendance: { select: { status: true } },
        },
      },
    },
  });
  if (!cls) return refuseClassOutOfScope(p, classId, db);
  const coordinator = isClassCoordinator(p, cls);
  const today = chinaToday();
  const accepted =
    coordinator && cls.trainingOrderId && cls.status !== "FINISHED" && cls.status !== "CANCELLED"
      ? await db.match.findMany({
          where: {
            trainingOrderId: cls.trainingOrderId,
            status: "ACCEPTED",
            worker: { enrollments: { none: { classId: cls.id, status: { not: "DROPPED" } } } },
          },
          orderBy: [{ score: "desc" }, { id: "asc" }],
          take: 100,
          select: { id: true, score: true, worker: { select: { fullName: true, idNumberMasked: true, county: regionNames } } },
        })
      : [];
  const commitment =
    cls.trainingOrder && (cls.trainingOrder.commitHires ?? 0) > 0
      ? ((await commitmentsFor([cls.trainingOrder.employerId], today, db))
          .get(cls.trainingOrder.employerId)
          ?.orders.find((o) => o.orderId === cls.trainingOrderId) ?? null)
      : null;
  const hiredMatches = cls.trainingOrderId ? await db.match.count({ where: { trainingOrderId: cls.trainingOrderId, status: "HIRED" } }) : 0;
  const preview = cls.status === "RUNNING" || cls.status === "PLANNED" ? await completionPreview(cls.id, cls, db) : null;
  const finish = preview
    ? finishCheck({
        endDate: day(cls.endDate),
        today,
        unmarkedSessions: preview.unmarkedSessions,
        missingAssessments: preview.missingAssessments,
        assessmentRequired: cls.assessmentRequired,
      })
    : null;
  const sessions = cls.sessions.length;
  const enrollments = cls.enrollments.map((e) => {
    const present = e.attendance.filter((a) => a.status === "PRESENT").length;
    const decision = preview?.decisions.find((d) => d.enrollmentId === e.id);
    return {
      id: e.id,
      status: e.status,
      enrolledAt: e.enrolledAt.toISOString(),
      fromMatch: e.matchId !== null,
      ...dropSeenBy(p, e),
      worker: { id: e.worker.id, name: e.worker.fullName, idNumberMasked: e.worker.idNumberMasked, phoneMasked: e.worker.phoneMasked, county: e.worker.county },
      assessment: e.assessment,
      present,
      marked: e.attendance.length,
      attendancePct: decision?.attendancePct ?? null,
      wouldBe: decision?.outcome ?? null,
    };
  });
  const { trainingOrder, sessions: sessionRows, enrollments: _e, ...rest } = cls;
  return {
    cls: {
      ...rest,
      startDate: day(cls.startDate),
      endDate: day(cls.endDate),
      trainingOrder: trainingOrder
        ? {
            id: trainingOrder.id,
            title: trainingOrder.title,
            status: trainingOrder.status,
            employer: trainingOrder.employer.name,
            commitHires: trainingOrder.commitHires,
            commitWage: trainingOrder.commitWage,
          }
        : null,
    },
    sessions: sessionRows.map((s) => ({
      id: s.id,
      day: chinaDay(s.startsAt),
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      topic: s.topic,
      marked: s._count.attendance > 0,
      isToday: chinaDay(s.startsAt) === today,
    })),
    sessionCount: sessions,
    enrollments,
    accepted: accepted.map((m) => ({ id: m.id, score: m.score, name: m.worker.fullName, idNumberMasked: m.worker.idNumberMasked, county: m.worker.county })),
    commitment,
    hiredMatches,
    finish,
    can: { coordinator, run: canRunClass(p, cls) },
  };
}

/**
 * People a coordinator may enrol by hand, in their region: the workers search (`searchWorkers`:
 * Chinese text over names, skills and wishes, so "王" or "家政" find people) plus an exact full ID
 * number or mobile, which the search index does not hold.
 */
export async function searchWorkersToEnrol(p: Principal, query: string, db: Db = getDb()) {
  const q = query.trim();
  if (!q) return [];
  const exact: Prisma.WorkerWhereInput[] = [];
  const id = parseResidentId(q);
  if (id.ok) exact.push({ idNumberHash: { in: blindIndexes("resident-id", id.id.value) } });
  const phone = normalisePhone(q);
  if (phone) exact.push({ phoneHash: { in: blindIndexes("phone", phone) } });
  const select = { id: true, fullName: true, idNumberMasked: true, status: true, county: regionNames } as const;
  const [byNumber, found] = await Promise.all([
    exact.length ? db.worker.findMany({ where: { AND: [workerScopeWhere(p), { OR: exact }] }, take: 10, select }) : Promise.resolve([]),
    exact.length ? Promise.resolve(null) : searchWorkers(p, { q }, db),
  ]);
  if (!found) return byNumber;
  return found.rows
    .slice(0, ENROL_SEARCH_LIMIT)
    .map((w) => ({ id: w.id, fullName: w.fullName, idNumberMasked: w.idNumberMasked, status: w.status, county: w.county }));
}
const ENROL_SEARCH_LIMIT = 20;

/** A provider's home: its classes, and today's sessions first. */
export async function providerClasses(p: Principal, db: Db = getDb()) {
  if (!p.providerId) return { provider: null, classes: [], today: [] };
  const { start: todayStart, end: todayEnd } = chinaDayRange(chinaToday());
  const [provider, classes, today] = await Promise.all([
    db.trainingProvider.findUnique({ where: { id: p.providerId }, select: { id: true, name: true } }),
    listClasses(p, {}, db),
    db.classSession.findMany({
      where: { class: { providerId: p.providerId, status: { in: ["PLANNED", "RUNNING"] } }, startsAt: { gte: todayStart, lt: todayEnd } },
      orderBy: { startsAt: "asc" },
      select: { ...sessionSelect, classId: true, class: { select: { name: true } } },
    }),
  ]);
  return {
    provider,
    classes: classes.map((c) => ({ ...c, startDate: day(c.startDate), endDate: day(c.endDate) })),
    today: today.map((s) => ({
      id: s.id,
      classId: s.classId,
      className: s.class.name,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      topic: s.topic,
      marked: s._count.attendance > 0,
    })),
  };
}
