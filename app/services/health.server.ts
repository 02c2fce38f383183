// /healthz: which adapter each port uses and whether it answers.
import { describePorts, getConfig, type Config } from "./env.server";
import { getDb } from "./db.server";
import { pingQueue, withTimeout } from "./queue.server";
import { getSearchIndex } from "./search.server";

export type Health = { ok: boolean; ports: Record<"database" | "queue" | "search", { adapter: string; ok: boolean; status?: "warming" }> };

async function check(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    return (
      (await withTimeout(
        fn().then((v) => v !== false),
        3000,
      )) === true
    );
  } catch {
    return false;
  }
}

export async function health(config: Config = getConfig()): Promise<Health> {
  const adapters = describePorts(config);
  const [database, queue, search] = await Promise.all([
    check(() => getDb().$queryRaw`SELECT 1`),
    check(() => pingQueue()),
    check(() => getSearchIndex().ping()),
  ]);
  return {
    ok: database && queue && search,
    ports: {
      database: { adapter: adapters.database, ok: database },
      queue: { adapter: adapters.queue, ok: queue },
      // An embedded engine still loading answers (selective queries from the database), so it is ok, but says so.
      search: { adapter: adapters.search, ok: search, ...(getSearchIndex().status?.() === "warming" && { status: "warming" as const }) },
    },
  };
}
