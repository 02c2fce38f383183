// Clients taken from a node-postgres pool outside Prisma (the search store, the matching writer).
import type { Pool, PoolClient } from "pg";

/**
 * Takes a client from the pool with an 'error' listener attached for as long as it is checked out.
 * pg emits 'error' on a checked-out client whose server goes away (a database restart, an admin
 * kill); the pool only listens while the client is idle, and an 'error' event nobody listens to
 * kills the process. The failure still reaches the caller through its pending query; the broken
 * client is released with the error so the pool discards it instead of lending it again.
 */
export async function checkout(pool: Pool): Promise<{ client: PoolClient; release: () => void }> {
  const client = await pool.connect();
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure = error;
  };
  client.on("error", onError);
  return {
    client,
    release: () => {
      client.removeListener("error", onError);
      client.release(failure ?? undefined);
    },
  };
}

/** Runs `work` in one transaction on a checked-out client: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const { client, release } = await checkout(pool);
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    release();
  }
}

/**
 * Runs `work` in one read-only REPEATABLE READ transaction (every query sees one snapshot of the
 * database). Read-only: ending it by ROLLBACK is the same as COMMIT, so it ends that way on every path.
 */
export async function inReadSnapshot<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const { client, release } = await checkout(pool);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    return await work(client);
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    release();
  }
}
