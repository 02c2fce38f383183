// Applies the SQL migrations in prisma/migrations the way `prisma migrate deploy` does, without
// Prisma's schema-engine binary (it cannot be fetched on our machines, see ARCHITECTURE.md).
// The bookkeeping table `_prisma_migrations` has Prisma's exact shape and checksums, so
// `prisma migrate deploy` / `migrate status` stay valid wherever the engine exists, and the two
// tools exclude each other through the same advisory lock key.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export interface ApplyMigrationsOptions {
  /** Progress lines (what is applied, lock waits, warnings). Silent when absent. */
  log?: (line: string) => void;
  /** Folder holding `<timestamp>_<name>/migration.sql`. Defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
}

export interface LocalMigration {
  name: string;
  script: string;
  checksum: string;
}

/** The key Prisma's schema engine uses for `pg_advisory_lock` during migrate (72707369). */
export const MIGRATION_ADVISORY_LOCK_KEY = 72707369;

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

// Verbatim from Prisma's schema engine (PostgreSQL flavour).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** sha256 of the script, lowercase hex: what Prisma stores in `_prisma_migrations.checksum`. */
export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Prisma's rule (schema-connector/src/checksum.rs): the stored checksum matches the script as is,
 * or with CRLF/LF line endings swapped (git may rewrite them), and old engines stored hex digits
 * without zero padding.
 */
export function checksumMatches(script: string, stored: string): boolean {
  const variants = [script, script.replace(/\r\n/g, "\n"), script.replace(/\r?\n/g, "\r\n")];
  return variants.some((variant) => {
    const digest = createHash("sha256").update(variant, "utf8").digest();
    if (stored.length !== 0 && stored.length !== 64) {
      return [...digest].map((byte) => byte.toString(16)).join("") === stored;
    }
    return digest.toString("hex") === stored;
  });
}

/** The migration folders under `dir`, in name order (Prisma's order). */
export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): LocalMigration[] {
  if (!existsSync(dir)) throw new MigrationError(`Migrations directory not found: ${dir}`);
  return readdirSync(dir)
    .filter((entry) => statSync(path.join(dir, entry)).isDirectory())
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!existsSync(file)) throw new MigrationError(`Migration ${name} has no migration.sql (${file})`);
      const script = readFileSync(file, "utf8");
      return { name, script, checksum: migrationChecksum(script) };
    });
}

/**
 * Creates the database when missing, then applies every migration not yet recorded in
 * `_prisma_migrations`, in name order, each inside its own transaction. Safe to call from several
 * processes at once (advisory lock). Refuses to run when an applied migration's file was edited or
 * a migration is recorded as failed (as `prisma migrate deploy` does).
 */
export async function applyMigrations(databaseUrl: string, opts: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const migrations = readMigrations(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const { connectionString, schema } = splitSchemaParam(databaseUrl);

  const client = await connectCreatingDatabase(connectionString, log);
  client.on("error", () => {}); // a dropped connection surfaces through the pending query instead
  let locked = false;
  try {
    const { rows: tryRows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [MIGRATION_ADVISORY_LOCK_KEY]);
    if (!tryRows[0]?.ok) {
      log("Another process is applying migrations; waiting for its advisory lock…");
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_ADVISORY_LOCK_KEY]);
    }
    locked = true;

    if (schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`SET search_path TO ${quoteIdent(schema)}`);
    }
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      logs: string | null;
    }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, logs
         FROM "_prisma_migrations" ORDER BY started_at ASC`,
    );

    const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed.length > 0) {
      const names = failed.map((r) => r.migration_name).join(", ");
      const logs = failed.map((r) => (r.logs ? `\n--- ${r.migration_name} ---\n${r.logs}` : "")).join("");
      throw new MigrationError(
        `Migration(s) ${names} are recorded as failed in _prisma_migrations (finished_at is null, not rolled back). ` +
          `Fix the database by hand, then mark it with \`prisma migrate resolve --rolled-back <name>\` ` +
          `(or \`--applied\`), or delete its row. New migrations will not be applied until then.${logs}`,
      );
    }

    const applied = new Map<string, string>();
    for (const row of rows) {
      if (row.finished_at !== null && row.rolled_back_at === null) applied.set(row.migration_name, row.checksum);
    }

    const local = new Set(migrations.map((m) => m.name));
    for (const name of applied.keys()) {
      if (!local.has(name)) log(`Warning: migration ${name} is applied to the database but missing from ${opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR}`);
    }

    for (const m of migrations) {
      const stored = applied.get(m.name);
      if (stored !== undefined && !checksumMatches(m.script, stored)) {
        throw new MigrationError(
          `Migration ${m.name} was modified after it was applied: the checksum recorded in _prisma_migrations ` +
            `(${stored}) differs from prisma/migrations/${m.name}/migration.sql (${m.checksum}). ` +
            `Applied migrations must not be edited; put the change in a new migration.`,
        );
      }
    }

    const pending = migrations.filter((m) => !applied.has(m.name));
    if (pending.length === 0) {
      log(`No pending migrations (${migrations.length} applied).`);
      return { applied: [] };
    }

    const done: string[] = [];
    for (const m of pending) {
      log(`Applying migration ${m.name}`);
      if (managesOwnTransaction(m.script)) await applyWithoutTransaction(client, m);
      else await applyInTransaction(client, m);
      done.push(m.name);
    }
    log(`Applied ${done.length} migration(s): ${done.join(", ")}`);
    return { applied: done };
  } finally {
    if (locked) await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
}

