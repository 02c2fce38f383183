// The training feature's public server module: routes, workers and other features import its
// services from here, never from the files themselves (app/features.test.ts checks it).
export * from "./attendance.server";
export * from "./class-access.server";
export * from "./class-enrolment.server";
export * from "./class-finishing.server";
export * from "./class-pages.server";
export * from "./class-progress.server";
export * from "./classes.server";
export * from "./completion-rates.server";
export * from "./training-orders.server";
