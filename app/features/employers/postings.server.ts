// Job postings: written by their employer (form, bulk upload, API), expired by the scheduled job.
// Every change bumps `version` and writes an outbox row (the search index follows) and an audit
// row, in one transaction. Edits carry the version they were made from: a posting changed in the
// meantime is not overwritten. Editing an open posting keeps what it said before as a revision.
import { calendarDayOrNull as isoDay, chinaToday, dayDate } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { isAdmin, hasRole } from "~/domain/access";
import { canEditDrafts } from "~/domain/employer";
import { postingEdit, postingTransition, readRequirements, type PostingAction, type PostingStatus } from "~/domain/posting";
import type { Prisma } from "~/generated/prisma/client";
import type { PostingInput } from "./schema";
import { auditIndexedChange } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { conflict, invalid, refused, type Outcome, type Problem } from "~/platform/outcome";
import { ownEmployer, writingEmployer } from "./employer.server";
import { columnsOf } from "~/platform/input-columns";

type Tx = Prisma.TransactionClient;
const day = (s: string | undefined) => (s ? dayDate(s) : null);

/** Reference checks a schema cannot make: the occupation, the place of work, required skills exist. */
export async function postingReferenceProblems(
  inputs: Pick<PostingInput, "occupationCode" | "workRegionCode" | "skills">[],
  db: Db | Tx = getDb(),
): Promise<Problem[][]> {
  const occupations = new Set(inputs.flatMap((i) => [i.occupationCode, ...i.skills.map((s) => s.occupationCode)]));
  const regions = new Set(inputs.map((i) => i.workRegionCode));
  const [knownOcc, knownRegions] = await Promise.all([
    db.occupation.findMany({ where: { code: { in: [...occupations] } }, select: { code: true } }),
    db.region.findMany({ where: { code: { in: [...regions] }, level: "COUNTY" }, select: { code: true } }),
  ]);
  const occ = new Set(knownOcc.map((o) => o.code));
  const reg = new Set(knownRegions.map((r) => r.code));
  return inputs.map((i) => [
    ...(occ.has(i.occupationCode) ? [] : [{ field: "occupationCode", message: "emp.occupationRequired" }]),
    ...(reg.has(i.workRegionCode) ? [] : [{ field: "workRegionCode", message: "emp.posting.workRegionRequired" }]),
    ...i.skills.flatMap((s, n) => (occ.has(s.occupationCode) ? [] : [{ field: `skills[${n}].occupationCode`, message: "emp.occupationRequired" }])),
  ]);
}

/** The posting's columns that hold their field as it is; its days and requirements are converted (below). */
const POSTING_COLUMNS = [
  "occupationCode",
  "title",
  "description",
  "headcount",
  "wageMin",
  "wageMax",
  "workRegionCode",
  "workAddress",
  "contractMonths",
  "housing",
  "meals",
  "socialInsurance",
  "travelSubsidy",
  "ageMin",
  "ageMax",
] as const;

function postingData(input: PostingInput) {
  return {
    ...columnsOf(input, POSTING_COLUMNS),
    startDate: day(input.startDate),
    requirements: { skills: input.skills.map((s) => ({ occupationCode: s.occupationCode, minLevel: s.minLevel ?? null })), certificates: input.certificates },
    deadline: day(input.deadline),
  };
}

type Ctx = { ip: string | null; source?: "form" | "upload" | "api"; today?: string };

/**
 * A new posting, as a draft, or published at once (`publish`) when the employer is verified and
 * the deadline has not passed. Pending employers may draft; suspended and rejected ones may not write.
 */
export async function createPosting(
  p: Principal,
  input: PostingInput,
  opts: Ctx & { publish?: boolean },
  db: Db = getDb(),
): Promise<Outcome<{ postingId: string; status: PostingStatus }>> {
  const writing = await writingEmployer(p, db);
  if (!writing.ok) return writing;
  const { employer } = writing;
  const [problems] = await postingReferenceProblems([input], db);
  if (problems.length) return { ok: false, kind: "invalid", problems };
  const today = opts.today ?? chinaToday();
  let status: PostingStatus = "DRAFT";
  if (opts.publish) {
    const t = postingTransition({ status: "DRAFT", deadline: input.deadline ?? null }, "publish", { employerStatus: employer.status, today });
    if (!t.ok) return t.reason === "deadlinePassed" ? invalid("deadline", "emp.posting.deadlinePassed") : refused(`emp.refusal.${t.reason}`);
    status = t.to;
  }
  return db.$transaction(async (tx) => {
    const posting = await tx.jobPosting.create({
      data: { ...postingData(input), employerId: employer.id, status, publishedAt: status === "OPEN" ? new Date() : null },
    });
    await auditIndexedChange(
      tx,
      { type: "posting", id: posting.id, version: posting.version, regionCode: input.workRegionCode },
      { actor: p, action: "posting.create", detail: { status, source: opts.source ?? "form" }, ip: opts.ip },
    );
    return { ok: true as const, postingId: posting.id, status };
  });
}

