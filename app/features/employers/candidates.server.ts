// Candidate review and invitations. Matching (a later issue) fills the Match table; here the
// employer reads its own matches and moves them along, and the worker answers invitations.
//
// What an employer sees of a person: until the person accepts an invitation, no name (surname
// only), no phone, no ID number, no household facts (poverty status is not the employer's to
// know, nor are the priority points and their reasons, which rest on it and on consent-gated health
// and disability facts); the age band, household prefecture, skills and the match's fit reasons are
// enough to decide.
// After acceptance: the full name, and the phone through an audited reveal.
import { calendarDay, chinaToday, dayDate } from "~/platform/china-time";
import { ageOn } from "~/domain/resident-id";
import type { Principal } from "~/domain/access";
import {
  availableEmployerActions,
  employerMatchTransition,
  employerMaySeeContact,
  maskName,
  postingFilledAfterHire,
  transferTypeFor,
  workerMatchTransition,
  type EmployerMatchAction,
  type MatchTarget,
  type WorkerMatchAction,
} from "~/domain/match";
import { employerMatchView, employerRanks } from "~/domain/match-display";
import type { Prisma } from "~/generated/prisma/client";
import { SHARE_CONSENT_VERSION } from "./schema";
import { seekerOrderSelect, seekerPostingSelect } from "./target-selects.server";
import { audit, auditIndexedChange } from "~/services/audit.server";
import { refuseSuspendedEmployer } from "~/services/http.server";
import { getDb, type Db } from "~/services/db.server";
import { conflict, invalid, refused, type Outcome } from "~/platform/outcome";
import { applyLifecycle } from "~/features/registration/index.server";
import { writeOutbox } from "~/services/outbox.server";
import { decryptPii } from "~/services/pii.server";
import { refreshWorkerFlags } from "~/features/placements/index.server";
import { matchRowSelect, regionNames } from "~/platform/selects";

type Tx = Prisma.TransactionClient;
export type TargetRef = { kind: "posting" | "trainingOrder"; id: string };

const workerSelect = {
  id: true,
  fullName: true,
  birthDate: true,
  countyCode: true,
  education: true,
  county: { select: { ...regionNames.select, parent: regionNames } },
  skills: { select: { level: true, certificateNumber: true, occupation: { select: { code: true, nameZh: true, nameEn: true } } } },
} satisfies Prisma.WorkerSelect;

/** The most candidates one page lists (20 at first, "more" adds 20 at a time). */
export const CANDIDATES_MAX = 300;

// Review order: people waiting for the employer's decision, then the ones hired (so a page of 20
// still shows whom the employer just hired), then the rest of the pipeline; closed ones last.
const STATUS_ORDER = ["ACCEPTED", "HIRED", "INVITED", "SHORTLISTED", "PROPOSED", "DECLINED", "WITHDRAWN"];

/**
 * The employer's view of the candidates for one of its postings or orders; null for anyone else's.
 * `limit`: how many to return (the first in review order; a page shows 20 and a "more" link),
 * `total` says how many there are.
 */
