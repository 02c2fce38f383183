// Training classes against PostgreSQL: forming from an order, enrolment (waiting list, overlap,
// promotion, concurrency), attendance window and audit, finishing by the completion rule, rates
// with dropouts and failures, and scope.
import { addDays, chinaDay, chinaToday } from "~/platform/china-time";
import { describe, expect, it } from "vitest";
import { markSession, sessionSheet } from "~/features/training/index.server";
import {
  classDetail,
  createClass,
  dropEnrollment,
  enrolAccepted,
  enrolWorker,
  finishClass,
  recordAssessment,
  removeEnrollment,
  searchWorkersToEnrol,
} from "~/features/training/index.server";
import { indexEntity } from "~/services/indexing.server";
import { completionRates } from "~/features/training/index.server";
import { getDb } from "~/services/db.server";
import { decryptPii } from "~/services/pii.server";
import { makeCoordinator, makeEmployer, makeMatch, makeProvider, makeProviderStaff, makeTrainingOrder, makeWorker } from "../setup/factories";

const ctx = { ip: "127.0.0.1" };
const today = () => chinaToday();

/** A class (default: five days ending today, so it can be finished now), formed by a Fuping coordinator. */
async function makeClass(opts: { capacity?: number; start?: string; end?: string; orderId?: string; assessmentRequired?: boolean; threshold?: number } = {}) {
  const coordinator = await makeCoordinator("130624");
  const prov = await makeProvider("130624");
  const start = opts.start ?? addDays(today(), -4);
  const end = opts.end ?? today();
  const result = await createClass(
    coordinator.principal,
    {
      trainingOrderId: opts.orderId,
      name: "育婴员第1期",
      providerId: prov.id,
      occupationCode: "domestic-helper",
      kind: "POST_BASED",
      regionCode: "130624",
      location: "阜平县职教中心",
      trainers: ["张老师"],
      capacity: opts.capacity ?? 10,
      attendanceThreshold: opts.threshold ?? 80,
      assessmentRequired: opts.assessmentRequired ?? false,
      startDate: start,
      endDate: end,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      startTime: "00:00",
      endTime: "00:30",
    },
    ctx,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { coordinator, provider: prov, classId: result.classId };
}

async function approvedOrder() {
  const { employer } = await makeEmployer();
  const order = await makeTrainingOrder(employer.id, {
    kind: "ORDER_BASED",
    title: "育婴订单班",
    classSize: 2,
    trainingHours: 40,
    commitHires: 2,
    commitWage: 5000,
    retentionMonths: 6,
  });
  return { employer, order };
}

const sessionsOf = (classId: string) => getDb().classSession.findMany({ where: { classId }, orderBy: { startsAt: "asc" } });
const enrollmentsOf = (classId: string) => getDb().enrollment.findMany({ where: { classId }, orderBy: { enrolledAt: "asc" } });

describe("forming a class", () => {
  it("from an approved order links it, generates the sessions, and the first marks move the order to IN_PROGRESS", async () => {
    const { order } = await approvedOrder();
    const { coordinator, classId } = await makeClass({ orderId: order.id });
    expect(await sessionsOf(classId)).toHaveLength(5);
    const cls = await getDb().trainingClass.findUniqueOrThrow({ where: { id: classId } });
    expect(cls).toMatchObject({ trainingOrderId: order.id, status: "PLANNED" });
    const worker = await makeWorker("130624");
    await enrolWorker(coordinator.principal, classId, worker.id, ctx);
    const [e] = await enrollmentsOf(classId);
    const [s] = (await sessionsOf(classId)).slice(-1);
    expect(await markSession(coordinator.principal, classId, s.id, { marks: [{ enrollmentId: e.id, status: "PRESENT" }] }, ctx)).toMatchObject({
      ok: true,
      changed: 1,
    });
    expect((await getDb().trainingClass.findUniqueOrThrow({ where: { id: classId } })).status).toBe("RUNNING");
    expect((await getDb().trainingOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("IN_PROGRESS");
    expect(await getDb().auditLog.count({ where: { action: "trainingOrder.start", entityId: order.id } })).toBe(1);
  });

  it("refuses an order that is not approved, a county out of scope, and a schedule with no sessions, each next to its field", async () => {
    const { employer } = await makeEmployer();
    const draft = await makeTrainingOrder(employer.id, { title: "草稿", classSize: 5, trainingHours: 40, status: "DRAFT" });
    const coordinator = await makeCoordinator("130624");
    const prov = await makeProvider("130624");
    const base = {
      name: "班",
      providerId: prov.id,
      occupationCode: "domestic-helper",
      kind: "POST_BASED" as const,
      trainers: [],
      capacity: 5,
      attendanceThreshold: 80,
      assessmentRequired: false,
      startTime: "09:00",
      endTime: "12:00",
    };
    const result = await createClass(
      coordinator.principal,
      { ...base, trainingOrderId: draft.id, regionCode: "130881", startDate: "2026-11-30", endDate: "2026-11-30", weekdays: [2] },
      ctx,
    );
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    const fields = (result as { problems: { field: string; message: string }[] }).problems;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: "trainingOrderId", message: "training.orderNotFormable" },
        { field: "regionCode", message: "training.countyOutOfScope" },
        { field: "weekdays", message: "training.noSessions" },
      ]),
    );
    expect(await getDb().trainingClass.count({ where: { providerId: prov.id } })).toBe(0);
  });
});

