// The frame of the search commands (search:check, search:reindex): the embedded PostgreSQL started
// when it is the configured database, the command's body run, a failure printed as its message with
// `failureCode` as the exit code, and the search index, the database connection and the embedded
// server closed afterwards, whatever happened. Call setSearchRole first.
import { disconnectDb } from "../services/db.server";
import { ensureEmbeddedPostgres } from "../services/embedded-postgres.server";
import { getConfig } from "../services/env.server";
import { closeSearchIndex } from "../services/search.server";

export async function runSearchCommand(body: () => Promise<void>, failureCode: number): Promise<void> {
  const config = getConfig();
  const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database) : null;
  try {
    await body();
  } catch (error) {
    console.error(String((error as Error).message));
    process.exitCode = failureCode;
  } finally {
    await closeSearchIndex();
    await disconnectDb();
    await pg?.stop();
  }
}
