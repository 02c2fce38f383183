// `npm run keys:rotate` (issue 16 item 8; docs/operations.md "Key rotation"): rewrites every
// encrypted column and file under the current PII key and every blind index under the current HMAC
// key, while the platform keeps serving. Meanwhile the key ring (pii.server) reads both keys and
// look-ups query both hashes, so a row is right whichever of the two it holds. Batches of rows in id
// order, each batch one transaction that locks its rows (a concurrent edit waits, never lost) and
// moves the table's cursor (KeyRotation), so a stopped run resumes where it was. A row already under
// the current keys is left alone: a second run checks everything and changes nothing.
import type { Prisma } from "~/generated/prisma/client";
import { getDb, type Db } from "./db.server";
import { getConfig } from "./env.server";
import { encryptLegacyNotes } from "./legacy-notes.server";
import {
  blindIndex,
  decryptBytes,
  decryptPii,
  encryptBytes,
  encryptPii,
  hmacRotating,
  isCurrentBytes,
  isCurrentPii,
  keyId,
  type BlindIndexPurpose,
  type Keys,
} from "./pii.server";

type Column = {
  name: string;
  kind: "text" | "bytes";
  /** The blind index kept beside this column, rebuilt from its plaintext; `user`: the staff account column holding the same kind of hash. */
  hash?: { column: string; purpose: BlindIndexPurpose; user?: "idNumberHash" | "phoneHash" };
};

/** Every encrypted column and blind index in the schema (a unit test holds this list against schema.prisma). */
export const ROTATED: { table: string; columns: Column[] }[] = [
  {
    table: "Worker",
    columns: [
      { name: "idNumberCipher", kind: "text", hash: { column: "idNumberHash", purpose: "resident-id", user: "idNumberHash" } },
      { name: "phoneCipher", kind: "text", hash: { column: "phoneHash", purpose: "phone", user: "phoneHash" } },
    ],
  },
  { table: "Household", columns: [{ name: "priorityFactorsCipher", kind: "text" }] },
  { table: "Employer", columns: [{ name: "contactPhoneCipher", kind: "text" }] },
  { table: "PayeeAccount", columns: [{ name: "accountCipher", kind: "text", hash: { column: "accountHash", purpose: "bank-account" } }] },
  // The account a claim was approved to be paid to (a copy of the payee's at approval).
  { table: "SubsidyClaim", columns: [{ name: "approvedAccountCipher", kind: "text", hash: { column: "approvedAccountHash", purpose: "bank-account" } }] },
  {
    table: "PlacementEvidence",
    columns: [
      { name: "referenceCipher", kind: "text" },
      { name: "contentCipher", kind: "bytes" },
    ],
  },
  { table: "RosterImport", columns: [{ name: "contentCipher", kind: "bytes" }] },
  // Free text staff write about a person (it may hold health facts).
  { table: "FollowUp", columns: [{ name: "noteCipher", kind: "text" }] },
  { table: "Enrollment", columns: [{ name: "dropNoteCipher", kind: "text" }] },
  {
    table: "Placement",
    columns: [
      { name: "verificationNoteCipher", kind: "text" },
      { name: "reverificationNoteCipher", kind: "text" },
    ],
  },
];

export class RotationRefused extends Error {}

export type TableResult = { table: string; checked: number; changed: number; done: boolean };
export type RotationOptions = {
  batchSize?: number;
  /** Stop after this many batches (tests: a half-rotated database). */ maxBatches?: number;
  log?: (line: string) => void;
  keys?: Keys;
};

/** What identifies "rotated": the current keys' ids. A cursor left for other keys starts over. */
export const rotationTarget = (k: Keys) => `${keyId(k.piiKey)}/${keyId(k.piiHmacKey)}`;

export async function rotateKeys(opts: RotationOptions = {}, db: Db = getDb()): Promise<TableResult[]> {
  const k = opts.keys ?? getConfig().secrets;
  const log = opts.log ?? (() => {});
  if (!k.piiKeyPrevious && !k.piiHmacKeyPrevious) {
    throw new RotationRefused(
      "No previous key is configured, so there is nothing to rotate from. Set the new keys as PII_ENCRYPTION_KEY / " +
        "PII_HMAC_KEY and the old ones as PII_ENCRYPTION_KEY_PREVIOUS / PII_HMAC_KEY_PREVIOUS (embedded: " +
        "piiKey/piiHmacKey and piiKeyPrevious/piiHmacKeyPrevious in secrets.json), restart every process, then run " +
        'this again (docs/operations.md, "Key rotation").',
    );
  }
  // Plaintext notes left by a migration are encrypted first (under the current key), so none is missed.
  await encryptLegacyNotes({ keys: k, log }, db);
  const target = rotationTarget(k);
  const batchSize = opts.batchSize ?? 200;
  let batches = 0;
  const results: TableResult[] = [];
  for (const spec of ROTATED) {
    const saved = await db.keyRotation.findUnique({ where: { table: spec.table } });
    // Resume an unfinished pass for these keys; otherwise (new keys, or a finished pass) check from the start.
    const resume = saved && saved.target === target && !saved.done;
    let cursor = resume ? saved.lastId : null;
    const total: TableResult = { table: spec.table, checked: resume ? saved.checked : 0, changed: resume ? saved.changed : 0, done: false };
    if (resume) log(`${spec.table}: resuming after ${cursor} (${total.checked} checked, ${total.changed} rewritten before)`);
    for (;;) {
      if (opts.maxBatches !== undefined && batches >= opts.maxBatches) {
        results.push(total);
        return results;
      }
      const batch = await db.$transaction((tx) => rotateBatch(tx, spec, cursor, batchSize, k, target, total), { maxWait: 30_000, timeout: 300_000 });
      batches++;
      total.checked += batch.checked;
      total.changed += batch.changed;
      cursor = batch.lastId;
      if (batch.checked > 0) log(`${spec.table}: ${total.checked} checked, ${total.changed} rewritten`);
      if (batch.checked < batchSize) break;
    }
    await db.keyRotation.upsert({
      where: { table: spec.table },
      create: { table: spec.table, target, lastId: cursor, checked: total.checked, changed: total.changed, done: true },
      update: { target, lastId: cursor, checked: total.checked, changed: total.changed, done: true, updatedAt: new Date() },
    });
    total.done = true;
    results.push(total);
  }
  return results;
}

