// class-reading.server.ts: split from classes.server.ts along its section markers (issue 17 item 3); the
// rules that hold for every class service are in classes.server.ts's header.
import { calendarDay as day, chinaDay, chinaDayRange, chinaToday } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { finishCheck } from "~/domain/training-class";
import type { Prisma } from "~/generated/prisma/client";
import { commitmentsFor } from "~/features/employers/index.server";
import { getDb, type Db } from "~/services/db.server";
import { searchWorkers } from "~/features/search/index.server";
import { blindIndexes } from "~/services/pii.server";
import { workerScopeWhere } from "~/features/registration/index.server";
import { normalisePhone } from "~/domain/mask";
import { parseResidentId } from "~/domain/resident-id";
import { canRunClass, classScopeWhere, isClassCoordinator, refuseClassOutOfScope } from "./classes.server";
import { splitDropReason } from "./class-enrolment.server";
import { completionPreview } from "./class-finishing.server";

// ───────────── reading ─────────────

const listSelect = {
  id: true, name: true, status: true, kind: true, capacity: true, startDate: true, endDate: true, regionCode: true, trainingOrderId: true,
  occupation: { select: { nameZh: true, nameEn: true } }, provider: { select: { id: true, name: true } }, region: { select: { name: true, nameEn: true } },
  trainingOrder: { select: { id: true, title: true } },
} satisfies Prisma.TrainingClassSelect;

export async function listClasses(p: Principal, filter: { status?: string } = {}, db: Db = getDb()) {
  const where: Prisma.TrainingClassWhereInput = { AND: [classScopeWhere(p), filter.status ? { status: filter.status as never } : {}] };
  const rows = await db.trainingClass.findMany({ where, orderBy: [{ startDate: "desc" }, { id: "asc" }], take: 200, select: listSelect });
  const counts = rows.length
    ? await db.enrollment.groupBy({ by: ["classId", "status"], where: { classId: { in: rows.map((r) => r.id) } }, _count: { _all: true } })
    : [];
  const count = (classId: string, status: string) => counts.find((c) => c.classId === classId && c.status === status)?._count._all ?? 0;
  return rows.map((r) => ({ ...r, enrolled: count(r.id, "ENROLLED"), waitlisted: count(r.id, "WAITLISTED"), completed: count(r.id, "COMPLETED"), failed: count(r.id, "FAILED"), dropped: count(r.id, "DROPPED") }));
}

