// npm run db:restore -- <file> [--replace]
// Restores a db:backup dump into the application database: into an empty database (a new
// install), or over the current one with --replace. One transaction: a failed restore changes
// nothing. Stop the web and workers processes first when replacing. See docs/operations.md.
import { BackupError, restoreDatabase } from "../services/backup.server";
import { ensureEmbeddedPostgres } from "../services/embedded-postgres.server";
import { getConfig } from "../services/env.server";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error("usage: npm run db:restore -- <backup file> [--replace]");
  process.exit(2);
}
const config = getConfig();
const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database) : null;
try {
  await restoreDatabase(config.database.url, file, { replace: args.includes("--replace"), pgBinDir: config.pgBinDir });
  console.log(`restored ${file}; run npm run search:reindex if search runs on Meilisearch`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : String((error as Error).message));
  process.exitCode = 1;
} finally {
  await pg?.stop();
}
