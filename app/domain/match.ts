// Candidate review: how a match moves between the employer and the worker, and what the employer
// may see of the person at each step.
//
//   PROPOSED ──shortlist──▶ SHORTLISTED
//   PROPOSED / SHORTLISTED ──invite──▶ INVITED ──worker accepts──▶ ACCEPTED ──hire──▶ HIRED
//                                         ╰──worker declines──▶ DECLINED (by WORKER)
//   PROPOSED / SHORTLISTED / INVITED / ACCEPTED ──employer declines (reason)──▶ DECLINED (by EMPLOYER)
//   ACCEPTED ──worker withdraws──▶ WITHDRAWN
//
// Personal data stays masked until the worker accepts an invitation: that acceptance is their
// consent to share name and phone with this employer for this job (and only this one).
import type { EmployerStatus } from "./employer";
import { canPublish } from "./employer";

export const MATCH_STATUSES = ["PROPOSED", "SHORTLISTED", "INVITED", "ACCEPTED", "DECLINED", "HIRED", "WITHDRAWN"] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const EMPLOYER_MATCH_ACTIONS = ["shortlist", "invite", "decline", "hire"] as const;
export type EmployerMatchAction = (typeof EMPLOYER_MATCH_ACTIONS)[number];
export const WORKER_MATCH_ACTIONS = ["accept", "decline", "withdraw"] as const;
export type WorkerMatchAction = (typeof WORKER_MATCH_ACTIONS)[number];

const EMPLOYER_RULES: Record<EmployerMatchAction, { from: readonly MatchStatus[]; to: MatchStatus }> = {
  shortlist: { from: ["PROPOSED"], to: "SHORTLISTED" },
  invite: { from: ["PROPOSED", "SHORTLISTED"], to: "INVITED" },
  decline: { from: ["PROPOSED", "SHORTLISTED", "INVITED", "ACCEPTED"], to: "DECLINED" },
  hire: { from: ["ACCEPTED"], to: "HIRED" },
};

const WORKER_RULES: Record<WorkerMatchAction, { from: readonly MatchStatus[]; to: MatchStatus }> = {
  accept: { from: ["INVITED"], to: "ACCEPTED" },
  decline: { from: ["INVITED"], to: "DECLINED" },
  withdraw: { from: ["ACCEPTED"], to: "WITHDRAWN" },
};

/** Reasons an employer gives when declining a candidate (labels: emp.declineReasons.*); "other" takes text. */
export const EMPLOYER_DECLINE_REASONS = ["skills", "experience", "distance", "unreachable", "filled", "other"] as const;
/** Reasons a worker may give (optional; labels: emp.workerDeclineReasons.*). */
export const WORKER_DECLINE_REASONS = ["wage", "location", "timing", "family", "found-other", "other"] as const;

/** What the job a match points at looks like, as far as the rules care. */
export type MatchTarget =
  | { kind: "posting"; status: "DRAFT" | "OPEN" | "FILLED" | "CLOSED" | "EXPIRED"; headcount: number; hired: number }
  | {
      kind: "trainingOrder";
      status: "DRAFT" | "SUBMITTED" | "APPROVED" | "REJECTED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED";
      headcount: number;
      hired: number;
    };

export type MatchRefusal = "notAllowed" | "employerNotVerified" | "targetNotOpen" | "headcountReached" | "reasonRequired";

/**
 * The employer's step on a match, or why not. Inviting puts a job in front of a person, so the job
 * must be live (an open posting; an approved or running training order); hiring needs the
 * worker's acceptance and a place left (a posting's headcount; an order's class size).
 */
