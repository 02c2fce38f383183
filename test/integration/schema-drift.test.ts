// Fails when prisma/schema.prisma and the database built by prisma/migrations disagree.
//
// Prisma's own schema engine (WebAssembly build, see prisma/diff.ts) describes a freshly migrated
// database and diffs it against the datamodel, exactly as `prisma migrate diff` would: tables,
// columns, types, nullability, defaults, enums, indexes, primary/foreign keys, in both directions.
// When it fails, write the missing migration:  npx tsx prisma/diff.ts > prisma/migrations/<ts>_<name>/migration.sql
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "~/services/migrations.server";
import { DEFAULT_SCHEMA_PATH, diffDatabaseToSchema, type DiffResult } from "../../prisma/diff";

const SERVER = "postgres://postgres@127.0.0.1:5432";
const databases: string[] = [];
const tmpDirs: string[] = [];

async function migratedDatabase(): Promise<string> {
  const name = `lb_drift_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  databases.push(name);
  const url = `${SERVER}/${name}`;
  await applyMigrations(url);
  return url;
}

function driftReport(diff: DiffResult): string {
  return [
    "schema.prisma and the database built by prisma/migrations disagree.",
    "Changes needed to make the migrated database match schema.prisma:",
    diff.summary.trim(),
    "",
    "SQL for a new migration (npx tsx prisma/diff.ts prints it too):",
    diff.script.trim(),
  ].join("\n");
}

let url: string;

beforeAll(async () => {
  url = await migratedDatabase();
});

afterAll(async () => {
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  try {
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

describe("schema drift", () => {
  it("the migrated database is exactly what schema.prisma describes", async () => {
    const diff = await diffDatabaseToSchema(url);
    if (!diff.empty) expect.fail(driftReport(diff));
    expect(diff.summary.trim()).toBe("No difference detected.");
  });

  // The check above is only worth something if it can fail: these two make sure it sees drift
  // on either side (database changed, or datamodel changed).
  describe("self-check: the diff notices drift", () => {
    it("…when the database lacks a column and has an extra index", async () => {
      const drifted = await migratedDatabase();
      const client = new pg.Client({ connectionString: drifted });
      await client.connect();
      await client.query(`ALTER TABLE "Worker" DROP COLUMN "phoneMasked"`);
      await client.query(`CREATE INDEX "Employer_name_idx" ON "Employer"("name")`);
      await client.end();
      const diff = await diffDatabaseToSchema(drifted);
      expect(diff.empty).toBe(false);
      expect(diff.script).toContain(`ADD COLUMN     "phoneMasked" TEXT`);
      expect(diff.script).toContain(`DROP INDEX "Employer_name_idx"`);
    });

    it("…when schema.prisma gains a field, loses an index and changes an enum", async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "lb-drift-"));
      tmpDirs.push(dir);
      const schemaPath = path.join(dir, "schema.prisma");
      const original = readFileSync(DEFAULT_SCHEMA_PATH, "utf8");
      const edited = original
        .replace("  isPovertyCounty Boolean     @default(false)\n", "  isPovertyCounty Boolean     @default(false)\n  population      Int?\n")
        .replace("  @@index([phoneHash])\n", "")
        .replace("enum Sex {\n  MALE\n  FEMALE\n}", "enum Sex {\n  MALE\n  FEMALE\n  UNSTATED\n}");
      expect(edited).not.toBe(original);
      writeFileSync(schemaPath, edited);
      const diff = await diffDatabaseToSchema(url, { schemaPath });
      expect(diff.empty).toBe(false);
      expect(diff.script).toContain(`ALTER TABLE "Region" ADD COLUMN     "population" INTEGER`);
      expect(diff.script).toContain(`DROP INDEX "Worker_phoneHash_idx"`);
      expect(diff.script).toContain(`ALTER TYPE "Sex" ADD VALUE 'UNSTATED'`);
    });
  });
});
