// Inside an interactive transaction every statement goes to one pg client. Prisma 7 reads the
// relations of one select in parallel, and pg queues a query sent while another is running (a
// deprecation today, an error from pg 9). The client from createPrismaClient sends them in turn.
// Observed at pg's Client.query: a query sent while another is still running or waiting on the
// same client (pg warns once the wait queue is non-empty); the real query still runs.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { createPrismaClient } from "~/services/db.server";
import { getConfig } from "~/services/env.server";

const original = pg.Client.prototype.query;
let sentWhileBusy = 0;
beforeAll(() => {
  pg.Client.prototype.query = function (this: pg.Client & { _activeQuery?: unknown; _queryQueue?: unknown[] }, ...args: unknown[]) {
    if (this._activeQuery || (this._queryQueue?.length ?? 0) > 0) sentWhileBusy++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
});
afterAll(() => {
  pg.Client.prototype.query = original;
});
afterEach(() => {
  sentWhileBusy = 0;
});

/** A read with two relations and two reads at once, all inside one transaction. */
async function parallelReadsInTransaction(db: PrismaClient) {
  return db.$transaction(async (tx) => {
    const county = await tx.region.findUniqueOrThrow({
      where: { code: "130624" },
      select: { code: true, parent: { select: { code: true } }, children: { select: { code: true }, take: 3, orderBy: { code: "asc" } } },
    });
    const [regions, occupations] = await Promise.all([tx.region.count(), tx.occupation.count(), tx.$queryRaw`SELECT pg_sleep(0.05)::text AS slept`]);
    return { county, regions, occupations };
  });
}

describe("statements of one transaction", () => {
  it("go to the connection one at a time, with the same results", async () => {
    const db = createPrismaClient(getConfig().database.url);
    try {
      const r = await parallelReadsInTransaction(db);
      expect(r.county.parent?.code).toBe("130600");
      expect(r.county.children).toHaveLength(3);
      expect(r.regions).toBeGreaterThan(2000);
      expect(r.occupations).toBeGreaterThan(80);
      expect(sentWhileBusy).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });

  it("a failing statement still rolls the transaction back, and the next one runs", async () => {
    const db = createPrismaClient(getConfig().database.url);
    try {
      await expect(
        db.$transaction(async (tx) => {
          await tx.setting.create({ data: { key: "serial-test", value: "1" } });
          await Promise.all([tx.$queryRaw`SELECT 1/0`, tx.region.count()]);
        }),
      ).rejects.toThrow();
      expect(await db.setting.findUnique({ where: { key: "serial-test" } })).toBeNull();
      expect(await db.region.count()).toBeGreaterThan(2000);
    } finally {
      await db.$disconnect();
    }
  });

  it("(the check sees it) Prisma's own adapter, unwrapped, queues them", async () => {
    const raw = new PrismaClient({ adapter: new PrismaPg({ connectionString: getConfig().database.url, max: 2 }) });
    try {
      await parallelReadsInTransaction(raw);
      expect(sentWhileBusy).toBeGreaterThan(0);
    } finally {
      await raw.$disconnect();
    }
  });
});
