// Runs before each integration test file, in its worker: a fresh database cloned from the
// template, a test Config pointing at it, and a guard that fails any test that writes to
// console.error (a stray error is a bug someone will otherwise never read).
import { afterAll, inject } from "vitest";
import { disconnectDb } from "~/services/db.server";
import { setConfig } from "~/services/env.server";
import { failOnConsoleError } from "./console-errors";
import { cloneTemplate, dropDatabase } from "./db";
import { testConfig } from "./env";

const name = `lb_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
await cloneTemplate(inject("templateDb"), name);
setConfig(testConfig(name));

failOnConsoleError();
afterAll(async () => {
  await disconnectDb();
  await dropDatabase(name);
});

export const testDatabaseName = name;
