// npm run db:seed [-- --demo]: loads reference data; with --demo also the demo data set (only
// into a database with no users, so it never mixes with real records).
import { parseArgs } from "node:util";
import { getConfig } from "~/services/env.server";
import { ensureEmbeddedPostgres } from "~/services/embedded-postgres.server";
import { applyMigrations } from "~/services/migrations.server";
import { disconnectDb, getDb } from "~/services/db.server";
import { seedReferenceData } from "./seed/reference";
import { formatDemoLogins, seedDemo } from "./seed/demo";

const { values } = parseArgs({ options: { demo: { type: "boolean", default: false } } });
const config = getConfig();
const log = (line: string) => console.log(line);
const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database, log) : null;
await applyMigrations(config.database.url, { log });
const db = getDb();
await seedReferenceData(db, log);
if (values.demo) {
  if ((await db.user.count()) > 0) {
    console.error("db:seed --demo: the database already has users; demo data is only loaded into an empty database.");
    process.exitCode = 1;
  } else {
    console.log(formatDemoLogins(await seedDemo(db, log)));
  }
}
await disconnectDb();
await pg?.stop();
