// Employers: public sign-up, verification by coordinators, the employer's own home, and the
// coordinators' list and record. Every change bumps `version`, writes an outbox row and an audit
// row in the same transaction; a decision that lost a race to another one changes nothing.
import { chinaToday } from "~/platform/china-time";
import { conflict, invalid, refused, type Outcome, type Problem } from "~/platform/outcome";
import { columnsOf } from "~/platform/input-columns";
import type { Principal } from "~/domain/access";
import type { EmployerCommitments } from "~/domain/commitments";
import {
  applyEmployerDecision,
  availableDecisions,
  canDecideEmployer,
  canEditDrafts,
  decisionNeedsReason,
  isEmployerStaff,
  isProvinceStaff,
  type EmployerDecision,
  type EmployerStatus,
} from "~/domain/employer";
import { maskPhone } from "~/domain/mask";
import { regionPrefix } from "~/domain/regions";
import type { Prisma } from "~/generated/prisma/client";
import type { EmployerProfile, EmployerSignup } from "./schema";
import { audit, auditIndexedChange } from "~/services/audit.server";
import { createRateLimiter, hashPassword, limiterKey, requireEmployer } from "~/services/auth.server";
import { invariantResponse } from "~/services/http.server";
import { commitmentsFor } from "./commitments.server";
import { getDb, isUniqueViolation, type Db } from "~/services/db.server";
import { writeOutbox } from "~/services/outbox.server";
import { encryptPii } from "~/services/pii.server";
import { registrationOptions, type OccupationGroup, type RegionGroup } from "~/features/registration/index.server";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

type Tx = Prisma.TransactionClient;

/** The employer a signed-in employer user (or an employer token) acts for, with its status. */
export async function ownEmployer(p: Principal, db: Db | Tx = getDb()) {
  if (!p.employerId) return null;
  return db.employer.findUnique({ where: { id: p.employerId }, select: { id: true, name: true, status: true, districtCode: true, version: true } });
}

/** The signed-in employer user and their employer (a 403 when the account has none), for the pages that create. */
export async function requireOwnEmployer(request: Request, context: unknown) {
  const { principal } = await requireEmployer(request, context);
  const employer = await ownEmployer(principal);
  invariantResponse(employer, "No employer", { status: 403 });
  return { principal, employer };
}

/** The caller's own employer when its account may write (draft postings and training orders), else the refusal to answer with. */
export async function writingEmployer(p: Principal, db: Db | Tx = getDb()) {
  const employer = await ownEmployer(p, db);
  if (!employer) return refused("emp.refusal.noEmployer");
  if (!canEditDrafts(employer.status)) return refused("emp.refusal.accountCannotWrite");
  return { ok: true as const, employer };
}

async function checkDistrict(code: string, db: Db): Promise<Problem[]> {
  const region = await db.region.findUnique({ where: { code }, select: { level: true } });
  return region?.level === "COUNTY" ? [] : [{ field: "districtCode", message: "emp.signup.districtRequired" }];
}

function profileData(input: EmployerProfile) {
  return {
    ...columnsOf(input, ["name", "creditCode", "districtCode", "industry", "address", "contactName"]),
    contactPhoneCipher: encryptPii(input.contactPhone),
    contactPhoneMasked: maskPhone(input.contactPhone),
  };
}

// ───────────── sign-up ─────────────

/** A handful of sign-ups per address and hour: enough for an office behind one NAT, too few for a script. */
const g = globalThis as { __lbEmployerSignupLimiter?: RateLimiterAbstract; __lbUsernameProbeLimiter?: RateLimiterAbstract };
/**
 * "That username is taken" answers per address and day. A sign-up has to tell a person their
 * chosen name is taken (there is no e-mail step to hide it behind), so, as OWASP's authentication
 * guidance allows, the answer is rate-limited and audited instead: it is given only for an
 * otherwise complete, valid sign-up, each one is audited against the existing account, and an
 * address that has had five such answers cannot sign up at all for a day (so it cannot tell
 * taken names from free ones either).
 */
export const USERNAME_TAKEN_ANSWERS_PER_DAY = 5;
const usernameProbeLimiter = () =>
  (g.__lbUsernameProbeLimiter ??= createRateLimiter("employer_signup_taken", {
    points: USERNAME_TAKEN_ANSWERS_PER_DAY,
    durationSeconds: 86400,
    blockSeconds: 86400,
  }));
const ipKey = (ip: string) => limiterKey(`ip:${ip}`);

