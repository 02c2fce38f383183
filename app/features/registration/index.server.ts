// The registration feature's public server module: routes, workers and other features import its
// services from here, never from the files themselves (app/features.test.ts checks it).
export * from "./lifecycle.server";
export * from "./registration-page.server";
export * from "./registration.server";
export * from "./seeker.server";
export * from "./workers.server";
