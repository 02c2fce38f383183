// Test configuration: the real PostgreSQL and Redis on this machine (CI starts them too).
// Tests may read process.env; the app may not (it gets a Config).
import { randomBytes } from "node:crypto";
import { getConfig, parseConfig, type Config } from "~/services/env.server";

export const PG_SERVER_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export function databaseUrl(name: string): string {
  const u = new URL(PG_SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

const key = () => randomBytes(32).toString("base64");

/** A session secret and PII keys of their own, as a new deployment makes them. */
export function freshSecrets() {
  return { SESSION_SECRET: randomBytes(32).toString("hex"), PII_ENCRYPTION_KEY: key(), PII_HMAC_KEY: key() };
}

export function testConfig(databaseName: string, overrides: Record<string, string> = {}): Config {
  return parseConfig({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl(databaseName),
    REDIS_URL,
    ...freshSecrets(),
    DEMO_SEED: "off",
    ...overrides,
  });
}

/**
 * The environment of a script (a CLI command, the worker process) run as a child of a test, on the
 * test's database, queue and keys (`c`); `overrides` adds to or replaces that.
 */
export function childEnv(c: Config = getConfig(), overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: "test",
    PATH: process.env.PATH,
    DATABASE_URL: c.database.url,
    REDIS_URL: c.queue.adapter === "redis" ? c.queue.url : "",
    SESSION_SECRET: c.secrets.session,
    PII_ENCRYPTION_KEY: c.secrets.piiKey.toString("base64"),
    PII_HMAC_KEY: c.secrets.piiHmacKey.toString("base64"),
    ...overrides,
  };
}