export async function signupRateLimited(ip: string): Promise<number | null> {
  g.__lbEmployerSignupLimiter ??= createRateLimiter("employer_signup_ip", { points: 10, durationSeconds: 3600 });
  const probes = await usernameProbeLimiter().get(ipKey(ip));
  if (probes && probes.consumedPoints >= USERNAME_TAKEN_ANSWERS_PER_DAY) return Math.max(1, Math.ceil(probes.msBeforeNext / 1000));
  try {
    await g.__lbEmployerSignupLimiter.consume(ipKey(ip));
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}

/**
 * Creates a PENDING employer and its first account together (both or neither). A credit code is
 * one organisation: a second sign-up with it is refused with a pointer to sign in. Whether the
 * username is taken is answered last, only when nothing else is wrong (see above).
 */
export async function signupEmployer(input: EmployerSignup, ip: string | null, db: Db = getDb()): Promise<Outcome<{ employerId: string; userId: string }>> {
  const problems = await checkDistrict(input.districtCode, db);
  if (await db.employer.findUnique({ where: { creditCode: input.creditCode }, select: { id: true } }))
    problems.push({ field: "creditCode", message: "emp.signup.creditCodeTaken" });
  if (problems.length) return { ok: false, kind: "invalid", problems };
  const holder = await db.user.findUnique({ where: { username: input.username }, select: { id: true } });
  if (holder) {
    await usernameProbeLimiter().penalty(ipKey(ip ?? "unknown"), 1);
    // A notice against the existing account: its username was tried in a sign-up, from where.
    await audit(
      { actor: null, action: "employer.signup.usernameTaken", entityType: "User", entityId: holder.id, detail: { creditCode: input.creditCode }, ip },
      db,
    );
    return invalid("username", "admin.usernameTaken");
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const employer = await tx.employer.create({ data: profileData(input) });
      const user = await tx.user.create({
        data: {
          username: input.username,
          displayName: `${input.name} ${input.contactName}`.slice(0, 60),
          passwordHash,
          employerId: employer.id,
          roles: { create: { role: "EMPLOYER" } },
        },
      });
      await auditIndexedChange(
        tx,
        { type: "employer", id: employer.id, version: employer.version, regionCode: input.districtCode },
        {
          actor: { kind: "user", id: user.id, grants: [], employerId: employer.id },
          action: "employer.signup",
          detail: { creditCode: input.creditCode },
          ip,
        },
      );
      return { ok: true as const, employerId: employer.id, userId: user.id };
    });
  } catch (error) {
    // Lost a race with a simultaneous sign-up: the unique index decided.
    if (isUniqueViolation(error)) return invalid("creditCode", "emp.signup.creditCodeTaken");
    throw error;
  }
}

