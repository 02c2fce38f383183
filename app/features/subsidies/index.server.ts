// The subsidies feature's public server module: routes, workers and other features import its
// services from here, never from the files themselves (app/features.test.ts checks it).
export * from "./claim-flags.server";
export * from "./claim-generation.server";
export * from "./payment-batches.server";
export * from "./subsidies.server";
export * from "./subsidy-access.server";
export * from "./subsidy-funds.server";
export * from "./subsidy-policies.server";
