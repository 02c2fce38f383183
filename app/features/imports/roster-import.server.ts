// Roster import: a county office's Excel roster (CSV or XLSX) becomes registrations. Every row goes
// through the same schema as the registration form and the same upsert as every other entry path,
// so a person is updated by ID number, never registered twice, and re-importing a file changes
// nothing. Files are read as streams and applied in batches: memory does not grow with the rows
// (apart from about 50 bytes per ID number, to spot one person listed twice in a file).
// Two ways in: an upload (a RosterImport row, processed by the "roster-import" job with a progress
// bar) and `npm run roster:import` (the same importRoster, synchronously).
import { createHash } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import type { Principal } from "~/domain/access";
import { loadPrincipal } from "~/services/auth.server";
import { isAdmin, staffScopes } from "~/domain/access";
import {
  buildReference,
  cellText,
  columnLabel,
  fieldForPath,
  findHeaderRow,
  guessMapping,
  isBlankRow,
  missingRequired,
  duplicateFields,
  rememberMapping,
  reportValue,
  rowToInput,
  previewValue,
  type Cell,
  type RememberedMapping,
  type RosterField,
  type RosterReference,
  type RowError,
} from "~/domain/roster";
import { normaliseResidentId } from "~/domain/resident-id";
import { neutraliseFormula } from "~/domain/spreadsheet";
import type { Prisma } from "~/generated/prisma/client";
import { WorkerCoreSchema, type WorkerInput } from "~/features/registration/index";
import { audit } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { blindIndex, blindIndexes, decryptBytes, encryptBytes } from "~/services/pii.server";
import { enqueue, getQueue, jobCatalog, withTimeout } from "~/services/queue.server";
import { inputFingerprint, upsertWorkers } from "~/features/registration/index.server";
import {
  bufferSource,
  detectFormat,
  readRows,
  RosterFileError,
  type RawRow,
  type RosterSource,
  type SpreadsheetFormat as Format,
} from "~/platform/spreadsheet-reader.server";
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
      ...(params ? { params } : {}),
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

// ───────────── uploads (RosterImport rows and the job) ─────────────

export type StoredMapping = ColumnMapping & { confirmed: boolean };
const mappingSettingKey = (userId: string) => `roster.mapping.${userId}`;

async function rememberedMapping(userId: string, db: Db): Promise<RememberedMapping> {
  const setting = await db.setting.findUnique({ where: { key: mappingSettingKey(userId) } });
  return setting && typeof setting.value === "object" && setting.value && !Array.isArray(setting.value) ? (setting.value as RememberedMapping) : {};
}

/** Where an import's uploader may register people: their first coordinator region, or "*" (admins). */
const scopeLabel = (p: Principal) => staffScopes(p)?.[0] ?? "*";

export type StartResult = { ok: true; importId: string; needsMapping: boolean } | { ok: false; message: string };

/**
 * Stores an uploaded file and queues its import, unless the columns need the coordinator first:
 * a required column not recognised, or they asked to review the mapping.
 */
