// Reading matches and near-misses for display: the coordinator's view of a posting's or training
// order's ranking (only people in their region), a worker's matches, the job seeker's
// "为你推荐", and the API resources. Matching (matching.server.ts) writes these
// tables; nothing here changes them.
//
// Scope: postings and training orders hold no personal data, so any coordinator may open one
// (drafts stay the employer's); the people on it are filtered to the coordinator's region with
// the same rule as every other worker read (workerScopeWhere). Employers read their own targets
// through candidatesFor (masked as in candidate review); "why not" is staff-only, because it
// describes people the employer was not proposed.
import { data } from "@remix-run/node";
import { readFormPost } from "~/platform/form-post.server";
import type { Principal } from "~/domain/access";
import { canReadWorker, hasRole, isAdmin } from "~/domain/access";
import { employerMatchView, readFactorRows, readNearMissReasons } from "~/domain/match-display";
import type { Prisma } from "~/generated/prisma/client";
import { audit, auditOutOfScope } from "~/services/audit.server";
import { candidatesFor, seekerOrderSelect, seekerPostingSelect, staffOrderSelect, staffPostingSelect, type TargetRef } from "~/features/employers/index.server";
import { getDb, type Db } from "~/services/db.server";
import { requestRematch } from "./matching-jobs.server";
import { getQueue } from "~/services/queue.server";
import { refuseSuspendedEmployer } from "~/services/http.server";
import { workerScopeWhere } from "~/features/registration/index.server";
import { matchRowSelect, occupationNames, regionNames } from "~/platform/selects";

export type { TargetRef };
export const MATCHES_SHOWN = 200;
export const NEAR_MISSES_SHOWN = 50;

const isStaff = (p: Principal) => isAdmin(p) || hasRole(p, "COORDINATOR");

const staffWorkerSelect = {
  id: true,
  fullName: true,
  countyCode: true,
  isRegisteredPoor: true,
  hasPriorityFactors: true,
  atRiskOfPoverty: true,
  status: true,
  county: regionNames,
} satisfies Prisma.WorkerSelect;

const targetSelect = {
  posting: { select: { id: true, title: true, status: true, employer: { select: { name: true } } } },
  trainingOrder: { select: { id: true, title: true, status: true, kind: true, employer: { select: { name: true } } } },
} satisfies Prisma.MatchSelect;

const nearMissRowSelect = { id: true, score: true, reasons: true, explanationZh: true, explanationEn: true } satisfies Prisma.MatchNearMissSelect;

const suggestionSelect = { select: { id: true, title: true, status: true, kind: true, occupation: occupationNames } } as const;

const whereTarget = (ref: TargetRef) => (ref.kind === "posting" ? { postingId: ref.id } : { trainingOrderId: ref.id });

/** The posting or order itself, as a coordinator sees it (not drafts). */
async function targetForStaff(ref: TargetRef, db: Db) {
  const employer = { select: { id: true, name: true } };
  if (ref.kind === "posting") {
    const p = await db.jobPosting.findFirst({ where: { id: ref.id, status: { not: "DRAFT" } }, select: { ...staffPostingSelect, employer } });
    if (!p) return null;
    const { headcount, workRegion, wageMin, wageMax, ...same } = p;
    return { kind: "posting" as const, ...same, places: headcount, region: workRegion, wage: { min: wageMin, max: wageMax } };
  }
  const o = await db.trainingOrder.findFirst({ where: { id: ref.id, status: { not: "DRAFT" } }, select: { ...staffOrderSelect, employer } });
  if (!o) return null;
  const { kind, classSize, locationRegion, commitWage, ...same } = o;
  return {
    kind: "trainingOrder" as const,
    ...same,
    trainingKind: kind,
    places: classSize,
    region: locationRegion,
    wage: commitWage ? { min: commitWage, max: null } : null,
  };
}

/**
 * When and from what a target's matches were computed: the latest finished run that ranked it (a
 * re-match of this target, or a nightly run, which ranks every open target), the target version
 * that ranking read, and whether that is still the target's current version.
 */
