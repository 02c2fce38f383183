// The employers feature's public server module: routes, workers and other features import its
// services from here, never from the files themselves (app/features.test.ts checks it).
export * from "./candidates.server";
export * from "./commitments.server";
export * from "./employer-pages.server";
export * from "./employer.server";
export * from "./postings.server";
export * from "./target-selects.server";
