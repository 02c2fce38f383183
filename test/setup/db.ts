// One migrated template database per migration set; each test file gets a fresh clone
// (CREATE DATABASE … TEMPLATE is a file copy: ~100 ms, far cheaper than migrating again).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PG_SERVER_URL } from "./env";

/** Runs `fn` with a client connected to the database at `url`, closed afterwards. */
export async function withDatabase<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs `fn` with a client connected to the server's `postgres` database (to create and drop databases). */
export const withServer = <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => withDatabase(PG_SERVER_URL, fn);

/** Name of the template for the current migrations + reference data (changes when either does). */
export function templateName(): string {
  const root = path.resolve(import.meta.dirname, "../..");
  const h = createHash("sha256");
  const migrations = path.join(root, "prisma/migrations");
  for (const dir of fs.readdirSync(migrations).sort()) {
    const f = path.join(migrations, dir, "migration.sql");
    if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  }
  for (const f of fs.readdirSync(path.join(root, "prisma/reference")).sort()) {
    if (f.endsWith(".json")) h.update(fs.readFileSync(path.join(root, "prisma/reference", f)));
  }
  return `lb_test_tpl_${h.digest("hex").slice(0, 12)}`;
}

export async function cloneTemplate(template: string, name: string): Promise<void> {
  await withServer(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
}

export async function dropDatabase(name: string): Promise<void> {
  await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