export type MatchComputation = {
  computedAt: string | null;
  runId: string | null;
  runKind: "target" | "nightly" | null;
  jobId: string | null;
  engine: string | null;
  targetVersion: number | null;
  currentVersion: number | null;
  upToDate: boolean;
};

export async function matchComputation(ref: TargetRef, db: Db = getDb()): Promise<MatchComputation> {
  const [own, nightly, current, stored] = await Promise.all([
    db.matchRun.findFirst({ where: { kind: "target", targetId: ref.id, status: "DONE" }, orderBy: { finishedAt: "desc" } }),
    db.matchRun.findFirst({ where: { kind: "nightly", status: "DONE" }, orderBy: { finishedAt: "desc" } }),
    ref.kind === "posting"
      ? db.jobPosting.findUnique({ where: { id: ref.id }, select: { version: true, createdAt: true } })
      : db.trainingOrder.findUnique({ where: { id: ref.id }, select: { version: true, createdAt: true } }),
    db.match.aggregate({ where: { ...whereTarget(ref), status: "PROPOSED" }, _max: { targetVersion: true } }),
  ]);
  // A nightly run counts for this target only if it started after the target existed.
  const night = nightly && current && nightly.startedAt >= current.createdAt ? nightly : null;
  const run = own && (!night || (own.finishedAt ?? own.startedAt) >= (night.finishedAt ?? night.startedAt)) ? own : night;
  const targetVersion = run === own && own ? own.targetVersion : (stored._max.targetVersion ?? null);
  const engine = run ? ((run.detail as { engine?: string } | null)?.engine ?? null) : null;
  return {
    computedAt: run?.finishedAt?.toISOString() ?? null,
    runId: run?.id ?? null,
    runKind: run ? (run.kind === "target" ? "target" : "nightly") : null,
    jobId: run?.jobId ?? null,
    engine,
    targetVersion,
    currentVersion: current?.version ?? null,
    upToDate: run !== null && current !== null && (targetVersion === null || targetVersion === current.version),
  };
}

/**
 * A coordinator's view of one posting's or order's ranking: their region's people only, with "why
 * not". `limits`: how many of each to read (the page shows 20 and "more"; the API the most).
 */
export async function targetMatchesForStaff(p: Principal, ref: TargetRef, db: Db = getDb(), limits: { matches?: number; nearMisses?: number } = {}) {
  if (!isStaff(p)) return null;
  const target = await targetForStaff(ref, db);
  if (!target) return null;
  const scope = workerScopeWhere(p);
  const [matches, nearMisses, inScope, all, computed, nearMissTotal] = await Promise.all([
    db.match.findMany({
      where: { ...whereTarget(ref), worker: scope },
      orderBy: [{ rank: { sort: "asc", nulls: "last" } }, { score: "desc" }, { workerId: "asc" }],
      take: Math.min(limits.matches ?? MATCHES_SHOWN, MATCHES_SHOWN),
      select: { ...matchRowSelect, worker: { select: staffWorkerSelect } },
    }),
    db.matchNearMiss.findMany({
      where: { ...whereTarget(ref), worker: scope },
      orderBy: [{ score: "desc" }, { workerId: "asc" }],
      take: Math.min(limits.nearMisses ?? NEAR_MISSES_SHOWN, NEAR_MISSES_SHOWN),
      select: { ...nearMissRowSelect, worker: { select: staffWorkerSelect }, suggestedTrainingOrder: suggestionSelect },
    }),
    db.match.count({ where: { ...whereTarget(ref), worker: scope } }),
    db.match.count({ where: whereTarget(ref) }),
    matchComputation(ref, db),
    db.matchNearMiss.count({ where: { ...whereTarget(ref), worker: scope } }),
  ]);
  return {
    target,
    computed,
    total: inScope,
    /** Matches of people outside this coordinator's region: counted, never shown. */
    elsewhere: all - inScope,
    matches: matches.map((m) => ({ ...m, factors: readFactorRows(m.factors) })),
    nearMisses: nearMisses.map(nearMissView),
    /** Near misses in scope (at most NEAR_MISSES_SHOWN are ever listed). */
    nearMissTotal: Math.min(nearMissTotal, NEAR_MISSES_SHOWN),
  };
}

