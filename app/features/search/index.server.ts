// The search feature's public server module: routes, workers and other features import its
// services from here, never from the files themselves (app/features.test.ts checks it).
export * from "./target-search.server";
export * from "./worker-search.server";
