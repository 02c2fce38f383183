// The matching feature's public module for code the browser may load (schemas, components):
// nothing here may come from a *.server file (app/features.test.ts checks it).
export * from "./components/match-factors";
export * from "./components/match-ranking";
export * from "./components/match-recommendations";
export * from "./components/match-target";
