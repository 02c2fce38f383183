// The placements feature's public server module: routes, workers and other features import its
// services from here, never from the files themselves (app/features.test.ts checks it).
export * from "./evidence.server";
export * from "./follow-ups.server";
export * from "./placement-flags.server";
export * from "./placement-verification.server";
export * from "./placements.server";
