import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, describePorts, parseConfig } from "./env.server";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "lb-env-"));

describe("config", () => {
  it("uses the embedded adapters by default and the production ones when URLs are set", () => {
    const dir = tmp();
    const embedded = parseConfig({ DATA_DIR: dir });
    expect(describePorts(embedded)).toEqual({ database: "embedded-postgres", queue: "bullmq-postgres", search: "embedded" });
    const prod = parseConfig({
      DATA_DIR: dir,
      DATABASE_URL: "postgresql://db/app",
      REDIS_URL: "redis://r:6379",
      MEILI_URL: "http://meili:7700",
      MEILI_KEY: "k",
    });
    expect(describePorts(prod)).toEqual({ database: "postgres", queue: "bullmq-redis", search: "meilisearch" });
    expect(prod.database.url).toBe("postgresql://db/app");
  });

  it("keeps generated keys in DATA_DIR so a restart can still decrypt", () => {
    const dir = tmp();
    const a = parseConfig({ DATA_DIR: dir });
    const b = parseConfig({ DATA_DIR: dir });
    expect(a.secrets.piiKey.equals(b.secrets.piiKey)).toBe(true);
    expect(a.secrets.piiKey).toHaveLength(32);
    expect(fs.statSync(path.join(dir, "secrets.json")).mode & 0o077).toBe(0);
  });

  it("key rotation: previous PII keys from the environment or secrets.json; an empty one is none; a bad one is refused", () => {
    const key = () => Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString("base64");
    const env = { DATA_DIR: tmp(), SESSION_SECRET: "s".repeat(40), PII_ENCRYPTION_KEY: key(), PII_HMAC_KEY: key() };
    expect(parseConfig({ ...env, PII_ENCRYPTION_KEY_PREVIOUS: "", PII_HMAC_KEY_PREVIOUS: "" }).secrets.piiKeyPrevious).toBeUndefined();
    const withPrevious = parseConfig({ ...env, PII_ENCRYPTION_KEY_PREVIOUS: key(), PII_HMAC_KEY_PREVIOUS: key() }).secrets;
    expect(withPrevious.piiKeyPrevious).toHaveLength(32);
    expect(withPrevious.piiHmacKeyPrevious).toHaveLength(32);
    expect(() => parseConfig({ ...env, PII_HMAC_KEY_PREVIOUS: "c2hvcnQ=" })).toThrow(/PII_HMAC_KEY_PREVIOUS/);
    expect(() =>
      parseConfig({ ...env, NODE_ENV: "production", DATABASE_URL: "postgresql://db/app", PII_ENCRYPTION_KEY_PREVIOUS: Buffer.alloc(32, 7).toString("base64") }),
    ).toThrow(/PII_ENCRYPTION_KEY_PREVIOUS: does not look random/);
    const dir = tmp();
    const first = parseConfig({ DATA_DIR: dir }).secrets;
    const file = path.join(dir, "secrets.json");
    const stored = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...stored, piiKey: key(), piiKeyPrevious: stored.piiKey, piiHmacKeyPrevious: stored.piiHmacKey }));
    const rotated = parseConfig({ DATA_DIR: dir }).secrets;
    expect(rotated.piiKeyPrevious!.equals(first.piiKey)).toBe(true);
    expect(rotated.piiHmacKeyPrevious!.equals(first.piiHmacKey)).toBe(true);
    expect(rotated.piiKey.equals(first.piiKey)).toBe(false);
  });

  it("requires explicit keys in production and names what is wrong", () => {
    expect(() => parseConfig({ NODE_ENV: "production", DATABASE_URL: "postgresql://db/app", DATA_DIR: tmp() })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: "not-a-port", DATA_DIR: tmp() })).toThrow(/PORT/);
    expect(() => parseConfig({ PII_ENCRYPTION_KEY: "c2hvcnQ=", DATA_DIR: tmp() })).toThrow(/PII_ENCRYPTION_KEY/);
  });

  it("Meilisearch: a search key for the web, an admin key for workers; the old single MEILI_KEY still works, with a deprecation", () => {
    const base = { DATA_DIR: tmp(), MEILI_URL: "http://meili:7700" };
    const split = parseConfig({ ...base, MEILI_SEARCH_KEY: "s", MEILI_ADMIN_KEY: "a" }).search;
    expect(split).toEqual({ adapter: "meilisearch", url: "http://meili:7700", searchKey: "s", adminKey: "a", searchTimeoutMs: 3000 });
    const legacy = parseConfig({ ...base, MEILI_KEY: "k" }).search;
    expect(legacy).toMatchObject({ searchKey: "k", adminKey: "k", deprecation: expect.stringContaining("MEILI_SEARCH_KEY") });
    // Only the missing one falls back to the old key (still deprecated: the web may hold a writer).
    expect(parseConfig({ ...base, MEILI_KEY: "k", MEILI_SEARCH_KEY: "s" }).search).toMatchObject({
      searchKey: "s",
      adminKey: "k",
      deprecation: expect.any(String),
    });
    expect(parseConfig({ ...base, MEILI_KEY: "k", MEILI_SEARCH_KEY: "s", MEILI_ADMIN_KEY: "a" }).search).not.toHaveProperty("deprecation");
    expect(parseConfig({ ...base, MEILI_SEARCH_TIMEOUT_MS: "500" }).search).toMatchObject({ searchTimeoutMs: 500 });
    expect(() => parseConfig({ ...base, MEILI_SEARCH_TIMEOUT_MS: "0" })).toThrow(/MEILI_SEARCH_TIMEOUT_MS/);
  });

  it("treats an empty URL as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", DATA_DIR: tmp() }).database.adapter).toBe("embedded-postgres");
  });
});