async function rotateBatch(
  tx: Prisma.TransactionClient,
  spec: (typeof ROTATED)[number],
  cursor: string | null,
  batchSize: number,
  k: Keys,
  target: string,
  before: TableResult,
) {
  const cols = spec.columns.flatMap((c) => [c.name, ...(c.hash ? [c.hash.column] : [])]);
  const select = `SELECT "id", ${cols.map((c) => `"${c}"`).join(", ")} FROM "${spec.table}"`;
  // Two statements rather than "$1 IS NULL OR id > $1", which keeps PostgreSQL off the primary key.
  const rows = await (cursor === null
    ? tx.$queryRawUnsafe<Record<string, string | Uint8Array | null>[]>(`${select} ORDER BY "id" LIMIT $1 FOR UPDATE`, batchSize)
    : tx.$queryRawUnsafe<Record<string, string | Uint8Array | null>[]>(`${select} WHERE "id" > $1 ORDER BY "id" LIMIT $2 FOR UPDATE`, cursor, batchSize));
  let changed = 0;
  const userHashes: Record<"idNumberHash" | "phoneHash", { from: string[]; to: string[] }> = {
    idNumberHash: { from: [], to: [] },
    phoneHash: { from: [], to: [] },
  };
  for (const row of rows) {
    const id = row.id as string;
    const set: [string, string | Uint8Array][] = [];
    for (const col of spec.columns) {
      const stored = row[col.name];
      if (stored === null || stored === undefined) continue;
      let plain: string | Buffer;
      try {
        plain = col.kind === "text" ? decryptPii(stored as string, k) : decryptBytes(stored as Uint8Array, k);
      } catch (error) {
        throw new RotationRefused(
          `${spec.table} ${id}, ${col.name}: cannot be decrypted with the current or the previous key ` +
            `(${(error as Error).message}). Nothing in this batch was changed; rows before it are done and the next run ` +
            `resumes here. Configure the key it was written under as the previous key, or repair this row, then run again.`,
        );
      }
      if (col.kind === "text" ? !isCurrentPii(stored as string, k) : !isCurrentBytes(stored as Uint8Array, k)) {
        set.push([col.name, col.kind === "text" ? encryptPii(plain as string, k) : Buffer.from(encryptBytes(plain as Buffer, k))]);
      }
      if (col.hash) {
        const value = plain.toString();
        const current = blindIndex(col.hash.purpose, value, k);
        if (row[col.hash.column] !== current) set.push([col.hash.column, current]);
        if (col.hash.user && hmacRotating(k)) {
          userHashes[col.hash.user].from.push(blindIndex(col.hash.purpose, value, { piiHmacKey: k.piiHmacKeyPrevious! }));
          userHashes[col.hash.user].to.push(current);
        }
      }
    }
    if (!set.length) continue;
    changed++;
    try {
      await tx.$executeRawUnsafe(
        `UPDATE "${spec.table}" SET ${set.map(([c], i) => `"${c}" = $${i + 2}`).join(", ")} WHERE "id" = $1`,
        id,
        ...set.map(([, v]) => v),
      );
    } catch (error) {
      if (spec.table === "Worker" && /unique/i.test(String((error as Error).message))) {
        throw new RotationRefused(
          `Worker ${id}: another record already holds this person's ID number under the new key (two records for one ` +
            `person, registered during the rotation?). Merge them, then run again.`,
        );
      }
      throw error;
    }
  }
  // Staff accounts hold a worker's hashes (conflict-of-interest flags) but no plaintext: they follow the worker's.
  for (const column of ["idNumberHash", "phoneHash"] as const) {
    const { from, to } = userHashes[column];
    if (from.length)
      await tx.$executeRawUnsafe(
        `UPDATE "User" u SET "${column}" = v.t FROM unnest($1::text[], $2::text[]) AS v(f, t) WHERE u."${column}" = v.f AND v.f <> v.t`,
        from,
        to,
      );
  }
  const lastId = rows.length ? (rows[rows.length - 1].id as string) : cursor;
  const checked = before.checked + rows.length;
  const total = before.changed + changed;
  await tx.keyRotation.upsert({
    where: { table: spec.table },
    create: { table: spec.table, target, lastId, checked, changed: total, done: false },
    update: { target, lastId, checked, changed: total, done: false, updatedAt: new Date() },
  });
  return { checked: rows.length, changed, lastId };
}

/** Staff accounts whose ID or phone hash matches no worker under the current key (nothing to rebuild them from). */
export async function unmatchedStaffHashes(db: Db = getDb()): Promise<number> {
  const [{ n }] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "User" u
     WHERE (u."idNumberHash" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Worker" w WHERE w."idNumberHash" = u."idNumberHash"))
        OR (u."phoneHash" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Worker" w WHERE w."phoneHash" = u."phoneHash"))`;
  return Number(n);
}
