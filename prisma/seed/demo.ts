// A realistic, deterministic demo (fixed PRNG seed): Hebei origin counties, Beijing/Tianjin
// employers, a few thousand job seekers, postings, training orders and classes, placements and
// an annual plan per county. Runs on first start with an empty database, or `npm run db:seed -- --demo`.
import { randomUUID } from "node:crypto";
import { addDays, calendarDay, chinaDay, chinaTime, chinaYear, dayDate } from "~/platform/china-time";
import { DEMO_SEEDED_SETTING } from "~/services/users.server";
import { makeCreditCode } from "~/domain/credit-code";
import { prng } from "~/domain/prng";
import { generateSessions } from "~/domain/training-class";
import { chinaWorkCalendar } from "~/platform/china-holidays";
import { maskPhone } from "~/domain/mask";
import { makeResidentId } from "~/domain/resident-id";
import { hashPassword } from "~/services/auth.server";
import type { Db } from "~/services/db.server";
import { insertRows } from "~/services/bulk-insert.server";
import { readReferenceFiles } from "./reference";
import { encryptPii, storedIdentity, storedPhone } from "~/services/pii.server";
import { seedSubsidies, seedSubsidyClaims } from "./subsidies";

export const DEMO_PASSWORD = "demo-2026-lb";

const SURNAMES =
  "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文".split(
    "",
  );
const GIVEN =
  "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海燕春梅德福宝山林凤云丹鹏飞雪松晓东文彬颖辉斌波宁玲佳琳莉萍红霞小双成亮永庆金荣振利".split("");

const EMPLOYERS: { name: string; district: string; industry: string; occupations: string[] }[] = [
  { name: "北京康乐家政服务有限公司", district: "110105", industry: "domestic-services", occupations: ["domestic-helper", "maternity-carer", "infant-carer"] },
  { name: "北京福寿养老服务中心", district: "110108", industry: "elderly-care", occupations: ["elderly-carer", "medical-care-assistant"] },
  { name: "北京顺达物流有限公司", district: "110113", industry: "logistics", occupations: ["courier", "parcel-sorter", "warehouse-keeper", "forklift-driver"] },
  {
    name: "北京城建安居建筑劳务有限公司",
    district: "110106",
    industry: "construction",
    occupations: ["bricklayer", "rebar-worker", "scaffolder", "electrician"],
  },
  { name: "北京京安保安服务有限公司", district: "110102", industry: "security", occupations: ["security-guard"] },
  { name: "北京洁美物业管理有限公司", district: "110114", industry: "property", occupations: ["cleaner", "property-clerk", "building-handyman"] },
  {
    name: "北京味正餐饮管理有限公司",
    district: "110101",
    industry: "catering",
    occupations: ["chinese-cook", "chinese-pastry-cook", "kitchen-helper", "waiter"],
  },
  {
    name: "天津滨海精密电子有限公司",
    district: "120116",
    industry: "electronics",
    occupations: ["electronics-assembler", "assembly-worker", "quality-inspector"],
  },
  { name: "天津港通供应链管理有限公司", district: "120116", industry: "logistics", occupations: ["warehouse-keeper", "forklift-driver", "loader"] },
  { name: "天津海河汽车零部件有限公司", district: "120110", industry: "automotive", occupations: ["auto-assembler", "welder", "cnc-operator"] },
  { name: "天津津城家政服务有限公司", district: "120103", industry: "domestic-services", occupations: ["domestic-helper", "elderly-carer"] },
  {
    name: "北京云客电子商务有限公司",
    district: "110115",
    industry: "ecommerce",
    occupations: ["online-cs-agent", "ecommerce-specialist", "livestream-seller"],
  },
];

const PROVIDERS = [
  { name: "保定市阜平县职业技术教育中心", region: "130624" },
  { name: "承德市平泉市就业培训中心", region: "130881" },
  { name: "邢台市临城县技工学校", region: "130522" },
  { name: "河北顺平职业培训学校", region: "130636" },
  { name: "张家口市蔚县职业技能培训中心", region: "130726" },
];

type DemoLogin = { role: string; username: string; password: string; note: string };