/**
 * One match's factor breakdown, read when its card is opened (issue 15: carried folded in every card,
 * and again in the hydration data, it made a list page of 20 weigh 130–145 KB). Staff read the full
 * breakdown of people in their region (targets that are not drafts); an employer its own targets'
 * matches in the employer's view (fit only: no priority factor, as in candidate review). Null
 * (the caller's 404) for anything else.
 */
export async function matchBreakdownFor(p: Principal, matchId: string, db: Db = getDb()) {
  if (!/^[0-9a-f-]{36}$/i.test(matchId)) return null;
  const m = await db.match.findUnique({
    where: { id: matchId },
    select: {
      ...matchRowSelect,
      worker: { select: { id: true, countyCode: true } },
      posting: { select: { id: true, employerId: true, status: true } },
      trainingOrder: { select: { id: true, employerId: true, status: true } },
    },
  });
  const target = m?.posting ?? m?.trainingOrder;
  if (!m || !target) return null;
  if (isStaff(p)) {
    if (target.status === "DRAFT") return null;
    if (!canReadWorker(p, m.worker)) return auditOutOfScope(p, { entityType: "Match", entityId: m.id, regionCode: m.worker.countyCode }, db);
    return { matchId: m.id, factors: readFactorRows(m.factors), back: `/coordinator/${m.posting ? "postings" : "orders"}/${target.id}/matches` };
  }
  if (!p.employerId || target.employerId !== p.employerId) return null;
  refuseSuspendedEmployer(p);
  return { matchId: m.id, factors: employerMatchView(m).factors, back: `/employer/${m.posting ? "postings" : "orders"}/${target.id}` };
}

function nearMissView<N extends { reasons: unknown; suggestedTrainingOrder: unknown }>(n: N) {
  return { ...n, reasons: readNearMissReasons(n.reasons) };
}

/** One worker's matches and near-misses, for a coordinator in scope (null otherwise). */
export async function workerMatchesForStaff(p: Principal, workerId: string, db: Db = getDb()) {
  if (!isStaff(p)) return null;
  const worker = await db.worker.findUnique({ where: { id: workerId }, select: { id: true, countyCode: true } });
  if (!worker) return null;
  if (!canReadWorker(p, worker)) return auditOutOfScope(p, { entityType: "Worker", entityId: worker.id, regionCode: worker.countyCode }, db);
  const [matches, nearMisses] = await Promise.all([
    db.match.findMany({
      where: { workerId, OR: [{ posting: { status: { not: "DRAFT" } } }, { trainingOrder: { status: { not: "DRAFT" } } }] },
      orderBy: [{ score: "desc" }],
      take: MATCHES_SHOWN,
      select: { ...matchRowSelect, ...targetSelect },
    }),
    db.matchNearMiss.findMany({
      where: { workerId },
      orderBy: [{ score: "desc" }],
      take: NEAR_MISSES_SHOWN,
      select: { ...nearMissRowSelect, ...targetSelect, suggestedTrainingOrder: suggestionSelect },
    }),
  ]);
  return { workerId, matches: matches.map((m) => ({ ...m, factors: readFactorRows(m.factors) })), nearMisses: nearMisses.map(nearMissView) };
}

// ───────────── the job seeker's "为你推荐" ─────────────

/**
 * Jobs and training proposed to a job seeker, with matching's reason in plain words. Only live
 * targets, only proposals nobody has acted on yet (an employer's shortlist or decline is the
 * employer's business), and only public facts about the job: title, employer name, place, wage.
 * Training suggestions come from near-misses whose gap is a skill that an open order teaches.
 */
