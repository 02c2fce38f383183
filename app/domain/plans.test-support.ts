// A year's plan targets for tests (app/domain/plans.test.ts and the dashboard integration test).
import type { PlanTargets } from "./plans";

/** A county's year: 100 trained, 40 of them in order-based classes, 60 transferred … (`o` changes some). */
export const planTargets = (o: Partial<PlanTargets> = {}): PlanTargets => ({
  trainingPersonTimes: 100,
  orderBasedPersonTimes: 40,
  transferredPersons: 60,
  toBeijingTianjinPersons: 30,
  stablePersons: 40,
  poorHouseholdSharePct: 50,
  completionRatePct: 85,
  ...o,
});
