import { describe, expect, it } from "vitest";
import { CompactIndex } from "./compact-index";
import { INDEX_SCHEMAS, validateQuery, type SearchDocument, type SearchQuery } from "./types";

const schema = INDEX_SCHEMAS.workers;
const JOBS = ["护工", "保洁员", "育婴师", "电焊工"];
const doc = (i: number, job = JOBS[i % JOBS.length]): SearchDocument => ({
  id: `w${i}`,
  name: `李${i}`,
  occupationNames: [job],
  skillsText: i % 3 === 0 ? "持证上岗" : "能吃苦",
  countyCode: String(130125 + (i % 3)),
  isPoorHousehold: i % 2 === 0,
  minWage: 3000 + 10 * i,
});
const QUERIES: SearchQuery[] = [
  { q: "护工", limit: 1000 },
  { q: "持证", filters: [{ field: "isPoorHousehold", op: "eq", value: true }], facets: ["countyCode"], limit: 1000 },
  { filters: [{ field: "minWage", op: "range", gte: 3500 }], facets: ["occupationCodes", "countyCode"], limit: 1000 },
  { q: "李", sort: [{ field: "minWage", direction: "desc" }], limit: 50 },
  { limit: 1000 },
];
const answers = (index: CompactIndex) =>
  QUERIES.map((query) => {
    const { slots, total, facets } = index.search(validateQuery(schema, query));
    return { ids: Array.from(slots, (slot) => index.idOf(slot)), total, facets };
  });

describe("CompactIndex snapshot", () => {
  it("restores an index that answers exactly as the original, and keeps doing so after more writes", () => {
    const live = new CompactIndex(schema);
    for (let i = 0; i < 200; i++) live.put(doc(i), i + 1);
    for (let i = 0; i < 200; i += 7) live.remove(`w${i}`, 300 + i); // retired slots, some vacuumed
    live.put(doc(1, "厨师"), 600); // a replaced document
    live.search(validateQuery(schema, {}));
    live.remove("w2", 601); // retired, not yet vacuumed

    const restored = CompactIndex.restore(schema, live.snapshot(601))!;
    expect(restored).toBeDefined();
    expect(restored.loadedAt).toBe(601);
    expect(restored.size).toBe(live.size);
    expect(answers(restored)).toEqual(answers(live));

    // The same later writes (freed slots reused, cursors compared) give the same answers.
    for (const index of [live, restored]) {
      index.put(doc(500, "护工"), 700);
      index.put(doc(3, "电焊工"), 701);
      index.put(doc(4), 100); // older than what the index holds: ignored
      index.remove("w5", 702);
    }
    expect(answers(restored)).toEqual(answers(live));
    expect(restored.numberOf("minWage", restored.slotById.get("w500")!)).toBe(8000);
  });

  it("restores an empty index and many vacant slots", { timeout: 60_000 }, () => {
    expect(CompactIndex.restore(schema, new CompactIndex(schema).snapshot(0))!.size).toBe(0);
    const index = new CompactIndex(schema);
    for (let i = 0; i < 150_000; i++) index.put({ id: `x${i}`, minWage: i }, i + 1);
    for (let i = 0; i < 150_000; i++) if (i % 1000 !== 0) index.remove(`x${i}`, 200_000 + i);
    const restored = CompactIndex.restore(schema, index.snapshot(400_000))!;
    expect(restored.size).toBe(150);
    expect(restored.search(validateQuery(schema, { limit: 0 })).total).toBe(150);
    restored.put({ id: "y", minWage: 1 }, 500_000);
    expect(restored.search(validateQuery(schema, { filters: [{ field: "minWage", op: "range", lte: 1 }], limit: 10 })).slots.length).toBe(2);
  });

  it("refuses bytes of another schema or not a snapshot at all", () => {
    const index = new CompactIndex(schema);
    index.put(doc(1), 1);
    const bytes = index.snapshot(1);
    expect(CompactIndex.restore({ ...schema, fields: { ...schema.fields, extra: "string" } }, bytes)).toBeUndefined();
    expect(CompactIndex.restore(schema, Buffer.from("not a snapshot"))).toBeUndefined();
  });
});