export async function recommendationsFor(p: Principal, db: Db = getDb()) {
  if (!p.workerId) return { jobs: [], training: [], suggestions: [] };
  const live = { OR: [{ posting: { status: "OPEN" as const } }, { trainingOrder: { status: { in: ["APPROVED" as const, "IN_PROGRESS" as const] } } }] };
  const [matches, nearMisses] = await Promise.all([
    db.match.findMany({
      where: { workerId: p.workerId, status: { in: ["PROPOSED", "SHORTLISTED"] }, ...live },
      orderBy: [{ score: "desc" }],
      take: 10,
      select: {
        id: true,
        explanationZh: true,
        explanationEn: true,
        posting: { select: seekerPostingSelect },
        trainingOrder: { select: seekerOrderSelect },
      },
    }),
    db.matchNearMiss.findMany({
      where: { workerId: p.workerId, suggestedTrainingOrder: { status: { in: ["APPROVED", "IN_PROGRESS"] } }, posting: { status: "OPEN" } },
      orderBy: [{ score: "desc" }],
      take: 5,
      select: {
        id: true,
        explanationZh: true,
        explanationEn: true,
        posting: { select: { title: true, employer: { select: { name: true } } } },
        suggestedTrainingOrder: {
          select: { id: true, title: true, kind: true, trainingHours: true, scheduleStart: true, locationRegion: regionNames },
        },
      },
    }),
  ]);
  return {
    jobs: matches.filter((m) => m.posting).map((m) => ({ id: m.id, explanationZh: m.explanationZh, explanationEn: m.explanationEn, posting: m.posting! })),
    training: matches
      .filter((m) => m.trainingOrder)
      .map((m) => ({ id: m.id, explanationZh: m.explanationZh, explanationEn: m.explanationEn, order: m.trainingOrder! })),
    suggestions: nearMisses.map((n) => ({
      id: n.id,
      explanationZh: n.explanationZh,
      explanationEn: n.explanationEn,
      posting: n.posting!,
      order: n.suggestedTrainingOrder!,
    })),
  };
}

// ───────────── API resources ─────────────

/** What an API item carries of a match and of a near miss, besides its id and the person or target. */
const API_MATCH_FIELDS = ["rank", "score", "status", "hardConstraintsMet", "factors", "explanationZh", "explanationEn"] as const;
const API_NEAR_MISS_FIELDS = ["score", "reasons", "explanationZh", "explanationEn"] as const;

function pick<T, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;
}

/**
 * GET /api/v1/postings/:id/matches and /training-orders/:id/matches. An employer token: its own
 * target only, people masked as in candidate review (worker id null). Staff: their region's
 * people, with near-misses. Null when the target is not visible to this principal.
 */
export async function targetMatchesForApi(p: Principal, ref: TargetRef, db: Db = getDb()) {
  if (!isStaff(p)) {
    const own = await candidatesFor(p, ref, db);
    if (!own) return null;
    const ranked = [...own.candidates].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.score - a.score);
    return {
      target: { kind: ref.kind, id: own.target.id, title: own.target.title, status: own.target.status },
      computed: await matchComputation(ref, db),
      total: ranked.length,
      items: ranked.map((c) => ({
        id: c.matchId,
        ...pick(c, API_MATCH_FIELDS),
        worker: { id: null, name: c.person.name, ageBand: c.person.ageBand, countyCode: null, isRegisteredPoor: null },
      })),
      nearMisses: [],
    };
  }
  const view = await targetMatchesForStaff(p, ref, db);
  if (!view) return null;
  return {
    target: { kind: ref.kind, id: view.target.id, title: view.target.title, status: view.target.status },
    computed: view.computed,
    total: view.total,
    items: view.matches.map((m) => ({
      id: m.id,
      ...pick(m, API_MATCH_FIELDS),
      worker: { id: m.worker.id, name: m.worker.fullName, ageBand: null, countyCode: m.worker.countyCode, isRegisteredPoor: m.worker.isRegisteredPoor },
    })),
    nearMisses: view.nearMisses.map((n) => ({
      id: n.id,
      ...pick(n, API_NEAR_MISS_FIELDS),
      workerId: n.worker.id,
      suggestedTrainingOrderId: n.suggestedTrainingOrder?.id ?? null,
    })),
  };
}

