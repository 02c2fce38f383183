// npm run db:backup [-- <file>]
// A custom-format pg_dump of the application database (the embedded one is started if needed),
// by default to DATA_DIR/backups/laborbridge-<UTC time>.dump. The PII keys are not in it: back up
// the environment's keys (or DATA_DIR/secrets.json) separately. See docs/operations.md.
import path from "node:path";
import { backupDatabase, BackupError } from "../services/backup.server";
import { ensureEmbeddedPostgres } from "../services/embedded-postgres.server";
import { getConfig } from "../services/env.server";

const config = getConfig();
const file = process.argv[2] ?? path.join(config.dataDir, "backups", `laborbridge-${new Date().toISOString().replace(/[:.]/g, "-")}.dump`);
const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database) : null;
try {
  const { bytes } = await backupDatabase(config.database.url, file, { pgBinDir: config.pgBinDir });
  console.log(`backup written: ${file} (${(bytes / 2 ** 20).toFixed(1)} MB)`);
  console.log(
    config.database.adapter === "embedded-postgres"
      ? `keep ${path.join(config.dataDir, "secrets.json")} with it (elsewhere): without those keys ID numbers and phones cannot be read back`
      : "keep PII_ENCRYPTION_KEY and PII_HMAC_KEY safe (elsewhere): without them ID numbers and phones cannot be read back",
  );
} catch (error) {
  console.error(error instanceof BackupError ? error.message : String((error as Error).message));
  process.exitCode = 1;
} finally {
  await pg?.stop();
}
