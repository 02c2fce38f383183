// npm run roster:import -- <file> [--region CODE] [--json]
// Imports a roster (CSV or XLSX) with the same service as the coordinators' upload, synchronously.
// Prints "imported N, updated N, unchanged N, rejected N" (or, with --json, one JSON object with
// the counts and the row errors). Exit 0 even when rows are rejected; 1 only when the file cannot
// be read; 2 for a usage error.
import fs from "node:fs";
import { parseArgs } from "node:util";
import type { Principal } from "../domain/access";
import { columnLabel, guessMapping, missingRequired } from "../domain/roster";
import { getI18n } from "../i18n/i18n";
import { closeRateLimiters } from "../services/auth.server";
import { disconnectDb, getDb } from "../services/db.server";
import { ensureEmbeddedPostgres } from "../services/embedded-postgres.server";
import { getConfig } from "../services/env.server";
import { referenceDataMissing } from "../services/reference.server";
import { detectFormat, fileSource, RosterFileError } from "../platform/spreadsheet-reader.server";
import { importRoster, readHead } from "~/features/imports/index.server";

const usage = "usage: npm run roster:import -- <file> [--region CODE] [--json]";
const { values, positionals } = parseArgs({ allowPositionals: true, options: { region: { type: "string" }, json: { type: "boolean", default: false } } });
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error(usage);
  process.exit(2);
}

const t = getI18n("zh-CN").t;
const config = getConfig();
const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database) : null;
const missingReference = await referenceDataMissing();
try {
  if (missingReference) {
    // Right after `db:migrate` every row would otherwise be refused as "unknown county".
    console.error(`roster:import: ${missingReference}`);
    process.exitCode = 1;
  } else if (values.region && !(await getDb().region.findUnique({ where: { code: values.region } }))) {
    console.error(`unknown region: ${values.region}`);
    process.exitCode = 2;
  } else {
    // An operator at the console: a coordinator of --region, or the whole country without it.
    // Audited as the command (not a person): there is no signed-in user to name.
    const actor: Principal = {
      kind: "token",
      id: "cli:roster-import",
      grants: [values.region ? { role: "COORDINATOR", regionCode: values.region } : { role: "ADMIN", regionCode: null }],
    };
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new RosterFileError("import.unreadable", `${file}: no such file`);
    const source = fileSource(file);
    const format = await detectFormat(source);
    const head = await readHead(source, format);
    const fields = guessMapping(head.headers);
    const missing = missingRequired(fields);
    if (missing.length) console.error(`columns not found: ${missing.map((f) => t(`import.fields.${f}`)).join(", ")} — rows without them are rejected`);
    const { counts, errors } = await importRoster(source, { headerRow: head.headerRow, headers: head.headers, fields }, actor, { format });
    const { processed: _processed, ...totals } = counts;
    if (values.json) {
      console.log(JSON.stringify({ ...totals, errors: errors.map((e) => ({ ...e, text: t(e.message, e.params) })) }));
    } else {
      console.log(`imported ${totals.imported}, updated ${totals.updated}, unchanged ${totals.unchanged}, rejected ${totals.rejected}`);
      for (const e of errors.slice(0, 20)) console.error(`row ${e.row} ${columnLabel(e, t)} ${e.value}: ${t(e.message, e.params)}`);
      if (errors.length > 20) console.error(`… ${errors.length - 20} more (use --json for all)`);
    }
  }
} catch (error) {
  if (!(error instanceof RosterFileError)) throw error;
  console.error(`cannot read ${file}: ${t(error.messageKey)} (${error.message})`);
  process.exitCode = 1;
} finally {
  await closeRateLimiters(); // registration's ID look-up limiter may have opened one
  await disconnectDb();
  await pg?.stop();
}