describe("enrolment", () => {
  it(
    "enrols the order's accepted candidates in one go, seats up to capacity and queues the rest; a dropout before " + "the start seats the first in line",
    async () => {
      const { order } = await approvedOrder();
      const start = addDays(today(), 3);
      const { coordinator, classId } = await makeClass({ orderId: order.id, capacity: 2, start, end: addDays(start, 4) });
      const workers = await Promise.all([1, 2, 3].map(() => makeWorker("130624")));
      for (const w of workers) await makeMatch(w.id, { trainingOrderId: order.id }, "ACCEPTED");
      const result = await enrolAccepted(coordinator.principal, classId, "all", ctx);
      expect(result && result.ok && result.results.map((r) => r.outcome)).toEqual(["ENROLLED", "ENROLLED", "WAITLISTED"]);
      const enrolled = await enrollmentsOf(classId);
      const waiting = enrolled.find((e) => e.status === "WAITLISTED")!;
      const seated = enrolled.filter((e) => e.status === "ENROLLED");
      expect((await getDb().worker.findUniqueOrThrow({ where: { id: seated[0].workerId } })).status).toBe("IN_TRAINING");
      expect((await getDb().worker.findUniqueOrThrow({ where: { id: waiting.workerId } })).status).toBe("REGISTERED");

      expect(
        await dropEnrollment(coordinator.principal, classId, { enrollmentId: seated[0].id, dropReason: "found-work", dropNote: "在本地找到工作" }, ctx),
      ).toEqual({ ok: true });
      const after = await getDb().enrollment.findUniqueOrThrow({ where: { id: waiting.id } });
      expect(after.status).toBe("ENROLLED");
      expect((await getDb().worker.findUniqueOrThrow({ where: { id: waiting.workerId } })).status).toBe("IN_TRAINING");
      const dropped = await getDb().enrollment.findUniqueOrThrow({ where: { id: seated[0].id } });
      expect(dropped).toMatchObject({ status: "DROPPED", dropReason: "found-work", legacyDropNote: null });
      expect(decryptPii(dropped.dropNoteCipher!)).toBe("在本地找到工作");
      expect((await getDb().worker.findUniqueOrThrow({ where: { id: seated[0].workerId } })).status).toBe("REGISTERED");
      expect(await getDb().auditLog.count({ where: { action: "enrollment.promote", entityId: waiting.id } })).toBe(1);
    },
  );

  it("removal before the start also frees the seat for the waiting list, and counts no dropout", async () => {
    const start = addDays(today(), 3);
    const { coordinator, classId } = await makeClass({ capacity: 1, start, end: addDays(start, 2) });
    const [a, b] = await Promise.all([makeWorker("130624"), makeWorker("130624")]);
    await enrolWorker(coordinator.principal, classId, a.id, ctx);
    await enrolWorker(coordinator.principal, classId, b.id, ctx);
    const [ea, eb] = await enrollmentsOf(classId);
    expect([ea.status, eb.status]).toEqual(["ENROLLED", "WAITLISTED"]);
    expect(await removeEnrollment(coordinator.principal, classId, ea.id, ctx)).toEqual({ ok: true });
    expect(await enrollmentsOf(classId)).toMatchObject([{ id: eb.id, status: "ENROLLED" }]);
  });

  it("a dropout who comes back takes up their row again, at the back of the queue", async () => {
    const start = addDays(today(), 3);
    const { coordinator, classId } = await makeClass({ capacity: 1, start, end: addDays(start, 2) });
    const [a, b] = await Promise.all([makeWorker("130624"), makeWorker("130624")]);
    await enrolWorker(coordinator.principal, classId, a.id, ctx);
    const [ea] = await enrollmentsOf(classId);
    await dropEnrollment(coordinator.principal, classId, { enrollmentId: ea.id, dropReason: "family" }, ctx);
    await enrolWorker(coordinator.principal, classId, b.id, ctx);
    expect(await enrolWorker(coordinator.principal, classId, a.id, ctx)).toMatchObject({ ok: true, results: [{ outcome: "WAITLISTED" }] });
    expect(await getDb().enrollment.findUniqueOrThrow({ where: { id: ea.id } })).toMatchObject({
      status: "WAITLISTED",
      dropReason: null,
      dropNoteCipher: null,
    });
  });

  it("refuses a person already in a class whose dates overlap, naming that class", async () => {
    const { coordinator, classId } = await makeClass({ start: "2027-03-01", end: "2027-03-10" });
    const other = await makeClass({ start: "2027-03-10", end: "2027-03-20" });
    await getDb().trainingClass.update({ where: { id: other.classId }, data: { name: "电工第2期" } });
    const w = await makeWorker("130624");
    await enrolWorker(other.coordinator.principal, other.classId, w.id, ctx);
    const result = await enrolWorker(coordinator.principal, classId, w.id, ctx);
    expect(result).toMatchObject({
      ok: true,
      results: [{ outcome: "refused", message: "training.refusal.overlap", otherClass: "电工第2期 (2027-03-10 – 2027-03-20)" }],
    });
    expect(await getDb().enrollment.count({ where: { classId } })).toBe(0);
    // Not overlapping: fine.
    const later = await makeClass({ start: "2027-03-21", end: "2027-03-30" });
    expect(await enrolWorker(later.coordinator.principal, later.classId, w.id, ctx)).toMatchObject({ ok: true, results: [{ outcome: "ENROLLED" }] });
  });

  it("never seats more than capacity when coordinators enrol at the same time", async () => {
    const start = addDays(today(), 5);
    const { coordinator, classId } = await makeClass({ capacity: 3, start, end: addDays(start, 2) });
    const workers = await Promise.all(Array.from({ length: 8 }, () => makeWorker("130624")));
    await Promise.all(workers.map((w) => enrolWorker(coordinator.principal, classId, w.id, ctx)));
    const rows = await enrollmentsOf(classId);
    expect(rows.filter((r) => r.status === "ENROLLED")).toHaveLength(3);
    expect(rows.filter((r) => r.status === "WAITLISTED")).toHaveLength(5);
  });

  it("refuses the same person enrolled into two overlapping classes at the same time", async () => {
    const a = await makeClass({ start: "2027-05-01", end: "2027-05-10" });
    const b = await makeClass({ start: "2027-05-05", end: "2027-05-15" });
    const w = await makeWorker("130624");
    const results = await Promise.all([enrolWorker(a.coordinator.principal, a.classId, w.id, ctx), enrolWorker(b.coordinator.principal, b.classId, w.id, ctx)]);
    const outcomes = results.map((r) => (r && r.ok ? r.results[0].outcome : "error")).sort();
    expect(outcomes).toEqual(["ENROLLED", "refused"]);
  });
});

