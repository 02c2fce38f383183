// Follow-ups (跟踪回访): where a task stands and what a recorded result means for the worker.
import { STABLE_MONTHS, type LifecycleEvent } from "./lifecycle";

export type FollowUpState = "scheduled" | "open" | "overdue" | "done";

/**
 * scheduled: not yet due (the delayed job has not opened it); open: a task for the county
 * coordinator; overdue: its due day has passed and nobody recorded the result; done: recorded.
 * `today` and `dueAt` are ISO days (China time).
 */
export function followUpState(f: { dueAt: string; openedAt: Date | string | null; completedAt: Date | string | null }, today: string): FollowUpState {
  if (f.completedAt) return "done";
  if (f.dueAt < today) return "overdue";
  if (f.openedAt || f.dueAt <= today) return "open";
  return "scheduled";
}

/**
 * What a recorded result means for the worker's lifecycle: still employed at 6 months or later is
 * stable employment; no longer employed is leaving work (matchable again).
 */
export function followUpLifecycleEvent(dueMonth: number, stillEmployed: boolean): LifecycleEvent | null {
  if (!stillEmployed) return "leave";
  return dueMonth >= STABLE_MONTHS ? "stabilize" : null;
}

/** A registered-poor worker who lost work is at risk of returning to poverty (PRODUCT.md). */
export function becomesAtRisk(worker: { isRegisteredPoor: boolean }, stillEmployed: boolean): boolean {
  return worker.isRegisteredPoor && !stillEmployed;
}

export const LEAVE_REASONS = ["contractEnded", "quit", "dismissed", "health", "family", "wageArrears", "other"] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];
