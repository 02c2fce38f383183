// Issue 16 item 8: npm run db:backup / db:restore. A test database with people in it is dumped
// with the real pg_dump, restored with the real pg_restore into a new database, and compared:
// row counts of every table, and an ID number decrypted from the restored copy.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, BackupError, findPgTool, restoreDatabase } from "~/services/backup.server";
import { getDb } from "~/services/db.server";
import { getConfig } from "~/services/env.server";
import { decryptPii } from "~/services/pii.server";
import { dropDatabase, withDatabase, withServer } from "../setup/db";
import { databaseUrl } from "../setup/env";
import { makeWorker } from "../setup/factories";

const restored = `lb_restore_${process.pid}_${randomBytes(3).toString("hex")}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-backup-"));

async function tableCounts(url: string): Promise<Record<string, number>> {
  return withDatabase(url, async (c) => {
    const { rows } = await c.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public' order by tablename");
    const out: Record<string, number> = {};
    for (const { tablename } of rows) out[tablename] = Number((await c.query(`select count(*) as n from "${tablename}"`)).rows[0].n);
    return out;
  });
}

afterAll(async () => {
  await dropDatabase(restored);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("database backup and restore", () => {
  it("restores into a new database with the same rows, and the ID numbers still decrypt", async () => {
    const county = (await getDb().region.findFirst({ where: { level: "COUNTY", code: { startsWith: "13" } }, select: { code: true } }))!.code;
    const people = [await makeWorker(county), await makeWorker(county), await makeWorker(county)];
    const source = getConfig().database.url;
    const file = path.join(dir, "test.dump");
    const { bytes } = await backupDatabase(source, file);
    expect(bytes).toBeGreaterThan(10_000);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    await withServer((c) => c.query(`create database "${restored}"`));
    const target = databaseUrl(restored);
    await restoreDatabase(target, file);

    const [before, after] = await Promise.all([tableCounts(source), tableCounts(target)]);
    expect(Object.keys(after).length).toBeGreaterThan(20);
    expect(after).toEqual(before);
    expect(after.Worker).toBeGreaterThanOrEqual(3);

    const original = await getDb().worker.findUniqueOrThrow({ where: { id: people[1].id } });
    const copy = await withDatabase(target, (c) =>
      c.query<{ idNumberCipher: string; idNumberHash: string }>(`select "idNumberCipher", "idNumberHash" from "Worker" where id = $1`, [people[1].id]),
    );
    expect(copy.rows[0].idNumberHash).toBe(original.idNumberHash);
    expect(decryptPii(copy.rows[0].idNumberCipher)).toBe(decryptPii(original.idNumberCipher));
    expect(decryptPii(copy.rows[0].idNumberCipher)).toMatch(/^\d{17}[\dX]$/);

    // A second restore into the now non-empty database is refused unless asked to replace.
    await expect(restoreDatabase(target, file)).rejects.toBeInstanceOf(BackupError);
    await restoreDatabase(target, file, { replace: true });
    expect(await tableCounts(target)).toEqual(before);
  }, 180_000);

  it("skips a pg_dump older than the server (an older one refuses to dump it) for one that is new enough", async () => {
    // PG_BIN_DIR comes first, but holds a 9.6 pg_dump: the machine's own (its server's version) is used.
    const bin = path.join(dir, "old-bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "pg_dump"), "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.0'\n", { mode: 0o755 });
    expect(await findPgTool("pg_dump", getConfig().database.url, bin)).not.toBe(path.join(bin, "pg_dump"));
    await backupDatabase(getConfig().database.url, path.join(dir, "x.dump"), { pgBinDir: bin });
    expect(fs.statSync(path.join(dir, "x.dump")).size).toBeGreaterThan(10_000);
  }, 120_000);
});
