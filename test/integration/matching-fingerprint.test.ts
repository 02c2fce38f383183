// The nightly diff by fingerprint (issue 12) against the real database: every row the service writes
// carries the fingerprint of what it was built from; a night compares fingerprints instead of
// rebuilding explanations, so it must still rewrite exactly the rows whose content would change
// (a stale or missing fingerprint, a renamed occupation, a person available later than the start of
// a posting without a start date as the days pass) and nothing on an unchanged night or a new day
// that changes nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { addDays, chinaToday } from "~/platform/china-time";
import { getDb } from "~/services/db.server";
import { finishNightly, loadOpenTargets, matchShard, shardTargets, type ShardTotals } from "~/features/matching/index.server";
import { clearMatchingState, makeEmployer, makeFittingWorker, makePosting } from "../setup/factories";

const db = () => getDb();

beforeEach(clearMatchingState);

const person = makeFittingWorker;

/** A nightly run on `today` (the run's date decides "today" for every shard). */
async function night(today = chinaToday()) {
  const run = await db().matchRun.create({ data: { kind: "nightly", detail: { today } } });
  const shards: ShardTotals[] = [];
  const refs = shardTargets(await loadOpenTargets(db(), today), 1);
  for (const [i, targets] of refs.entries()) shards.push(await matchShard(run.id, i, targets));
  const totals = await finishNightly(run.id, shards);
  return { ...totals, unchanged: shards.reduce((n, s) => n + s.rowsUnchanged, 0) };
}

const rows = async () =>
  (await db().match.findMany({ orderBy: [{ postingId: "asc" }, { rank: "asc" }] })).map((m) => ({
    w: m.workerId,
    p: m.postingId,
    score: m.score,
    rank: m.rank,
    zh: m.explanationZh,
    en: m.explanationEn,
    factors: m.factors,
    fp: m.fingerprint,
  }));

/** One posting and people of 阜平 at these skill levels, after a first night: its rows. */
async function matchedOnce(levels: number[]) {
  const { employer } = await makeEmployer();
  for (const level of levels) await person("130624", { level });
  await makePosting(employer.id);
  await night();
  return rows();
}

describe("nightly diff by fingerprint", () => {
  it("stores a fingerprint on every row; an unchanged night writes nothing and builds nothing", async () => {
    const { employer } = await makeEmployer();
    for (let i = 0; i < 5; i++) await person(i % 2 ? "130624" : "130881", { level: 1 + i, minWage: 4000 + i * 500 });
    await makePosting(employer.id);
    await makePosting(employer.id, { title: "招聘保洁", headcount: 1 });
    const first = await night();
    expect(first.matchesUpserted).toBeGreaterThanOrEqual(10);
    const stored = await rows();
    expect(stored.every((r) => /^[0-9a-f]{16}$/.test(r.fp ?? ""))).toBe(true);
    expect(new Set(stored.map((r) => r.fp)).size).toBe(stored.length);
    const again = await night();
    expect(again).toMatchObject({ rowsWritten: 0, matchesUpserted: first.matchesUpserted });
    expect(again.unchanged).toBe(first.matchesUpserted + first.nearMisses);
    expect(await rows()).toEqual(stored);
  });

  it("a missing or stale fingerprint rewrites exactly that row, to the same content", async () => {
    const stored = await matchedOnce([1, 2, 3, 4]);
    // A row written before fingerprints existed, and one whose stored fingerprint no longer fits.
    await db().match.updateMany({ where: { workerId: stored[0].w }, data: { fingerprint: null } });
    await db().match.updateMany({ where: { workerId: stored[2].w }, data: { fingerprint: "0000000000000000" } });
    const n = await night();
    expect(n.rowsWritten).toBe(2);
    expect(await rows()).toEqual(stored);
    expect((await night()).rowsWritten).toBe(0);
  });

  it("a renamed occupation rewrites the rows that name it (the score and versions are unchanged)", async () => {
    const before = await matchedOnce([2, 3, 4]);
    const occ = await db().occupation.findUniqueOrThrow({ where: { code: "domestic-helper" } });
    try {
      await db().occupation.update({ where: { code: "domestic-helper" }, data: { nameZh: `${occ.nameZh}（新）` } });
      const n = await night();
      expect(n.rowsWritten).toBe(before.length);
      const after = await rows();
      expect(after.map((r) => [r.w, r.score, r.rank])).toEqual(before.map((r) => [r.w, r.score, r.rank]));
      expect(after.every((r) => r.zh.includes("（新）"))).toBe(true);
      expect((await night()).rowsWritten).toBe(0);
    } finally {
      await db().occupation.update({ where: { code: "domestic-helper" }, data: { nameZh: occ.nameZh } });
    }
  });

  it("a new day changes only the rows whose content follows the day (days late against a posting without a start date)", async () => {
    const { employer } = await makeEmployer();
    const today = chinaToday();
    const onTime = [await person("130624", { level: 4 }), await person("130881", { level: 5 })];
    const later = await person("130624", { level: 1, availableFrom: addDays(today, 20) });
    await makePosting(employer.id); // no start date: it starts "today"
    await night(today);
    const before = await rows();
    const tomorrow = await night(addDays(today, 1));
    // One day closer to the late person's date: their row (score, explanation) changes; the on-time people's do not.
    const after = await rows();
    const changed = after.filter((r, i) => r.zh !== before[i]?.zh || r.score !== before[i]?.score || r.w !== before[i]?.w);
    expect(changed.map((r) => r.w)).toEqual([later.id]);
    expect(tomorrow.rowsWritten).toBe(1);
    for (const w of onTime) expect(after.find((r) => r.w === w.id)).toEqual(before.find((r) => r.w === w.id));
  });
});
