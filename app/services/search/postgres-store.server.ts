import type { Pool, PoolClient } from "pg";
import type { EmbeddedSearchStore, StoreChange, StoredDocument } from "./embedded-store.server";
import { inReadSnapshot, inTransaction } from "../pg-client.server";
import { searchInPostgres } from "./postgres-search.server";
import type { IndexSchema, SearchDocument, SearchResult, ValidatedQuery } from "./types";

/**
 * EmbeddedSearchStore on PostgreSQL, over this table (created by a migration):
 *
 *   CREATE SEQUENCE "search_document_seq";
 *   CREATE TABLE "search_document" ("index_name" TEXT NOT NULL, "doc_id" TEXT NOT NULL, "doc" JSONB,
 *     "seq" BIGINT NOT NULL DEFAULT nextval('search_document_seq'),
 *     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
 *     CONSTRAINT "search_document_pkey" PRIMARY KEY ("index_name","doc_id"));
 *   CREATE INDEX "search_document_seq_idx" ON "search_document"("seq");
 *
 *   CREATE TABLE "search_snapshot" ("index_name" TEXT NOT NULL, "part" INTEGER NOT NULL, "seq" BIGINT NOT NULL,
 *     "data" BYTEA NOT NULL, "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
 *     CONSTRAINT "search_snapshot_pkey" PRIMARY KEY ("index_name","part"));
 *
 * - `doc` NULL is a tombstone, kept so other processes learn about the deletion.
 * - `doc_id = ''` (never a valid document id) is the index's reset marker: swap and drop bump it.
 * - Every write transaction first takes one advisory lock, so writers commit in `seq` order and
 *   `WHERE seq > cursor` never skips a transaction that took its number earlier but committed
 *   later. Writes are therefore serialised; they are batched, so this is cheap at our volumes.
 * - `search_snapshot` holds, per index, the latest built engine (CompactIndex.snapshot) in parts,
 *   every part stamped with the feed cursor it reflects. Swap and drop delete it; purging
 *   tombstones deletes any snapshot older than a purged tombstone (its deletion could not be
 *   replayed any more). A restarted process restores it and replays the feed after its cursor.
 */
const WRITE_LOCK_KEY = 4_142_027_011; // arbitrary, unique to this table
const SNAPSHOT_LOCK_KEY = 4_142_027_012; // serialises snapshot writers (not the document writers)
/** A snapshot is stored in parts of this many bytes (bounded strings and buffers on both sides). */
const SNAPSHOT_PART_BYTES = 16 * 1024 * 1024;
const RESET_ID = "";
const PUT_BATCH = 1000;
const LOAD_BATCH = 5000;

export class PostgresSearchStore implements EmbeddedSearchStore {
  /** The pool belongs to the caller, who ends it. */
  constructor(private readonly pool: Pool) {}

  async loadAll(index: string, onBatch: (docs: StoredDocument[]) => void, fields?: readonly string[]): Promise<number> {
    // One snapshot for the cursor and every page, so the cursor matches the documents exactly.
    return inReadSnapshot(this.pool, async (client) => {
      const head = await client.query<{ head: string }>(`SELECT coalesce(max("seq"), 0) AS head FROM "search_document"`);
      let after = RESET_ID;
      for (;;) {
        // With `fields`, a narrow projection: only those values, as one array per row (no keys).
        const { rows } = await client.query<{ doc_id: string; doc: SearchDocument | null; vals: SearchDocument[string][] | null; seq: string }>(
          `SELECT "doc_id", "seq",
                  CASE WHEN $4::text[] IS NULL THEN "doc" END AS "doc",
                  CASE WHEN $4::text[] IS NOT NULL THEN (SELECT jsonb_agg("doc"->f ORDER BY o) FROM unnest($4::text[]) WITH ORDINALITY AS k(f, o)) END AS "vals"
             FROM "search_document"
            WHERE "index_name" = $1 AND "doc_id" > $2 AND "doc" IS NOT NULL
            ORDER BY "doc_id" LIMIT $3`,
          [index, after, LOAD_BATCH, fields ?? null],
        );
        const toDoc = (row: (typeof rows)[number]): SearchDocument => {
          if (!fields) return row.doc!;
          const doc: Record<string, SearchDocument[string]> = { id: row.doc_id };
          fields.forEach((field, i) => (doc[field] = row.vals![i]));
          return doc as SearchDocument;
        };
        if (rows.length > 0) onBatch(rows.map((row) => ({ doc: toDoc(row), seq: Number(row.seq) })));
        if (rows.length < LOAD_BATCH) break;
        after = rows[rows.length - 1].doc_id;
      }
      return Number(head.rows[0].head);
    });
  }

