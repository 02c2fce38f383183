// The one place that reads the environment. Everything else receives a typed Config (tests hand
// in their own), so a misconfigured deployment fails at boot with a readable message instead of
// at the first request. Each infrastructure port picks its production adapter when its variable
// is set and its embedded default otherwise (ARCHITECTURE.md, "Three infrastructure ports").
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const base64Key = z.string().refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded");
/** A rotation's previous key: blank (the variable set but empty) is none. */
const previousKey = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .pipe(base64Key.optional())
  .optional();

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default(".data"),
  DATABASE_URL: optionalUrl,
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  REDIS_URL: optionalUrl,
  MEILI_URL: optionalUrl,
  /** Web processes: a key allowed to search (and read settings) on this deployment's indexes (docs/meilisearch.md). */
  MEILI_SEARCH_KEY: z.string().trim().optional(),
  /** Workers and commands (setup, check, reindex): a key allowed to write documents, indexes, settings and read tasks. */
  MEILI_ADMIN_KEY: z.string().trim().optional(),
  /** Deprecated: the one key of earlier releases, used for both roles when the two above are unset. */
  MEILI_KEY: z.string().trim().optional(),
  /** How long a web process waits for Meilisearch before answering "search unavailable". */
  MEILI_SEARCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  SESSION_SECRET: z.string().min(32).optional(),
  PII_ENCRYPTION_KEY: base64Key.optional(),
  PII_HMAC_KEY: base64Key.optional(),
  /** During a key rotation only (docs/operations.md "Key rotation"): the key being replaced, still read until `npm run keys:rotate` is done. */
  PII_ENCRYPTION_KEY_PREVIOUS: previousKey,
  PII_HMAC_KEY_PREVIOUS: previousKey,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Seed demo data and print demo logins when the database is empty at start. */
  DEMO_SEED: z.enum(["auto", "off"]).default("auto"),
  /** BullMQ worker tuning. Defaults are BullMQ's own; tests lower the lock/stall times so a killed
   *  worker's jobs are picked up again within seconds. */
  QUEUE_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  QUEUE_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  /** How often the workers check that their job schedulers still exist (a Redis restarted empty loses them). */
  QUEUE_SCHEDULE_CHECK_MS: z.coerce.number().int().min(200).default(10_000),
  /** An outbox row relayed this long ago whose job has not run is checked against the queue (and relayed again if its job vanished). */
  OUTBOX_SWEEP_GRACE_MS: z.coerce.number().int().min(500).default(20_000),
  QUEUE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Lets a Prometheus server on another machine read /metrics (Authorization: Bearer …); loopback needs none. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Where pg_dump/pg_restore live when not on the PATH (npm run db:backup / db:restore). */
  PG_BIN_DIR: z.string().optional(),
  /** Web processes `npm start` runs (node:cluster, one port); default one per core. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
});

/** Every variable the app reads (deploy/compose.yaml is checked against this list). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

export type DatabasePort = { adapter: "postgres"; url: string } | { adapter: "embedded-postgres"; url: string; dataDir: string; port: number };
/** `prefix`: Redis key prefix for this deployment's queues (derived from its database, so two
 *  deployments or test databases sharing one Redis never take each other's jobs). */
export type QueuePort = { adapter: "redis"; url: string; prefix: string } | { adapter: "postgres"; url: string };
export type SearchPort =
  | {
      adapter: "meilisearch";
      url: string;
      /** The web's key (search only); `adminKey` is for workers and commands. */
      searchKey?: string;
      adminKey?: string;
      searchTimeoutMs: number;
      /** Set when the deprecated MEILI_KEY is in use (printed at start). */
      deprecation?: string;
    }
  | { adapter: "embedded" };

export type Config = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  logLevel: "debug" | "info" | "warn" | "error";
  demoSeed: "auto" | "off";
  database: DatabasePort;
  queue: QueuePort;
  search: SearchPort;
  /** Worker-side BullMQ options (lock renewal, stalled-job check, jobs in flight per queue). */
  queueWorker: { lockDurationMs: number; stalledIntervalMs: number; concurrency: number; scheduleCheckMs: number; outboxSweepGraceMs: number };
  /** How many web processes the launcher runs (WEB_CONCURRENCY, else one per core). */
  webConcurrency: number;
  /** The PII key ring: current keys (every write) and, during a rotation, the previous ones (read only). */
  secrets: { session: string; piiKey: Buffer; piiHmacKey: Buffer; piiKeyPrevious?: Buffer; piiHmacKeyPrevious?: Buffer };
  metricsToken?: string;
  pgBinDir?: string;
};