export function employerMatchTransition(
  status: MatchStatus,
  action: EmployerMatchAction,
  ctx: { employerStatus: EmployerStatus; target: MatchTarget; reason?: string | null },
): { ok: true; to: MatchStatus } | { ok: false; reason: MatchRefusal } {
  const rule = EMPLOYER_RULES[action];
  if (!rule.from.includes(status)) return { ok: false, reason: "notAllowed" };
  if (!canPublish(ctx.employerStatus)) return { ok: false, reason: "employerNotVerified" };
  if (action === "decline" && !ctx.reason?.trim()) return { ok: false, reason: "reasonRequired" };
  if (action === "invite") {
    const live = ctx.target.kind === "posting" ? ctx.target.status === "OPEN" : ctx.target.status === "APPROVED" || ctx.target.status === "IN_PROGRESS";
    if (!live) return { ok: false, reason: "targetNotOpen" };
  }
  if (action === "hire") {
    // A posting's deadline is for applying: hiring someone who accepted stays possible after it
    // expired or was closed, but never beyond the headcount, and never from a draft.
    const hireable = ctx.target.kind === "posting" ? ctx.target.status !== "DRAFT" : ["APPROVED", "IN_PROGRESS", "COMPLETED"].includes(ctx.target.status);
    if (!hireable) return { ok: false, reason: "targetNotOpen" };
    if (ctx.target.hired >= ctx.target.headcount) return { ok: false, reason: "headcountReached" };
  }
  return { ok: true, to: rule.to };
}

export function workerMatchTransition(status: MatchStatus, action: WorkerMatchAction): { ok: true; to: MatchStatus } | { ok: false; reason: "notAllowed" } {
  const rule = WORKER_RULES[action];
  return rule.from.includes(status) ? { ok: true, to: rule.to } : { ok: false, reason: "notAllowed" };
}

export function availableEmployerActions(status: MatchStatus): EmployerMatchAction[] {
  return EMPLOYER_MATCH_ACTIONS.filter((a) => EMPLOYER_RULES[a].from.includes(status));
}

/** The worker said yes to this employer: name and phone may be shown to it (phone through an audited reveal). */
export function employerMaySeeContact(status: MatchStatus): boolean {
  return status === "ACCEPTED" || status === "HIRED";
}

/** After a hire, a posting whose headcount is reached is filled. */
export function postingFilledAfterHire(hiredIncludingThis: number, headcount: number): boolean {
  return hiredIncludingThis >= headcount;
}

/** 转移类型 from the worker's household county and the place of work (home-based work is recorded by coordinators). */
export function transferTypeFor(
  workerCountyCode: string,
  workRegionCode: string,
): "BEIJING_TIANJIN" | "OTHER_OUT_OF_PROVINCE" | "WITHIN_HEBEI" | "LOCAL_COUNTY" {
  const province = workRegionCode.slice(0, 2);
  if (province === "11" || province === "12") return "BEIJING_TIANJIN";
  if (province !== workerCountyCode.slice(0, 2)) return "OTHER_OUT_OF_PROVINCE";
  if (workRegionCode.slice(0, 6) === workerCountyCode.slice(0, 6)) return "LOCAL_COUNTY";
  return "WITHIN_HEBEI";
}

/** 王小明 → 王**: the surname only, until the person agrees to be known to this employer. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  // Latin names: first letter and a dot; Chinese names: the surname (one character) and stars.
  if (/^[A-Za-z]/.test(chars[0])) return `${chars[0]}.`;
  return chars[0] + "*".repeat(Math.max(1, chars.length - 1));
}

/** Match factors as stored by matching ([{ factor, weight, value, contribution, note }]), read defensively. */
export type MatchFactor = { factor: string; weight: number | null; contribution: number | null; note: string | null };
export function readFactors(json: unknown): MatchFactor[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((f): f is Record<string, unknown> => typeof f === "object" && f !== null && typeof (f as { factor?: unknown }).factor === "string")
    .map((f) => ({
      factor: f.factor as string,
      weight: typeof f.weight === "number" ? f.weight : null,
      contribution: typeof f.contribution === "number" ? f.contribution : null,
      note: typeof f.note === "string" ? f.note : null,
    }));
}
