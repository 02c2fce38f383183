// Fails when prisma/schema.prisma and the database built by prisma/migrations disagree.
//
// Prisma's own schema engine (WebAssembly build, see prisma/diff.ts) describes a freshly migrated
// database and diffs it against the datamodel, exactly as `prisma migrate diff` would: tables,
// columns, types, nullability, defaults, enums, indexes, primary/foreign keys, in both directions.
// When it fails, write the missing migration:  npx tsx prisma/diff.ts > prisma/migrations/<ts>_<name>/migration.sql
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "~/services/migrations.server";
import { DEFAULT_SCHEMA_PATH, diffDatabaseToSchema, type DiffResult } from "../../prisma/diff";
import { withDatabase } from "../setup/db";
import { scratchForFile } from "../setup/scratch";

const scratch = scratchForFile("lb_drift");

async function migratedDatabase(): Promise<string> {
  const url = scratch.databaseUrl();
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
      await withDatabase(drifted, async (c) => {
        await c.query(`ALTER TABLE "Worker" DROP COLUMN "phoneMasked"`);
        await c.query(`CREATE INDEX "Employer_name_idx" ON "Employer"("name")`);
      });
      const diff = await diffDatabaseToSchema(drifted);
      expect(diff.empty).toBe(false);
      expect(diff.script).toContain(`ADD COLUMN     "phoneMasked" TEXT`);
      expect(diff.script).toContain(`DROP INDEX "Employer_name_idx"`);
    });

    it("…when schema.prisma gains a field, loses an index and changes an enum", async () => {
      const schemaPath = path.join(scratch.tmpDir(), "schema.prisma");
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