/**
 * A posting's content (not its status or bookkeeping), days as YYYY-MM-DD: what a revision keeps of
 * the posting as it was, and what the API's posting resource shows of it.
 */
export function postingContent(p: Prisma.JobPostingGetPayload<object>) {
  return {
    ...columnsOf(p, POSTING_COLUMNS),
    startDate: isoDay(p.startDate),
    requirements: readRequirements(p.requirements),
    deadline: isoDay(p.deadline),
  };
}

async function loadOwnPosting(p: Principal, postingId: string, db: Db | Tx) {
  if (!p.employerId) return null;
  return db.jobPosting.findFirst({ where: { id: postingId, employerId: p.employerId } });
}

export async function updatePosting(
  p: Principal,
  postingId: string,
  input: PostingInput,
  version: number,
  opts: Ctx,
  db: Db = getDb(),
): Promise<Outcome<{ revision: boolean }> | null> {
  const [employer, posting] = await Promise.all([ownEmployer(p, db), loadOwnPosting(p, postingId, db)]);
  if (!employer || !posting) return null;
  if (!canEditDrafts(employer.status)) return refused("emp.refusal.accountCannotWrite");
  const mode = postingEdit(posting.status);
  if (!mode) return refused("emp.refusal.notEditable");
  if (posting.version !== version) return conflict;
  const [problems] = await postingReferenceProblems([input], db);
  if (problems.length) return { ok: false, kind: "invalid", problems };
  // An open posting must keep a deadline job seekers can still meet.
  if (mode === "withRevision" && input.deadline && input.deadline < (opts.today ?? chinaToday())) return invalid("deadline", "emp.posting.deadlinePassed");
  return db.$transaction(async (tx) => {
    const changed = await tx.jobPosting.updateMany({
      where: { id: posting.id, version, status: posting.status },
      data: { ...postingData(input), version: { increment: 1 } },
    });
    if (changed.count === 0) return conflict;
    if (mode === "withRevision") {
      await tx.jobPostingRevision.create({
        data: {
          postingId: posting.id,
          version: posting.version,
          snapshot: postingContent(posting) satisfies Prisma.InputJsonValue,
          changedById: p.kind === "user" ? p.id : null,
        },
      });
    }
    await auditIndexedChange(
      tx,
      { type: "posting", id: posting.id, version: version + 1, regionCode: input.workRegionCode },
      { actor: p, action: "posting.update", detail: { fromVersion: version, revision: mode === "withRevision" }, ip: opts.ip },
    );
    return { ok: true as const, revision: mode === "withRevision" };
  });
}

/** Publish, fill, close or reopen one's own posting. */
export async function changePostingStatus(
  p: Principal,
  postingId: string,
  action: PostingAction,
  opts: Ctx,
  db: Db = getDb(),
): Promise<Outcome<{ status: PostingStatus }> | null> {
  const [employer, posting] = await Promise.all([ownEmployer(p, db), loadOwnPosting(p, postingId, db)]);
  if (!employer || !posting) return null;
  const t = postingTransition({ status: posting.status, deadline: isoDay(posting.deadline) }, action, {
    employerStatus: employer.status,
    today: opts.today ?? chinaToday(),
  });
  if (!t.ok) return refused(`emp.refusal.${t.reason}`);
  return db.$transaction(async (tx) => {
    const changed = await tx.jobPosting.updateMany({
      where: { id: posting.id, status: posting.status },
      data: { status: t.to, version: { increment: 1 }, ...(action === "publish" ? { publishedAt: new Date() } : {}) },
    });
    if (changed.count === 0) return conflict;
    const { version } = await tx.jobPosting.findUniqueOrThrow({ where: { id: posting.id }, select: { version: true } });
    await auditIndexedChange(
      tx,
      { type: "posting", id: posting.id, version, regionCode: posting.workRegionCode },
      { actor: p, action: `posting.${action}`, detail: { from: posting.status, to: t.to }, ip: opts.ip },
    );
    return { ok: true as const, status: t.to };
  });
}

/**
 * The scheduled job: every open posting whose deadline (the last day to apply, China time) has
 * passed becomes EXPIRED. Each posting in its own short transaction; one that changed meanwhile
 * (closed, filled) is left as it is.
 */
