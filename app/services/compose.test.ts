// deploy/compose.yaml against the config module: the production layout gives the app only
// variables it reads (a typo would be silently ignored), every one the production config needs,
// and URLs that point at services of the same file; with the placeholders filled in, web and
// workers parse to the production adapters (PostgreSQL, Redis, Meilisearch), never embedded ones.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ENV_VARIABLES, parseConfig } from "./env.server";

const ROOT = path.resolve(import.meta.dirname, "../..");
type Service = { command?: string[]; environment?: Record<string, string>; deploy?: { replicas?: number }; image?: string; build?: unknown };
const compose = parse(fs.readFileSync(path.join(ROOT, "deploy/compose.yaml"), "utf8"), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const APP_SERVICES = ["web", "workers", "migrate"];

/** ${NAME:?} placeholders filled as deploy/.env would fill them (32 random bytes, base64). */
const fill = (value: string) => value.replace(/\$\{(\w+)(:[?-][^}]*)?\}/g, () => randomBytes(32).toString("base64url"));
const envOf = (name: string) => Object.fromEntries(Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, fill(String(v))]));

describe("deploy/compose.yaml", () => {
  it("has the production layout: PostgreSQL, Redis, Meilisearch, several web processes, the workers", () => {
    for (const name of ["postgres", "redis", "meilisearch", "web", "workers", "migrate", "proxy"]) expect(services[name], name).toBeDefined();
    expect(services.web.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.web.command).toEqual(["npm", "run", "start:web"]);
    expect(services.workers.command).toEqual(["npm", "run", "start:workers"]);
    expect(services.migrate.command).toEqual(["npm", "run", "db:migrate"]);
    const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    for (const name of APP_SERVICES) expect(scripts[services[name].command![2]], name).toBeDefined();
    expect(fs.existsSync(path.join(ROOT, "deploy/nginx.conf"))).toBe(true);
  });

  it("gives the app only variables the config module reads", () => {
    for (const name of APP_SERVICES) for (const key of Object.keys(services[name].environment ?? {})) expect(ENV_VARIABLES, `${name}: ${key}`).toContain(key);
  });

  it("web and workers parse to the production adapters, pointing at services of this file", () => {
    for (const name of ["web", "workers"]) {
      const config = parseConfig(envOf(name), ROOT);
      expect(config.nodeEnv).toBe("production");
      expect(config.database.adapter).toBe("postgres");
      expect(config.queue.adapter).toBe("redis");
      expect(config.search.adapter).toBe("meilisearch");
      for (const url of [
        config.database.url,
        config.queue.adapter === "redis" ? config.queue.url : "",
        config.search.adapter === "meilisearch" ? config.search.url : "",
      ]) {
        expect(Object.keys(services), url).toContain(new URL(url).hostname);
      }
      expect(config.metricsToken).toBeTruthy();
    }
    // The database password the app uses is the one the database is given.
    expect(services.web.environment!.DATABASE_URL).toContain(services.postgres.environment!.POSTGRES_PASSWORD);
    expect(services.web.environment!.MEILI_KEY).toBe(services.meilisearch.environment!.MEILI_MASTER_KEY);
  });

  it("every production secret is required from deploy/.env, none written in the file", () => {
    for (const key of ["SESSION_SECRET", "PII_ENCRYPTION_KEY", "PII_HMAC_KEY", "MEILI_KEY", "METRICS_TOKEN"])
      expect(services.web.environment![key]).toMatch(/^\$\{\w+:\?\}$/);
    const example = fs.readFileSync(path.join(ROOT, "deploy/env.example"), "utf8");
    const used = new Set([...fs.readFileSync(path.join(ROOT, "deploy/compose.yaml"), "utf8").matchAll(/\$\{(\w+):\?\}/g)].map((m) => m[1]));
    for (const name of used) expect(example, name).toMatch(new RegExp(`^${name}=$`, "m"));
    // The previous PII keys exist only during a key rotation: optional, empty by default, and then no previous key.
    for (const key of ["PII_ENCRYPTION_KEY_PREVIOUS", "PII_HMAC_KEY_PREVIOUS"]) {
      expect(services.web.environment![key]).toBe(`\${${key}:-}`);
      expect(services.workers.environment![key]).toBe(`\${${key}:-}`);
      expect(example, key).toMatch(new RegExp(`^${key}=$`, "m"));
    }
    const unset = Object.fromEntries(Object.entries(services.web.environment!).map(([k, v]) => [k, /:-\}$/.test(String(v)) ? "" : fill(String(v))]));
    expect(parseConfig(unset, ROOT).secrets.piiKeyPrevious).toBeUndefined();
  });
});
