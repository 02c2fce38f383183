// Test configuration: the real PostgreSQL and Redis on this machine (CI starts them too).
// Tests may read process.env; the app may not (it gets a Config).
import { randomBytes } from "node:crypto";
import { parseConfig, type Config } from "~/services/env.server";

export const PG_SERVER_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export function databaseUrl(name: string): string {
  const u = new URL(PG_SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

const key = () => randomBytes(32).toString("base64");

export function testConfig(databaseName: string, overrides: Record<string, string> = {}): Config {
  return parseConfig({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl(databaseName),
    REDIS_URL,
    SESSION_SECRET: randomBytes(32).toString("hex"),
    PII_ENCRYPTION_KEY: key(),
    PII_HMAC_KEY: key(),
    DEMO_SEED: "off",
    ...overrides,
  });
}
