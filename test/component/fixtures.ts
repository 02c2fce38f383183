// Data for the component tests, built from the project's own sources so it cannot drift quietly:
// the registration form's lists from the reference files the database is seeded from
// (prisma/reference), shaped by the route's type; class pages typed with the loader's type.
import type { SerializeFrom } from "@remix-run/node";
import { orderCommitment } from "~/domain/commitments";
import { completionRate, decideCompletion, finishCheck } from "~/domain/training-class";
import type { classPageData } from "~/features/training/index.server";
import type { RegionGroup, RegionOption, RegistrationOptions } from "~/features/registration/index.server";
import occupationsFile from "../../prisma/reference/occupations.json";
import regionsFile from "../../prisma/reference/regions.json";
import townshipsFile from "../../prisma/reference/townships-13.json";

type RegionRow = { code: string; name: string; nameEn: string | null };
type TownshipRow = { code: string; name: string; countyCode: string };
type OccupationRow = { code: string; nameZh: string; nameEn: string; category: string };

const regions: RegionRow[] = regionsFile.regions;
const townships: TownshipRow[] = townshipsFile.townships;
const occupations: OccupationRow[] = occupationsFile.occupations;

const region = (code: string): RegionOption => {
  const r = regions.find((x) => x.code === code);
  if (!r) throw new Error(`no region ${code} in prisma/reference/regions.json`);
  return { code: r.code, name: r.name, nameEn: r.nameEn };
};
const group = (parent: string, children: string[]): RegionGroup => ({ ...region(parent), children: children.map(region) });

/**
 * What registrationOptions() answers, for a few places: 保定市's 阜平县 and 唐县 as household
 * counties, Beijing and Tianjin districts as destinations, the domestic and textile trades.
 */
export function registrationOptionsFixture(): RegistrationOptions {
  return {
    counties: [group("130600", ["130624", "130627"])],
    destinations: [group("110000", ["110101", "110105"]), group("120000", ["120101"])],
    occupations: ["domestic", "textile"].map((category) => ({
      category,
      occupations: occupations.filter((o) => o.category === category).map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
    })),
  };
}

/** What /register/regions answers for a county (townshipsOf). */
export function townshipsFixture(countyCode: string): RegionOption[] {
  return townships.filter((t) => t.countyCode === countyCode).map((t) => ({ code: t.code, name: t.name, nameEn: null }));
}

// ───────────── the class page ─────────────

/** What the class page's loader answers (classPageData), as the component receives it. */
export type ClassPageData = SerializeFrom<typeof classPageData>;

export const CLASS_ID = "7b0d3c1e-8f1a-4c55-9a52-0c7f3e1d2a01";
export const ORDER_ID = "5d6a9e2b-1c3f-4e7a-8b9d-2f4c6e8a0b12";
export const SEATED_ID = "e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a51";
export const WAITING_ID = "e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a52";
export const SESSIONS = ["c0ffee00-0000-4000-8000-000000000001", "c0ffee00-0000-4000-8000-000000000002"];
/** China's calendar day the page is drawn on (the class runs 12-01 to 12-20: too early to finish). */
export const TODAY = "2026-12-07";

/**
 * A running order-based class of 阜平县 for 家政服务员, as classDetail() + classPageData() build it:
 * one trainee seated (one of two sessions marked, present), one waiting, one accepted candidate
 * still to enrol. The derived parts come from the same domain functions the service calls
 * (decideCompletion, finishCheck, orderCommitment, completionRate); `can` is what canRunClass /
 * isClassCoordinator answer for the viewer: a county coordinator runs and enrols, the provider's
 * staff run the class only.
 */
