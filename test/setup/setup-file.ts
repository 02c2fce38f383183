// Runs before each integration test file, in its worker: a fresh database cloned from the
// template, a test Config pointing at it, and a guard that fails any test that writes to
// console.error (a stray error is a bug someone will otherwise never read).
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";
import { disconnectDb } from "~/services/db.server";
import { setConfig } from "~/services/env.server";
import { cloneTemplate, dropDatabase } from "./db";
import { testConfig } from "./env";

const name = `lb_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
await cloneTemplate(inject("templateDb"), name);
setConfig(testConfig(name));

let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length) throw new Error(`console.error was called:\n${errors.map((a) => a.map(String).join(" ")).join("\n")}`);
});
afterAll(async () => {
  await disconnectDb();
  await dropDatabase(name);
});

export const testDatabaseName = name;
