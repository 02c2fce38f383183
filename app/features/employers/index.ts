// The employers feature's public module for code the browser may load (schemas, components):
// nothing here may come from a *.server file (app/features.test.ts checks it).
export * from "./components/candidates";
export * from "./components/employer";
export * from "./components/invitations";
export * from "./components/posting-form";
export * from "./schema";