/** An employer record entered by staff (API): PENDING like a sign-up, no account. */
export async function createEmployer(p: Principal, input: EmployerProfile, ip: string | null, db: Db = getDb()): Promise<Outcome<{ employerId: string }>> {
  if (!canDecideEmployer(p, input.districtCode)) return invalid("districtCode", "emp.outOfScope");
  const problems = await checkDistrict(input.districtCode, db);
  if (problems.length) return { ok: false, kind: "invalid", problems };
  try {
    return await db.$transaction(async (tx) => {
      const employer = await tx.employer.create({ data: profileData(input) });
      await auditIndexedChange(
        tx,
        { type: "employer", id: employer.id, version: employer.version, regionCode: input.districtCode },
        { actor: p, action: "employer.create", ip },
      );
      return { ok: true as const, employerId: employer.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return invalid("creditCode", "emp.signup.creditCodeTaken");
    throw error;
  }
}

// ───────────── verification ─────────────

/**
 * Verify, reject (reason), suspend (reason) or reinstate. Suspending also closes the employer's
 * open postings, so a suspended account stops recruiting at once; reinstating does not reopen them.
 * Null when the employer is absent or outside the coordinator's scope (the same answer).
 */
export async function decideEmployer(
  p: Principal,
  employerId: string,
  decision: EmployerDecision,
  reason: string | undefined,
  ip: string | null,
  db: Db = getDb(),
): Promise<Outcome<{ status: EmployerStatus }> | null> {
  const employer = await db.employer.findUnique({ where: { id: employerId }, select: { id: true, status: true, districtCode: true } });
  if (!employer || !canDecideEmployer(p, employer.districtCode)) return null;
  const to = applyEmployerDecision(employer.status, decision);
  if (!to) return refused("emp.refusal.notAllowed");
  if (decisionNeedsReason(decision) && !reason?.trim()) return invalid("reason", "emp.reasonRequired");
  const verifying = decision === "verify" || decision === "reinstate";
  return db.$transaction(async (tx) => {
    const changed = await tx.employer.updateMany({
      where: { id: employer.id, status: employer.status },
      data: {
        status: to,
        statusReason: verifying ? null : reason!.trim(),
        version: { increment: 1 },
        ...(verifying && p.kind === "user" ? { verifiedById: p.id, verifiedAt: new Date() } : verifying ? { verifiedAt: new Date() } : {}),
      },
    });
    if (changed.count === 0) return conflict;
    const { version } = await tx.employer.findUniqueOrThrow({ where: { id: employer.id }, select: { version: true } });
    await auditIndexedChange(
      tx,
      { type: "employer", id: employer.id, version, regionCode: employer.districtCode },
      { actor: p, action: `employer.${decision}`, detail: { from: employer.status, to, ...(reason ? { reason } : {}) }, ip },
    );
    if (decision === "suspend") {
      const open = await tx.jobPosting.findMany({ where: { employerId: employer.id, status: "OPEN" }, select: { id: true, version: true } });
      for (const posting of open) {
        await tx.jobPosting.update({ where: { id: posting.id }, data: { status: "CLOSED", version: { increment: 1 } } });
        await writeOutbox(tx, { topic: "search-index", entityType: "posting", entityId: posting.id, entityVersion: posting.version + 1 });
      }
    }
    return { ok: true as const, status: to };
  });
}

// ───────────── reading ─────────────

/**
 * The employers a coordinator looks after: province staff and admins all of them; others those
 * located in their region, and those with a training order there (whose commitments concern them).
 */
export function employerScopeWhere(p: Principal): Prisma.EmployerWhereInput {
  if (isProvinceStaff(p)) return {};
  if (!isEmployerStaff(p)) return { id: "__none__" };
  const roots = p.grants.filter((g) => g.role === "COORDINATOR" && g.regionCode).map((g) => regionPrefix(g.regionCode!));
  if (roots.length === 0) return { id: "__none__" };
  return {
    OR: roots.flatMap((prefix) => [
      { districtCode: { startsWith: prefix } },
      { trainingOrders: { some: { OR: [{ locationRegionCode: { startsWith: prefix } }, { provider: { regionCode: { startsWith: prefix } } }] } } },
    ]),
  };
}

export type EmployerListFilter = { status?: EmployerStatus; q?: string };

export async function listEmployersForStaff(p: Principal, filter: EmployerListFilter = {}, db: Db = getDb()) {
  const where: Prisma.EmployerWhereInput = {
    AND: [
      employerScopeWhere(p),
      filter.status ? { status: filter.status } : {},
      filter.q ? { OR: [{ name: { contains: filter.q } }, { creditCode: { startsWith: filter.q.toUpperCase() } }] } : {},
    ],
  };
  const [rows, counts] = await Promise.all([
    db.employer.findMany({
      where,
      orderBy: [{ status: "asc" }, { createdAt: "desc" }],
      take: 200,
      select: { id: true, name: true, creditCode: true, status: true, industry: true, createdAt: true, district: { select: { name: true, nameEn: true } } },
    }),
    db.employer.groupBy({ by: ["status"], where: employerScopeWhere(p), _count: { _all: true } }),
  ]);
  const commitments = await commitmentsFor(
    rows.map((r) => r.id),
    chinaToday(),
    db,
  );
  return {
    rows: rows.map((r) => ({ ...r, commitments: summary(commitments.get(r.id)) })),
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<EmployerStatus, number>>,
  };
}

const summary = (c: EmployerCommitments | undefined) =>
  c
    ? {
        committedHires: c.committedHires,
        hires: c.hires,
        pendingHires: c.pendingHires,
        retentionRate: c.retentionRate,
        kept: c.kept,
        broken: c.broken,
        open: c.open,
      }
    : null;

/** One employer's record for a coordinator: details (phone masked), postings, orders, commitments, the decisions open to them. */
export async function employerForStaff(p: Principal, employerId: string, db: Db = getDb()) {
  const employer = await db.employer.findFirst({
    where: { AND: [{ id: employerId }, employerScopeWhere(p)] },
    select: {
      id: true,
      name: true,
      creditCode: true,
      status: true,
      statusReason: true,
      industry: true,
      address: true,
      contactName: true,
      contactPhoneMasked: true,
      districtCode: true,
      verifiedAt: true,
      createdAt: true,
      district: { select: { name: true, nameEn: true } },
      postings: { orderBy: { createdAt: "desc" }, take: 50, select: { id: true, title: true, status: true, headcount: true, wageMin: true, wageMax: true } },
      trainingOrders: {
        orderBy: { createdAt: "desc" },
        take: 50,
        select: { id: true, title: true, kind: true, status: true, classSize: true, commitHires: true, commitWage: true, retentionMonths: true },
      },
    },
  });
  if (!employer) return null;
  const [commitments, history] = await Promise.all([
    commitmentsFor([employer.id], chinaToday(), db),
    db.auditLog.findMany({
      where: { entityType: "Employer", entityId: employer.id, action: { startsWith: "employer." } },
      orderBy: { at: "desc" },
      take: 20,
      select: { id: true, at: true, action: true, detail: true },
    }),
  ]);
  return {
    employer,
    commitments: commitments.get(employer.id) ?? null,
    decisions: canDecideEmployer(p, employer.districtCode) ? availableDecisions(employer.status) : [],
    history: history.map((h) => ({ id: String(h.id), at: h.at, action: h.action, reason: (h.detail as { reason?: string } | null)?.reason ?? null })),
  };
}

/** The employer's own home: status (and why), postings with candidate counts, orders, commitments. */
export async function employerHome(p: Principal, db: Db = getDb()) {
  if (!p.employerId) return { employer: null, postings: [], orders: [], commitments: null };
  const [employer, postings, orders, commitments] = await Promise.all([
    db.employer.findUnique({ where: { id: p.employerId }, select: { id: true, name: true, status: true, statusReason: true, contactPhoneMasked: true } }),
    db.jobPosting.findMany({
      where: { employerId: p.employerId },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, title: true, headcount: true, wageMin: true, wageMax: true, status: true, deadline: true, _count: { select: { matches: true } } },
    }),
    db.trainingOrder.findMany({
      where: { employerId: p.employerId },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, title: true, kind: true, classSize: true, status: true, commitHires: true, _count: { select: { matches: true } } },
    }),
    commitmentsFor([p.employerId], chinaToday(), db),
  ]);
  return { employer, postings, orders, commitments: commitments.get(p.employerId) ?? null };
}

/** API resource reads: staff by scope, an employer its own record only. */
/** Staff read by scope; an employer (user or token) its own record only. */
function employerReadScope(p: Principal): Prisma.EmployerWhereInput {
  return p.employerId && !isEmployerStaff(p) ? { id: p.employerId } : employerScopeWhere(p);
}

export async function employerForApi(p: Principal, employerId: string, db: Db = getDb()) {
  return db.employer.findFirst({ where: { AND: [{ id: employerId }, employerReadScope(p)] }, select: employerResourceSelect });
}

export async function listEmployersForApi(p: Principal, q: { status?: EmployerStatus; page: number; pageSize: number }, db: Db = getDb()) {
  const where = { AND: [employerReadScope(p), q.status ? { status: q.status } : {}] };
  const [total, items] = await Promise.all([
    db.employer.count({ where }),
    db.employer.findMany({ where, orderBy: { createdAt: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize, select: employerResourceSelect }),
  ]);
  return { total, items };
}

export const employerResourceSelect = {
  id: true,
  name: true,
  creditCode: true,
  districtCode: true,
  industry: true,
  address: true,
  contactName: true,
  contactPhoneMasked: true,
  status: true,
  statusReason: true,
  verifiedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.EmployerSelect;

/**
 * What the employer forms offer: places (Beijing and Tianjin districts by city, Hebei counties by
 * prefecture) and the occupation taxonomy by category; with `providers`, also the training
 * providers (only a training order names one, so the other forms do not pay for the query).
 */
export async function employerFormOptions(
  { providers: withProviders = false }: { providers?: boolean } = {},
  db: Db = getDb(),
): Promise<{ places: RegionGroup[]; occupations: OccupationGroup[]; providers: { id: string; name: string; regionCode: string }[] }> {
  const [options, providers] = await Promise.all([
    registrationOptions(null, db),
    withProviders ? db.trainingProvider.findMany({ select: { id: true, name: true, regionCode: true }, orderBy: { name: "asc" } }) : [],
  ]);
  return { places: [...options.destinations, ...options.counties], occupations: options.occupations, providers };
}