describe("attendance", () => {
  it("provider staff mark within 48 h of the session's end; after that only a coordinator, with a reason, audited before/after", async () => {
    const { coordinator, provider: prov, classId } = await makeClass();
    const staff = (await makeProviderStaff(prov.id)).principal;
    const w = await makeWorker("130624");
    await enrolWorker(coordinator.principal, classId, w.id, ctx);
    const [e] = await enrollmentsOf(classId);
    const [s] = await sessionsOf(classId);
    const inWindow = new Date(s.endsAt.getTime() + 47 * 3600_000);
    const late = new Date(s.endsAt.getTime() + 49 * 3600_000);
    expect(await markSession(staff, classId, s.id, { marks: [{ enrollmentId: e.id, status: "ABSENT" }] }, ctx, inWindow)).toMatchObject({ ok: true });
    expect(await markSession(staff, classId, s.id, { marks: [{ enrollmentId: e.id, status: "PRESENT" }] }, ctx, late)).toMatchObject({
      ok: false,
      kind: "refused",
      message: "training.refusal.attendance_closed",
    });
    expect(await markSession(coordinator.principal, classId, s.id, { marks: [{ enrollmentId: e.id, status: "PRESENT" }] }, ctx, late)).toMatchObject({
      ok: false,
      kind: "invalid",
      problems: [{ field: "reason" }],
    });
    expect(
      await markSession(coordinator.principal, classId, s.id, { marks: [{ enrollmentId: e.id, status: "EXCUSED" }], reason: "病假条补交" }, ctx, late),
    ).toMatchObject({ ok: true, changed: 1 });
    const log = await getDb().auditLog.findFirstOrThrow({ where: { action: "attendance.lateCorrection", entityId: s.id } });
    expect(log.detail).toMatchObject({ reason: "病假条补交", changes: [{ enrollmentId: e.id, from: "ABSENT", to: "EXCUSED" }] });
    expect((await getDb().attendance.findFirstOrThrow({ where: { sessionId: s.id, enrollmentId: e.id } })).status).toBe("EXCUSED");
    const sheet = await sessionSheet(staff, classId, s.id, late);
    expect(sheet).toMatchObject({ window: "closed", edit: { ok: false, reason: "closed" }, rows: [{ enrollmentId: e.id, status: "EXCUSED" }] });
  });

  it("refuses marks for a future day and for people not seated in the class", async () => {
    const start = addDays(today(), 2);
    const { coordinator, classId } = await makeClass({ start, end: start });
    const w = await makeWorker("130624");
    await enrolWorker(coordinator.principal, classId, w.id, ctx);
    const [e] = await enrollmentsOf(classId);
    const [s] = await sessionsOf(classId);
    expect(await markSession(coordinator.principal, classId, s.id, { marks: [{ enrollmentId: e.id, status: "PRESENT" }] }, ctx)).toMatchObject({
      ok: false,
      message: "training.refusal.attendance_notYet",
    });
    const other = await makeClass();
    const [os] = await sessionsOf(other.classId);
    expect(await markSession(other.coordinator.principal, other.classId, os.id, { marks: [{ enrollmentId: e.id, status: "PRESENT" }] }, ctx)).toMatchObject({
      ok: false,
      kind: "invalid",
    });
  });
});

