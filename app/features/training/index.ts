// The training feature's public module for code the browser may load (schemas, components):
// nothing here may come from a *.server file (app/features.test.ts checks it).
export * from "./components/class-attendance";
export * from "./components/class-form";
export * from "./components/class-list";
export * from "./components/class-page";
export * from "./components/order-form";
export * from "./schema";
export { classReplyBase } from "./class-pages";
