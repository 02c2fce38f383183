// Test factory: a worker with encrypted ID and phone, as the registration service will write it.
import { maskPhone } from "~/domain/mask";
import type { TransferType } from "~/domain/placement";
import type { Prisma } from "~/generated/prisma/client";
import { makeResidentId } from "~/domain/resident-id";
import { addDays, chinaToday, dayDate } from "~/platform/china-time";
import type { PlacementInput } from "~/features/placements/index";
import { createPlacement } from "~/features/placements/index.server";
import { getDb } from "~/services/db.server";
import { encryptPii } from "~/services/pii.server";
import { storedIdentity } from "~/services/pii.server";
import { expectOk } from "./expect-ok";

let seq = 0;

export async function makeWorker(countyCode: string, overrides: { fullName?: string; idNumber?: string } = {}) {
  seq++;
  const idNumber = overrides.idNumber ?? makeResidentId(countyCode, "1990-05-17", (seq * 7) % 1000);
  const phone = `1380000${String(1000 + seq).slice(-4)}`;
  return getDb().worker.create({
    data: {
      fullName: overrides.fullName ?? `测试${seq}`,
      ...storedIdentity(idNumber, phone),
      sex: "MALE",
      birthDate: new Date("1990-05-17T00:00:00Z"),
      countyCode,
    },
  });
}

// ───────────── employers (issue 4) ─────────────
// Users come with their Principal (for service calls) and a session cookie (for route calls).

import type { Principal, Role } from "~/domain/access";
import { makeCreditCode } from "~/domain/credit-code";
import { createApiToken } from "~/services/api-tokens.server";
import { createSessionCookie } from "~/services/auth.server";

const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** A valid GB 32100 code, different on every call. */
export function nextCreditCode(district = "110105"): string {
  seq++;
  const body = Array.from(String(seq).padStart(7, "0"), (d) => CREDIT_ALPHABET[Number(d) + 10]).join("");
  return makeCreditCode("91", district, `MA${body}`);
}

/** What a valid employer sign-up form sends (a fresh credit code and username each call), with `over` on top. */
export const employerSignupFields = (over: Record<string, string> = {}) => ({
  name: "北京测试物流有限公司",
  creditCode: nextCreditCode("110105"),
  districtCode: "110105",
  industry: "logistics",
  contactName: "王经理",
  contactPhone: "139 1234 5678",
  username: `emp${Math.random().toString(36).slice(2, 9)}`,
  password: "long-enough-pw",
  passwordConfirm: "long-enough-pw",
  declaration: "on",
  ...over,
});

export type TestUser = { userId: string; principal: Principal; cookie: () => Promise<string> };

async function userWith(
  role: Role,
  data: { regionCode?: string | null; employerId?: string | null; workerId?: string | null; providerId?: string | null },
): Promise<TestUser> {
  seq++;
  const user = await getDb().user.create({
    data: {
      username: `${role.toLowerCase()}-${seq}-${Math.random().toString(36).slice(2, 7)}`,
      displayName: `${role} ${seq}`,
      passwordHash: "x",
      employerId: data.employerId ?? null,
      workerId: data.workerId ?? null,
      providerId: data.providerId ?? null,
      roles: { create: { role, regionCode: data.regionCode ?? null } },
    },
  });
  return {
    userId: user.id,
    principal: {
      kind: "user",
      id: user.id,
      grants: [{ role, regionCode: data.regionCode ?? null }],
      employerId: data.employerId ?? null,
      workerId: data.workerId ?? null,
      ...(data.providerId ? { providerId: data.providerId } : {}),
    },
    cookie: async () => (await createSessionCookie(user.id)).split(";")[0],
  };
}

export const makeCoordinator = (regionCode: string) => userWith("COORDINATOR", { regionCode });
export const makeAdmin = () => userWith("ADMIN", {});
export const makeSeekerUser = (workerId: string) => userWith("JOB_SEEKER", { workerId });
/** A training provider's staff member (their classes only; no health facts about trainees). */
export const makeProviderStaff = (providerId: string, regionCode = "130624") => userWith("PROVIDER_STAFF", { regionCode, providerId });

/** The secret of a fresh /api/v1 token of a coordinator of `regionCode`. */
export const makeCoordinatorToken = async (regionCode: string) => (await createApiToken({ name: "c", role: "COORDINATOR", regionCode })).token;

/** An employer (VERIFIED unless told otherwise) with one employer user. */
export async function makeEmployer(overrides: { status?: "PENDING" | "VERIFIED" | "REJECTED" | "SUSPENDED"; districtCode?: string; name?: string } = {}) {
  seq++;
  const districtCode = overrides.districtCode ?? "110105";
  const employer = await getDb().employer.create({
    data: {
      name: overrides.name ?? `测试用人单位${seq}`,
      creditCode: nextCreditCode(districtCode),
      districtCode,
      industry: "domestic-services",
      contactName: "张经理",
      contactPhoneCipher: encryptPii("13911112222"),
      contactPhoneMasked: maskPhone("13911112222"),
      status: overrides.status ?? "VERIFIED",
    },
  });
  return { employer, user: await userWith("EMPLOYER", { employerId: employer.id }) };
}

export async function makePosting(
  employerId: string,
  overrides: Partial<{
    status: "DRAFT" | "OPEN" | "FILLED" | "CLOSED" | "EXPIRED";
    headcount: number;
    deadline: Date | null;
    occupationCode: string;
    title: string;
  }> = {},
) {
  return getDb().jobPosting.create({
    data: {
      employerId,
      occupationCode: overrides.occupationCode ?? "domestic-helper",
      title: overrides.title ?? "招聘住家保姆",
      headcount: overrides.headcount ?? 2,
      wageMin: 6000,
      wageMax: 8000,
      workRegionCode: "110105",
      status: overrides.status ?? "OPEN",
      deadline: overrides.deadline ?? null,
    },
  });
}