async function applyInTransaction(client: pg.Client, m: LocalMigration): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, m.checksum, m.name],
    );
    await client.query(m.script); // no parameters: simple protocol, so a multi-statement script runs as is
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw new MigrationError(`Migration ${m.name} failed and was rolled back (nothing of it was applied): ${describePgError(error)}`, { cause: error });
  }
}

/**
 * Scripts with their own BEGIN/COMMIT (Prisma writes these for some enum changes) or statements that
 * cannot run in a transaction (CREATE INDEX CONCURRENTLY) are applied as Prisma applies them: a row
 * first, the script, then finished_at, leaving a failed row (with logs) behind when it breaks.
 */
async function applyWithoutTransaction(client: pg.Client, m: LocalMigration): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, m.checksum, m.name],
  );
  try {
    await client.query(m.script);
  } catch (error) {
    const message = describePgError(error);
    await client.query("ROLLBACK").catch(() => {}); // in case the script left a transaction open
    await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]).catch(() => {});
    throw new MigrationError(
      `Migration ${m.name} failed (it runs outside a transaction, so part of it may be applied; ` + `it is recorded as failed): ${message}`,
      { cause: error },
    );
  }
  await client.query(`UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
}

function managesOwnTransaction(script: string): boolean {
  const code = script.replace(/--[^\n]*/g, "");
  return /^\s*(BEGIN|COMMIT|START\s+TRANSACTION|END|ROLLBACK)\s*;/im.test(code) || /\bCONCURRENTLY\b/i.test(code);
}

async function connectCreatingDatabase(connectionString: string, log: (line: string) => void): Promise<pg.Client> {
  try {
    return await connect(connectionString);
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error; // 3D000: database does not exist
  }
  const url = new URL(connectionString);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  url.pathname = "/postgres";
  const admin = await connect(url.toString());
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
    log(`Created database ${database}`);
  } catch (error) {
    // Another process created it first: 42P04 duplicate_database, or 23505 when both raced on pg_database.
    const code = (error as { code?: string }).code;
    if (code !== "42P04" && code !== "23505") throw error;
  } finally {
    await admin.end().catch(() => {});
  }
  return connect(connectionString);
}

async function connect(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString, application_name: "laborbridge-migrate" });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return client;
}

/** Prisma URLs may carry `?schema=name`; pg does not know it, so it becomes the search_path. */
function splitSchemaParam(databaseUrl: string): { connectionString: string; schema: string | null } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema");
  if (schema === null) return { connectionString: databaseUrl, schema: null };
  url.searchParams.delete("schema");
  return { connectionString: url.toString(), schema };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function describePgError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: string; position?: string; detail?: string; hint?: string };
  return [
    e.message,
    e.code ? `(SQLSTATE ${e.code})` : "",
    e.detail ? `Detail: ${e.detail}` : "",
    e.hint ? `Hint: ${e.hint}` : "",
    e.position ? `at character ${e.position}` : "",
  ]
    .filter(Boolean)
    .join(" ");
}
