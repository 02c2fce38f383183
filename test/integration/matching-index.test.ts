// search:reindex and search:check on the embedded engine (PostgreSQL-backed store): a rebuild goes
// through a shadow index and a swap, the check compares counts and id+version checksums and
// reports drift with exit code 1.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { getDb } from "~/services/db.server";
import { checkEntityType, indexEntity, reindexEntityType, versionChecksum } from "~/services/indexing.server";
import { getSearchIndex, purgeSearchTombstones } from "~/services/search.server";
import { makeEmployer, makePosting, makeWorker } from "../setup/factories";
import { childEnv } from "../setup/env";

function runCli(script: string): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      env: childEnv(),
    });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += String(d)));
    child.stderr.on("data", (d) => (stdout += String(d)));
    child.on("close", (status) => resolve({ status, stdout }));
  });
}

describe("search index rebuild and check (embedded engine)", () => {
  it("check reports drift by kind; reindex rebuilds through a shadow and leaves the index in step", async () => {
    const db = getDb();
    const a = await makeWorker("130624", { fullName: "王建国" });
    const b = await makeWorker("130624", { fullName: "李桂兰" });
    const c = await makeWorker("130881", { fullName: "赵小红" });
    const { employer } = await makeEmployer();
    const posting = await makePosting(employer.id);
    for (const w of [a, b]) await indexEntity({ entityType: "worker", entityId: w.id, entityVersion: 1 });
    await indexEntity({ entityType: "posting", entityId: posting.id, entityVersion: 1 });

    // c was never indexed (missing); b changed without reindexing (stale).
    await db.worker.update({ where: { id: b.id }, data: { version: { increment: 1 }, fullName: "李桂芝" } });
    const workers = await checkEntityType("worker");
    expect(workers).toMatchObject({ drift: true, missing: 1, stale: 1, extra: 0, database: { count: 3 }, search: { count: 2 } });
    expect(workers.samples.join("\n")).toContain(c.id);
    expect(workers.database.checksum).not.toBe(workers.search.checksum);
    expect((await checkEntityType("posting")).drift).toBe(false);

    // An index entry whose record is gone (extra).
    await db.worker.delete({ where: { id: a.id } });
    expect((await checkEntityType("worker")).extra).toBe(1);

    const report = await reindexEntityType("worker");
    expect(report.documents).toBe(2);
    const after = await checkEntityType("worker");
    expect(after).toMatchObject({ drift: false, missing: 0, stale: 0, extra: 0, database: { count: 2 }, search: { count: 2 } });
    expect(after.search.checksum).toBe(after.database.checksum);
    // The rebuilt index answers searches (Chinese text) and the shadow is gone.
    const search = getSearchIndex();
    expect((await search.search("workers", { q: "李桂芝" })).hits.map((h) => h.id)).toEqual([b.id]);
    expect((await search.search("workers", { q: "王建国" })).total).toBe(0);
    await expect(search.count("workers__shadow")).rejects.toThrow(/not ensured/);
  });

  it("the checksum ignores order and sees every version change", () => {
    const x = versionChecksum(
      new Map([
        ["a", 1],
        ["b", 2],
      ]),
    );
    expect(
      versionChecksum(
        new Map([
          ["b", 2],
          ["a", 1],
        ]),
      ),
    ).toBe(x);
    expect(
      versionChecksum(
        new Map([
          ["a", 1],
          ["b", 3],
        ]),
      ),
    ).not.toBe(x);
    expect(versionChecksum(new Map([["a", 1]]))).not.toBe(x);
  });

  it("npm run search:check exits 1 on drift and 0 once search:reindex has run; old tombstones are purged", async () => {
    const w = await makeWorker("130624", { fullName: "孙未索引" });
    const drift = await runCli("app/cli/search-check.ts");
    expect(drift.stdout).toContain("DRIFT");
    expect(drift.stdout).toContain(w.id);
    expect(drift.status).toBe(1);
    const rebuilt = await runCli("app/cli/search-reindex.ts");
    expect(rebuilt.stdout).toMatch(/workers: \d+ documents rebuilt/);
    expect(rebuilt.status).toBe(0);
    const clean = await runCli("app/cli/search-check.ts");
    expect(clean.stdout).not.toContain("DRIFT");
    expect(clean.status).toBe(0);

    await getDb().worker.delete({ where: { id: w.id } });
    await indexEntity({ entityType: "worker", entityId: w.id, entityVersion: 2 });
    expect(await purgeSearchTombstones(3_600_000)).toBe(0); // too young
    expect(await purgeSearchTombstones(0)).toBeGreaterThanOrEqual(1);
  });
});
