// Bulk postings: an employer uploads a job-fair or monthly list (CSV in UTF-8/GBK, or XLSX, read
// by the roster import's readers). Every row is checked with the posting form's schema and
// written through createPosting, so a row from a list and a posting typed into the form cannot
// differ; a row with problems is not imported and goes to the error report (the roster import's
// RowError and CSV report). Lists are small (≤ 500 rows), so this runs in the request.
import type { Principal } from "~/domain/access";
import { canPublish } from "~/domain/employer";
import { columnForField, mapPostingHeaders, missingPostingColumns, postingRowToInput, type PostingColumn, type PostingReference } from "~/domain/posting-rows";
import { cellText, type Cell, type RowError } from "~/domain/roster";
import { PostingSchema } from "~/features/employers/index";
import { getDb, type Db } from "~/services/db.server";
import { writingEmployer } from "~/features/employers/index.server";
import { createPosting } from "~/features/employers/index.server";
import { bufferSource, detectFormat, readRows, RosterFileError } from "~/platform/spreadsheet-reader.server";

/** Far above a month's list, far below the host's 2 MB body cap. */
export const MAX_POSTING_UPLOAD_BYTES = 1.5 * 1024 * 1024;
export const MAX_POSTING_ROWS = 500;

export type UploadResult =
  { ok: false; message: string; missing?: PostingColumn[] } | { ok: true; total: number; created: number; rejected: number; errors: RowError[] };

async function reference(db: Db): Promise<PostingReference> {
  const [occupations, places] = await Promise.all([
    db.occupation.findMany({ select: { code: true, nameZh: true, nameEn: true, keywordsZh: true } }),
    db.region.findMany({
      where: { level: "COUNTY", OR: [{ code: { startsWith: "11" } }, { code: { startsWith: "12" } }, { code: { startsWith: "13" } }] },
      select: { code: true, name: true },
    }),
  ]);
  return { occupations, places };
}

export async function uploadPostings(
  p: Principal,
  file: { name: string; bytes: Uint8Array },
  opts: { publish: boolean; ip: string | null },
  db: Db = getDb(),
): Promise<UploadResult> {
  const writing = await writingEmployer(p, db);
  if (!writing.ok) return { ok: false, message: writing.message };
  const { employer } = writing;
  if (opts.publish && !canPublish(employer.status)) return { ok: false, message: "emp.refusal.employerNotVerified" };
  if (file.bytes.byteLength > MAX_POSTING_UPLOAD_BYTES) return { ok: false, message: "emp.upload.tooLarge" };

  // The whole file is read (and its size checked) before anything is written.
  const rows: { row: number; cells: Cell[] }[] = [];
  try {
    const source = bufferSource(file.name, file.bytes);
    // Only the rows a list may have are read (an XLSX then resolves only the strings they use).
    for await (const r of readRows(source, await detectFormat(source), { headRows: MAX_POSTING_ROWS + 21 })) {
      rows.push(r);
      if (rows.length > MAX_POSTING_ROWS + 20) return { ok: false, message: "emp.upload.tooManyRows" };
    }
  } catch (error) {
    if (error instanceof RosterFileError)
      return { ok: false, message: error.messageKey === "import.tooComplex" ? "emp.upload.tooComplex" : "emp.upload.unreadable" };
    throw error;
  }
  const mapping = mapPostingHeaders(rows.slice(0, 10).map((r) => r.cells));
  if (!mapping) return { ok: false, message: "emp.upload.missingColumns", missing: missingPostingColumns([]) };
  const missing = missingPostingColumns(mapping.columns);
  if (missing.length) return { ok: false, message: "emp.upload.missingColumns", missing };
  const dataRows = rows.slice(mapping.headerRow + 1);
  if (dataRows.filter((r) => r.cells.some((c) => cellText(c) !== "")).length > MAX_POSTING_ROWS) return { ok: false, message: "emp.upload.tooManyRows" };

  const ref = await reference(db);
  const header = (c: PostingColumn | null) => (c ? (mapping.headers[mapping.columns.indexOf(c)] ?? "") : "");
  const valueOf = (cells: Cell[], c: PostingColumn | null) => (c ? cellText(cells[mapping.columns.indexOf(c)] ?? null).slice(0, 100) : "");
  const errors: RowError[] = [];
  let total = 0;
  let created = 0;
  for (const { row, cells } of dataRows) {
    const read = postingRowToInput(cells, mapping.columns, ref);
    if (read.blank) continue;
    total++;
    const problems: RowError[] = read.problems.map((pr) => ({
      row,
      column: header(pr.column),
      field: null,
      value: valueOf(cells, pr.column),
      message: pr.message,
    }));
    const parsed = PostingSchema.safeParse(read.input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = columnForField(String(issue.path[0] ?? ""), mapping.columns);
        // A cell that could not be read at all is reported once, as that.
        if (problems.some((e) => e.column === header(column))) continue;
        problems.push({ row, column: header(column), field: null, value: valueOf(cells, column), message: issue.message });
      }
    } else if (problems.length === 0) {
      // createPosting checks the occupation and place against the reference data, as for the form.
      const result = await createPosting(p, parsed.data, { ip: opts.ip, source: "upload", publish: opts.publish }, db);
      if (result.ok) created++;
      else if (result.kind === "invalid") {
        for (const pr of result.problems) {
          const column = columnForField(pr.field.replace(/\[.*$/, ""), mapping.columns);
          problems.push({ row, column: header(column), field: null, value: valueOf(cells, column), message: pr.message });
        }
      } else problems.push({ row, column: "", field: null, value: "", message: result.kind === "conflict" ? "emp.conflict" : result.message });
    }
    errors.push(...problems);
  }
  const rejectedRows = new Set(errors.map((e) => e.row)).size;
  return { ok: true, total, created, rejected: rejectedRows, errors };
}