  async put(index: string, docs: readonly SearchDocument[], tokens?: readonly (readonly string[])[]): Promise<ReadonlyMap<string, number>> {
    const seqs = new Map<string, number>();
    if (docs.length === 0) return seqs;
    await this.write(async (client) => {
      for (let i = 0; i < docs.length; i += PUT_BATCH) {
        // `tokens` (aligned with docs) feed the GIN index that answers text while an engine warms.
        const { rows } = await client.query<{ doc_id: string; seq: string }>(
          `INSERT INTO "search_document" ("index_name", "doc_id", "doc", "tokens")
           SELECT $1, d->>'id', d, CASE WHEN t IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(t)) END
             FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(d, n)
             LEFT JOIN jsonb_array_elements($3::jsonb) WITH ORDINALITY AS y(t, n) USING (n)
           ON CONFLICT ("index_name", "doc_id") DO UPDATE
             SET "doc" = EXCLUDED."doc", "tokens" = EXCLUDED."tokens", "seq" = nextval('search_document_seq'), "updated_at" = CURRENT_TIMESTAMP
           RETURNING "doc_id", "seq"`,
          [index, JSON.stringify(docs.slice(i, i + PUT_BATCH)), JSON.stringify(tokens ? tokens.slice(i, i + PUT_BATCH) : [])],
        );
        for (const row of rows) seqs.set(row.doc_id, Number(row.seq));
      }
    });
    return seqs;
  }

  async remove(index: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.write((client) =>
      client.query(
        `UPDATE "search_document"
            SET "doc" = NULL, "tokens" = NULL, "seq" = nextval('search_document_seq'), "updated_at" = CURRENT_TIMESTAMP
          WHERE "index_name" = $1 AND "doc_id" = ANY($2::text[]) AND "doc_id" <> '' AND "doc" IS NOT NULL`,
        [index, ids],
      ),
    );
  }

  async changesSince(cursor: number, limit: number, index?: string): Promise<{ cursor: number; changes: StoreChange[] }> {
    const { rows } = await this.pool.query<{ index_name: string; doc_id: string; doc: SearchDocument | null; seq: string }>(
      `SELECT "index_name", "doc_id", "doc", "seq" FROM "search_document"
        WHERE "seq" > $1 AND ($3::text IS NULL OR "index_name" = $3) ORDER BY "seq" LIMIT $2`,
      [cursor, limit, index ?? null],
    );
    const changes = rows.map((row): StoreChange => {
      const seq = Number(row.seq);
      if (row.doc_id === RESET_ID) return { kind: "reset", index: row.index_name, seq };
      if (row.doc === null) return { kind: "remove", index: row.index_name, id: row.doc_id, seq };
      return { kind: "put", index: row.index_name, doc: row.doc, seq };
    });
    return { cursor: changes.length > 0 ? changes[changes.length - 1].seq : cursor, changes };
  }

  async swap(a: string, b: string): Promise<number> {
    return this.write(async (client) => {
      // Renaming through a temporary name: the primary key is checked row by row, so a direct
      // a↔b exchange would collide on ids present in both. "$" never occurs in index names.
      const temporary = `$swap$${a}`;
      const rename = `UPDATE "search_document" SET "index_name" = $2 WHERE "index_name" = $1`;
      await client.query(rename, [a, temporary]);
      await client.query(rename, [b, a]);
      await client.query(rename, [temporary, b]);
      await client.query(`DELETE FROM "search_snapshot" WHERE "index_name" = ANY($1::text[])`, [[a, b]]);
      return this.bumpResetMarkers(client, [a, b]);
    });
  }

  async drop(index: string): Promise<number> {
    return this.write(async (client) => {
      await client.query(`DELETE FROM "search_document" WHERE "index_name" = $1 AND "doc_id" <> ''`, [index]);
      await client.query(`DELETE FROM "search_snapshot" WHERE "index_name" = $1`, [index]);
      return this.bumpResetMarkers(client, [index]);
    });
  }

