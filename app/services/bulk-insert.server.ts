// Many rows in one statement: INSERT … SELECT FROM a single JSON parameter. Prisma's createMany
// binds every value separately, which cost about 1.5 ms per new worker in the roster import and
// most of the demo seed's time; PostgreSQL unpacks one JSON document in a fraction of that.
// Table and column names are constants of the callers (prisma/migrations), never input.
import type { Prisma } from "~/generated/prisma/client";

type RawClient = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

/**
 * Rows with the SQL types spelled out (`columns`: name → type as in prisma/migrations), through
 * jsonb_to_recordset; `suffix` may add ON CONFLICT … / RETURNING ….
 */
export async function insertJson(
  tx: RawClient,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
  suffix = "",
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns)
    .map((c) => `"${c}"`)
    .join(", ");
  const types = Object.entries(columns)
    .map(([c, type]) => `"${c}" ${type}`)
    .join(", ");
  return tx.$queryRawUnsafe(
    `INSERT INTO "${table}" (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${types}) ${suffix}`,
    JSON.stringify(rows),
  );
}

/**
 * Rows typed by the table itself (jsonb_populate_recordset over the table's row type): the columns
 * are the keys of the first row, every row must carry the same keys. Columns left out take their
 * database default. Prisma-side defaults are not database defaults, so a caller supplies `id`
 * (@default(uuid())) and `updatedAt` (@updatedAt) itself. Dates go in as ISO strings (UTC), JSON
 * arrays become PostgreSQL arrays, nested objects jsonb. Rows go in their order, in chunks of
 * `chunk`; `suffix` may add ON CONFLICT … (no RETURNING: the result is the number of rows written).
 */
export async function insertRows(
  tx: RawClient,
  table: string,
  rows: readonly Record<string, unknown>[],
  opts: { chunk?: number; suffix?: string } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const chunk = opts.chunk ?? 5000;
  const names = Object.keys(rows[0])
    .map((c) => `"${c}"`)
    .join(", ");
  let n = 0;
  for (let i = 0; i < rows.length; i += chunk) {
    n += await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" (${names}) SELECT ${names} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb) ${opts.suffix ?? ""}`,
      JSON.stringify(rows.slice(i, i + chunk)),
    );
  }
  return n;
}
