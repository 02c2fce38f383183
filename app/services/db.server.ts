// One PrismaClient per process, kept on globalThis so Vite's dev reloads (and the two copies of
// this module that exist when the server entry and the Remix build both import it) share it.
// Services take `db` as a parameter defaulting to this, so tests can hand in their own client.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { getConfig } from "./env.server";

export type Db = PrismaClient;

const g = globalThis as { __lbPrisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
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