/** What matching will write: a scored match with its reasons. */
export async function makeMatch(
  workerId: string,
  target: { postingId?: string; trainingOrderId?: string },
  status: "PROPOSED" | "SHORTLISTED" | "INVITED" | "ACCEPTED" = "PROPOSED",
) {
  return getDb().match.create({
    data: {
      workerId,
      ...target,
      score: 82,
      status,
      factors: [{ factor: "skill", weight: 0.6, value: 4, contribution: 80, note: "住家保姆 4级" }],
      explanationZh: "有住家保姆技能（4级），期望月薪在范围内。",
    },
  });
}

// ───────────── training ─────────────

/** A training provider (a school) in `regionCode`. */
export async function makeProvider(regionCode: string, overrides: { name?: string } = {}) {
  seq++;
  return getDb().trainingProvider.create({ data: { name: overrides.name ?? `测试培训学校${seq}`, regionCode } });
}

type ClassFields = Omit<Prisma.TrainingClassUncheckedCreateInput, "providerId" | "startDate" | "endDate">;

/**
 * A class of `provider` in the provider's county from `start` to `end` (calendar days, YYYY-MM-DD):
 * post-based domestic helper, 30 places, PLANNED, unless the other fields say otherwise.
 */
export async function makeClass(provider: { id: string; regionCode: string }, fields: { start: string; end: string } & Partial<ClassFields>) {
  const { start, end, ...overrides } = fields;
  seq++;
  return getDb().trainingClass.create({
    data: {
      providerId: provider.id,
      occupationCode: "domestic-helper",
      kind: "POST_BASED",
      regionCode: provider.regionCode,
      name: `测试班${seq}`,
      capacity: 30,
      startDate: dayDate(start),
      endDate: dayDate(end),
      ...overrides,
    },
  });
}

/** The Beijing calendar day (YYYY-MM-DD) `offset` days from today: the app's "today", whatever the hour in UTC. */
export const dayFromToday = (offset: number) => addDays(chinaToday(), offset);

// ───────────── matching ─────────────

/**
 * An approved post-based domestic-helper training order in 阜平 (20 places, 60 hours) with the hiring
 * commitment such an order needs (a post for every place, at 5,000 a month), unless `overrides` say
 * otherwise: its own values pass the employer's order form (test/integration/employer-draft-pages.test.ts).
 */
export async function makeTrainingOrder(employerId: string, overrides: Partial<Omit<Prisma.TrainingOrderUncheckedCreateInput, "employerId">> = {}) {
  const classSize = overrides.classSize ?? 20;
  return getDb().trainingOrder.create({
    data: {
      employerId,
      kind: "POST_BASED",
      occupationCode: "domestic-helper",
      title: "家政培训",
      classSize,
      trainingHours: 60,
      locationRegionCode: "130624",
      commitHires: classSize,
      commitWage: 5000,
      status: "APPROVED",
      ...overrides,
    },
  });
}

/**
 * A person matching can propose: one skill (domestic helper, level 3, two years, unless told) and
 * the wish to work in that occupation in Beijing or Tianjin for at least 5,000 a month.
 */
export async function makeFittingWorker(
  countyCode: string,
  opts: {
    level?: number | null;
    yearsExperience?: number;
    minWage?: number;
    occupation?: string;
    willingToTrain?: boolean;
    kinds?: TransferType[];
    regions?: string[];
    /** A calendar day (YYYY-MM-DD). */
    availableFrom?: string;
  } = {},
) {
  const w = await makeWorker(countyCode);
  const occupation = opts.occupation ?? "domestic-helper";
  await getDb().workerSkill.create({
    data: { workerId: w.id, occupationCode: occupation, level: opts.level === undefined ? 3 : opts.level, yearsExperience: opts.yearsExperience ?? 2 },
  });
  await getDb().workerPreference.create({
    data: {
      workerId: w.id,
      destinationKinds: opts.kinds ?? ["BEIJING_TIANJIN"],
      destinationRegionCodes: opts.regions ?? [],
      occupationCodes: [occupation],
      minMonthlyWage: opts.minWage ?? 5000,
      willingToTrain: opts.willingToTrain ?? false,
      availableFrom: opts.availableFrom ? new Date(`${opts.availableFrom}T00:00:00Z`) : null,
    },
  });
  return w;
}

/** No workers, matches or near-misses, and no open target: a ranking then holds only the test's own people. */
export async function clearMatchingState() {
  await getDb().match.deleteMany({});
  await getDb().matchNearMiss.deleteMany({});
  await getDb().worker.deleteMany({});
  await getDb().jobPosting.updateMany({ where: { status: "OPEN" }, data: { status: "CLOSED" } });
  await getDb().trainingOrder.updateMany({ where: { status: { in: ["APPROVED", "IN_PROGRESS"] } }, data: { status: "CANCELLED" } });
}

/**
 * A placement recorded by `by` (a coordinator) for a new worker of `countyCode` at a new employer,
 * working in Beijing's 朝阳区 since 45 days ago at 6,000 a month unless `fields` say otherwise.
 */
export async function makePlacement(by: Principal, countyCode = "130624", fields: Partial<PlacementInput> = {}) {
  const { employer, user: employerUser } = await makeEmployer();
  const worker = await makeWorker(countyCode);
  const input = { workerId: worker.id, employerId: employer.id, startDate: dayFromToday(-45), monthlyWage: 6000, workRegionCode: "110105", homeBased: false };
  const { placementId } = expectOk(await createPlacement(by, { ...input, ...fields }, { ip: null }));
  return { placementId, worker, employer, employerUser };
}
