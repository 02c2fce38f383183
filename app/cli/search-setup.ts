// npm run search:setup
// The deploy step for Meilisearch (npm start runs it too, in its migrate phase): refuses a server
// older than the supported minimum, creates missing indexes, applies settings where they differ
// and waits for those tasks to end, then verifies. Uses MEILI_ADMIN_KEY. Web processes never do
// this; they only read the settings at boot and warn when they differ (docs/meilisearch.md).
import { getConfig } from "../services/env.server";
import { setupSearch } from "../services/search.server";

const config = getConfig();
if (config.search.adapter !== "meilisearch") {
  console.log("search: embedded engine (MEILI_URL not set): nothing to set up");
} else {
  try {
    const { indexes } = await setupSearch(config);
    console.log(`search: settings in place on ${indexes.join(", ")}`);
  } catch (error) {
    console.error(`search:setup failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