  /** Answers a query from the table (GIN over `tokens`) while an engine warms. */
  search(
    index: string,
    schema: IndexSchema,
    query: ValidatedQuery,
    tokens: readonly string[],
  ): Promise<{ ids: string[]; total: number; facets: SearchResult["facets"] }> {
    return searchInPostgres(this.pool, index, schema, query, tokens);
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Deletes tombstones older than `olderThanMs` (for a maintenance job). Safe while every process
   * polls far more often than that; a process further behind must restart (rehydrate).
   */
  async purgeTombstones(olderThanMs: number): Promise<number> {
    // Under the write lock like every other writer: a purge racing an upsert that revives the
    // same rows would otherwise lock them in another order (a deadlock).
    // A snapshot older than a purged tombstone would bring that document back (its deletion is
    // no longer in the feed to replay), so such snapshots go in the same transaction.
    return this.write(async (client) => {
      const { rows } = await client.query<{ purged: string }>(
        `WITH "purged" AS (
           DELETE FROM "search_document"
            WHERE "doc" IS NULL AND "doc_id" <> '' AND "updated_at" < CURRENT_TIMESTAMP - make_interval(secs => $1)
           RETURNING "index_name", "seq"),
         "stale" AS (
           DELETE FROM "search_snapshot" AS s
            USING (SELECT "index_name", max("seq") AS "seq" FROM "purged" GROUP BY "index_name") AS p
            WHERE s."index_name" = p."index_name" AND s."seq" < p."seq")
         SELECT count(*) AS "purged" FROM "purged"`,
        [olderThanMs / 1000],
      );
      return Number(rows[0].purged);
    });
  }

  async loadSnapshot(index: string): Promise<{ seq: number; bytes: Buffer } | undefined> {
    try {
      // One snapshot of the database: the parts, and the reset marker they are checked against.
      return await inReadSnapshot(this.pool, async (client) => {
        const { rows } = await client.query<{ part: number; seq: string; reset: string | null }>(
          `SELECT "part", "seq",
                  (SELECT max("seq") FROM "search_document" WHERE "index_name" = $1 AND "doc_id" = '') AS "reset"
             FROM "search_snapshot" WHERE "index_name" = $1 ORDER BY "part"`,
          [index],
        );
        if (rows.length === 0) return undefined;
        const seq = Number(rows[0].seq);
        // A swap or drop after the snapshot: it describes other documents (both also delete it).
        if (rows[0].reset !== null && Number(rows[0].reset) > seq) return undefined;
        if (rows.some((row, i) => row.part !== i || Number(row.seq) !== seq)) return undefined;
        const parts: Buffer[] = [];
        // Part by part: a whole snapshot in one result would be one very long string. Base64, not
        // bytea's hex text: a third less to receive and decode (node-postgres has no binary results;
        // measured ~3× less CPU in this process). Buffer.from skips the encoder's line breaks.
        for (const { part } of rows) {
          const { rows: data } = await client.query<{ data: string }>(
            `SELECT encode("data", 'base64') AS "data" FROM "search_snapshot" WHERE "index_name" = $1 AND "part" = $2`,
            [index, part],
          );
          parts.push(Buffer.from(data[0].data, "base64"));
        }
        return { seq, bytes: parts.length === 1 ? parts[0] : Buffer.concat(parts) };
      });
    } catch (error) {
      // Before the migration that creates the table: no snapshot (the engine builds from documents).
      if ((error as { code?: string }).code === "42P01") return undefined;
      throw error;
    }
  }

  async saveSnapshot(index: string, seq: number, bytes: Uint8Array): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [SNAPSHOT_LOCK_KEY]);
      const { rows } = await client.query<{ seq: string }>(`SELECT "seq" FROM "search_snapshot" WHERE "index_name" = $1 AND "part" = 0`, [index]);
      // A newer snapshot is there already; nothing written yet, so ending by COMMIT only frees the lock.
      if (rows.length > 0 && Number(rows[0].seq) >= seq) return false;
      await client.query(`DELETE FROM "search_snapshot" WHERE "index_name" = $1`, [index]);
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let part = 0, at = 0; at < buffer.length || part === 0; part++, at += SNAPSHOT_PART_BYTES) {
        await client.query(`INSERT INTO "search_snapshot" ("index_name", "part", "seq", "data") VALUES ($1, $2, $3, $4)`, [
          index,
          part,
          seq,
          buffer.subarray(at, at + SNAPSHOT_PART_BYTES),
        ]);
      }
      return true;
    });
  }

  private async bumpResetMarkers(client: PoolClient, indexes: string[]): Promise<number> {
    const { rows } = await client.query<{ seq: string }>(
      `INSERT INTO "search_document" ("index_name", "doc_id", "doc")
       SELECT name, '', NULL FROM unnest($1::text[]) AS name
       ON CONFLICT ("index_name", "doc_id") DO UPDATE
         SET "seq" = nextval('search_document_seq'), "updated_at" = CURRENT_TIMESTAMP
       RETURNING "seq"`,
      [indexes],
    );
    return Math.max(...rows.map((row) => Number(row.seq)));
  }

  private write<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
      return work(client);
    });
  }
}
