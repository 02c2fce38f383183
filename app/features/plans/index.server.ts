// The plans feature's public server module: routes, workers and other features import its
// services from here, never from the files themselves (app/features.test.ts checks it).
export * from "./dashboard.server";
export * from "./drilldown.server";
export * from "./exports.server";
export * from "./plans-api.server";
export * from "./plans.server";