export const EMBEDDED_DB_NAME = "laborbridge";
const EMBEDDED_DB_PASSWORD = "laborbridge-local";

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.DATA_DIR);

  const database: DatabasePort = e.DATABASE_URL
    ? { adapter: "postgres", url: e.DATABASE_URL }
    : {
        adapter: "embedded-postgres",
        // Listens on 127.0.0.1 only; the password guards against other local users, not the world.
        url: `postgresql://postgres:${EMBEDDED_DB_PASSWORD}@127.0.0.1:${e.EMBEDDED_PG_PORT}/${EMBEDDED_DB_NAME}`,
        dataDir: path.join(dataDir, "postgres"),
        port: e.EMBEDDED_PG_PORT,
      };
  const queue: QueuePort = e.REDIS_URL
    ? { adapter: "redis", url: e.REDIS_URL, prefix: `lb_${createHash("sha256").update(database.url).digest("hex").slice(0, 10)}` }
    : { adapter: "postgres", url: database.url };
  const search: SearchPort = e.MEILI_URL ? meiliPort(e.MEILI_URL, e) : { adapter: "embedded" };

  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    logLevel: e.LOG_LEVEL,
    demoSeed: e.DEMO_SEED,
    database,
    queue,
    search,
    queueWorker: {
      lockDurationMs: e.QUEUE_LOCK_DURATION_MS,
      stalledIntervalMs: e.QUEUE_STALLED_INTERVAL_MS,
      concurrency: e.QUEUE_CONCURRENCY,
      scheduleCheckMs: e.QUEUE_SCHEDULE_CHECK_MS,
      outboxSweepGraceMs: e.OUTBOX_SWEEP_GRACE_MS,
    },
    webConcurrency: e.WEB_CONCURRENCY ?? os.availableParallelism(),
    secrets: resolveSecrets(e, dataDir),
    metricsToken: e.METRICS_TOKEN,
    pgBinDir: e.PG_BIN_DIR,
  };
}

/** Two keys (MEILI_SEARCH_KEY, MEILI_ADMIN_KEY); the old single MEILI_KEY still works, with a warning. */
function meiliPort(url: string, e: z.infer<typeof EnvSchema>): SearchPort {
  const legacy = e.MEILI_KEY || undefined;
  const searchKey = e.MEILI_SEARCH_KEY || legacy;
  const adminKey = e.MEILI_ADMIN_KEY || legacy;
  const deprecation =
    legacy && (!e.MEILI_SEARCH_KEY || !e.MEILI_ADMIN_KEY)
      ? `MEILI_KEY is deprecated: set MEILI_SEARCH_KEY (web, search only) and MEILI_ADMIN_KEY (workers, commands) ` +
        `instead — one key for both gives web processes write access (docs/meilisearch.md)`
      : undefined;
  return { adapter: "meilisearch", url, searchKey, adminKey, searchTimeoutMs: e.MEILI_SEARCH_TIMEOUT_MS, ...(deprecation && { deprecation }) };
}

const GENERATE = "generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"";

/**
 * Why a production key is unacceptable, or null. Every key must be 32 random bytes: base64 (the
 * PII keys; the session secret may also be 64 hex digits) decoding to exactly 32 bytes that do not
 * look hand-made — a key of one repeated byte, or one with few distinct bytes (a typed phrase, a
 * short pattern repeated), is refused. 32 random bytes almost always hold 25+ distinct values; the
 * chance of fewer than 16 is below 1e-12.
 */
export function keyProblem(name: string, value: string | undefined, kind: "base64" | "session"): string | null {
  if (!value) return `${name}: required when NODE_ENV=production (32 random bytes, base64; ${GENERATE})`;
  const v = value.trim();
  let bytes: Buffer | null = null;
  if (kind === "session" && /^[0-9a-fA-F]{64}$/.test(v)) bytes = Buffer.from(v, "hex");
  else if (/^[A-Za-z0-9+/]{43}=?$|^[A-Za-z0-9_-]{43}$/.test(v)) bytes = Buffer.from(v, "base64"); // Node reads both alphabets
  if (!bytes || bytes.length !== 32)
    return `${name}: must be exactly 32 random bytes, base64-encoded${kind === "session" ? " (or 64 hex digits)" : ""}; ${GENERATE}`;
  if (new Set(bytes).size < 16) return `${name}: does not look random (too few distinct bytes); ${GENERATE}`;
  return null;
}