export function classPageFixture(viewer: "coordinator" | "provider"): ClassPageData {
  const cls = {
    id: CLASS_ID,
    trainingOrderId: ORDER_ID,
    providerId: "provider-1",
    occupationCode: "domestic-helper",
    kind: "ORDER_BASED" as const,
    regionCode: "130624",
    name: "家政订单班（十二月）",
    capacity: 1,
    startDate: "2026-12-01",
    endDate: "2026-12-20",
    location: "阜平县职教中心",
    trainers: ["王老师", "李老师"],
    attendanceThreshold: 80,
    assessmentRequired: true,
    status: "RUNNING" as const,
    createdById: null,
    version: 3,
    createdAt: new Date("2026-11-20T02:00:00.000Z"),
    updatedAt: new Date("2026-12-01T02:00:00.000Z"),
  };
  const occupation = occupations.find((o) => o.code === cls.occupationCode)!;
  const sessions = [
    { id: SESSIONS[0], day: "2026-12-06", startsAt: "2026-12-06T01:00:00.000Z", endsAt: "2026-12-06T09:00:00.000Z", topic: "安全常识", marked: true },
    { id: SESSIONS[1], day: TODAY, startsAt: "2026-12-07T01:00:00.000Z", endsAt: "2026-12-07T09:00:00.000Z", topic: null, marked: false },
  ].map((s) => ({ ...s, isToday: s.day === TODAY }));
  const seatedDecision = decideCompletion(cls, { sessions: sessions.length, marks: ["PRESENT"], assessmentPassed: null });
  const county = { name: "阜平县", nameEn: "Fuping County" };
  const enrollments = [
    {
      id: SEATED_ID,
      status: "ENROLLED" as const,
      enrolledAt: "2026-11-28T03:00:00.000Z",
      fromMatch: true,
      dropReason: null,
      hasDropNote: false,
      worker: { id: "w-1", name: "刘春燕", idNumberMasked: "130624********5178", phoneMasked: "139****4444", county },
      assessment: null,
      present: 1,
      marked: 1,
      attendancePct: seatedDecision.attendancePct,
      wouldBe: seatedDecision.outcome,
    },
    {
      id: WAITING_ID,
      status: "WAITLISTED" as const,
      enrolledAt: "2026-11-29T03:00:00.000Z",
      fromMatch: false,
      dropReason: null,
      hasDropNote: false,
      worker: { id: "w-2", name: "赵大勇", idNumberMasked: "130627********3011", phoneMasked: null, county: { name: "唐县", nameEn: "Tang County" } },
      assessment: null,
      present: 0,
      marked: 0,
      attendancePct: null,
      wouldBe: null,
    },
  ];
  const order = { id: ORDER_ID, status: "APPROVED" as const, commitHires: 2, commitWage: 5000, retentionMonths: 6 };
  const commitment = orderCommitment(
    order,
    [{ orderId: ORDER_ID, startDate: "2026-11-01", endDate: null, monthlyWage: 5200, verification: "VERIFIED", followUps: [] }],
    TODAY,
  );
  const counts = { completed: 0, failed: 0, dropped: 0, enrolled: 1, waitlisted: 1 };
  const coordinator = viewer === "coordinator";
  return {
    cls: {
      ...cls,
      occupation: { code: occupation.code, nameZh: occupation.nameZh, nameEn: occupation.nameEn },
      provider: { id: cls.providerId, name: "阜平县职业技能培训学校" },
      region: { code: "130624", name: "阜平县", nameEn: "Fuping County" },
      trainingOrder: {
        id: ORDER_ID,
        title: "北京家政服务员订单",
        status: order.status,
        employer: "北京安心家政服务有限公司",
        commitHires: order.commitHires,
        commitWage: order.commitWage,
      },
    },
    sessions,
    sessionCount: sessions.length,
    enrollments,
    accepted: coordinator ? [{ id: "m-1", score: 82, name: "孙桂兰", idNumberMasked: "130624********2024", county }] : [],
    commitment,
    hiredMatches: 1,
    finish: finishCheck({ endDate: cls.endDate, today: TODAY, unmarkedSessions: 1, missingAssessments: 1, assessmentRequired: cls.assessmentRequired }),
    can: { coordinator, run: true },
    q: "",
    found: [],
    rate: { key: CLASS_ID, label: cls.name, labelEn: cls.name, ...counts, classes: 1, rate: completionRate(counts) },
  };
}
