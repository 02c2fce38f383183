// Roster uploads: a coordinator's file becomes a RosterImport row and a "roster-import" job, with the
// column mapping confirmed first where it needs them; the job applies it with importRoster
// (roster-import.server.ts) and this file reads the uploads, their progress and problems back.
import { estimateRows, importRoster, MAX_UPLOAD_BYTES, readHead, type ColumnMapping, type ImportCounts, type RosterHead } from "./roster-import.server";
import { createHash } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import type { Principal } from "~/domain/access";
import { loadPrincipal } from "~/services/auth.server";
import { isAdmin, staffScopes } from "~/domain/access";
import {
  columnLabel,
  guessMapping,
  missingRequired,
  duplicateFields,
  rememberMapping,
  previewValue,
  type RememberedMapping,
  type RosterField,
  type RowError,
} from "~/domain/roster";
import { neutraliseFormula } from "~/domain/spreadsheet";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { decryptBytes, encryptBytes } from "~/services/pii.server";
import { enqueue, getQueue, jobCatalog, withTimeout } from "~/services/queue.server";
import { bufferSource, detectFormat, RosterFileError } from "~/platform/spreadsheet-reader.server";

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
