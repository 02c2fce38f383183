// Issue #14: reference data a labour bureau can sign off. Against the real database: the poverty
// list as loaded, administrators' overrides beside the shipped rows (history, revoke, never
// overwritten by a re-load), the minimum wage in force for a placement's flag, and a command run
// on a database without reference data.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { getConfig } from "~/services/env.server";
import { getDb } from "~/services/db.server";
import { applyMigrations } from "~/services/migrations.server";
import { createPlacement } from "~/features/placements/index.server";
import { addReferenceOverride, referenceTable, revokeReferenceOverride } from "~/services/reference.server";
import { setPovertyCounty } from "~/services/regions.server";
import { makeResidentId } from "~/domain/resident-id";
import { WorkerCoreSchema } from "~/features/registration/index";
import { registerWorker } from "~/features/registration/index.server";
import { seedReferenceData } from "../../prisma/seed/reference";
import { dropDatabase, withServer } from "../setup/db";
import { childEnv, databaseUrl } from "../setup/env";
import { makeAdmin, makeCoordinator, makeEmployer, makeWorker } from "../setup/factories";

const db = () => getDb();

describe("poverty counties as loaded", () => {
  it("all 62 Hebei counties, by level, with years and source; 临城县 is a national key county", async () => {
    const flagged = await db().region.findMany({
      where: { isPovertyCounty: true },
      select: { code: true, povertyLevel: true, povertyFrom: true, povertyExitBy: true, povertySource: true },
    });
    expect(flagged).toHaveLength(62);
    const count = (level: string) => flagged.filter((r) => r.povertyLevel === level).length;
    expect([count("NATIONAL_KEY"), count("CONTIGUOUS_AREA"), count("PROVINCIAL")]).toEqual([39, 6, 17]);
    for (const r of flagged) {
      expect(r.code.startsWith("13"), r.code).toBe(true);
      expect(r.povertySource, r.code).toContain("2012");
      expect([r.povertyFrom, r.povertyExitBy], r.code).toEqual([2012, 2020]);
    }
    expect(await db().region.findUniqueOrThrow({ where: { code: "130522" } })).toMatchObject({ name: "临城县", povertyLevel: "NATIONAL_KEY" });
    // Provincial ones the earlier list left out: 献县, 兴隆县, 内丘县; 易县 of the contiguous area.
    for (const [code, level] of [
      ["130929", "PROVINCIAL"],
      ["130822", "PROVINCIAL"],
      ["130523", "PROVINCIAL"],
      ["130633", "CONTIGUOUS_AREA"],
    ]) {
      expect((await db().region.findUniqueOrThrow({ where: { code } })).povertyLevel, code).toBe(level);
    }
  });
});