/** GET /api/v1/workers/:id/matches (staff in scope). */
export async function workerMatchesForApi(p: Principal, workerId: string, db: Db = getDb()) {
  const view = await workerMatchesForStaff(p, workerId, db);
  if (!view) return null;
  const targetOf = (m: {
    posting: { id: string; title: string; status: string } | null;
    trainingOrder: { id: string; title: string; status: string } | null;
  }) =>
    m.posting
      ? { kind: "posting" as const, id: m.posting.id, title: m.posting.title, status: m.posting.status }
      : { kind: "trainingOrder" as const, id: m.trainingOrder!.id, title: m.trainingOrder!.title, status: m.trainingOrder!.status };
  return {
    workerId,
    items: view.matches.map((m) => ({
      id: m.id,
      ...pick(m, API_MATCH_FIELDS),
      target: targetOf(m),
    })),
    nearMisses: view.nearMisses.map((n) => ({
      id: n.id,
      ...pick(n, API_NEAR_MISS_FIELDS),
      target: targetOf(n),
      suggestedTrainingOrderId: n.suggestedTrainingOrder?.id ?? null,
    })),
  };
}

// ───────────── re-match now ─────────────

export type RematchRef = { entityType: "posting" | "trainingOrder" | "worker"; entityId: string };

/**
 * May this principal ask for a re-match of this entity? Staff: any posting or order that is not a
 * draft, and workers in their region; an employer: its own postings and orders.
 */
async function rematchRegion(p: Principal, ref: RematchRef, db: Db): Promise<{ regionCode: string | null } | null> {
  if (ref.entityType === "worker") {
    if (!isStaff(p)) return null;
    const w = await db.worker.findUnique({ where: { id: ref.entityId }, select: { id: true, countyCode: true } });
    return w && canReadWorker(p, w) ? { regionCode: w.countyCode } : null;
  }
  const own = !isStaff(p) && p.employerId ? { employerId: p.employerId } : isStaff(p) ? { status: { not: "DRAFT" as const } } : null;
  if (!own) return null;
  if (ref.entityType === "posting") {
    const found = await db.jobPosting.findFirst({ where: { id: ref.entityId, ...own }, select: { workRegionCode: true } });
    return found ? { regionCode: found.workRegionCode } : null;
  }
  const found = await db.trainingOrder.findFirst({ where: { id: ref.entityId, ...own }, select: { locationRegionCode: true } });
  return found ? { regionCode: found.locationRegionCode } : null;
}

type Requester = (ref: RematchRef, reason: string) => Promise<unknown>;

type Requested = { jobId: string } | null | undefined | void;

/** Queues a re-match (audited); null when the entity is not visible to this principal. The job id lets the caller follow it (GET /api/v1/jobs/:id). */
export async function requestRematchFor(
  p: Principal,
  ref: RematchRef,
  ip: string | null,
  db: Db = getDb(),
  request: Requester = (ref, reason) => requestRematch(ref, reason, db),
): Promise<{ queued: true; jobId: string | null } | null> {
  const found = await rematchRegion(p, ref, db);
  if (!found) return null;
  const job = (await request(ref, `manual:${p.kind}:${p.id}`)) as Requested;
  await audit({ actor: p, action: "match.rematch.request", entityType: ref.entityType, entityId: ref.entityId, regionCode: found.regionCode, ip }, db);
  return { queued: true, jobId: job ? job.jobId : null };
}

