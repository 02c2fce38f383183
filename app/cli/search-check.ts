// npm run search:check
// Compares each search index with the database: counts and a checksum over id+version per entity
// type, with samples of what differs. Exit code 1 when anything drifted (run search:reindex).
// Read-only: it never creates an index or changes settings (on Meilisearch it reports missing
// indexes and settings drift instead: run search:setup), waits until no task for its indexes is
// enqueued or processing, and reads drifted ids a second time before reporting them.
import { checkEntityType, INDEXED_TYPES } from "../services/indexing.server";
import { getSearchIndex, setSearchRole } from "../services/search.server";
import { MeilisearchSearchIndex } from "../services/search/meilisearch.server";
import { BASE_INDEX_NAMES, INDEX_SCHEMAS } from "../services/search/types";
import { runSearchCommand } from "./search-command";

setSearchRole("read"); // MEILI_ADMIN_KEY (documents and tasks are read), but no writes
await runSearchCommand(async () => {
  let drift = false;
  const search = getSearchIndex();
  if (search instanceof MeilisearchSearchIndex) {
    const problems = await search.verify(new Map(BASE_INDEX_NAMES.map((name) => [name, INDEX_SCHEMAS[name]])));
    for (const p of problems) console.log(`${p.index}: ${p.problem.toUpperCase()}: ${p.detail}`);
    if (problems.length > 0) {
      drift = true;
      if (problems.some((p) => p.problem !== "drift")) throw new Error("cannot compare: run npm run search:setup first");
    }
  }
  for (const type of INDEXED_TYPES) {
    const r = await checkEntityType(type);
    drift ||= r.drift;
    console.log(
      `${r.index}: database ${r.database.count} (${r.database.checksum}) · index ${r.search.count} ` +
        `(${r.search.checksum}) · ${r.drift ? `DRIFT: ${r.missing} missing, ${r.extra} extra, ${r.stale} stale` : "in step"}`,
    );
    for (const line of r.samples) console.log(`  ${line}`);
  }
  if (drift) {
    console.log("drift found: run npm run search:reindex");
    process.exitCode = 1;
  }
}, 2);
