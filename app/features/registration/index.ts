// The registration feature's public module for code the browser may load (schemas, components):
// nothing here may come from a *.server file (app/features.test.ts checks it).
export * from "./components/registration-form";
export * from "./components/field-hooks";
export * from "./components/preferences-step";
export * from "./components/skills-step";
export * from "./schema";