export async function candidatesFor(p: Principal, target: TargetRef, db: Db = getDb(), limit?: number) {
  if (!p.employerId) return null;
  refuseSuspendedEmployer(p);
  const owner =
    target.kind === "posting"
      ? await db.jobPosting.findFirst({
          where: { id: target.id, employerId: p.employerId },
          select: { id: true, title: true, status: true, headcount: true, wageMin: true },
        })
      : await db.trainingOrder.findFirst({
          where: { id: target.id, employerId: p.employerId },
          select: { id: true, title: true, status: true, classSize: true, commitWage: true },
        });
  if (!owner) return null;
  const matches = await db.match.findMany({
    where: target.kind === "posting" ? { postingId: target.id } : { trainingOrderId: target.id },
    orderBy: [{ score: "desc" }],
    take: CANDIDATES_MAX,
    select: { ...matchRowSelect, declineReason: true, declinedBy: true, worker: { select: workerSelect } },
  });
  const today = dayDate(chinaToday());
  // The employer's view of each match (domain/match-display.ts): fit only — no priority factor,
  // no poverty or priority words, a score without the priority points and a rank by that score.
  const views = matches.map((m) => ({ m, rank: m.rank, ...employerMatchView(m) }));
  const ranks = employerRanks(views);
  const candidates = views
    .map((v) => {
      const m = v.m;
      const known = employerMaySeeContact(m.status);
      const age = ageOn(calendarDay(m.worker.birthDate), today);
      return {
        matchId: m.id,
        status: m.status,
        score: v.score,
        rank: ranks.get(v) ?? null,
        hardConstraintsMet: m.hardConstraintsMet,
        factors: v.factors,
        explanationZh: v.explanationZh,
        explanationEn: v.explanationEn,
        declineReason: m.declineReason,
        declinedBy: m.declinedBy,
        actions: availableEmployerActions(m.status),
        // Never the worker's id, birth date or county code before acceptance: only what is needed to decide.
        person: {
          name: known ? m.worker.fullName : maskName(m.worker.fullName),
          known,
          ageBand: `${Math.floor(age / 5) * 5}–${Math.floor(age / 5) * 5 + 4}`,
          homePrefecture: m.worker.county.parent ?? null,
          homeCounty: known ? m.worker.county : null,
          education: m.worker.education,
          skills: m.worker.skills.map((s) => ({ occupation: s.occupation, level: s.level, certified: s.certificateNumber !== null })),
        },
      };
    })
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || b.score - a.score);
  const hired = matches.filter((m) => m.status === "HIRED").length;
  const headcount = "headcount" in owner ? owner.headcount : owner.classSize;
  const defaultWage = "wageMin" in owner ? owner.wageMin : owner.commitWage;
  return {
    target: { kind: target.kind, id: owner.id, title: owner.title, status: owner.status, headcount, hired, defaultWage },
    candidates: limit === undefined ? candidates : candidates.slice(0, limit),
    total: candidates.length,
  };
}

type MatchWithTarget = NonNullable<Awaited<ReturnType<typeof loadMatch>>>;

async function loadMatch(db: Db | Tx, matchId: string) {
  return db.match.findUnique({
    where: { id: matchId },
    select: {
      id: true,
      status: true,
      workerId: true,
      postingId: true,
      trainingOrderId: true,
      worker: { select: { countyCode: true, fullName: true, phoneCipher: true } },
      posting: {
        select: {
          id: true,
          employerId: true,
          status: true,
          headcount: true,
          workRegionCode: true,
          workAddress: true,
          version: true,
          employer: { select: { status: true } },
        },
      },
      trainingOrder: { select: { id: true, employerId: true, status: true, classSize: true, employer: { select: { status: true, districtCode: true } } } },
    },
  });
}

const employerOf = (m: MatchWithTarget) => m.posting?.employerId ?? m.trainingOrder?.employerId ?? null;

async function targetOf(db: Db | Tx, m: MatchWithTarget): Promise<MatchTarget> {
  if (m.posting)
    return {
      kind: "posting",
      status: m.posting.status,
      headcount: m.posting.headcount,
      hired: await db.match.count({ where: { postingId: m.posting.id, status: "HIRED" } }),
    };
  const o = m.trainingOrder!;
  return {
    kind: "trainingOrder",
    status: o.status,
    headcount: o.classSize,
    hired: await db.match.count({ where: { trainingOrderId: o.id, status: "HIRED" } }),
  };
}

export type CandidateActionInput = { intent: EmployerMatchAction; reason?: string; reasonText?: string; startDate?: string; monthlyWage?: number };

/**
 * The employer's step on one of its matches. A hire creates the UNVERIFIED placement (verified
 * later by a coordinator) and, when the posting's headcount is reached, fills the posting — all in
 * one transaction that holds the posting's (or order's) row, so two hires cannot both take the last place.
 */
