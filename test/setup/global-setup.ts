// Builds the migrated template database once per run (reused across runs while migrations and
// reference data are unchanged) and removes databases left by crashed earlier runs.
import type { TestProject } from "vitest/node";
import { disconnectDb, getDb } from "~/services/db.server";
import { setConfig } from "~/services/env.server";
import { applyMigrations } from "~/services/migrations.server";
import { seedReferenceData } from "../../prisma/seed/reference";
import { templateName, withServer } from "./db";
import { testConfig } from "./env";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Creates the migrated, reference-seeded template database unless it exists; returns its name. */
export async function ensureTemplate(): Promise<string> {
  const template = templateName();
  const exists = await withServer(async (c) => {
    const stale = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'lb_test_%' AND datname <> $1`, [template]);
    for (const { datname } of stale.rows) {
      // Per-file databases carry their creator's pid: only those of dead processes are litter
      // (another test run on this machine may be using the rest).
      const pid = Number(datname.match(/^lb_test_(?:e2e_)?(\d+)_?/)?.[1]);
      if (pid && isAlive(pid)) continue;
      if (datname.startsWith("lb_test_tpl_")) await c.query(`ALTER DATABASE "${datname}" IS_TEMPLATE false`).catch(() => {});
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
    return (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template])).rowCount === 1;
  });
  if (!exists) {
    // Carries this process's pid: other test runs on the same server (other checkouts, whose
    // migrations differ) drop every lb_test_ database without a live pid, and would drop this one
    // half-built.
    const building = `lb_test_${process.pid}_building_${template.slice("lb_test_".length)}`;
    await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`));
    const config = testConfig(building);
    setConfig(config);
    await applyMigrations(config.database.url);
    await seedReferenceData(getDb());
    await disconnectDb();
    await withServer(async (c) => {
      await c.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      await c.query(`ALTER DATABASE "${template}" IS_TEMPLATE true`);
    });
  }
  return template;
}

export default async function setup(project: TestProject) {
  project.provide("templateDb", await ensureTemplate());
}
