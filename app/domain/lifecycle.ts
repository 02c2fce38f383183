// A worker's way through the programme, as an explicit state machine (PRODUCT.md):
//
//   REGISTERED ──accept──▶ MATCHED ──enrol──▶ IN_TRAINING ──complete──▶ TRAINED
//        │                    │                    │ ╰──drop / fail──▶ REGISTERED (back in the pool)
//        ╰────────────────────┴──enrol─────────────╯
//   REGISTERED / MATCHED / TRAINED / LEFT ──place (verified placement)──▶ PLACED
//   PLACED ──stabilize (employed ≥ 6 months)──▶ STABLE
//   PLACED / STABLE ──leave (follow-up: no longer employed)──▶ LEFT ──accept / enrol / place──▶ …
//   PLACED ──revoke (placement verification withdrawn)──▶ REGISTERED
//
// Someone in training is not placed until the class ends (complete, drop or fail first); a
// person who left work is matchable again. Events are facts reported by the services; a fact
// that does not move the status from where it is (e.g. "accept" while already in training) is
// refused here and the caller keeps the status as it is.
export const WORKER_STATUSES = ["REGISTERED", "MATCHED", "IN_TRAINING", "TRAINED", "PLACED", "STABLE", "LEFT"] as const;
export type WorkerStatus = (typeof WORKER_STATUSES)[number];

export const LIFECYCLE_EVENTS = ["accept", "enrol", "complete", "drop", "fail", "place", "stabilize", "leave", "revoke"] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

const RULES: Record<LifecycleEvent, { from: readonly WorkerStatus[]; to: WorkerStatus }> = {
  accept: { from: ["REGISTERED", "LEFT"], to: "MATCHED" },
  enrol: { from: ["REGISTERED", "MATCHED", "TRAINED", "LEFT"], to: "IN_TRAINING" },
  complete: { from: ["IN_TRAINING"], to: "TRAINED" },
  drop: { from: ["IN_TRAINING"], to: "REGISTERED" },
  fail: { from: ["IN_TRAINING"], to: "REGISTERED" },
  place: { from: ["REGISTERED", "MATCHED", "TRAINED", "LEFT"], to: "PLACED" },
  stabilize: { from: ["PLACED"], to: "STABLE" },
  leave: { from: ["PLACED", "STABLE"], to: "LEFT" },
  revoke: { from: ["PLACED"], to: "REGISTERED" },
};

export type LifecycleStep = { ok: true; to: WorkerStatus } | { ok: false; reason: "notAllowed" };

export function lifecycleTransition(from: WorkerStatus, event: LifecycleEvent): LifecycleStep {
  const rule = RULES[event];
  return rule.from.includes(from) ? { ok: true, to: rule.to } : { ok: false, reason: "notAllowed" };
}

/** Statuses in which new postings and training orders are proposed to the person. */
export function isMatchable(status: WorkerStatus): boolean {
  return status === "REGISTERED" || status === "MATCHED" || status === "TRAINED" || status === "LEFT";
}

/** "Stable employment" (稳定就业) = still employed at least 6 months after the start. */
export const STABLE_MONTHS = 6;
