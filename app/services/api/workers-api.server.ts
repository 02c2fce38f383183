// POST /api/v1/workers: one worker or a batch, validated with the roster import's row schema and
// written through the same upsert, so the API, the import and the forms cannot disagree.
import type { Principal } from "~/domain/access";
import { getI18n } from "~/i18n/i18n";
import { WorkerCoreSchema } from "~/features/registration/index";
import { upsertWorker } from "~/features/registration/index.server";

export const MAX_BATCH = 500;

export type WorkerItemResult =
  | { index: number; outcome: "created" | "updated" | "unchanged"; workerId: string }
  | { index: number; outcome: "rejected"; errors: { path: string; code: string; message: string }[] };

const en = () => getI18n("en").t;

function fieldError(path: string, code: string) {
  return { path, code, message: en()(code) };
}

export async function createWorkersFromApi(items: unknown[], actor: Principal, ip: string | null): Promise<WorkerItemResult[]> {
  const results: WorkerItemResult[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = WorkerCoreSchema.safeParse(item);
    if (!parsed.success) {
      results.push({ index, outcome: "rejected", errors: parsed.error.issues.map((i) => fieldError(i.path.join("."), i.message)) });
      continue;
    }
    const r = await upsertWorker(parsed.data, { source: "API", actor, ip });
    if (r.ok) results.push({ index, outcome: r.outcome, workerId: r.workerId });
    else if (r.kind === "invalid") results.push({ index, outcome: "rejected", errors: r.problems.map((p) => fieldError(p.field, p.message)) });
    // upsertWorker resolves duplicates into updates, so "duplicate" cannot reach here.
    else results.push({ index, outcome: "rejected", errors: [fieldError("idNumber", "reg.idRequired")] });
  }
  return results;
}

export function summarise(results: WorkerItemResult[]) {
  const count = (o: WorkerItemResult["outcome"]) => results.filter((r) => r.outcome === o).length;
  return { created: count("created"), updated: count("updated"), unchanged: count("unchanged"), rejected: count("rejected") };
}
