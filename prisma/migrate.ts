// npm run db:migrate: applies prisma/migrations to the configured database (the embedded one
// when DATABASE_URL is unset), keeping _prisma_migrations as Prisma does.
import { getConfig } from "~/services/env.server";
import { ensureEmbeddedPostgres } from "~/services/embedded-postgres.server";
import { applyMigrations } from "~/services/migrations.server";
import { disconnectDb } from "~/services/db.server";
import { encryptLegacyNotes } from "~/services/legacy-notes.server";

const config = getConfig();
const log = (line: string) => console.log(line);
const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database, log) : null;
const { applied } = await applyMigrations(config.database.url, { log });
console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(", ")}` : "database is up to date");
// Notes written before they were encrypted (migration 20261209090000): SQL has no key, this step does.
await encryptLegacyNotes({ log });
await disconnectDb();
await pg?.stop();
