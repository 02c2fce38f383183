// The warm worker columns (issue 12 item 8) against the real database: a look after the load reads
// only what changed since; people changed in bulk just before (an import, the load itself) are not
// listed again on every look; a transaction that commits late with an earlier timestamp is still
// found (the look-back window's checksum differs), and so is a decline.
import { beforeEach, describe, expect, it } from "vitest";
import { forgetWorkerPool, workerPool } from "~/features/matching/index.server";
import { getDb } from "~/services/db.server";
import { makeWorker } from "../setup/factories";

const db = () => getDb();

beforeEach(async () => {
  await db().match.deleteMany({});
  await db().worker.deleteMany({});
  forgetWorkerPool();
});

/** The pool's counters after bringing it up to date. */
const look = async () => ({ ...(await workerPool(db())).stats });

describe("warm worker columns", () => {
  it("after a bulk change, a look lists nothing it already has; a later edit is read alone", async () => {
    const people = [];
    for (let i = 0; i < 30; i++) people.push(await makeWorker("130624"));
    const loaded = await look();
    expect(loaded.workers).toBe(30);

    // Thirty people changed within the look-back (as after an import): the next looks list none of them.
    const again = await look();
    expect(again.listed).toBe(loaded.listed);
    expect(again.reread).toBe(loaded.reread);
    expect(again.windowLists).toBe(loaded.windowLists);
    expect(again.loads).toBe(loaded.loads);

    await db().worker.update({ where: { id: people[3].id }, data: { version: { increment: 1 } } });
    const edited = await look();
    expect(edited.listed).toBe(again.listed + 1);
    expect(edited.reread).toBe(again.reread + 1);
    expect(edited.delta).toBe(1);
    expect(edited.windowLists).toBe(again.windowLists);
    expect(edited.loads).toBe(loaded.loads);
  });

  it("finds a change committed late with a timestamp before the last look (the window's checksum differs)", async () => {
    const [a, b] = [await makeWorker("130624"), await makeWorker("130624")];
    const first = await look();
    const [{ now }] = await db().$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    await look();
    // A transaction that stamped its row a minute ago and commits only now: after both looks above.
    const stamped = new Date(now.getTime() - 60_000);
    await db().$executeRaw`UPDATE "Worker" SET "version" = "version" + 1, "updatedAt" = ${stamped} WHERE "id" = ${a.id}`;
    const late = await look();
    expect(late.windowLists).toBe(first.windowLists + 1);
    expect(late.reread).toBe(first.reread + 1);
    expect(late.delta).toBe(1);
    // Applied: the next look finds the window in agreement and lists nothing.
    const settled = await look();
    expect(settled.windowLists).toBe(late.windowLists);
    expect(settled.reread).toBe(late.reread);
    expect(b.id).not.toBe(a.id);
  });

  it("a person removed is noticed (the count no longer adds up) and the columns are reloaded", async () => {
    const [a] = [await makeWorker("130624"), await makeWorker("130624")];
    const first = await look();
    await db().worker.delete({ where: { id: a.id } });
    await look();
    const after = await look();
    expect(after.loads).toBeGreaterThan(first.loads);
    expect(after.workers).toBe(1);
  });
});