/**
 * Production must bring its own keys (several machines have to agree on them). A single-machine
 * embedded install keeps generated keys in DATA_DIR/secrets.json so a restart can still decrypt
 * what it wrote; losing that file means losing the encrypted ID numbers, so back it up with .data.
 */
function resolveSecrets(e: z.infer<typeof EnvSchema>, dataDir: string): Config["secrets"] {
  if (e.NODE_ENV === "production") {
    const problems = [
      keyProblem("SESSION_SECRET", e.SESSION_SECRET, "session"),
      keyProblem("PII_ENCRYPTION_KEY", e.PII_ENCRYPTION_KEY, "base64"),
      keyProblem("PII_HMAC_KEY", e.PII_HMAC_KEY, "base64"),
      e.PII_ENCRYPTION_KEY_PREVIOUS ? keyProblem("PII_ENCRYPTION_KEY_PREVIOUS", e.PII_ENCRYPTION_KEY_PREVIOUS, "base64") : null,
      e.PII_HMAC_KEY_PREVIOUS ? keyProblem("PII_HMAC_KEY_PREVIOUS", e.PII_HMAC_KEY_PREVIOUS, "base64") : null,
    ].filter((p): p is string => p !== null);
    if (problems.length) throw new ConfigError(`Invalid environment (NODE_ENV=production):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
  if (e.SESSION_SECRET && e.PII_ENCRYPTION_KEY && e.PII_HMAC_KEY) {
    return {
      session: e.SESSION_SECRET,
      piiKey: Buffer.from(e.PII_ENCRYPTION_KEY, "base64"),
      piiHmacKey: Buffer.from(e.PII_HMAC_KEY, "base64"),
      ...previousKeys(e.PII_ENCRYPTION_KEY_PREVIOUS, e.PII_HMAC_KEY_PREVIOUS),
    };
  }
  const file = path.join(dataDir, "secrets.json");
  // piiKeyPrevious / piiHmacKeyPrevious: present only while a rotation runs (docs/operations.md).
  let stored: { session: string; piiKey: string; piiHmacKey: string; piiKeyPrevious?: string; piiHmacKeyPrevious?: string };
  if (fs.existsSync(file)) {
    stored = JSON.parse(fs.readFileSync(file, "utf8"));
  } else {
    stored = {
      session: randomBytes(32).toString("base64"),
      piiKey: randomBytes(32).toString("base64"),
      piiHmacKey: randomBytes(32).toString("base64"),
    };
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    session: e.SESSION_SECRET ?? stored.session,
    piiKey: Buffer.from(e.PII_ENCRYPTION_KEY ?? stored.piiKey, "base64"),
    piiHmacKey: Buffer.from(e.PII_HMAC_KEY ?? stored.piiHmacKey, "base64"),
    ...previousKeys(
      e.PII_ENCRYPTION_KEY_PREVIOUS ?? (e.PII_ENCRYPTION_KEY ? undefined : stored.piiKeyPrevious),
      e.PII_HMAC_KEY_PREVIOUS ?? (e.PII_HMAC_KEY ? undefined : stored.piiHmacKeyPrevious),
    ),
  };
}

function previousKeys(enc: string | undefined, hmac: string | undefined): Pick<Config["secrets"], "piiKeyPrevious" | "piiHmacKeyPrevious"> {
  const decode = (name: string, v: string) => {
    const b = Buffer.from(v, "base64");
    if (b.length !== 32) throw new ConfigError(`Invalid ${name} in secrets.json: must be 32 bytes, base64-encoded`);
    return b;
  };
  return { ...(enc && { piiKeyPrevious: decode("piiKeyPrevious", enc) }), ...(hmac && { piiHmacKeyPrevious: decode("piiHmacKeyPrevious", hmac) }) };
}

let cached: Config | undefined;

/** The process-wide config, parsed on first use. Tests call setConfig() before anything else. */
export function getConfig(): Config {
  cached ??= (globalThis as { __lbConfig?: Config }).__lbConfig ?? parseConfig(process.env);
  (globalThis as { __lbConfig?: Config }).__lbConfig = cached;
  return cached;
}

export function setConfig(config: Config): void {
  cached = config;
  (globalThis as { __lbConfig?: Config }).__lbConfig = config;
}

export function describePorts(config: Config): Record<"database" | "queue" | "search", string> {
  return {
    database: config.database.adapter,
    queue: config.queue.adapter === "redis" ? "bullmq-redis" : "bullmq-postgres",
    search: config.search.adapter,
  };
}