/** A class as its page shows it: sessions, the list (masked), the order's accepted candidates, commitment and completion. */
export async function classDetail(p: Principal, classId: string, db: Db = getDb()) {
  const cls = await db.trainingClass.findFirst({
    where: { AND: [{ id: classId }, classScopeWhere(p)] },
    include: {
      occupation: { select: { code: true, nameZh: true, nameEn: true } }, provider: { select: { id: true, name: true } }, region: { select: { code: true, name: true, nameEn: true } },
      trainingOrder: { select: { id: true, title: true, status: true, employerId: true, commitHires: true, commitWage: true, retentionMonths: true, employer: { select: { name: true } } } },
      sessions: { orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, endsAt: true, topic: true, _count: { select: { attendance: true } } } },
      enrollments: {
        orderBy: [{ enrolledAt: "asc" }, { id: "asc" }],
        select: {
          id: true, status: true, enrolledAt: true, dropReason: true, matchId: true,
          worker: { select: { id: true, fullName: true, idNumberMasked: true, phoneMasked: true, status: true, county: { select: { name: true, nameEn: true } } } },
          assessment: { select: { score: true, passed: true, certificateNumber: true, certificateLevel: true } },
          attendance: { select: { status: true } },
        },
      },
    },
  });
  if (!cls) return refuseClassOutOfScope(p, classId, db);
  const coordinator = isClassCoordinator(p, cls);
  const today = chinaToday();
  const accepted = coordinator && cls.trainingOrderId && cls.status !== "FINISHED" && cls.status !== "CANCELLED"
    ? await db.match.findMany({
        where: { trainingOrderId: cls.trainingOrderId, status: "ACCEPTED", worker: { enrollments: { none: { classId: cls.id, status: { not: "DROPPED" } } } } },
        orderBy: [{ score: "desc" }, { id: "asc" }], take: 100,
        select: { id: true, score: true, worker: { select: { fullName: true, idNumberMasked: true, county: { select: { name: true, nameEn: true } } } } },
      })
    : [];
  const commitment = cls.trainingOrder && (cls.trainingOrder.commitHires ?? 0) > 0
    ? (await commitmentsFor([cls.trainingOrder.employerId], today, db)).get(cls.trainingOrder.employerId)?.orders.find((o) => o.orderId === cls.trainingOrderId) ?? null
    : null;
  const hiredMatches = cls.trainingOrderId ? await db.match.count({ where: { trainingOrderId: cls.trainingOrderId, status: "HIRED" } }) : 0;
  const preview = cls.status === "RUNNING" || cls.status === "PLANNED" ? await completionPreview(cls.id, cls, db) : null;
  const finish = preview ? finishCheck({ endDate: day(cls.endDate), today, unmarkedSessions: preview.unmarkedSessions, missingAssessments: preview.missingAssessments, assessmentRequired: cls.assessmentRequired }) : null;
  const sessions = cls.sessions.length;
  const enrollments = cls.enrollments.map((e) => {
    const present = e.attendance.filter((a) => a.status === "PRESENT").length;
    const { code, note } = splitDropReason(e.dropReason);
    const decision = preview?.decisions.find((d) => d.enrollmentId === e.id);
    return {
      id: e.id, status: e.status, enrolledAt: e.enrolledAt.toISOString(), fromMatch: e.matchId !== null, dropReason: code, dropNote: note,
      worker: { id: e.worker.id, name: e.worker.fullName, idNumberMasked: e.worker.idNumberMasked, phoneMasked: e.worker.phoneMasked, county: e.worker.county },
      assessment: e.assessment, present, marked: e.attendance.length, attendancePct: decision?.attendancePct ?? null, wouldBe: decision?.outcome ?? null,
    };
  });
  const { trainingOrder, sessions: sessionRows, enrollments: _e, ...rest } = cls;
  return {
    cls: { ...rest, startDate: day(cls.startDate), endDate: day(cls.endDate), trainingOrder: trainingOrder ? { id: trainingOrder.id, title: trainingOrder.title, status: trainingOrder.status, employer: trainingOrder.employer.name, commitHires: trainingOrder.commitHires, commitWage: trainingOrder.commitWage } : null },
    sessions: sessionRows.map((s) => ({ id: s.id, day: chinaDay(s.startsAt), startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), topic: s.topic, marked: s._count.attendance > 0, isToday: chinaDay(s.startsAt) === today })),
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
  const select = { id: true, fullName: true, idNumberMasked: true, status: true, county: { select: { name: true, nameEn: true } } } as const;
  const [byNumber, found] = await Promise.all([
    exact.length ? db.worker.findMany({ where: { AND: [workerScopeWhere(p), { OR: exact }] }, take: 10, select }) : Promise.resolve([]),
    exact.length ? Promise.resolve(null) : searchWorkers(p, { q }, db),
  ]);
  if (!found) return byNumber;
  return found.rows.slice(0, ENROL_SEARCH_LIMIT).map((w) => ({ id: w.id, fullName: w.fullName, idNumberMasked: w.idNumberMasked, status: w.status, county: w.county }));
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
      select: { id: true, startsAt: true, endsAt: true, topic: true, classId: true, class: { select: { name: true } }, _count: { select: { attendance: true } } },
    }),
  ]);
  return {
    provider,
    classes: classes.map((c) => ({ ...c, startDate: day(c.startDate), endDate: day(c.endDate) })),
    today: today.map((s) => ({ id: s.id, classId: s.classId, className: s.class.name, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), topic: s.topic, marked: s._count.attendance > 0 })),
  };
}