export async function startImport(
  actor: Principal,
  file: { name: string; bytes: Uint8Array },
  opts: { review?: boolean; ip?: string | null } = {},
  db: Db = getDb(),
): Promise<StartResult> {
  if (actor.kind !== "user") throw new Error("uploads are made by signed-in users");
  if (file.bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, message: "import.tooLarge" };
  const source = bufferSource(file.name, file.bytes);
  let head: RosterHead;
  try {
    const format = await detectFormat(source);
    head = await readHead(source, format);
  } catch (error) {
    if (error instanceof RosterFileError) return { ok: false, message: error.messageKey };
    throw error;
  }
  const fields = guessMapping(head.headers, await rememberedMapping(actor.id, db));
  const needsMapping = Boolean(opts.review) || missingRequired(fields).length > 0;
  const mapping: StoredMapping = { headerRow: head.headerRow, headers: head.headers, fields, confirmed: !needsMapping };
  const created = await db.rosterImport.create({
    data: {
      createdById: actor.id,
      regionCode: scopeLabel(actor),
      fileName: file.name.slice(0, 200),
      fileSha256: createHash("sha256").update(file.bytes).digest("hex"),
      contentCipher: encryptBytes(file.bytes),
      mapping: mapping as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  await audit({
    actor,
    action: "roster-import.upload",
    entityType: "RosterImport",
    entityId: created.id,
    regionCode: scopeLabel(actor),
    detail: { fileName: file.name, bytes: file.bytes.byteLength },
    ip: opts.ip,
  });
  if (!needsMapping) await enqueueImport(created.id);
  return { ok: true, importId: created.id, needsMapping };
}

/**
 * Queues an import's job. The stored row is the record of the upload: when the queue cannot be
 * reached (Redis down) the upload is still accepted, the row stays QUEUED, and the sweeper
 * (sweepStuckImports, run by the workers) queues it once the queue answers again.
 */
async function enqueueImport(importId: string, attempt?: number): Promise<boolean> {
  try {
    await enqueue("roster-import", { importId }, { jobId: ["roster-import", importId, ...(attempt ? [attempt] : [])].join("__") });
    return true;
  } catch {
    return false;
  }
}

/** Import ids with a job waiting, delayed or running in the imports queue (throws when the queue is unreachable). */
let liveJobsSeen: { at: number; ids: Promise<Set<string>> } | null = null;

/**
 * The imports that have a job in the queue. The import page asks on every poll (each second, per
 * viewer) once an import is a minute old: for it (`recent`) one scan of the queue serves every ask
 * for 10 seconds. The sweeper, which acts on the answer, always scans afresh.
 */
async function liveImportJobs(opts: { recent?: boolean } = {}): Promise<Set<string>> {
  if (opts.recent && liveJobsSeen && Date.now() - liveJobsSeen.at < 10_000) return liveJobsSeen.ids;
  const ids = withTimeout(getQueue(jobCatalog["roster-import"].queue).getJobs(["waiting", "active", "delayed", "prioritized", "waiting-children"]), 5000).then(
    (jobs) => new Set(jobs.map((j) => (j?.data as { importId?: string } | undefined)?.importId).filter((id): id is string => typeof id === "string")),
  );
  liveJobsSeen = { at: Date.now(), ids };
  ids.catch(() => (liveJobsSeen = null)); // a failed scan is not remembered
  return ids;
}

/** An import that will not move by itself: confirmed, QUEUED or RUNNING, older than `graceMs`, and no job for it in the queue. */
function stuckCandidates(graceMs: number) {
  return {
    status: { in: ["QUEUED", "RUNNING"] as ("QUEUED" | "RUNNING")[] },
    createdAt: { lt: new Date(Date.now() - graceMs) },
    mapping: { path: ["confirmed"], equals: true },
  } satisfies Prisma.RosterImportWhereInput;
}

/**
 * Queues again every import stuck without a job (uploaded while Redis was down, or whose job a
 * Redis restart lost). Safe to run often and from several processes: a job id per sweep, and an
 * import that is already done or failed when its job runs does nothing.
 */
export async function sweepStuckImports(opts: { graceMs?: number } = {}, db: Db = getDb()): Promise<number> {
  const candidates = await db.rosterImport.findMany({ where: stuckCandidates(opts.graceMs ?? 20_000), select: { id: true }, take: 100 });
  if (candidates.length === 0) return 0;
  const live = await liveImportJobs();
  let queued = 0;
  for (const { id } of candidates) if (!live.has(id) && (await enqueueImport(id, Date.now()))) queued++;
  return queued;
}

/** Whether an import is stuck (see sweepStuckImports), so the page offers to run it again. */
export async function isStuckImport(importId: string, db: Db = getDb()): Promise<boolean> {
  const found = await db.rosterImport.findFirst({ where: { id: importId, ...stuckCandidates(60_000) }, select: { id: true } });
  if (!found) return false;
  return liveImportJobs({ recent: true }).then(
    (live) => !live.has(importId),
    () => true,
  );
}

export type MappingResult = { ok: true } | { ok: false; message: string; params?: Record<string, string> };

/** The coordinator's column choices: checked, remembered for their next file, and the import queued. */
export async function confirmMapping(actor: Principal, importId: string, fields: (RosterField | null)[], db: Db = getDb()): Promise<MappingResult | null> {
  const imp = await findImport(actor, importId, db);
  if (!imp) return null;
  const mapping = imp.mapping as unknown as StoredMapping;
  if (mapping.confirmed || imp.status !== "QUEUED") return { ok: false, message: "import.alreadyStarted" };
  if (fields.length !== mapping.headers.length) return { ok: false, message: "import.mappingMissing", params: { fields: "" } };
  const missing = missingRequired(fields);
  if (missing.length) return { ok: false, message: "import.mappingMissing", params: { fields: missing.join(",") } };
  const twice = duplicateFields(fields);
  if (twice.length) return { ok: false, message: "import.mappingDuplicate", params: { fields: twice.join(",") } };
  const remembered = rememberMapping(await rememberedMapping(actor.id, db), mapping.headers, fields);
  await db.$transaction([
    db.rosterImport.update({ where: { id: imp.id }, data: { mapping: { ...mapping, fields, confirmed: true } as unknown as Prisma.InputJsonValue } }),
    db.setting.upsert({
      where: { key: mappingSettingKey(actor.id) },
      create: { key: mappingSettingKey(actor.id), value: remembered as Prisma.InputJsonValue, updatedById: actor.id },
      update: { value: remembered as Prisma.InputJsonValue, updatedById: actor.id },
    }),
  ]);
  await enqueueImport(imp.id);
  return { ok: true };
}

/**
 * Runs a stuck import again (queued or running with no live job: safe, the import is idempotent,
 * and rows an earlier run wrote are counted by that run's start). A failed import has no file any
 * more (deleted when it ended): it is uploaded again. A queue that cannot be reached leaves it
 * QUEUED for the sweeper.
 */
export async function retryImport(actor: Principal, importId: string, db: Db = getDb()): Promise<boolean> {
  const imp = await findImport(actor, importId, db);
  if (!imp) return false;
  if (!(await isStuckImport(imp.id, db))) return false;
  await enqueueImport(imp.id, Date.now());
  return true;
}

/**
 * The job: reads the stored file, counts its rows (the progress bar's total), imports it with the
 * uploader's current rights, and keeps the row's counters current after each batch. A job for an
 * import that is gone, finished, or still waiting for its mapping does nothing. However the import
 * ends (DONE or FAILED), the uploaded file is deleted with that same write: the counts and the
 * masked error report are what stays. A failed import is uploaded again, not re-run.
 */
export async function processImport(
  importId: string,
  onProgress: (percent: number) => Promise<void> = async () => {},
  db: Db = getDb(),
): Promise<ImportCounts | null> {
  const imp = await db.rosterImport.findUnique({ where: { id: importId } });
  const mapping = imp?.mapping as unknown as StoredMapping | undefined;
  if (!imp || !mapping?.confirmed || (imp.status !== "QUEUED" && imp.status !== "RUNNING")) return null;
  const zero = { totalRows: 0, processed: 0, imported: 0, updated: 0, unchanged: 0, rejected: 0 };
  // A run that follows an interrupted or failed one counts the rows that one wrote by its start.
  const startedAt = imp.startedAt ?? new Date();
  await db.rosterImport.update({ where: { id: imp.id }, data: { status: "RUNNING", ...zero, errors: [], failure: null, startedAt } });
  const fail = async (failure: string) => {
    await db.rosterImport.update({ where: { id: imp.id }, data: { status: "FAILED", failure, finishedAt: new Date(), contentCipher: null } });
  };
  const actor = imp.createdById ? await loadPrincipal(db, imp.createdById) : null;
  if (!actor) {
    await fail("import.uploaderInactive");
    return null;
  }
  if (!imp.contentCipher) {
    await fail("import.fileExpired");
    return null;
  }
  try {
    const source = bufferSource(imp.fileName, decryptBytes(imp.contentCipher));
    const format = await detectFormat(source);
    const totalRows = await estimateRows(source, mapping.headerRow, format);
    await db.rosterImport.update({ where: { id: imp.id }, data: { totalRows } });
    const { counts, errors } = await importRoster(source, mapping, actor, {
      db,
      format,
      resumedSince: imp.startedAt ?? undefined,
      onProgress: async (c) => {
        await db.rosterImport.update({ where: { id: imp.id }, data: c });
        await onProgress(totalRows ? Math.min(100, Math.round((c.processed / totalRows) * 100)) : 100);
      },
    });
    await db.rosterImport.update({
      where: { id: imp.id },
      data: {
        ...counts,
        totalRows: counts.processed,
        errors: errors as unknown as Prisma.InputJsonValue,
        status: "DONE",
        finishedAt: new Date(),
        contentCipher: null,
      },
    });
    await onProgress(100);
    return counts;
  } catch (error) {
    if (error instanceof RosterFileError) {
      await fail(error.messageKey);
      return null;
    }
    await fail("import.failed");
    throw error;
  }
}

/** The mapping step: each column's header, a masked example from the first rows, and the current choice. */
export async function mappingPreview(actor: Principal, importId: string, db: Db = getDb()) {
  const imp = await db.rosterImport.findFirst({ where: { id: importId, ...visibleTo(actor) }, select: { fileName: true, contentCipher: true, mapping: true } });
  if (!imp) return null;
  const mapping = imp.mapping as unknown as StoredMapping;
  const head = imp.contentCipher ? await readHead(bufferSource(imp.fileName, decryptBytes(imp.contentCipher))).catch(() => null) : null;
  return mapping.headers.map((header, i) => ({
    header,
    sample: head?.samples.map((r) => previewValue(r[i] ?? null)).find((v) => v !== "") ?? "",
    field: mapping.fields[i] ?? null,
  }));
}

// ───────────── reading imports back ─────────────

const visibleTo = (actor: Principal) => (isAdmin(actor) ? {} : { createdById: actor.id });

const summary = {
  id: true,
  fileName: true,
  status: true,
  createdAt: true,
  finishedAt: true,
  totalRows: true,
  processed: true,
  imported: true,
  updated: true,
  unchanged: true,
  rejected: true,
  failure: true,
  mapping: true,
  regionCode: true,
} as const;

/** One import, only for its uploader (or an admin); anyone else gets null, as for a missing one. */
export async function findImport(actor: Principal, importId: string, db: Db = getDb()) {
  if (!/^[0-9a-f-]{36}$/.test(importId)) return null;
  return db.rosterImport.findFirst({ where: { id: importId, ...visibleTo(actor) }, select: summary });
}

export async function listImports(actor: Principal, db: Db = getDb()) {
  const rows = await db.rosterImport.findMany({ where: visibleTo(actor), orderBy: { createdAt: "desc" }, take: 50, select: summary });
  return rows.map(({ mapping, ...imp }) => ({ ...imp, needsMapping: needsMapping(imp.status, mapping) }));
}

/** Waiting for the coordinator to confirm its columns (not queued yet). */
export function needsMapping(status: string, mapping: unknown): boolean {
  return status === "QUEUED" && !(mapping as StoredMapping | null)?.confirmed;
}

export async function importErrors(actor: Principal, importId: string, db: Db = getDb()): Promise<{ fileName: string; errors: RowError[] } | null> {
  const imp = await db.rosterImport.findFirst({ where: { id: importId, ...visibleTo(actor) }, select: { fileName: true, errors: true } });
  return imp ? { fileName: imp.fileName, errors: (imp.errors as unknown as RowError[]) ?? [] } : null;
}

/**
 * The error report (roster and posting uploads) as CSV with a BOM, so Excel opens the Chinese text
 * correctly. Column names and values come from the uploaded file: formulas are neutralised.
 */
export function errorReportCsv(errors: RowError[], t: (key: string, params?: Record<string, unknown>) => string): string {
  const rows = errors.map((e) => [e.row, columnLabel(e, t), e.value, t(e.message, e.params)].map(neutraliseFormula));
  const header = [t("import.report.row"), t("import.report.column"), t("import.report.value"), t("import.report.message")];
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: "windows" })}`;
}
