// The imports feature's public server module: routes, workers and other features import its
// services from here, never from the files themselves (app/features.test.ts checks it).
export * from "./posting-upload.server";
export * from "./roster-import.server";
export * from "./roster-uploads.server";
