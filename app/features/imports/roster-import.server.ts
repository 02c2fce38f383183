// Roster import: a county office's Excel roster (CSV or XLSX) becomes registrations. Every row goes
// through the same schema as the registration form and the same upsert as every other entry path,
// so a person is updated by ID number, never registered twice, and re-importing a file changes
// nothing. Files are read as streams and applied in batches: memory does not grow with the rows
// (apart from about 50 bytes per ID number, to spot one person listed twice in a file).
// Two ways in: an upload (roster-uploads.server.ts: a RosterImport row, processed by the "roster-import" job with a progress
// bar) and `npm run roster:import` (the same importRoster, synchronously).
import type { Principal } from "~/domain/access";
import { staffScopes } from "~/domain/access";
import {
  buildReference,
  cellText,
  fieldForPath,
  findHeaderRow,
  isBlankRow,
  reportParams,
  reportValue,
  rowToInput,
  type Cell,
  type RosterField,
  type RosterReference,
  type RowError,
} from "~/domain/roster";
import { normaliseResidentId } from "~/domain/resident-id";
import {} from "~/domain/spreadsheet";
import type {} from "~/generated/prisma/client";
import { WorkerCoreSchema, type WorkerInput } from "~/features/registration/index";
import {} from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { blindIndex, blindIndexes } from "~/services/pii.server";
import {} from "~/services/queue.server";
import { inputFingerprint, upsertWorkers } from "~/features/registration/index.server";
import { readRows, RosterFileError, type RawRow, type RosterSource, type SpreadsheetFormat as Format } from "~/platform/spreadsheet-reader.server";
import { xlsxLastRow } from "~/platform/xlsx-reader.server";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** The report keeps this many problems (the counts stay exact): a file with more needs its mapping fixed, not a longer list. */
export const MAX_REPORTED_ERRORS = 10_000;
const BATCH_SIZE = 1000;

// ───────────── reading files ─────────────

export type RosterHead = { headerRow: number; headers: string[]; samples: Cell[][] };

/** The header row (a title row above it is skipped) and a few rows after it, for the mapping step. */
export async function readHead(source: RosterSource, format?: Format): Promise<RosterHead> {
  const rows: RawRow[] = [];
  for await (const r of readRows(source, format, { headRows: 15 })) {
    rows.push(r);
    if (rows.length >= 15) break;
  }
  const index = findHeaderRow(rows.slice(0, 10).map((r) => r.cells));
  if (index < 0) throw new RosterFileError("import.empty");
  const headers = rows[index].cells.map((c) => cellText(c));
  return {
    headerRow: rows[index].row,
    headers,
    samples: rows
      .slice(index + 1)
      .filter((r) => !isBlankRow(r.cells))
      .slice(0, 3)
      .map((r) => r.cells),
  };
}

// ───────────── applying rows ─────────────

export type { RowError };
export type ImportCounts = { processed: number; imported: number; updated: number; unchanged: number; rejected: number };
export type ImportResult = { counts: ImportCounts; errors: RowError[] };
export type ColumnMapping = { headerRow: number; headers: string[]; fields: (RosterField | null)[] };

export async function loadReference(actor: Principal, db: Db = getDb()): Promise<RosterReference> {
  const [regions, occupations] = await Promise.all([
    db.region.findMany({
      where: { level: { in: ["PREFECTURE", "COUNTY", "TOWNSHIP", "PROVINCE"] } },
      select: { code: true, name: true, level: true, parentCode: true },
    }),
    db.occupation.findMany({ select: { code: true, nameZh: true, nameEn: true, keywordsZh: true }, orderBy: { code: "asc" } }),
  ]);
  return buildReference(regions, occupations, staffScopes(actor));
}

/**
 * Imports every row after the header: validated with WorkerCoreSchema, applied with upsertWorkers
 * in batches. Rows failing either are counted as rejected and reported (row, column, value,
 * message key). One person listed twice: the second row is "unchanged" when identical, rejected
 * when it differs (so the file means one thing, and importing it again changes nothing).
 */
