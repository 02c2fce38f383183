// npm run search:check
// Compares each search index with the database: counts and a checksum over id+version per entity
// type, with samples of what differs. Exit code 1 when anything drifted (run search:reindex).
import { disconnectDb } from "../services/db.server";
import { ensureEmbeddedPostgres } from "../services/embedded-postgres.server";
import { getConfig } from "../services/env.server";
import { checkEntityType, INDEXED_TYPES } from "../services/indexing.server";
import { closeSearchIndex } from "../services/search.server";

const config = getConfig();
const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database) : null;
try {
  let drift = false;
  for (const type of INDEXED_TYPES) {
    const r = await checkEntityType(type);
    drift ||= r.drift;
    console.log(`${r.index}: database ${r.database.count} (${r.database.checksum}) · index ${r.search.count} (${r.search.checksum}) · ${r.drift ? `DRIFT: ${r.missing} missing, ${r.extra} extra, ${r.stale} stale` : "in step"}`);
    for (const line of r.samples) console.log(`  ${line}`);
  }
  if (drift) {
    console.log("drift found: run npm run search:reindex");
    process.exitCode = 1;
  }
} catch (error) {
  console.error(String((error as Error).message));
  process.exitCode = 2;
} finally {
  await closeSearchIndex();
  await disconnectDb();
  await pg?.stop();
}
