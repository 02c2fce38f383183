// One PrismaClient per process, kept on globalThis so Vite's dev reloads (and the two copies of
// this module that exist when the server entry and the Remix build both import it) share it.
// Services take `db` as a parameter defaulting to this, so tests can hand in their own client.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { getConfig } from "./env.server";

export type Db = PrismaClient;

const g = globalThis as { __lbPrisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: serialTransactions(new PrismaPg({ connectionString, max: 10 })) });
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;

/**
 * One statement at a time on a transaction's connection. Prisma 7's query interpreter fetches the
 * relations of one read (a `select` with two relations, a `join` node) with Promise.all, and inside
 * an interactive transaction all of them go to the transaction's single pg client: pg queues them
 * and warns ("client.query() when the client is already executing a query", an error from pg 9).
 * Known upstream (prisma/orm#29407; fixes proposed in #29468 and #29979, not released in 7.10);
 * our own parallel reads on a `tx` are serialised by the same wrapper. Remove when Prisma does it.
 */
export function serialTransactions(factory: PrismaPg): PrismaPg {
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop !== "connect") return bound(target, Reflect.get(target, prop, receiver));
      return async () => {
        const adapter = await target.connect();
        return new Proxy(adapter, {
          get(a, p, r) {
            if (p !== "startTransaction") return bound(a, Reflect.get(a, p, r));
            return async (...args: Parameters<PgAdapter["startTransaction"]>) => serialised(await a.startTransaction(...args));
          },
        });
      };
    },
  });
}

/** Methods called on the real object (the adapter's classes may use private fields). */
const bound = (self: object, v: unknown) => (typeof v === "function" ? v.bind(self) : v);

function serialised(tx: PgTransaction): PgTransaction {
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const next = tail.then(run, run);
    tail = next.catch(() => undefined);
    return next;
  };
  return new Proxy(tx, {
    get(t, p, r) {
      if (p === "queryRaw") return (query: Parameters<PgTransaction["queryRaw"]>[0]) => inTurn(() => t.queryRaw(query));
      if (p === "executeRaw") return (query: Parameters<PgTransaction["executeRaw"]>[0]) => inTurn(() => t.executeRaw(query));
      return bound(t, Reflect.get(t, p, r));
    },
  });
}

export function getDb(): PrismaClient {
  g.__lbPrisma ??= createPrismaClient(getConfig().database.url);
  return g.__lbPrisma;
}

export async function disconnectDb(): Promise<void> {
  await g.__lbPrisma?.$disconnect();
  g.__lbPrisma = undefined;
}

/** Unique-constraint violation, whatever the driver adapter wraps it in. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string }; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return e?.code === "P2002" || e?.cause?.code === "23505";
}

/**
 * Interactive-transaction limits for writes. Prisma's default wait for a pooled connection (2 s)
 * turned a burst of 50 concurrent registrations into 500s; waiting longer queues them instead.
 */
export const WRITE_TX = { maxWait: 15_000, timeout: 20_000 } as const;