describe("administrators' overrides keep the shipped row and the history", () => {
  it("a county's level: override, survive a re-load, revoke back to the shipped row", async () => {
    const admin = await makeAdmin();
    const r = await addReferenceOverride(
      { table: "povertyCounty", value: { code: "130929", level: "NONE" }, source: "测试：省乡村振兴局复核（2026-12-01）" },
      admin.principal,
    );
    expect(r.ok).toBe(true);
    expect(await db().region.findUniqueOrThrow({ where: { code: "130929" } })).toMatchObject({ isPovertyCounty: false, povertyLevel: null });
    // Changed reference files are re-loaded: the override stands.
    await db().setting.delete({ where: { key: "reference.version" } });
    expect(await seedReferenceData(db())).toBe(true);
    expect((await db().region.findUniqueOrThrow({ where: { code: "130929" } })).isPovertyCounty).toBe(false);
    // The screen shows both: the shipped PROVINCIAL row and the override in force.
    const table = await referenceTable("povertyCounty");
    const row = table.rows.find((x) => x.key === "130929")!;
    expect(row.value.level).toBe("PROVINCIAL");
    expect(row.inForce?.value.level).toBe("NONE");
    expect(await db().auditLog.count({ where: { action: "reference.override.add", entityId: r.ok ? r.id : "" } })).toBe(1);
    // Revoked: the shipped row is back in force, the override stays as history.
    expect((await revokeReferenceOverride(r.ok ? r.id : "", admin.principal)).ok).toBe(true);
    expect(await db().region.findUniqueOrThrow({ where: { code: "130929" } })).toMatchObject({ isPovertyCounty: true, povertyLevel: "PROVINCIAL" });
    const after = (await referenceTable("povertyCounty")).rows.find((x) => x.key === "130929")!;
    expect(after.inForce).toBeNull();
    expect(after.overrides).toHaveLength(1);
    expect(after.overrides[0].revokedAt).not.toBeNull();
    expect((await revokeReferenceOverride(r.ok ? r.id : "", admin.principal)).ok).toBe(false);
  });

  it("the regions page's toggle is an override too", async () => {
    const admin = await makeAdmin();
    await setPovertyCounty("130624", false, admin.principal);
    const row = (await referenceTable("povertyCounty")).rows.find((x) => x.key === "130624")!;
    expect(row.inForce?.value.level).toBe("NONE");
    await setPovertyCounty("130624", true, admin.principal);
    expect(await db().region.findUniqueOrThrow({ where: { code: "130624" } })).toMatchObject({ isPovertyCounty: true, povertyLevel: "NATIONAL_KEY" });
  });

  it("bad input is answered field by field and writes nothing", async () => {
    const admin = await makeAdmin();
    const before = await db().referenceOverride.count();
    const r = await addReferenceOverride(
      { table: "minimumWage", value: { prefix: "1", effective: "2026-02-30", monthly: "abc", label: "" }, source: "" },
      admin.principal,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.kind === "invalid" && r.problems.map((p) => p.field).sort()).toEqual(["effective", "label", "monthly", "prefix", "source"]);
    const unknown = await addReferenceOverride(
      { table: "occupation", value: { code: "no-such", nationalCode: "", nameZh: "x" }, source: "测试文件" },
      admin.principal,
    );
    expect(!unknown.ok && unknown.kind === "invalid" && unknown.problems[0].field).toBe("code");
    expect(await db().referenceOverride.count()).toBe(before);
  });

  it("an occupation's code and name: the override is in force and a re-load leaves it", async () => {
    const admin = await makeAdmin();
    // An occupation the shipped file leaves uncoded, so the code after the re-load can only be the override's.
    expect((await db().occupation.findUniqueOrThrow({ where: { code: "kitchen-helper" } })).nationalCode).toBeNull();
    const r = await addReferenceOverride(
      {
        table: "occupation",
        value: { code: "kitchen-helper", nationalCode: "4-03-02-01", nameZh: "厨房帮工" },
        source: "测试：职业分类大典（2022年版）第 120 页",
      },
      admin.principal,
    );
    expect(r.ok).toBe(true);
    await db().setting.delete({ where: { key: "reference.version" } });
    await seedReferenceData(db());
    expect((await db().occupation.findUniqueOrThrow({ where: { code: "kitchen-helper" } })).nationalCode).toBe("4-03-02-01");
    expect((await db().occupation.findUniqueOrThrow({ where: { code: "cashier" } })).nationalCode).toBe("4-01-02-04");
    // The everyday names are search synonyms of the official ones.
    expect((await db().occupation.findUniqueOrThrow({ where: { code: "truck-driver" } })).keywordsZh).toContain("货车司机");
    expect((await db().occupation.findUniqueOrThrow({ where: { code: "delivery-rider" } })).nationalCode).toBe("4-10-08-01");
  });

  it("a new minimum-wage row decides a placement's flag; the flag names the source", async () => {
    const admin = await makeAdmin();
    const county = await makeCoordinator("130624");
    const { employer } = await makeEmployer();
    const worker = await makeWorker("130624");
    const added = await addReferenceOverride(
      {
        table: "minimumWage",
        value: { prefix: "12", effective: "2026-01-01", monthly: 2700, label: "天津市" },
        source: "测试：天津市 2026 年最低工资通知（2025-12-20）",
      },
      admin.principal,
    );
    expect(added.ok).toBe(true);
    const p = await createPlacement(
      county.principal,
      { workerId: worker.id, employerId: employer.id, startDate: "2026-02-01", monthlyWage: 2600, workRegionCode: "120101", homeBased: false },
      { ip: null },
    );
    expect(p && p.ok && p.flags.find((f) => f.code === "belowMinimumWage")?.detail).toMatchObject({
      minimum: 2700,
      source: "测试：天津市 2026 年最低工资通知（2025-12-20）",
    });
    // The shipped Tianjin rows are still listed, the administrator's beside them.
    const table = await referenceTable("minimumWage");
    expect(table.rows.filter((x) => x.key.startsWith("12@")).map((x) => [x.key, x.shipped])).toEqual(
      expect.arrayContaining([
        ["12@2025-09-01", true],
        ["12@2026-01-01", false],
      ]),
    );
  });
});

describe("ID numbers: provinces refused, unknown areas accepted with a warning", () => {
  it("registers a former (宣化县) and an unknown area code, marks only the unknown one; refuses 990426…", async () => {
    const admin = await makeAdmin();
    const input = (area: string, seq: number) => ({
      fullName: "区码测试",
      idNumber: makeResidentId(area, "1972-03-04", seq),
      phone: `139222200${seq}`,
      countyCode: "130705",
    });
    const former = await registerWorker(WorkerCoreSchema.parse(input("130721", 11)), { source: "COORDINATOR", actor: admin.principal });
    const unknown = await registerWorker(WorkerCoreSchema.parse(input("130799", 13)), { source: "COORDINATOR", actor: admin.principal });
    expect(former.ok && unknown.ok).toBe(true);
    const flag = async (r: typeof former) => (await db().worker.findUniqueOrThrow({ where: { id: r.ok ? r.workerId : "" } })).idAreaUnknown;
    expect(await flag(former)).toBe(false);
    expect(await flag(unknown)).toBe(true);
    const refused = WorkerCoreSchema.safeParse(input("990426", 15));
    expect(refused.success).toBe(false);
    expect(!refused.success && refused.error.issues.map((i) => i.message)).toContain("reg.id_area");
  });
});

describe("a database without reference data", () => {
  it("roster:import says `npm run db:seed` is needed instead of refusing every row", async () => {
    const name = `lb_test_${process.pid}_noref`;
    await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => c.query(`CREATE DATABASE "${name}"`)));
    try {
      await applyMigrations(databaseUrl(name));
      const c = getConfig();
      const r = spawnSync(process.execPath, ["--import", "tsx", "app/cli/roster-import.ts", "package.json"], {
        encoding: "utf8",
        env: childEnv(c, { DATABASE_URL: databaseUrl(name) }),
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("npm run db:seed");
    } finally {
      await dropDatabase(name);
    }
  });
});
