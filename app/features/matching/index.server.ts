// The matching feature's public server module: routes, workers and other features import its
// services from here, never from the files themselves (app/features.test.ts checks it).
export * from "./fairness.server";
export * from "./match-policy.server";
export * from "./match-views.server";
export * from "./matching-jobs.server";
export * from "./matching-one.server";
export * from "./matching-pool.server";
export * from "./matching-load.server";
export * from "./matching.server";
// match-views re-exports the employers' TargetRef, the same shape as the engine's: name one.
export type { TargetRef } from "./matching.server";
