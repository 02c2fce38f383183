// Issue 11, item 13: production refuses keys that are not 32 random bytes, with a clear start-up error.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "~/services/env.server";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "lb-keys-"));
const good = () => randomBytes(32).toString("base64");
const prod = (keys: Record<string, string>) =>
  parseConfig({
    NODE_ENV: "production",
    DATABASE_URL: "postgresql://db/app",
    DATA_DIR: tmp(),
    SESSION_SECRET: randomBytes(32).toString("hex"),
    PII_ENCRYPTION_KEY: good(),
    PII_HMAC_KEY: good(),
    ...keys,
  });

describe("production keys", () => {
  it("accepts 32 random bytes (base64, or hex for the session secret)", () => {
    expect(prod({}).secrets.piiKey).toHaveLength(32);
    expect(prod({ SESSION_SECRET: good() }).secrets.session).toBeTruthy();
  });

  it("weak key: an all-zero PII_ENCRYPTION_KEY is refused at start-up in production", () => {
    expect(() => prod({ PII_ENCRYPTION_KEY: Buffer.alloc(32).toString("base64") })).toThrow(ConfigError);
    expect(() => prod({ PII_ENCRYPTION_KEY: Buffer.alloc(32).toString("base64") })).toThrow(/PII_ENCRYPTION_KEY: does not look random/);
  });

  it("weak key: a PII_HMAC_KEY of one repeated byte or a short repeated pattern is refused", () => {
    expect(() => prod({ PII_HMAC_KEY: Buffer.alloc(32, 0x41).toString("base64") })).toThrow(/PII_HMAC_KEY/);
    expect(() => prod({ PII_HMAC_KEY: Buffer.from("abcdabcdabcdabcdabcdabcdabcdabcd").toString("base64") })).toThrow(/PII_HMAC_KEY/);
  });

  it("weak key: a typed 32-character SESSION_SECRET passphrase is refused (not 32 random bytes)", () => {
    expect(() => prod({ SESSION_SECRET: "my-very-secret-session-password!" })).toThrow(/SESSION_SECRET: must be exactly 32 random bytes/);
    expect(() => prod({ SESSION_SECRET: "0".repeat(64) })).toThrow(/SESSION_SECRET: does not look random/);
  });

  it("short key: base64 that does not decode to exactly 32 bytes is refused", () => {
    expect(() => prod({ PII_ENCRYPTION_KEY: randomBytes(16).toString("base64") })).toThrow(/PII_ENCRYPTION_KEY/);
    expect(() => prod({ SESSION_SECRET: randomBytes(24).toString("base64") + "!!!!!!!!" })).toThrow(/SESSION_SECRET/);
  });

  it("missing keys in production name every variable and how to generate one", () => {
    let message = "";
    try {
      parseConfig({ NODE_ENV: "production", DATABASE_URL: "postgresql://db/app", DATA_DIR: tmp() });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/SESSION_SECRET/);
    expect(message).toMatch(/PII_ENCRYPTION_KEY/);
    expect(message).toMatch(/PII_HMAC_KEY/);
    expect(message).toMatch(/randomBytes\(32\)/);
  });
});