export async function importRoster(
  source: RosterSource,
  mapping: ColumnMapping,
  actor: Principal,
  opts: {
    db?: Db;
    ip?: string | null;
    format?: Format;
    batchSize?: number;
    onProgress?: (counts: ImportCounts) => Promise<void>;
    /** This import ran before from this moment (and was interrupted): rows it wrote then count as imported/updated, not unchanged. */
    resumedSince?: Date;
  } = {},
): Promise<ImportResult> {
  const db = opts.db ?? getDb();
  const ref = await loadReference(actor, db);
  const counts: ImportCounts = { processed: 0, imported: 0, updated: 0, unchanged: 0, rejected: 0 };
  const errors: RowError[] = [];
  const { fields, headers } = mapping;
  const report = (row: number, field: RosterField | null, message: string, params: Record<string, string | number> | undefined, cells: Cell[]) => {
    if (errors.length >= MAX_REPORTED_ERRORS) return;
    const i = field ? fields.indexOf(field) : -1;
    errors.push({
      row,
      column: i >= 0 ? (headers[i] ?? "") : "",
      field,
      value: i >= 0 ? reportValue(field, cells[i] ?? null) : "",
      message,
      ...(params ? { params: reportParams(params) } : {}),
    });
  };
  const reject = (row: number, cells: Cell[], problems: { field: RosterField | null; message: string; params?: Record<string, string | number> }[]) => {
    counts.rejected++;
    const seen = new Set<string>();
    const position = (f: RosterField | null) => (f && fields.includes(f) ? fields.indexOf(f) : fields.length);
    for (const p of [...problems].sort((a, b) => position(a.field) - position(b.field))) {
      const key = `${p.field}|${p.message}|${JSON.stringify(p.params ?? {})}`;
      if (!seen.has(key)) report(row, p.field, p.message, p.params, cells);
      seen.add(key);
    }
  };

  // ID number → the row of this file that registered it. Keyed by 52 bits of the ID's keyed hash
  // (a number, not a string: about 50 bytes a row, the only memory that grows with the file).
  const inFile = new Map<number, number>();
  type Pending = { row: number; cells: Cell[]; input: WorkerInput; key: number };
  const apply = async (items: Pending[]) => {
    const results = await upsertWorkers(
      items.map((b) => b.input),
      { source: "IMPORT", actor, ip: opts.ip ?? null },
      db,
    );
    const earlier = opts.resumedSince ? await writtenSince(results, opts.resumedSince) : new Map<string, "imported" | "updated">();
    results.forEach((result, k) => {
      const b = items[k];
      if (result.ok) {
        counts[result.outcome === "unchanged" ? (earlier.get(result.workerId) ?? "unchanged") : result.outcome === "created" ? "imported" : result.outcome]++;
        inFile.set(b.key, b.row);
      } else {
        if (result.kind !== "invalid") throw new Error("upsertWorkers answered duplicate, which it resolves itself");
        reject(
          b.row,
          b.cells,
          result.problems.map((p) => ({ field: fieldForPath(p.field.split(/[.[\]]+/).filter(Boolean)), message: p.message })),
        );
      }
    });
    await opts.onProgress?.({ ...counts });
  };
  /** Of the people a resumed run found unchanged, those the interrupted run created or updated. */
  const writtenSince = async (results: Awaited<ReturnType<typeof upsertWorkers>>, since: Date) => {
    const ids = results.flatMap((r) => (r.ok && r.outcome === "unchanged" ? [r.workerId] : []));
    const rows = ids.length ? await db.worker.findMany({ where: { id: { in: ids }, updatedAt: { gte: since } }, select: { id: true, createdAt: true } }) : [];
    return new Map(rows.map((w) => [w.id, w.createdAt >= since ? ("imported" as const) : ("updated" as const)]));
  };
  // One batch is written while the next is read and validated (the database works on the other core).
  let batch: Pending[] = [];
  let batchKeys = new Set<number>();
  let writing: Promise<void> = Promise.resolve();
  let writingKeys = new Set<number>();
  const flush = async () => {
    if (batch.length === 0) return;
    const items = batch;
    writingKeys = batchKeys;
    batch = [];
    batchKeys = new Set();
    await writing;
    writing = apply(items);
    writing.catch(() => {}); // awaited (and thrown) at the next flush or at the end
  };

  for await (const { row, cells } of readRows(source, opts.format)) {
    if (row <= mapping.headerRow || isBlankRow(cells)) continue;
    counts.processed++;
    const { input, problems } = rowToInput(cells, fields, ref);
    const parsed = WorkerCoreSchema.safeParse(input);
    const flagged = new Set(problems.map((p) => p.field));
    const schemaProblems = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ field: fieldForPath(i.path), message: i.message })).filter((p) => !p.field || !flagged.has(p.field));
    if (problems.length || !parsed.success) {
      reject(row, cells, [...problems, ...schemaProblems]);
      continue;
    }
    const idNumber = normaliseResidentId(parsed.data.idNumber);
    const idHash = blindIndex("resident-id", idNumber);
    const key = Number.parseInt(idHash.slice(0, 13), 16);
    if (writingKeys.has(key) || batchKeys.has(key)) {
      // Listed again before its first row was written: that row's outcome decides this one.
      await flush();
      await writing;
    }
    const earlierRow = inFile.get(key);
    if (earlierRow !== undefined) {
      // The earlier row's input is what the record now holds: identical → unchanged, else refused.
      const stored = await db.worker.findFirst({ where: { idNumberHash: { in: blindIndexes("resident-id", idNumber) } }, select: { inputHash: true } });
      if (stored?.inputHash === inputFingerprint(parsed.data)) {
        counts.unchanged++;
        continue;
      }
      if (stored) {
        reject(row, cells, [{ field: "idNumber", message: "import.duplicateInFile", params: { row: earlierRow } }]);
        continue;
      }
      // Nobody with this ID number: another one shared the shortened key; import the row as usual.
    }
    batch.push({ row, cells, input: parsed.data, key });
    batchKeys.add(key);
    if (batch.length >= (opts.batchSize ?? BATCH_SIZE)) await flush();
  }
  await flush();
  await writing;
  errors.sort((a, b) => a.row - b.row); // a batch's database answers arrive after the next batch's reading problems
  return { counts, errors };
}

/** Data rows in a file (blank rows and those above the header not counted): the progress bar's 100%. */
export async function countRows(source: RosterSource, headerRow: number, format?: Format): Promise<number> {
  let n = 0;
  for await (const { row, cells } of readRows(source, format)) if (row > headerRow && !isBlankRow(cells)) n++;
  return n;
}

/**
 * About how many data rows a file has, without parsing it (the job parses a file once): an XLSX
 * sheet's <dimension>, a CSV's line breaks. Only the progress bar's 100%; the end sets the count.
 */
export async function estimateRows(source: RosterSource, headerRow: number, format: Format): Promise<number> {
  let last: number | null = 0;
  if (format.kind === "xlsx") last = await xlsxLastRow(source.zip).catch(() => null);
  else {
    const stream = source.open();
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) last!++;
    } finally {
      stream.destroy();
    }
  }
  return Math.max(0, (last ?? 0) - headerRow);
}
