// npm run search:reindex [-- --only workers,postings,trainingOrders]
// Rebuilds each search index into a shadow index and swaps it in (searches never see a half-built
// index), then replays writes that raced the rebuild. Safe while the platform runs.
import { parseArgs } from "node:util";
import { INDEXED, INDEXED_TYPES, reindexEntityType } from "../services/indexing.server";
import { setSearchRole } from "../services/search.server";
import { runSearchCommand } from "./search-command";

const { values } = parseArgs({ options: { only: { type: "string" } } });
const wanted = values.only ? values.only.split(",").map((s) => s.trim()) : null;
const types = INDEXED_TYPES.filter((t) => !wanted || wanted.includes(t) || wanted.includes(INDEXED[t].index));
if (wanted && types.length === 0) {
  console.error(`usage: npm run search:reindex [-- --only ${INDEXED_TYPES.map((t) => INDEXED[t].index).join(",")}]`);
  process.exit(2);
}
setSearchRole("write"); // MEILI_ADMIN_KEY: builds the shadow index and swaps it in
await runSearchCommand(async () => {
  for (const type of types) {
    const r = await reindexEntityType(type);
    console.log(
      `${r.index}: ${r.documents} documents rebuilt and swapped in ${(r.ms / 1000).toFixed(1)} s (${r.caughtUp} ` +
        `changed during the rebuild replayed, ${r.removedAfterSwap} deleted ones removed)`,
    );
  }
}, 1);