export async function actOnCandidate(
  p: Principal,
  matchId: string,
  input: CandidateActionInput,
  ip: string | null,
  db: Db = getDb(),
): Promise<Outcome<{ status: string; placementId?: string }> | null> {
  refuseSuspendedEmployer(p);
  const match = await loadMatch(db, matchId);
  if (!match || !p.employerId || employerOf(match) !== p.employerId) return null;
  const employerStatus = match.posting?.employer.status ?? match.trainingOrder!.employer.status;
  const reason = input.reason === "other" ? input.reasonText : input.reason;
  const check = employerMatchTransition(match.status, input.intent, { employerStatus, target: await targetOf(db, match), reason });
  if (!check.ok) return check.reason === "reasonRequired" ? invalid("reason", "emp.reasonRequired") : refused(`emp.refusal.${check.reason}`);
  if (input.intent === "hire" && (!input.startDate || input.monthlyWage === undefined)) return invalid("startDate", "emp.candidates.startDateRequired");

  return db.$transaction(async (tx) => {
    if (input.intent === "hire") {
      // Serialise hires on the same job: the row lock is held to the end of this transaction.
      if (match.posting) await tx.$queryRaw`SELECT 1 FROM "JobPosting" WHERE "id" = ${match.posting.id} FOR UPDATE`;
      else await tx.$queryRaw`SELECT 1 FROM "TrainingOrder" WHERE "id" = ${match.trainingOrderId} FOR UPDATE`;
      const again = employerMatchTransition(match.status, "hire", { employerStatus, target: await targetOf(tx, match) });
      if (!again.ok) return refused(`emp.refusal.${again.reason}`);
    }
    const changed = await tx.match.updateMany({
      where: { id: match.id, status: match.status },
      data: { status: check.to, ...(input.intent === "decline" ? { declineReason: reason!.trim(), declinedBy: "EMPLOYER" as const } : {}) },
    });
    if (changed.count === 0) return conflict;
    let placementId: string | undefined;
    if (input.intent === "hire") {
      const workRegionCode = match.posting?.workRegionCode ?? match.trainingOrder!.employer.districtCode;
      // A graduate of the order's class: the placement names the class (completion → placement, and its order's commitment).
      const trainedIn = match.trainingOrderId
        ? await tx.enrollment.findFirst({
            where: { workerId: match.workerId, status: { not: "DROPPED" }, class: { trainingOrderId: match.trainingOrderId } },
            orderBy: { enrolledAt: "desc" },
            select: { classId: true },
          })
        : null;
      const placement = await tx.placement.create({
        data: {
          workerId: match.workerId,
          employerId: p.employerId!,
          postingId: match.postingId,
          matchId: match.id,
          trainingClassId: trainedIn?.classId ?? null,
          startDate: dayDate(input.startDate!),
          monthlyWage: input.monthlyWage!,
          workRegionCode,
          workAddress: match.posting?.workAddress ?? null,
          transferType: transferTypeFor(match.worker.countyCode, workRegionCode),
          recordedById: p.kind === "user" ? p.id : null,
        },
      });
      placementId = placement.id;
      await writeOutbox(tx, { topic: "search-index", entityType: "placement", entityId: placement.id, entityVersion: 1 });
      // Checked against the fraud rules at once: a flagged hire shows its reasons to the verifying coordinator.
      await refreshWorkerFlags(tx, match.workerId);
      if (match.posting && match.posting.status === "OPEN") {
        const hired = await tx.match.count({ where: { postingId: match.posting.id, status: "HIRED" } });
        if (postingFilledAfterHire(hired, match.posting.headcount)) {
          const posting = await tx.jobPosting.update({
            where: { id: match.posting.id },
            data: { status: "FILLED", version: { increment: 1 } },
            select: { version: true },
          });
          await auditIndexedChange(
            tx,
            { type: "posting", id: match.posting.id, version: posting.version, regionCode: match.posting.workRegionCode },
            { actor: p, action: "posting.fill", detail: { from: "OPEN", to: "FILLED", reason: "headcountReached" }, ip },
          );
        }
      }
    }
    await audit(
      {
        actor: p,
        action: `match.${input.intent}`,
        entityType: "Match",
        entityId: match.id,
        regionCode: match.worker.countyCode,
        detail: { from: match.status, to: check.to, ...(reason ? { reason } : {}), ...(placementId ? { placementId } : {}) },
        ip,
      },
      tx,
    );
    return { ok: true as const, status: check.to, placementId };
  });
}