export async function seedDemo(db: Db, log: (line: string) => void = () => {}): Promise<DemoLogin[]> {
  const rnd = prng(20180101);
  const year = chinaYear();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: DemoLogin[] = [];

  const hebeiCounties = await db.region.findMany({ where: { level: "COUNTY", code: { startsWith: "13" } }, orderBy: { code: "asc" } });
  const povertyCounties = hebeiCounties.filter((c) => c.isPovertyCounty);
  const townships = await db.region.findMany({
    where: { level: "TOWNSHIP", parentCode: { in: povertyCounties.map((c) => c.code) } },
    select: { code: true, parentCode: true },
    orderBy: { code: "asc" },
  });
  const townshipsByCounty = new Map<string, string[]>();
  for (const t of townships) townshipsByCounty.set(t.parentCode!, [...(townshipsByCounty.get(t.parentCode!) ?? []), t.code]);
  // Occupations in the reference file's order, regions by code: the draws below depend on the order.
  const fileOrder = new Map(readReferenceFiles().occupations.map((o, i) => [o.code, i]));
  const occupations = (
    await db.occupation.findMany({ select: { code: true, nameZh: true, levels: true, homeBasedPossible: true }, orderBy: { code: "asc" } })
  ).sort((a, b) => (fileOrder.get(a.code) ?? Infinity) - (fileOrder.get(b.code) ?? Infinity));
  const occByCode = new Map(occupations.map((o) => [o.code, o]));
  const destinations = await db.region.findMany({
    where: { level: "COUNTY", OR: [{ code: { startsWith: "11" } }, { code: { startsWith: "12" } }] },
    select: { code: true },
    orderBy: { code: "asc" },
  });
  // Rows are written in bulk (insertRows: one statement per table), so ids and times are set here;
  // creation times one millisecond apart keep the order one-by-one creates had.
  const t0 = new Date();
  let tick = 0;
  const at = () => new Date(t0.getTime() + tick++);
  /** A new row's id, created and last updated at the next tick. */
  const newRow = () => {
    const createdAt = at();
    return { id: randomUUID(), createdAt, updatedAt: createdAt };
  };
  /** Version 1 of these new rows, queued in the outbox for the search index. */
  const queueIndexing = (entityType: "worker" | "posting" | "trainingOrder", ids: string[]) =>
    insertRows(
      db,
      "Outbox",
      ids.map((entityId) => ({ topic: "search-index", entityType, entityId, entityVersion: 1, createdAt: t0 })),
    );
  const userRows: Record<string, unknown>[] = [];
  const roleRows: Record<string, unknown>[] = [];
  const addUser = (u: {
    username: string;
    displayName: string;
    role: string;
    regionCode?: string | null;
    employerId?: string;
    providerId?: string;
    workerId?: string;
  }) => {
    const row = newRow();
    userRows.push({
      ...row,
      username: u.username,
      displayName: u.displayName,
      passwordHash,
      employerId: u.employerId ?? null,
      providerId: u.providerId ?? null,
      workerId: u.workerId ?? null,
    });
    roleRows.push({ id: randomUUID(), userId: row.id, role: u.role, regionCode: u.regionCode ?? null, createdAt: row.createdAt });
  };

  // ── staff accounts ──
  const staff: { username: string; displayName: string; role: "ADMIN" | "COORDINATOR"; region: string | null; note: string }[] = [
    { username: "admin", displayName: "系统管理员", role: "ADMIN", region: null, note: "everything" },
    { username: "hebei", displayName: "省人社厅 协调员", role: "COORDINATOR", region: "130000", note: "province of Hebei" },
    { username: "baoding", displayName: "保定市 协调员", role: "COORDINATOR", region: "130600", note: "Baoding prefecture" },
    { username: "fuping", displayName: "阜平县 协调员", role: "COORDINATOR", region: "130624", note: "Fuping County only" },
    // A second Fuping coordinator: subsidy claims one prepares, the other approves (separation of duties).
    { username: "fuping2", displayName: "阜平县 复核员", role: "COORDINATOR", region: "130624", note: "Fuping County; approves subsidy claims" },
    { username: "pingquan", displayName: "平泉市 协调员", role: "COORDINATOR", region: "130881", note: "Pingquan only" },
  ];
  for (const s of staff) {
    addUser({ username: s.username, displayName: s.displayName, role: s.role, regionCode: s.region });
    logins.push({ role: s.role, username: s.username, password: DEMO_PASSWORD, note: s.note });
  }

  // ── providers ──
  const providerIds: string[] = [];
  const providerRows = [];
  for (const [i, p] of PROVIDERS.entries()) {
    const provider = {
      id: randomUUID(),
      name: p.name,
      regionCode: p.region,
      creditCode: makeCreditCode("52", p.region, `PT${String(i).padStart(7, "0")}`),
      createdAt: at(),
    };
    providerRows.push(provider);
    providerIds.push(provider.id);
    if (i === 0) {
      addUser({ username: "trainer", displayName: "阜平职教中心 教务", role: "PROVIDER_STAFF", regionCode: p.region, providerId: provider.id });
      logins.push({ role: "PROVIDER_STAFF", username: "trainer", password: DEMO_PASSWORD, note: p.name });
    }
  }
  await insertRows(db, "TrainingProvider", providerRows);

  // ── employers ──
  const employerIds: string[] = [];
  const employerRows = [];
  for (const [i, e] of EMPLOYERS.entries()) {
    const phone = `139${String(10000000 + i * 7919).slice(0, 8)}`;
    const row = newRow();
    const employer = {
      ...row,
      name: e.name,
      creditCode: makeCreditCode("91", e.district, `MA0${String(i).padStart(2, "0")}DEM${i % 10}`),
      districtCode: e.district,
      industry: e.industry,
      contactName: `${rnd.pick(SURNAMES)}经理`,
      contactPhoneCipher: encryptPii(phone),
      contactPhoneMasked: maskPhone(phone),
      status: i === EMPLOYERS.length - 1 ? "PENDING" : "VERIFIED",
      verifiedAt: i === EMPLOYERS.length - 1 ? null : row.createdAt,
    };
    employerRows.push(employer);
    employerIds.push(employer.id);
    if (i === 0) {
      addUser({ username: "employer", displayName: `${e.name} 人事部`, role: "EMPLOYER", employerId: employer.id });
      logins.push({ role: "EMPLOYER", username: "employer", password: DEMO_PASSWORD, note: e.name });
    }
  }
  await insertRows(db, "Employer", employerRows);

  // ── workers ──
  const WORKERS = 3000;
  const workerRows = [];
  const skillRows = [];
  const prefRows = [];
  const usedIds = new Set<string>();
  for (let i = 0; i < WORKERS; i++) {
    const county = i < 400 ? hebeiCounties.find((c) => c.code === "130624")! : rnd.pick(povertyCounties);
    const birthYear = rnd.int(1968, 2005);
    const birth = `${birthYear}-${String(rnd.int(1, 12)).padStart(2, "0")}-${String(rnd.int(1, 28)).padStart(2, "0")}`;
    let idNumber = makeResidentId(county.code, birth, rnd.int(0, 999));
    while (usedIds.has(idNumber)) idNumber = makeResidentId(county.code, birth, rnd.int(0, 999));
    usedIds.add(idNumber);
    const phone = `1${rnd.pick(["3", "5", "8"])}${String(rnd.int(0, 999999999)).padStart(9, "0")}`;
    const id = crypto.randomUUID();
    const sex = Number(idNumber[16]) % 2 === 1 ? "MALE" : "FEMALE";
    const poor = rnd.chance(0.55);
    workerRows.push({
      id,
      fullName: rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.chance(0.6) ? rnd.pick(GIVEN) : ""),
      ...storedIdentity(idNumber, phone),
      sex: sex as "MALE" | "FEMALE",
      birthDate: dayDate(birth),
      countyCode: county.code,
      townshipCode: rnd.pick(townshipsByCounty.get(county.code) ?? [null]),
      isRegisteredPoor: poor,
      education: rnd.pick(["PRIMARY", "JUNIOR_SECONDARY", "JUNIOR_SECONDARY", "SENIOR_SECONDARY", "VOCATIONAL"] as const),
      status: rnd.pick(["REGISTERED", "REGISTERED", "REGISTERED", "MATCHED", "IN_TRAINING", "TRAINED", "PLACED", "STABLE"] as const),
      source: rnd.pick(["SELF", "COORDINATOR", "IMPORT"] as const),
      createdAt: new Date(Date.UTC(year, rnd.int(0, 10), rnd.int(1, 28))),
    });
    const wanted = [rnd.pick(occupations).code, rnd.pick(occupations).code];
    for (const code of new Set([wanted[0], ...(rnd.chance(0.5) ? [rnd.pick(occupations).code] : [])])) {
      const occ = occByCode.get(code)!;
      skillRows.push({
        id: randomUUID(),
        createdAt: t0,
        workerId: id,
        occupationCode: code,
        level: rnd.chance(0.6) ? rnd.pick(occ.levels) : null,
        yearsExperience: rnd.int(0, 15),
      });
    }
    const homeOnly = rnd.chance(0.08);
    prefRows.push({
      updatedAt: t0,
      workerId: id,
      destinationKinds: homeOnly ? ["HOME_BASED" as const] : [rnd.pick(["BEIJING_TIANJIN", "BEIJING_TIANJIN", "WITHIN_HEBEI", "LOCAL_COUNTY"] as const)],
      destinationRegionCodes: homeOnly ? [] : [rnd.pick(destinations).code],
      occupationCodes: [...new Set(wanted)],
      minMonthlyWage: rnd.pick([3000, 3500, 4000, 4500, 5000, 6000]),
      willingToTrain: rnd.chance(0.7),
      trainingKinds: rnd.chance(0.5) ? ["ORDER_BASED" as const] : ["ORDER_BASED" as const, "POST_BASED" as const],
      homeBasedOnly: homeOnly,
      availableFrom: new Date(Date.UTC(year, rnd.int(0, 11), 1)),
    });
  }
  // A job seeker who can sign in with their phone number.
  const seeker = workerRows[0];
  const seekerPhone = "13800000001";
  Object.assign(seeker, storedPhone(seekerPhone));
  await insertRows(
    db,
    "Worker",
    workerRows.map((w) => ({ ...w, updatedAt: t0 })),
  );
  await insertRows(db, "WorkerSkill", skillRows);
  await insertRows(db, "WorkerPreference", prefRows);
  await insertRows(
    db,
    "Consent",
    workerRows.map((w) => ({ id: randomUUID(), workerId: w.id, purpose: "REGISTRATION" as const, textVersion: "registration-2026-01", grantedAt: t0 })),
  );
  await queueIndexing(
    "worker",
    workerRows.map((w) => w.id),
  );
  addUser({ username: `worker-${seeker.id.slice(0, 8)}`, displayName: seeker.fullName, role: "JOB_SEEKER", workerId: seeker.id });
  await insertRows(db, "User", userRows);
  await insertRows(db, "RoleAssignment", roleRows);
  logins.push({ role: "JOB_SEEKER", username: seekerPhone, password: DEMO_PASSWORD, note: `${seeker.fullName}, signs in with a mobile number` });

  // ── postings and training orders ──
  const postingIds: string[] = [];
  const postingRows = [];
  for (let i = 0; i < 60; i++) {
    const ei = i % EMPLOYERS.length;
    const occ = occByCode.get(rnd.pick(EMPLOYERS[ei].occupations))!;
    const wageMin = rnd.pick([3500, 4000, 4500, 5000, 5500, 6000]);
    const row = newRow();
    const posting = {
      ...row,
      employerId: employerIds[ei],
      occupationCode: occ.code,
      title: `招聘${occ.nameZh}`,
      description: `${EMPLOYERS[ei].name}招聘${occ.nameZh}，包住宿，缴纳社保。`,
      headcount: rnd.int(2, 30),
      wageMin,
      wageMax: wageMin + rnd.pick([500, 1000, 2000]),
      workRegionCode: EMPLOYERS[ei].district,
      startDate: new Date(Date.UTC(year + (rnd.chance(0.3) ? 1 : 0), rnd.int(0, 11), 1)),
      contractMonths: rnd.pick([12, 24, 36]),
      housing: rnd.chance(0.7),
      meals: rnd.chance(0.6),
      socialInsurance: rnd.chance(0.9),
      travelSubsidy: rnd.chance(0.4) ? 300 : null,
      status: ei === EMPLOYERS.length - 1 ? "DRAFT" : rnd.pick(["OPEN", "OPEN", "OPEN", "FILLED", "CLOSED"] as const),
      publishedAt: row.createdAt,
    };
    postingRows.push(posting);
    postingIds.push(posting.id);
  }
  await insertRows(db, "JobPosting", postingRows);
  await queueIndexing("posting", postingIds);

  const kinds = ["ORDER_BASED", "POST_BASED", "COMPOUND"] as const;
  const orderIds: { id: string; providerIdx: number; occ: string; kind: (typeof kinds)[number]; employerIdx: number }[] = [];
  const orderRows = [];
  for (let i = 0; i < 20; i++) {
    const ei = i % (EMPLOYERS.length - 1);
    const occ = occByCode.get(rnd.pick(EMPLOYERS[ei].occupations))!;
    const kind = kinds[i % 3];
    const providerIdx = i % PROVIDERS.length;
    const order = {
      ...newRow(),
      employerId: employerIds[ei],
      kind,
      occupationCode: occ.code,
      title: `${occ.nameZh}${kind === "ORDER_BASED" ? "订单" : kind === "POST_BASED" ? "定岗" : "复合"}培训班`,
      classSize: rnd.pick([20, 30, 40]),
      trainingHours: rnd.pick([40, 80, 120]),
      providerId: providerIds[providerIdx],
      scheduleStart: new Date(Date.UTC(year, rnd.int(0, 9), 1)),
      locationRegionCode: PROVIDERS[providerIdx].region,
      generalModules: kind === "COMPOUND" ? ["safety", "urban-life", "digital-skills"] : [],
      commitHires: kind === "ORDER_BASED" ? rnd.pick([15, 20, 25]) : null,
      commitWage: kind === "ORDER_BASED" ? rnd.pick([4500, 5000, 5500]) : null,
      retentionMonths: kind === "ORDER_BASED" ? 6 : null,
      status: rnd.pick(["APPROVED", "IN_PROGRESS", "COMPLETED", "SUBMITTED"] as const),
    };
    orderRows.push(order);
    orderIds.push({ id: order.id, providerIdx, occ: occ.code, kind, employerIdx: ei });
  }
  await insertRows(db, "TrainingOrder", orderRows);
  await queueIndexing(
    "trainingOrder",
    orderIds.map((o) => o.id),
  );

  // ── classes, enrollments, placements ──
  const now0 = new Date();
  let workerCursor = 0;
  const classRows = [];
  const enrollmentRows = [];
  const placementRows = [];
  const followUpRows = [];
  for (const [i, o] of orderIds.slice(0, 12).entries()) {
    const start = new Date(Date.UTC(year, i % 10, 5));
    const end = new Date(start.getTime() + 30 * 86400_000);
    const cls = {
      ...newRow(),
      trainingOrderId: o.id,
      providerId: providerIds[o.providerIdx],
      occupationCode: o.occ,
      kind: o.kind,
      regionCode: PROVIDERS[o.providerIdx].region,
      name: `${year}年第${i + 1}期`,
      capacity: 30,
      startDate: start,
      endDate: end,
      status: end < new Date() ? "FINISHED" : "RUNNING",
    };
    classRows.push(cls);
    const members = workerRows.slice(workerCursor, workerCursor + 25);
    workerCursor += 25;
    enrollmentRows.push(
      ...members.map((w) => ({
        id: randomUUID(),
        enrolledAt: cls.createdAt,
        classId: cls.id,
        workerId: w.id,
        status: end < new Date() ? (rnd.chance(0.85) ? ("COMPLETED" as const) : ("DROPPED" as const)) : ("ENROLLED" as const),
      })),
    );
    if (end < new Date()) {
      for (const w of members.slice(0, 15)) {
        const placement = {
          ...newRow(),
          workerId: w.id,
          employerId: employerIds[o.employerIdx],
          trainingClassId: cls.id,
          startDate: new Date(end.getTime() + 7 * 86400_000),
          // The demo job seeker's first job was seasonal (ended after 90 days), so a new hire of theirs overlaps nothing.
          endDate: w.id === seeker.id ? new Date(end.getTime() + 97 * 86400_000) : null,
          monthlyWage: rnd.pick([4500, 5000, 5500, 6000]),
          workRegionCode: EMPLOYERS[o.employerIdx].district,
          transferType: "BEIJING_TIANJIN",
          verification: rnd.chance(0.8) ? "VERIFIED" : "UNVERIFIED",
        };
        placementRows.push(placement);
        // Follow-ups are the worker's county's tasks; those already due were opened by their jobs.
        followUpRows.push(
          ...[1, 3, 6, 12].map((m) => {
            const dueAt = new Date(placement.startDate.getTime() + m * 30 * 86400_000);
            return {
              id: randomUUID(),
              placementId: placement.id,
              dueMonth: m,
              dueAt,
              countyCode: w.countyCode,
              openedAt: placement.verification === "VERIFIED" && dueAt <= now0 ? dueAt : null,
            };
          }),
        );
      }
    }
  }
  await insertRows(db, "TrainingClass", classRows);
  await insertRows(db, "Enrollment", enrollmentRows);
  await insertRows(db, "Placement", placementRows);
  await insertRows(db, "FollowUp", followUpRows);

  // ── sessions and attendance (issue 6): the trainer's classes get a timetable and marks, and a
  // county-plan class runs across today so the trainer has a session to mark (own PRNG: the rest stays as it was) ──
  const crnd = prng(20261206);
  const now = new Date();
  const chinaToday = chinaDay(now);
  const attendanceRows: { sessionId: string; enrollmentId: string; status: "PRESENT" | "ABSENT" | "EXCUSED"; markedAt: Date }[] = [];
  const markPast = async (classId: string) => {
    const sessions = await db.classSession.findMany({
      where: { classId, startsAt: { lt: chinaTime(chinaToday, "00:00") } },
      select: { id: true, endsAt: true },
    });
    const enrollments = await db.enrollment.findMany({ where: { classId, status: { not: "WAITLISTED" } }, select: { id: true, status: true } });
    for (const session of sessions) {
      for (const e of enrollments) {
        const status =
          e.status === "DROPPED"
            ? crnd.chance(0.3)
              ? ("PRESENT" as const)
              : ("ABSENT" as const)
            : crnd.chance(0.9)
              ? ("PRESENT" as const)
              : crnd.chance(0.5)
                ? ("EXCUSED" as const)
                : ("ABSENT" as const);
        attendanceRows.push({ sessionId: session.id, enrollmentId: e.id, status, markedAt: session.endsAt });
      }
    }
  };
  const trainerClasses = await db.trainingClass.findMany({
    where: { providerId: providerIds[0] },
    orderBy: { startDate: "asc" },
    select: { id: true, startDate: true, endDate: true },
  });
  for (const c of trainerClasses) {
    const spec = { startDate: calendarDay(c.startDate), endDate: calendarDay(c.endDate), weekdays: [1, 2, 3, 4, 5], startTime: "09:00", endTime: "16:30" };
    await db.classSession.createMany({ data: generateSessions(spec, chinaWorkCalendar).map((x) => ({ classId: c.id, ...x })) });
    await markPast(c.id);
  }
  const running = await db.trainingClass.create({
    data: {
      providerId: providerIds[0],
      occupationCode: "elderly-carer",
      kind: "POST_BASED",
      regionCode: PROVIDERS[0].region,
      name: `${year}年养老护理员（县计划）第1期`,
      capacity: 15,
      startDate: dayDate(addDays(chinaToday, -9)),
      endDate: dayDate(addDays(chinaToday, 9)),
      location: "阜平县职教中心 3 号教室",
      trainers: ["刘老师", "赵老师"],
      attendanceThreshold: 80,
      assessmentRequired: true,
      status: "RUNNING",
    },
  });
  await db.classSession.createMany({
    data: generateSessions(
      { startDate: addDays(chinaToday, -9), endDate: addDays(chinaToday, 9), weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "09:00", endTime: "16:30" },
      chinaWorkCalendar,
    ).map((x, n) => ({ classId: running.id, ...x, topic: n % 4 === 0 ? "安全与职业道德" : null })),
  });
  const trainees = workerRows.slice(300, 314);
  await db.enrollment.createMany({
    data: trainees.map((w, n) => ({
      classId: running.id,
      workerId: w.id,
      status: n < 13 ? ("ENROLLED" as const) : ("DROPPED" as const),
      dropReason: n < 13 ? null : "found-work",
      dropNoteCipher: n < 13 ? null : encryptPii("在县城找到工作"),
      droppedAt: n < 13 ? null : now,
      enrolledAt: new Date(now.getTime() - (30 - n) * 60_000),
    })),
  });
  await db.worker.updateMany({ where: { id: { in: trainees.slice(0, 13).map((w) => w.id) } }, data: { status: "IN_TRAINING" } });
  await markPast(running.id);
  await insertRows(
    db,
    "Attendance",
    attendanceRows.map((a) => ({ id: randomUUID(), ...a })),
  );

  // ── follow-ups already done (issue 7: the dashboard's "stable" needs 6-month confirmations): those due
  // more than a week ago were recorded three days after their due day; most people were still at work.
  // A separate generator keeps every other demo figure unchanged. ──
  const frnd = prng(20261129);
  const past = await db.followUp.findMany({
    where: { completedAt: null, dueAt: { lt: new Date(Date.now() - 7 * 86400_000) } },
    select: { id: true, dueAt: true },
    orderBy: { dueAt: "asc" },
  });
  const done = past.map((f) => {
    const stillEmployed = frnd.chance(0.85);
    return {
      id: f.id,
      completedAt: new Date(f.dueAt.getTime() + 3 * 86400_000 + 2 * 3600_000),
      stillEmployed,
      leaveReason: stillEmployed ? null : "family",
      noteCipher: stillEmployed ? null : encryptPii("返乡照顾家人"),
    };
  });
  await db.$executeRawUnsafe(
    `UPDATE "FollowUp" f SET "completedAt" = x."completedAt", "stillEmployed" = x."stillEmployed", "leaveReason" = x."leaveReason", ` +
      `"noteCipher" = x."noteCipher"
     FROM jsonb_to_recordset($1::jsonb) AS x("id" text, "completedAt" timestamp(3), "stillEmployed" boolean, ` +
      `"leaveReason" text, "noteCipher" text) WHERE f."id" = x."id"`,
    JSON.stringify(done),
  );

  // ── annual plans: every Hebei county, rolled up to prefectures and the province ──
  const plans = hebeiCounties.map((c) => {
    const scale = c.isPovertyCounty ? 2 : 1;
    const training = rnd.int(300, 900) * scale;
    const transferred = Math.round(training * 0.6);
    return {
      regionCode: c.code,
      year,
      trainingPersonTimes: training,
      orderBasedPersonTimes: Math.round(training * 0.4),
      transferredPersons: transferred,
      toBeijingTianjinPersons: Math.round(transferred * 0.5),
      stablePersons: Math.round(transferred * 0.7),
      poorHouseholdSharePct: c.isPovertyCounty ? 60 : 30,
      completionRatePct: 85,
    };
  });
  const sumBy = (prefix: string) => {
    const rows = plans.filter((p) => p.regionCode.startsWith(prefix));
    const s = (k: keyof (typeof plans)[number]) => rows.reduce((a, r) => a + (r[k] as number), 0);
    return {
      trainingPersonTimes: s("trainingPersonTimes"),
      orderBasedPersonTimes: s("orderBasedPersonTimes"),
      transferredPersons: s("transferredPersons"),
      toBeijingTianjinPersons: s("toBeijingTianjinPersons"),
      stablePersons: s("stablePersons"),
      poorHouseholdSharePct: 50,
      completionRatePct: 85,
    };
  };
  const prefectures = await db.region.findMany({ where: { level: "PREFECTURE", code: { startsWith: "13" } } });
  await db.annualPlan.createMany({
    data: [...plans, ...prefectures.map((p) => ({ regionCode: p.code, year, ...sumBy(p.code.slice(0, 4)) })), { regionCode: "130000", year, ...sumBy("13") }],
  });

  // ── proposed matches for the demo employer's open postings, so candidate review has people to show
  // (the matching issue replaces these with computed ones; a separate generator keeps the rest unchanged) ──
  const mrnd = prng(20261128);
  const openPostings = await db.jobPosting.findMany({
    where: { employerId: employerIds[0], status: "OPEN" },
    select: { id: true, occupationCode: true, wageMin: true, workRegionCode: true },
    orderBy: { createdAt: "asc" },
  });
  const matchRows = [];
  for (const posting of openPostings) {
    const occ = occByCode.get(posting.occupationCode)!;
    const skilled = skillRows.filter((s) => s.occupationCode === posting.occupationCode && s.workerId !== seeker.id).slice(0, 6);
    for (const [n, s] of skilled.entries()) {
      const wanted = prefRows.find((p) => p.workerId === s.workerId)?.minMonthlyWage ?? posting.wageMin;
      const skill = 40 + (s.level ? (6 - s.level) * 6 : 0) + Math.min(s.yearsExperience, 10);
      const wage = wanted <= posting.wageMin ? 25 : Math.max(0, 25 - Math.round((wanted - posting.wageMin) / 100));
      const place = mrnd.int(5, 15);
      matchRows.push({
        workerId: s.workerId,
        postingId: posting.id,
        score: Math.min(100, skill + wage + place),
        status: n === 0 ? ("SHORTLISTED" as const) : ("PROPOSED" as const),
        factors: [
          { factor: "skill", weight: 0.6, value: s.level, contribution: skill, note: s.level ? `${occ.nameZh} ${s.level}级` : `有${occ.nameZh}经验` },
          { factor: "wage", weight: 0.25, value: wanted, contribution: wage * 4, note: `期望月薪 ${wanted} 元` },
          { factor: "location", weight: 0.15, value: posting.workRegionCode, contribution: place * 6, note: "愿意到京津工作" },
        ],
        explanationZh: `有${occ.nameZh}技能${s.level ? `（${s.level}级）` : ""}，期望月薪${wanted}元${wanted <= posting.wageMin ? "在岗位工资范围内" : "略高于岗位起薪"}。`,
        explanationEn: `Has ${occ.code.replace(/-/g, " ")} skills${s.level ? ` (level ${s.level})` : ""}; expects CNY ${wanted} a month.`,
        workerVersion: 1,
        targetVersion: 1,
      });
    }
  }
  await insertRows(
    db,
    "Match",
    matchRows.map((m) => ({ id: randomUUID(), ...m, createdAt: t0, updatedAt: t0 })),
  );

  await seedSubsidies(db, { year, counties: plans.map((pl) => pl.regionCode), providerIds, employerIds });
  const claimsFrom = Date.now();
  const claims = await seedSubsidyClaims(db, { providerIds });
  log(`demo subsidy claims: ${claims.claims} made, batch ${claims.batch ?? "none"} paid (${((Date.now() - claimsFrom) / 1000).toFixed(1)} s)`);

  log(
    `demo data: ${WORKERS} workers, ${EMPLOYERS.length} employers, ${postingIds.length} postings, ` +
      `${orderIds.length} training orders, ${plans.length} county plans`,
  );
  // The sign-in page mentions the demo accounts only where they exist (see demoAccountsSeeded).
  await db.setting.upsert({
    where: { key: DEMO_SEEDED_SETTING },
    create: { key: DEMO_SEEDED_SETTING, value: { at: now.toISOString() } },
    update: { value: { at: now.toISOString() } },
  });
  return logins;
}

export function formatDemoLogins(logins: DemoLogin[]): string {
  const width = Math.max(...logins.map((l) => l.username.length));
  return [
    "Demo sign-ins (password for all: " + DEMO_PASSWORD + ")  演示账号（密码均为 " + DEMO_PASSWORD + "）",
    ...logins.map((l) => `  ${l.role.padEnd(15)} ${l.username.padEnd(width)}  ${l.note}`),
  ].join("\n");
}