export type RematchJobState = "waiting" | "active" | "completed" | "failed";
export type RematchJobView = {
  id: string;
  name: string;
  state: RematchJobState;
  entity: { type: RematchRef["entityType"]; id: string; version: number };
  queuedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  attempts: number;
  result: {
    runId: string | null;
    open: boolean | null;
    matches: number | null;
    nearMisses: number | null;
    rowsWritten: number | null;
    targetVersion: number | null;
  } | null;
};

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);
const num = (v: unknown) => (typeof v === "number" ? v : null);

/**
 * A re-match job's state for GET /api/v1/jobs/:id, scoped like the re-match request itself (the
 * same principal may follow it; anyone else gets null, as for a job that does not exist). Works
 * on both queue backends (the queue port's getJob / getState).
 */
export async function rematchJobFor(p: Principal, jobId: string, db: Db = getDb()): Promise<RematchJobView | null> {
  if (!/^match-(target|worker)__/.test(jobId)) return null;
  const job = await getQueue("matching").getJob(jobId);
  if (!job || (job.name !== "match-target" && job.name !== "match-worker")) return null;
  const data = job.data as { entityType?: RematchRef["entityType"]; entityId?: string; entityVersion?: number };
  if (!data.entityType || !data.entityId) return null;
  if (!(await rematchRegion(p, { entityType: data.entityType, entityId: data.entityId }, db))) return null;
  const raw = await job.getState();
  const state: RematchJobState = raw === "completed" ? "completed" : raw === "failed" ? "failed" : raw === "active" ? "active" : "waiting";
  // A target re-match records its run under the job id (on either backend); otherwise the job's return value.
  const run =
    state === "completed" && job.name === "match-target"
      ? await db.matchRun.findFirst({ where: { jobId: String(job.id) }, orderBy: { startedAt: "desc" } })
      : null;
  const detail = (run?.detail ?? {}) as { open?: boolean; rowsUpserted?: number; rowsDeleted?: number; removed?: number };
  const r: Record<string, unknown> | null = run
    ? {
        runId: run.id,
        open: detail.open ?? true,
        matches: run.matchesUpserted,
        nearMisses: run.nearMisses,
        rowsWritten: (detail.rowsUpserted ?? 0) + (detail.rowsDeleted ?? detail.removed ?? 0),
        targetVersion: run.targetVersion,
      }
    : state === "completed" && job.returnvalue && typeof job.returnvalue === "object"
      ? (job.returnvalue as Record<string, unknown>)
      : null;
  return {
    id: String(job.id),
    name: job.name,
    state,
    entity: { type: data.entityType, id: data.entityId, version: data.entityVersion ?? 0 },
    queuedAt: iso(job.timestamp),
    startedAt: iso(job.processedOn) ?? run?.startedAt.toISOString() ?? null,
    finishedAt: iso(job.finishedOn) ?? (state === "completed" || state === "failed" ? (run?.finishedAt?.toISOString() ?? null) : null),
    attempts: job.attemptsMade,
    result: r
      ? {
          runId: typeof r.runId === "string" ? r.runId : null,
          open: typeof r.open === "boolean" ? r.open : null,
          matches: num(r.matches),
          nearMisses: num(r.nearMisses),
          rowsWritten: num(r.rowsWritten),
          targetVersion: num(r.targetVersion),
        }
      : null,
  };
}

/** The pages' "re-match now" action: 404 outside scope, { queued } otherwise (false when the queue is down). */
export async function rematchFromPage(p: Principal, request: Request, ref: RematchRef, ip: string | null) {
  const read = await readFormPost(request, new Set(["intent"]));
  if (!read.ok) throw read.response;
  if (read.formData.get("intent") !== "rematch") throw new Response("Bad request", { status: 400 });
  try {
    const result = await requestRematchFor(p, ref, ip);
    if (!result) throw new Response("Not found", { status: 404 });
    return { queued: true, jobId: result.jobId };
  } catch (error) {
    if (error instanceof Response) throw error;
    console.warn("re-match request failed", error);
    return data({ queued: false as const }, { status: 503 });
  }
}
