// Runs before each integration test file, in its worker: a fresh database cloned from the
// template, a test Config pointing at it, and a guard that fails any test that writes to
// console.error (a stray error is a bug someone will otherwise never read). At the end it closes
// the queue producer and the search index (each a no-op when the file never opened it) and the
// database connections.
import { afterAll, inject } from "vitest";
import { disconnectDb } from "~/services/db.server";
import { setConfig } from "~/services/env.server";
import { closeProducer } from "~/services/queue.server";
import { closeSearchIndex } from "~/services/search.server";
import { failOnConsoleError } from "./console-errors";
import { cloneTemplate, dropDatabase } from "./db";
import { testConfig } from "./env";

const name = `lb_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
await cloneTemplate(inject("templateDb"), name);
setConfig(testConfig(name));

failOnConsoleError();
// Registered before the test file's own hooks, so (vitest runs after-hooks as a stack) this runs last:
// a file's afterAll may still use the producer, e.g. to obliterate the queues it filled.
afterAll(async () => {
  await closeProducer();
  await closeSearchIndex();
  await disconnectDb();
  await dropDatabase(name);
});

export const testDatabaseName = name;