/** The phone of a person who accepted this employer's invitation; every reveal is audited. */
export async function revealCandidatePhone(p: Principal, matchId: string, ip: string | null, db: Db = getDb()): Promise<{ phone: string | null } | null> {
  refuseSuspendedEmployer(p);
  const match = await loadMatch(db, matchId);
  if (!match || !p.employerId || employerOf(match) !== p.employerId || !employerMaySeeContact(match.status)) return null;
  await audit(
    {
      actor: p,
      action: "match.contact.reveal",
      entityType: "Worker",
      entityId: match.workerId,
      regionCode: match.worker.countyCode,
      detail: { matchId: match.id, fields: ["phone"] },
      ip,
    },
    db,
  );
  return { phone: match.worker.phoneCipher ? decryptPii(match.worker.phoneCipher) : null };
}

// ───────────── the worker's side ─────────────

const offerSelect = {
  id: true,
  status: true,
  updatedAt: true,
  posting: { select: { ...seekerPostingSelect, startDate: true, contractMonths: true, socialInsurance: true, travelSubsidy: true } },
  trainingOrder: { select: seekerOrderSelect },
} satisfies Prisma.MatchSelect;

/** A job seeker's open invitations and the ones they accepted (their own only). */
export async function invitationsFor(p: Principal, db: Db = getDb()) {
  if (!p.workerId) return { invited: [], accepted: [] };
  const rows = await db.match.findMany({
    where: { workerId: p.workerId, status: { in: ["INVITED", "ACCEPTED", "HIRED"] } },
    orderBy: { updatedAt: "desc" },
    take: 50,
    select: offerSelect,
  });
  return { invited: rows.filter((r) => r.status === "INVITED"), accepted: rows.filter((r) => r.status !== "INVITED") };
}

/**
 * The worker accepts (which records their consent to share name and phone with this employer),
 * declines (a reason is optional) or withdraws an acceptance. Null for anyone else's match.
 */
export async function answerInvitation(
  p: Principal,
  matchId: string,
  action: WorkerMatchAction,
  reason: string | undefined,
  ip: string | null,
  db: Db = getDb(),
): Promise<Outcome<{ status: string }> | null> {
  if (!p.workerId) return null;
  const match = await db.match.findFirst({
    where: { id: matchId, workerId: p.workerId },
    select: { id: true, status: true, worker: { select: { countyCode: true } } },
  });
  if (!match) return null;
  const t = workerMatchTransition(match.status, action);
  if (!t.ok) return refused("emp.refusal.notAllowed");
  return db.$transaction(async (tx) => {
    const changed = await tx.match.updateMany({
      where: { id: match.id, status: match.status },
      data: { status: t.to, ...(action === "decline" ? { declinedBy: "WORKER" as const, declineReason: reason ?? null } : {}) },
    });
    if (changed.count === 0) return conflict;
    if (action === "accept") {
      await tx.consent.create({ data: { workerId: p.workerId!, purpose: "SHARE_WITH_EMPLOYER", textVersion: `${SHARE_CONSENT_VERSION}:${match.id}` } });
      // REGISTERED / LEFT → MATCHED; someone already further along keeps their status.
      await applyLifecycle(tx, p.workerId!, "accept", { actorId: p.kind === "user" ? p.id : null, reason: `match:${match.id}` });
    }
    if (action === "withdraw") {
      await tx.consent.updateMany({
        where: { workerId: p.workerId!, purpose: "SHARE_WITH_EMPLOYER", textVersion: `${SHARE_CONSENT_VERSION}:${match.id}`, withdrawnAt: null },
        data: { withdrawnAt: new Date() },
      });
    }
    await audit(
      {
        actor: p,
        action: `match.worker.${action}`,
        entityType: "Match",
        entityId: match.id,
        regionCode: match.worker.countyCode,
        detail: { from: match.status, to: t.to, ...(reason ? { reason } : {}) },
        ip,
      },
      tx,
    );
    return { ok: true as const, status: t.to };
  });
}
