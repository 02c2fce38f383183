// The project's migrate command (app/services/migrations.server.ts) against the real PostgreSQL:
// database creation, Prisma-compatible `_prisma_migrations` bookkeeping, idempotence, the advisory
// lock, refusal of edited or failed migrations, and Prisma Client working on the result.
// Self-sufficient: every database it uses is created here (lb_mig_*) and dropped in afterAll.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import type pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { applyMigrations, checksumMatches, DEFAULT_MIGRATIONS_DIR, readMigrations } from "~/services/migrations.server";
import { withDatabase } from "../setup/db";
import { PG_SERVER_URL } from "../setup/env";
import { scratchForFile } from "../setup/scratch";

const scratch = scratchForFile("lb_mig");

const query = <T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> =>
  withDatabase(url, async (c) => (await c.query<T>(sql, params)).rows);

function copyMigrations(): string {
  const dir = scratch.tmpDir();
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

type MigrationRow = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};

const local = readMigrations();
let url: string;
const lines: string[] = [];

beforeAll(async () => {
  url = scratch.databaseUrl();
  const result = await applyMigrations(url, { log: (line) => lines.push(line) });
  expect(result.applied).toEqual(local.map((m) => m.name));
});

describe("applyMigrations", () => {
  it("finds the init migration in prisma/migrations", () => {
    expect(local.length).toBeGreaterThan(0);
    expect(local[0]?.name).toBe("20261128000000_init");
    expect(readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toMatch(/^provider = "postgresql"$/m);
  });

  it("created the missing database and logged what it did", async () => {
    const name = new URL(url).pathname.slice(1);
    const rows = await query(PG_SERVER_URL, "SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    expect(rows).toHaveLength(1);
    expect(lines).toContain(`Created database ${name}`);
    expect(lines).toContain(`Applying migration ${local[0]!.name}`);
  });

  it("creates _prisma_migrations exactly as Prisma does", async () => {
    const columns = await query<{
      column_name: string;
      data_type: string;
      character_maximum_length: number | null;
      is_nullable: string;
      column_default: string | null;
    }>(
      url,
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '_prisma_migrations'
        ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", character_maximum_length: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", character_maximum_length: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", character_maximum_length: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", character_maximum_length: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", character_maximum_length: null, is_nullable: "NO", column_default: "0" },
    ]);
    const pk = await query<{ conname: string; def: string }>(
      url,
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = '"_prisma_migrations"'::regclass AND contype = 'p'`,
    );
    expect(pk).toEqual([{ conname: "_prisma_migrations_pkey", def: "PRIMARY KEY (id)" }]);
  });

  it("records one finished row per migration with the sha256 of migration.sql", async () => {
    const rows = await query<MigrationRow>(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const row of rows) {
      const file = readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(sha256(file));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing the second time", async () => {
    const log: string[] = [];
    const result = await applyMigrations(url, { log: (line) => log.push(line) });
    expect(result.applied).toEqual([]);
    expect(log.join("\n")).toMatch(/No pending migrations/);
    const rows = await query(url, `SELECT 1 FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(local.length);
  });

  it("lets two processes start at once: the advisory lock makes one wait, each migration runs once", async () => {
    const raceUrl = scratch.databaseUrl();
    const [a, b] = await Promise.all([applyMigrations(raceUrl), applyMigrations(raceUrl)]);
    expect([...a.applied, ...b.applied]).toEqual(local.map((m) => m.name));
    const rows = await query(raceUrl, `SELECT 1 FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(local.length);
  });

  it("refuses to run when an applied migration's recorded checksum differs from the file", async () => {
    const name = local[0]!.name;
    const [row] = await query<MigrationRow>(url, `SELECT * FROM "_prisma_migrations" WHERE migration_name = $1`, [name]);
    await query(url, `UPDATE "_prisma_migrations" SET checksum = $2 WHERE id = $1`, [row!.id, "0".repeat(64)]);
    try {
      await expect(applyMigrations(url)).rejects.toThrow(new RegExp(`Migration ${name} was modified after it was applied`));
    } finally {
      await query(url, `UPDATE "_prisma_migrations" SET checksum = $2 WHERE id = $1`, [row!.id, row!.checksum]);
    }
    await expect(applyMigrations(url)).resolves.toEqual({ applied: [] });
  });

  it("refuses to run when an applied migration's file was edited", async () => {
    const dir = copyMigrations();
    const file = path.join(dir, local[0]!.name, "migration.sql");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n-- edited afterwards\n`);
    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/modified after it was applied/);
  });

  it("accepts the same file with CRLF line endings (as Prisma does)", () => {
    const script = local[0]!.script;
    expect(checksumMatches(script.replace(/\n/g, "\r\n"), sha256(script))).toBe(true);
    expect(checksumMatches(`${script} `, sha256(script))).toBe(false);
  });

  it("refuses to run while a migration is recorded as failed", async () => {
    const id = "00000000-0000-4000-8000-000000000001";
    await query(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, applied_steps_count)
       VALUES ($1, $2, '20990101000000_half_done', 'ERROR: boom', now(), 0)`,
      [id, "f".repeat(64)],
    );
    try {
      await expect(applyMigrations(url)).rejects.toThrow(/20990101000000_half_done are recorded as failed/);
      // Once marked rolled back (what `prisma migrate resolve --rolled-back` does) it no longer blocks.
      await query(url, `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = $1`, [id]);
      await expect(applyMigrations(url)).resolves.toEqual({ applied: [] });
    } finally {
      await query(url, `DELETE FROM "_prisma_migrations" WHERE id = $1`, [id]);
    }
  });

  it("applies a new migration in a transaction: a failing one leaves nothing behind, a fixed one applies", async () => {
    const dir = copyMigrations();
    const name = "20991231000000_add_probe";
    mkdirSync(path.join(dir, name));
    const file = path.join(dir, name, "migration.sql");
    writeFileSync(file, `CREATE TABLE "probe" ("id" INTEGER NOT NULL);\nSELECT 1 / 0;\n`);
    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(new RegExp(`Migration ${name} failed and was rolled back.*division by zero`));
    expect(await query(url, `SELECT to_regclass('"probe"') AS t`)).toEqual([{ t: null }]);
    expect(await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [name])).toEqual([]);

    const fixed = `CREATE TABLE "probe" ("id" INTEGER NOT NULL);\n`;
    writeFileSync(file, fixed);
    await expect(applyMigrations(url, { migrationsDir: dir })).resolves.toEqual({ applied: [name] });
    const [row] = await query<MigrationRow>(url, `SELECT * FROM "_prisma_migrations" WHERE migration_name = $1`, [name]);
    expect(row?.checksum).toBe(sha256(fixed));
    expect(row?.applied_steps_count).toBe(1);
    // Leave the shared database as prisma/migrations describes it.
    await query(url, `DROP TABLE "probe"; DELETE FROM "_prisma_migrations" WHERE migration_name = '${name}'`);
  });
});

describe("Prisma Client on the migrated database", () => {
  it("writes and reads a Region, an Occupation and search documents", async () => {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      await prisma.region.create({
        data: { code: "130000", name: "河北省", nameEn: "Hebei", level: "PROVINCE", path: "130000" },
      });
      await prisma.region.create({
        data: { code: "130100", name: "石家庄市", level: "PREFECTURE", parentCode: "130000", path: "130000/130100" },
      });
      await prisma.occupation.create({
        data: {
          code: "4-10-01-01",
          nameZh: "养老护理员",
          nameEn: "Elderly care worker",
          category: "生活照料",
          keywordsZh: ["护工", "养老"],
          levels: [3, 4, 5],
        },
      });

      const region = await prisma.region.findUniqueOrThrow({
        where: { code: "130100" },
        include: { parent: true },
      });
      expect(region).toMatchObject({ name: "石家庄市", level: "PREFECTURE", isPovertyCounty: false });
      expect(region.parent?.nameEn).toBe("Hebei");
      expect(region.updatedAt).toBeInstanceOf(Date);

      const occupation = await prisma.occupation.findUniqueOrThrow({ where: { code: "4-10-01-01" } });
      expect(occupation).toMatchObject({
        nameZh: "养老护理员",
        homeBasedPossible: false,
        keywordsZh: ["护工", "养老"],
        levels: [3, 4, 5],
      });

      const a = await prisma.searchDocument.create({ data: { indexName: "workers", docId: "a", doc: { name: "张三" } } });
      const b = await prisma.searchDocument.create({ data: { indexName: "workers", docId: "b" } });
      expect(typeof a.seq).toBe("bigint");
      expect(b.seq).toBeGreaterThan(a.seq);
    } finally {
      await prisma.$disconnect();
    }
  });
});