export async function expirePostings(today: string = chinaToday(), db: Db = getDb()): Promise<{ expired: number }> {
  let expired = 0;
  for (;;) {
    const due = await db.jobPosting.findMany({
      where: { status: "OPEN", deadline: { lt: day(today)! } },
      select: { id: true, workRegionCode: true },
      take: 200,
      orderBy: { id: "asc" },
    });
    if (due.length === 0) break;
    for (const posting of due) {
      const done = await db.$transaction(async (tx) => {
        const changed = await tx.jobPosting.updateMany({ where: { id: posting.id, status: "OPEN" }, data: { status: "EXPIRED", version: { increment: 1 } } });
        if (changed.count === 0) return false;
        const { version } = await tx.jobPosting.findUniqueOrThrow({ where: { id: posting.id }, select: { version: true } });
        await auditIndexedChange(
          tx,
          { type: "posting", id: posting.id, version, regionCode: posting.workRegionCode },
          { actor: null, action: "posting.expire", detail: { today } },
        );
        return true;
      });
      if (done) expired++;
    }
    if (due.length < 200) break;
  }
  return { expired };
}

// ───────────── reading ─────────────

export const postingDetailInclude = {
  occupation: { select: { code: true, nameZh: true, nameEn: true } },
  workRegion: { select: { code: true, name: true, nameEn: true } },
  revisions: { orderBy: { version: "desc" }, take: 20, select: { id: true, version: true, snapshot: true, createdAt: true } },
  _count: { select: { matches: true } },
} satisfies Prisma.JobPostingInclude;

/** One's own posting with its revisions; null for anyone else's (the same answer as absent). */
export async function postingForEmployer(p: Principal, postingId: string, db: Db = getDb()) {
  if (!p.employerId) return null;
  const posting = await db.jobPosting.findFirst({ where: { id: postingId, employerId: p.employerId }, include: postingDetailInclude });
  if (!posting) return null;
  const requirements = readRequirements(posting.requirements);
  const [hired, skillOccupations] = await Promise.all([
    db.match.count({ where: { postingId, status: "HIRED" } }),
    db.occupation.findMany({ where: { code: { in: requirements.skills.map((s) => s.occupationCode) } }, select: { code: true, nameZh: true, nameEn: true } }),
  ]);
  return { ...posting, requirements, skillOccupations, hired };
}

/** The form's values for editing a posting (strings, as the inputs hold them). */
export function postingFormValues(p: NonNullable<Awaited<ReturnType<typeof postingForEmployer>>>) {
  const s = (v: number | null) => (v === null ? undefined : String(v));
  return {
    occupationCode: p.occupationCode,
    title: p.title,
    description: p.description,
    headcount: String(p.headcount),
    wageMin: String(p.wageMin),
    wageMax: String(p.wageMax),
    workRegionCode: p.workRegionCode,
    workAddress: p.workAddress ?? undefined,
    startDate: isoDay(p.startDate) ?? undefined,
    contractMonths: s(p.contractMonths),
    housing: p.housing ? "on" : undefined,
    meals: p.meals ? "on" : undefined,
    socialInsurance: p.socialInsurance ? "on" : undefined,
    travelSubsidy: s(p.travelSubsidy),
    skills: p.requirements.skills.map((r) => ({ occupationCode: r.occupationCode, minLevel: s(r.minLevel) })),
    certificates: p.requirements.certificates.join("、"),
    ageMin: s(p.ageMin),
    ageMax: s(p.ageMax),
    deadline: isoDay(p.deadline) ?? undefined,
    version: String(p.version),
  };
}

/** Who may read postings through the API: an employer its own; staff all (postings hold no personal data). */
function postingReadScope(p: Principal): Prisma.JobPostingWhereInput {
  if (isAdmin(p) || hasRole(p, "COORDINATOR")) return {};
  if (p.employerId) return { employerId: p.employerId };
  return { id: "__none__" };
}

export async function postingForApi(p: Principal, postingId: string, db: Db = getDb()) {
  return db.jobPosting.findFirst({ where: { AND: [{ id: postingId }, postingReadScope(p)] } });
}

export async function listPostingsForApi(p: Principal, q: { status?: PostingStatus; employerId?: string; page: number; pageSize: number }, db: Db = getDb()) {
  const where: Prisma.JobPostingWhereInput = {
    AND: [postingReadScope(p), q.status ? { status: q.status } : {}, q.employerId ? { employerId: q.employerId } : {}],
  };
  const [total, items] = await Promise.all([
    db.jobPosting.count({ where }),
    db.jobPosting.findMany({ where, orderBy: { createdAt: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
  ]);
  return { total, items };
}
