// Training orders (培训订单): an employer commissions a class. Three kinds, each with its own
// obligations, and a lifecycle in which coordinators approve before a class may be formed.
//
//   DRAFT ──submit──▶ SUBMITTED ──approve──▶ APPROVED ──(class formed, later issue)──▶ IN_PROGRESS ──▶ COMPLETED
//     ▲                  │ ╰──reject (reason)──▶ REJECTED ──edit──▶ DRAFT
//     ╰──────withdraw────╯
//   DRAFT / SUBMITTED / APPROVED ──cancel──▶ CANCELLED
import { canReadRegion, type Principal } from "./access";
import type { EmployerStatus } from "./employer";
import { canPublish, isProvinceStaff } from "./employer";

export const TRAINING_ORDER_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "REJECTED", "IN_PROGRESS", "COMPLETED", "CANCELLED"] as const;
export type TrainingOrderStatus = (typeof TRAINING_ORDER_STATUSES)[number];

export const ORDER_KINDS = ["ORDER_BASED", "POST_BASED", "COMPOUND"] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/** Who takes each step: the employer its own order, a coordinator in scope the review. */
export const ORDER_ACTIONS = ["submit", "withdraw", "cancel", "approve", "reject"] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];
export const EMPLOYER_ORDER_ACTIONS: readonly OrderAction[] = ["submit", "withdraw", "cancel"];
export const REVIEW_ORDER_ACTIONS: readonly OrderAction[] = ["approve", "reject"];

const ACTIONS: Record<OrderAction, { from: readonly TrainingOrderStatus[]; to: TrainingOrderStatus; needsReason: boolean }> = {
  submit: { from: ["DRAFT"], to: "SUBMITTED", needsReason: false },
  withdraw: { from: ["SUBMITTED"], to: "DRAFT", needsReason: false },
  // Once approved, cancelling may leave a county with a class nobody will hire from: say why.
  cancel: { from: ["DRAFT", "SUBMITTED", "APPROVED"], to: "CANCELLED", needsReason: true },
  approve: { from: ["SUBMITTED"], to: "APPROVED", needsReason: false },
  reject: { from: ["SUBMITTED"], to: "REJECTED", needsReason: true },
};

export function orderActionNeedsReason(a: OrderAction): boolean {
  return ACTIONS[a].needsReason;
}

export type OrderRefusal = "notAllowed" | "employerNotVerified" | "reasonRequired";

export function orderTransition(
  status: TrainingOrderStatus,
  action: OrderAction,
  ctx: { employerStatus: EmployerStatus; reason?: string | null },
): { ok: true; to: TrainingOrderStatus } | { ok: false; reason: OrderRefusal } {
  const rule = ACTIONS[action];
  if (!rule.from.includes(status)) return { ok: false, reason: "notAllowed" };
  // Submitting asks the county to plan a class on the employer's word: a verified employer only.
  // Approval re-checks, since an employer may be suspended while its order waits.
  if ((action === "submit" || action === "approve") && !canPublish(ctx.employerStatus)) return { ok: false, reason: "employerNotVerified" };
  if (rule.needsReason && !ctx.reason?.trim()) return { ok: false, reason: "reasonRequired" };
  return { ok: true, to: rule.to };
}

export function availableOrderActions(status: TrainingOrderStatus, who: "employer" | "reviewer"): OrderAction[] {
  const allowed = who === "employer" ? EMPLOYER_ORDER_ACTIONS : REVIEW_ORDER_ACTIONS;
  return allowed.filter((a) => ACTIONS[a].from.includes(status));
}

/** Which action an API client means by asking for `to` from `from`. */
export function orderActionFor(from: TrainingOrderStatus, to: TrainingOrderStatus): OrderAction | null {
  return ORDER_ACTIONS.find((a) => ACTIONS[a].to === to && ACTIONS[a].from.includes(from)) ?? null;
}

/** Drafts are edited in place; editing a rejected order turns it back into a draft to resubmit. */
export function orderEditable(status: TrainingOrderStatus): boolean {
  return status === "DRAFT" || status === "REJECTED";
}

// ───────────── what each kind obliges ─────────────

/** General modules a compound (复合式) class adds to the occupational skills (labels: emp.modules.*). */
export const GENERAL_MODULES = ["safety", "urban-life", "digital-skills", "labour-rights", "health", "mandarin"] as const;

export type OrderTerms = {
  kind: OrderKind;
  classSize: number;
  generalModules: readonly string[];
  commitHires?: number | null;
  commitWage?: number | null;
  retentionMonths?: number | null;
};

export type TermsProblem = { field: "commitHires" | "commitWage" | "retentionMonths" | "generalModules"; message: string };

/**
 * - 订单式 ORDER_BASED: the hiring commitment is the contract: hire ≥ N graduates (N ≤ class size)
 *   at ≥ W CNY/month, kept ≥ R months. All three are required.
 * - 定岗式 POST_BASED: training for posts the employer already has: how many posts and their wage
 *   are required; a retention guarantee is optional.
 * - 复合式 COMPOUND: occupational skills plus at least one general module; a commitment is optional.
 * Messages are i18n keys (emp.*).
 */
export function checkOrderTerms(t: OrderTerms): TermsProblem[] {
  const problems: TermsProblem[] = [];
  const has = (v: number | null | undefined): v is number => typeof v === "number";
  if (t.kind === "ORDER_BASED" || t.kind === "POST_BASED") {
    if (!has(t.commitHires))
      problems.push({ field: "commitHires", message: t.kind === "ORDER_BASED" ? "emp.order.commitHiresRequired" : "emp.order.postsRequired" });
    if (!has(t.commitWage)) problems.push({ field: "commitWage", message: "emp.order.commitWageRequired" });
  }
  if (t.kind === "ORDER_BASED" && !has(t.retentionMonths)) problems.push({ field: "retentionMonths", message: "emp.order.retentionRequired" });
  if (t.kind === "COMPOUND" && t.generalModules.length === 0) problems.push({ field: "generalModules", message: "emp.order.modulesRequired" });
  if (has(t.commitHires) && t.commitHires > t.classSize) problems.push({ field: "commitHires", message: "emp.order.commitAboveClassSize" });
  // A retention guarantee without anyone to retain means nothing.
  if (has(t.retentionMonths) && !has(t.commitHires)) problems.push({ field: "commitHires", message: "emp.order.commitHiresRequired" });
  return problems;
}

/** Does this order carry a hiring commitment the employer will be held to? */
export function hasHiringCommitment(t: Pick<OrderTerms, "commitHires">): boolean {
  return typeof t.commitHires === "number" && t.commitHires > 0;
}

// ───────────── who reviews ─────────────

/**
 * Coordinators approve the orders that will become classes in their region: where the training
 * takes place, or where its provider is. Province-level coordinators and admins review any order.
 */
export function canReviewOrder(p: Principal, order: { locationRegionCode: string; providerRegionCode: string | null }): boolean {
  if (isProvinceStaff(p)) return true;
  return canReadRegion(p, order.locationRegionCode) || (order.providerRegionCode !== null && canReadRegion(p, order.providerRegionCode));
}
