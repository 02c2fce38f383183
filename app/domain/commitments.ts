// Commitments kept (用工承诺兑现): for each employer, what its training orders promised (hire ≥ N
// graduates at ≥ W CNY/month, kept ≥ R months) against the placements that followed. Coordinators
// read it before approving the next order; matching will use it as a signal.
//
// Counting rules (each tested):
// - Only orders that were approved count (APPROVED, IN_PROGRESS, COMPLETED): a draft promises nothing.
// - A hire counts toward the commitment when its placement is VERIFIED and paid at least the
//   committed wage. Unverified placements are shown as pending, never counted; flagged and
//   rejected ones not at all (a placement counts only when verified — PRODUCT.md).
// - Retention is judged once a counted hire has worked R months: retained unless the placement
//   ended before then or a completed follow-up at or before month R found the person gone.

import { addMonths } from "~/platform/china-time";

export type CommitmentOrder = {
  id: string;
  status: string;
  commitHires: number | null;
  commitWage: number | null;
  retentionMonths: number | null;
};

export type CommitmentPlacement = {
  orderId: string;
  startDate: string; // YYYY-MM-DD
  endDate: string | null;
  monthlyWage: number;
  verification: "UNVERIFIED" | "VERIFIED" | "FLAGGED" | "REJECTED";
  followUps: { dueMonth: number; completed: boolean; stillEmployed: boolean | null }[];
};

export type OrderOutcome = "kept" | "broken" | "open";

export type OrderCommitment = {
  orderId: string;
  committedHires: number;
  commitWage: number | null;
  retentionMonths: number | null;
  /** Verified hires at or above the committed wage. */
  hires: number;
  /** Placements still waiting for verification (at or above the wage). */
  pendingHires: number;
  /** Verified hires paid below the committed wage (do not count). */
  belowWage: number;
  /** Counted hires whose retention period is over, and of those the ones still employed at its end. */
  retentionDue: number;
  retained: number;
  outcome: OrderOutcome;
};

export type EmployerCommitments = {
  orders: OrderCommitment[];
  committedHires: number;
  hires: number;
  pendingHires: number;
  retentionDue: number;
  retained: number;
  /** retained / retentionDue, null until someone's retention period is over. */
  retentionRate: number | null;
  kept: number;
  broken: number;
  open: number;
};

const COUNTED_STATUSES = new Set(["APPROVED", "IN_PROGRESS", "COMPLETED"]);

function stillEmployedAfter(p: CommitmentPlacement, months: number): boolean {
  const until = addMonths(p.startDate, months);
  if (p.endDate !== null && p.endDate < until) return false;
  return !p.followUps.some((f) => f.completed && f.stillEmployed === false && f.dueMonth <= months);
}

export function orderCommitment(order: CommitmentOrder, placements: CommitmentPlacement[], today: string): OrderCommitment {
  const committed = order.commitHires ?? 0;
  const atWage = (p: CommitmentPlacement) => order.commitWage === null || p.monthlyWage >= order.commitWage;
  const own = placements.filter((p) => p.orderId === order.id);
  const counted = own.filter((p) => p.verification === "VERIFIED" && atWage(p));
  const pending = own.filter((p) => p.verification === "UNVERIFIED" && atWage(p));
  const belowWage = own.filter((p) => p.verification === "VERIFIED" && !atWage(p)).length;
  const r = order.retentionMonths;
  const due = r === null ? [] : counted.filter((p) => addMonths(p.startDate, r) <= today);
  const retained = r === null ? 0 : due.filter((p) => stillEmployedAfter(p, r)).length;
  // Counted hires known to have left before their retention period ended (an end date or a follow-up says so).
  const lost = r === null ? 0 : counted.filter((p) => !stillEmployedAfter(p, r)).length;

  // Kept once enough verified hires at the wage stayed long enough; broken once the class is over
  // and not enough people are left (counted, still possibly retained, or awaiting verification).
  let outcome: OrderOutcome = "open";
  if (counted.length >= committed && (r === null || retained >= committed)) outcome = "kept";
  else if (order.status === "COMPLETED" && counted.length - lost + pending.length < committed) outcome = "broken";

  return {
    orderId: order.id,
    committedHires: committed,
    commitWage: order.commitWage,
    retentionMonths: r,
    hires: counted.length,
    pendingHires: pending.length,
    belowWage,
    retentionDue: due.length,
    retained,
    outcome,
  };
}

export function employerCommitments(orders: CommitmentOrder[], placements: CommitmentPlacement[], today: string): EmployerCommitments {
  const list = orders.filter((o) => COUNTED_STATUSES.has(o.status) && (o.commitHires ?? 0) > 0).map((o) => orderCommitment(o, placements, today));
  const sum = (k: "committedHires" | "hires" | "pendingHires" | "retentionDue" | "retained") => list.reduce((a, o) => a + o[k], 0);
  const retentionDue = sum("retentionDue");
  return {
    orders: list,
    committedHires: sum("committedHires"),
    hires: sum("hires"),
    pendingHires: sum("pendingHires"),
    retentionDue,
    retained: sum("retained"),
    retentionRate: retentionDue === 0 ? null : sum("retained") / retentionDue,
    kept: list.filter((o) => o.outcome === "kept").length,
    broken: list.filter((o) => o.outcome === "broken").length,
    open: list.filter((o) => o.outcome === "open").length,
  };
}
