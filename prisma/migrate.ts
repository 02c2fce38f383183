// npm run db:migrate: applies prisma/migrations to the configured database (the embedded one
// when DATABASE_URL is unset), keeping _prisma_migrations as Prisma does.
import { getConfig } from "~/services/env.server";
import { ensureEmbeddedPostgres } from "~/services/embedded-postgres.server";
import { applyMigrations } from "~/services/migrations.server";

const config = getConfig();
const log = (line: string) => console.log(line);
const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database, log) : null;
const { applied } = await applyMigrations(config.database.url, { log });
console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(", ")}` : "database is up to date");
await pg?.stop();
