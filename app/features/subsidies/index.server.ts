// The subsidies feature's public server module: routes, workers and other features import its
// services from here, never from the files themselves (app/features.test.ts checks it).
export * from "./subsidies.server";
export * from "./subsidy-policies.server";
