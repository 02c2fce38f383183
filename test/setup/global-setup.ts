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
    const templates = stale.rows.filter((r) => /^lb_test_tpl_[0-9a-f]+$/.test(r.datname));
    for (const { datname } of stale.rows) {
      // Per-file databases and templates being built carry their creator's pid: only those of
      // dead processes are litter (another test run on this machine may be using the rest).
      const pid = Number(datname.match(/^lb_test_(?:e2e_)?(\d+)_?/)?.[1] ?? datname.match(/^lb_test_tpl_.*_building_(\d+)$/)?.[1]);
      if (pid && isAlive(pid)) continue;
      const template = /^lb_test_tpl_[0-9a-f]+$/.test(datname);
      // Another checkout's template (other migrations) may be cloned at this moment by its run:
      // a few are kept; beyond that the ones nobody is connected to go (never forced).
      if (template && templates.length <= 6) continue;
      if (template) {
        await c.query(`ALTER DATABASE "${datname}" IS_TEMPLATE false`).catch(() => {});
        await c.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => {});
        continue;
      }
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
    return (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template])).rowCount === 1;
  });
  if (!exists) {
    const building = `${template}_building_${process.pid}`;
    await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`));
    const config = testConfig(building);
    setConfig(config);
    await applyMigrations(config.database.url);
    await seedReferenceData(getDb());
    await disconnectDb();
    await withServer(async (c) => {
      try {
        await c.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
        await c.query(`ALTER DATABASE "${template}" IS_TEMPLATE true`);
      } catch (error) {
        // Another run on this machine built the same template first: use theirs.
        const theirs = (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template])).rowCount === 1;
        if (!theirs) throw error;
        await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      }
    });
  }
  return template;
}

export default async function setup(project: TestProject) {
  project.provide("templateDb", await ensureTemplate());
}
