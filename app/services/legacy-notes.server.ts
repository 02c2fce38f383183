// Notes staff wrote about a person before they were encrypted (migration
// 20261209090000_encrypt_notes_about_people moved them into `legacy*` columns, since SQL has no key):
// each is encrypted into its cipher column under the current PII key and its plaintext cleared, in
// batches, each batch one transaction that locks its rows. Run by `npm start` and `npm run db:migrate`
// right after the migrations, and by `npm run keys:rotate` before it rotates. A value already moved
// is not there any more, so a second run finds nothing; a cipher column already set (cannot happen
// through the application) is kept and only the plaintext cleared.
import { getDb, type Db } from "./db.server";
import { encryptPii, type Keys } from "./pii.server";

/** Every plaintext note column left by the migration, and the cipher column it moves into. */
export const LEGACY_NOTES: { table: string; legacy: string; cipher: string }[] = [
  { table: "FollowUp", legacy: "legacyNote", cipher: "noteCipher" },
  { table: "Enrollment", legacy: "legacyDropNote", cipher: "dropNoteCipher" },
  { table: "Placement", legacy: "legacyVerificationNote", cipher: "verificationNoteCipher" },
];

export async function encryptLegacyNotes(
  opts: { batchSize?: number; log?: (line: string) => void; keys?: Pick<Keys, "piiKey"> } = {},
  db: Db = getDb(),
): Promise<{ table: string; moved: number }[]> {
  const batchSize = opts.batchSize ?? 500;
  const results: { table: string; moved: number }[] = [];
  for (const { table, legacy, cipher } of LEGACY_NOTES) {
    let moved = 0;
    for (;;) {
      const n = await db.$transaction(async (tx) => {
        const rows = await tx.$queryRawUnsafe<{ id: string; plain: string; cipher: string | null }[]>(
          `SELECT "id", "${legacy}" AS plain, "${cipher}" AS cipher FROM "${table}" WHERE "${legacy}" IS NOT NULL ` +
            `ORDER BY "id" LIMIT $1 FOR UPDATE SKIP LOCKED`,
          batchSize,
        );
        for (const r of rows) {
          const text = r.plain.trim();
          const value = r.cipher ?? (text ? encryptPii(text, opts.keys) : null);
          await tx.$executeRawUnsafe(`UPDATE "${table}" SET "${cipher}" = $2, "${legacy}" = NULL WHERE "id" = $1`, r.id, value);
        }
        return rows.length;
      });
      moved += n;
      if (n < batchSize) break;
    }
    if (moved) opts.log?.(`${table}: ${moved} plaintext note(s) encrypted into ${cipher}`);
    results.push({ table, moved });
  }
  return results;
}