describe("finishing and completion rates", () => {
  it("decides completed and failed by the rule, counts dropouts in the rate, and moves the lifecycle", async () => {
    const { order } = await approvedOrder();
    const { coordinator, provider: prov, classId } = await makeClass({ orderId: order.id, assessmentRequired: true, threshold: 80 });
    const staff = (await makeProviderStaff(prov.id)).principal;
    const workers = await Promise.all(Array.from({ length: 5 }, () => makeWorker("130624")));
    for (const w of workers) await enrolWorker(coordinator.principal, classId, w.id, ctx);
    const rows = await enrollmentsOf(classId);
    const sessions = await sessionsOf(classId);
    // 0: all present, passed → COMPLETED. 1: 3 of 5 present → FAILED (attendance). 2: all present, failed the assessment → FAILED.
    // 3: 4 present + 1 excused → 4/4 = 100 % → COMPLETED. 4: drops out.
    const pattern = (i: number, s: number) => (i === 1 && s >= 3 ? "ABSENT" : i === 3 && s === 0 ? "EXCUSED" : "PRESENT");
    for (const [si, s] of sessions.entries()) {
      const marks = rows.slice(0, 4).map((r, i) => ({ enrollmentId: r.id, status: pattern(i, si) as "PRESENT" | "ABSENT" | "EXCUSED" }));
      const r = await markSession(
        chinaDay(s.startsAt) === today() ? staff : coordinator.principal,
        classId,
        s.id,
        { marks: [...marks, { enrollmentId: rows[4].id, status: "ABSENT" }], reason: "补录" },
        ctx,
      );
      expect(r).toMatchObject({ ok: true });
    }
    expect(await dropEnrollment(staff, classId, { enrollmentId: rows[4].id, dropReason: "family" }, ctx)).toEqual({ ok: true });
    const cls = await getDb().trainingClass.findUniqueOrThrow({ where: { id: classId } });
    // Assessments are required before finishing.
    expect(await finishClass(staff, classId, cls.version, ctx)).toMatchObject({ ok: false, message: "training.refusal.missingAssessments" });
    for (const [i, r] of rows.slice(0, 4).entries()) {
      const passed = i !== 2;
      expect(
        await recordAssessment(staff, classId, { enrollmentId: r.id, score: passed ? 85 : 40, passed, certificateNumber: passed ? `C-${i}` : undefined }, ctx),
      ).toEqual({ ok: true });
    }
    expect(await finishClass(staff, classId, cls.version, ctx)).toEqual({ ok: true, completed: 2, failed: 2 });
    const final = await enrollmentsOf(classId);
    expect(final.map((e) => e.status)).toEqual(["COMPLETED", "FAILED", "FAILED", "COMPLETED", "DROPPED"]);
    const statuses = await Promise.all(workers.map(async (w) => (await getDb().worker.findUniqueOrThrow({ where: { id: w.id } })).status));
    const byWorker = new Map(workers.map((w, i) => [w.id, statuses[i]]));
    expect(final.map((e) => byWorker.get(e.workerId))).toEqual(["TRAINED", "REGISTERED", "REGISTERED", "TRAINED", "REGISTERED"]);
    expect((await getDb().trainingOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("COMPLETED");

    // 2 completed / (2 completed + 2 failed + 1 dropped) = 40 %.
    const [byClass] = await completionRates(coordinator.principal, "class", { classId });
    expect(byClass).toMatchObject({ completed: 2, failed: 2, dropped: 1, rate: 0.4 });
    const [byOrder] = await completionRates(coordinator.principal, "order", { trainingOrderId: order.id });
    expect(byOrder).toMatchObject({ key: order.id, rate: 0.4 });
    const byProvider = (await completionRates(staff, "provider")).find((r) => r.key === prov.id);
    expect(byProvider).toMatchObject({ completed: 2, failed: 2, dropped: 1, rate: 0.4 });
    const detail = await classDetail(coordinator.principal, classId);
    expect(detail?.commitment).toMatchObject({ committedHires: 2, hires: 0 });
  });

  it("refuses to finish before the last day or with a session left unmarked", async () => {
    const early = await makeClass({ start: addDays(today(), -1), end: addDays(today(), 1) });
    const c1 = await getDb().trainingClass.findUniqueOrThrow({ where: { id: early.classId } });
    expect(await finishClass(early.coordinator.principal, early.classId, c1.version, ctx)).toMatchObject({ ok: false, message: "training.refusal.tooEarly" });
    const unmarked = await makeClass();
    const c2 = await getDb().trainingClass.findUniqueOrThrow({ where: { id: unmarked.classId } });
    expect(await finishClass(unmarked.coordinator.principal, unmarked.classId, c2.version, ctx)).toMatchObject({
      ok: false,
      message: "training.refusal.unmarkedSessions",
    });
  });
});

describe("scope", () => {
  it("another county's coordinator and another provider's staff neither see nor change a class", async () => {
    const { classId } = await makeClass();
    const pingquan = await makeCoordinator("130881");
    const otherStaff = (await makeProviderStaff((await makeProvider("130624")).id)).principal;
    const w = await makeWorker("130624");
    for (const p of [pingquan.principal, otherStaff]) {
      expect(await classDetail(p, classId)).toBeNull();
      expect(await enrolWorker(p, classId, w.id, ctx)).toBeNull();
    }
    const [s] = await sessionsOf(classId);
    expect(await sessionSheet(otherStaff, classId, s.id)).toBeNull();
    expect(await completionRates(pingquan.principal, "class", { classId })).toEqual([]);
    // The prefecture above sees it.
    const baoding = await makeCoordinator("130600");
    expect(await classDetail(baoding.principal, classId)).not.toBeNull();
    // Provider staff cannot enrol (coordinators do); a coordinator cannot enrol someone outside their region.
    const fuping = await makeCoordinator("130624");
    const outside = await makeWorker("130881");
    expect(await enrolWorker(fuping.principal, classId, outside.id, ctx)).toMatchObject({ ok: false, problems: [{ field: "workerId" }] });
  });
});

describe("issue 15: enrolment search and a schedule from the order's hours", () => {
  it("finds people to enrol by one character of a name or by a skill, as the workers search does, inside the region only", async () => {
    const { coordinator } = await makeClass({ start: addDays(today(), 30), end: addDays(today(), 35) });
    const wang = await makeWorker("130624", { fullName: "王秀兰" });
    const helper = await makeWorker("130624", { fullName: "李桂芝" });
    const elsewhere = await makeWorker("130881", { fullName: "王建国" });
    await getDb().workerSkill.create({ data: { workerId: helper.id, occupationCode: "domestic-helper", level: 4 } });
    for (const w of [wang, helper, elsewhere]) await indexEntity({ entityType: "worker", entityId: w.id, entityVersion: 1 });

    expect((await searchWorkersToEnrol(coordinator.principal, "王")).map((w) => w.id)).toEqual([wang.id]);
    expect((await searchWorkersToEnrol(coordinator.principal, "家政")).map((w) => w.id)).toEqual([helper.id]);
    expect(await searchWorkersToEnrol(coordinator.principal, "王建国")).toEqual([]); // another county's
  });

  it(
    "80 order hours at 8 a day give 10 sessions (not one per day to the end date), none on New Year's Day 2027; " +
      "hours that do not fit are refused next to the end date",
    async () => {
      const { order } = await approvedOrder();
      await getDb().trainingOrder.update({ where: { id: order.id }, data: { trainingHours: 80 } });
      const coordinator = await makeCoordinator("130624");
      const prov = await makeProvider("130624");
      const base = {
        trainingOrderId: order.id,
        name: "家政订单班",
        providerId: prov.id,
        occupationCode: "domestic-helper",
        kind: "ORDER_BASED" as const,
        regionCode: "130624",
        trainers: [],
        capacity: 5,
        attendanceThreshold: 80,
        assessmentRequired: false,
        weekdays: [1, 2, 3, 4, 5],
        startTime: "09:00",
        endTime: "17:00",
        totalHours: 80,
      };
      const tooShort = await createClass(coordinator.principal, { ...base, startDate: "2026-12-28", endDate: "2027-01-05" }, ctx);
      expect(tooShort).toMatchObject({ ok: false, kind: "invalid", problems: [{ field: "endDate", message: "training.hoursDontFit" }] });

      const made = await createClass(coordinator.principal, { ...base, startDate: "2026-12-28", endDate: "2027-02-26" }, ctx);
      if (!made.ok) throw new Error(JSON.stringify(made));
      const sessions = await sessionsOf(made.classId);
      expect(sessions).toHaveLength(10);
      expect(sessions.reduce((h, s) => h + (s.endsAt.getTime() - s.startsAt.getTime()) / 3600_000, 0)).toBe(80);
      expect(sessions.map((s) => chinaDay(s.startsAt))).not.toContain("2027-01-01");
    },
  );
});
