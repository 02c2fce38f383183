import { describe, expect, it } from "vitest";
import { LIFECYCLE_EVENTS, WORKER_STATUSES, isMatchable, lifecycleTransition, type LifecycleEvent, type WorkerStatus } from "./lifecycle";

// The whole table, written out: every (status, event) pair is either here with its result or forbidden.
const ALLOWED: Record<string, WorkerStatus> = {
  "REGISTERED accept": "MATCHED",
  "LEFT accept": "MATCHED",
  "REGISTERED enrol": "IN_TRAINING",
  "MATCHED enrol": "IN_TRAINING",
  "TRAINED enrol": "IN_TRAINING",
  "LEFT enrol": "IN_TRAINING",
  "IN_TRAINING complete": "TRAINED",
  "IN_TRAINING drop": "REGISTERED",
  "IN_TRAINING fail": "REGISTERED",
  "REGISTERED place": "PLACED",
  "MATCHED place": "PLACED",
  "TRAINED place": "PLACED",
  "LEFT place": "PLACED",
  "PLACED stabilize": "STABLE",
  "PLACED leave": "LEFT",
  "STABLE leave": "LEFT",
  "PLACED revoke": "REGISTERED",
};

describe("worker lifecycle", () => {
  for (const from of WORKER_STATUSES) {
    for (const event of LIFECYCLE_EVENTS) {
      const key = `${from} ${event}`;
      const expected = ALLOWED[key];
      it(expected ? `${key} → ${expected}` : `${key} is refused`, () => {
        expect(lifecycleTransition(from, event as LifecycleEvent)).toEqual(expected ? { ok: true, to: expected } : { ok: false, reason: "notAllowed" });
      });
    }
  }

  it("covers exactly the documented transitions", () => {
    const allowed = WORKER_STATUSES.flatMap((s) => LIFECYCLE_EVENTS.filter((e) => lifecycleTransition(s, e).ok).map((e) => `${s} ${e}`));
    expect(allowed.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it("someone in training cannot be placed before the class ends", () => {
    expect(lifecycleTransition("IN_TRAINING", "place").ok).toBe(false);
  });

  it("people who left work are matchable again; people in training or work are not proposed", () => {
    expect(WORKER_STATUSES.filter(isMatchable)).toEqual(["REGISTERED", "MATCHED", "TRAINED", "LEFT"]);
  });
});
