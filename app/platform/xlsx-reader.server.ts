// Reading XLSX uploads without trusting them (issue 16 item 7). An XLSX is a zip of XML parts, so
// a 2 MB file can unpack to gigabytes (5M shared strings took the web process to 1.2 GB). The zip's
// directory is read first (random access: parts are opened in the order we need, nothing goes to
// temporary files), every part is unpacked through a guard that counts its bytes and its XML
// nesting, and the shared-strings table is kept as plain strings under a count and a size cap.
// The web process reads only the first rows and, of the shared strings, only those they use.
// Cells are still parsed by exceljs's streaming worksheet reader (its internals; exceljs is pinned).
import { Readable, Transform, type TransformCallback } from "node:stream";
import ExcelJS from "exceljs";
import unzipper from "unzipper";
import type { Cell } from "~/domain/roster";

/** Limits far above any roster a county office keeps (20 MB of XLSX ≈ 100,000 rows × 30 columns). */
export const XLSX_LIMITS = {
  /** Parts in the zip (a workbook has a dozen plus one per sheet). */
  maxEntries: 1000,
  /** Unpacked bytes of the sheet that is read (streamed: this bounds time, not memory). */
  maxSheetBytes: 600 * 1024 * 1024,
  /** Unpacked bytes of the shared-strings part. */
  maxSharedStringsBytes: 200 * 1024 * 1024,
  /** Unpacked bytes of each other part read (workbook, relationships, styles). */
  maxPartBytes: 16 * 1024 * 1024,
  /** Distinct strings kept for a full read (each costs ~40 bytes plus its text). */
  maxSharedStrings: 1_000_000,
  /** Characters of shared strings kept for a full read (UTF-16 in memory: 2 bytes each at most). */
  maxSharedStringChars: 32 * 1024 * 1024,
  /** Element nesting in any part (real parts nest fewer than 10 deep). */
  maxDepth: 100,
  /** Columns of a row (Excel's own limit is 16,384; a roster has a few dozen). */
  maxColumns: 1000,
};
export type XlsxLimits = typeof XLSX_LIMITS;

/** The file is a zip that unpacks beyond what a roster can be: refused, not parsed. */
export class XlsxLimitError extends Error {
  constructor(
    public readonly limit: keyof XlsxLimits | "declaredSize",
    detail: string,
  ) {
    super(`xlsx limit ${limit}: ${detail}`);
  }
}

type ZipEntry = { path: string; uncompressedSize: number; stream: () => Readable };
type ZipDirectory = { files: ZipEntry[] };
export type ZipOpener = () => Promise<ZipDirectory>;

export const zipFromBuffer =
  (buf: Buffer): ZipOpener =>
  () =>
    unzipper.Open.buffer(buf) as Promise<ZipDirectory>;
export const zipFromFile =
  (file: string): ZipOpener =>
  () =>
    unzipper.Open.file(file) as Promise<ZipDirectory>;

/**
 * Passes a part through as text, failing once it unpacks beyond `maxBytes` or nests deeper than
 * `maxDepth`. Depth is followed with a small lexer (tags, quoted attributes, comments and
 * processing instructions) so that a million nested elements never reach the XML parser's stack.
 */
class PartGuard extends Transform {
  private bytes = 0;
  private depth = 0;
  /** 0 text, 1 in a tag, 2 in a quoted attribute, 3 in a comment/PI/declaration. */
  private state = 0;
  private quote = 0;
  private prev = 0;
  private tagStart = false;
  private closing = false;
  private readonly decoder = new TextDecoder("utf-8");

  constructor(
    private readonly part: string,
    private readonly maxBytes: number,
    private readonly maxDepth: number,
    private readonly limit: keyof XlsxLimits,
  ) {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(new XlsxLimitError(this.limit, `${this.part} unpacks beyond ${this.maxBytes} bytes`));
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.state === 0) {
        if (b === 0x3c) {
          this.state = 1;
          this.tagStart = true;
          this.closing = false;
        }
      } else if (this.state === 1) {
        if (this.tagStart) {
          this.tagStart = false;
          if (b === 0x2f) this.closing = true;
          else if (b === 0x21 || b === 0x3f) {
            this.state = 3;
            continue;
          }
        }
        if (b === 0x22 || b === 0x27) {
          this.state = 2;
          this.quote = b;
        } else if (b === 0x3e) {
          this.state = 0;
          if (this.closing) this.depth--;
          else if (this.prev !== 0x2f && ++this.depth > this.maxDepth)
            return done(new XlsxLimitError("maxDepth", `${this.part} nests deeper than ${this.maxDepth}`));
        }
      } else if (this.state === 2) {
        if (b === this.quote) this.state = 1;
      } else if (b === 0x3e) this.state = 0; // end of <!-- … -->, <? … ?>, <!DOCTYPE …> (close enough for a guard)
      this.prev = b;
    }
    const text = this.decoder.decode(chunk, { stream: true });
    done(null, text || undefined);
  }

  override _flush(done: TransformCallback) {
    const tail = this.decoder.decode();
    done(null, tail || undefined);
  }
}

function guarded(entry: ZipEntry, limit: "maxPartBytes" | "maxSheetBytes" | "maxSharedStringsBytes", limits: XlsxLimits): Readable {
  const guard = new PartGuard(entry.path, limits[limit], limits.maxDepth, limit);
  const raw = entry.stream();
  raw.on("error", (e) => guard.destroy(e));
  guard.on("close", () => raw.destroy());
  return raw.pipe(guard);
}

/** exceljs's streaming reader, driven part by part (its methods parse one part each). */
type ReaderInternals = {
  sharedStrings?: unknown[];
  options: { sharedStrings: string };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: unknown }>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string; id: number; name: string }[] };
};

const plain = (text: unknown): string =>
  typeof text === "string"
    ? text
    : text && typeof text === "object" && "richText" in text
      ? (text.richText as { text?: string }[]).map((r) => r.text ?? "").join("")
      : "";

export type XlsxRow = { row: number; cells: Cell[] };

/**
 * The rows of the workbook's first sheet, streamed. `headRows`: stop after that many rows and
 * resolve only the shared strings they use (the web process, reading the header); without it the
 * whole shared-strings table is kept (bounded) and every row is read (the import worker).
 */
/** The parts needed to read the first sheet: directory checked, workbook, relationships and styles parsed. */
async function openWorkbook(openZip: ZipOpener, limits: XlsxLimits) {
  const dir = await openZip();
  if (dir.files.length > limits.maxEntries) throw new XlsxLimitError("maxEntries", `${dir.files.length} parts`);
  const part = (name: string) => dir.files.find((f) => f.path === name);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: "emit",
    sharedStrings: "emit",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  }) as unknown as ReaderInternals;

  const small = async (name: string, parse: (r: Readable) => Promise<void>) => {
    const entry = part(name);
    if (!entry) return;
    if (entry.uncompressedSize > limits.maxPartBytes) throw new XlsxLimitError("declaredSize", `${name} declares ${entry.uncompressedSize} bytes`);
    await parse(guarded(entry, "maxPartBytes", limits));
  };
  await small("xl/_rels/workbook.xml.rels", (r) => reader._parseRels(r));
  await small("xl/workbook.xml", (r) => reader._parseWorkbook(r));
  await small("xl/styles.xml", (r) => reader._parseStyles(r));

  // The first sheet in the workbook's order (what Excel opens on), else the first sheet part.
  const first = reader.model?.sheets?.[0];
  const rel = first && reader.workbookRels?.find((r) => r.Id === first.rId);
  const target = rel ? `xl/${rel.Target.replace(/^\/?(xl\/)?/, "")}` : undefined;
  const sheetEntry = (target && part(target)) || dir.files.find((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f.path));
  if (!sheetEntry) throw new Error("no worksheet in the workbook");
  if (sheetEntry.uncompressedSize > limits.maxSheetBytes)
    throw new XlsxLimitError("declaredSize", `${sheetEntry.path} declares ${sheetEntry.uncompressedSize} bytes`);
  const stringsEntry = part("xl/sharedStrings.xml");
  if (stringsEntry && stringsEntry.uncompressedSize > limits.maxSharedStringsBytes)
    throw new XlsxLimitError("declaredSize", `sharedStrings declares ${stringsEntry.uncompressedSize} bytes`);
  return { reader, sheetEntry, stringsEntry };
}

/**
 * The last row the first sheet says it uses (its <dimension>), read from the sheet's first 64 KB:
 * the progress bar's estimate, so the import parses the file once. Null when the sheet has none.
 */
export async function xlsxLastRow(openZip: ZipOpener): Promise<number | null> {
  const { sheetEntry } = await openWorkbook(openZip, XLSX_LIMITS);
  const stream = guarded(sheetEntry, "maxSheetBytes", XLSX_LIMITS);
  let text = "";
  try {
    for await (const chunk of stream) {
      text += chunk as string;
      if (text.length > 65536 || text.includes("<sheetData")) break;
    }
  } finally {
    stream.destroy();
  }
  const ref = /<dimension\s+ref="[A-Z]*\d*:?[A-Z]*(\d+)"/.exec(text);
  return ref ? Number(ref[1]) : null;
}

/**
 * The rows of the workbook's first sheet, streamed. `headRows`: stop after that many rows and
 * resolve only the shared strings they use (the web process, reading the header); without it the
 * whole shared-strings table is kept (bounded) and every row is read (the import worker).
 */
export async function* readXlsxRows(openZip: ZipOpener, opts: { headRows?: number; limits?: Partial<XlsxLimits> } = {}): AsyncGenerator<XlsxRow> {
  const limits = { ...XLSX_LIMITS, ...opts.limits };
  const { reader, sheetEntry, stringsEntry } = await openWorkbook(openZip, limits);

  /** Reads the shared strings, keeping those `wanted` says (all, for a full read) as plain text. */
  const readStrings = async (wanted?: Set<number>): Promise<Map<number, string> | string[]> => {
    const kept = wanted ? new Map<number, string>() : ([] as string[]);
    if (!stringsEntry) return kept;
    const last = wanted ? Math.max(-1, ...wanted) : Infinity;
    let chars = 0;
    const stream = guarded(stringsEntry, "maxSharedStringsBytes", limits);
    try {
      for await (const { index, text } of reader._parseSharedStrings(stream)) {
        if (wanted) {
          if (wanted.has(index)) (kept as Map<number, string>).set(index, plain(text));
          if (index >= last) break;
          continue;
        }
        const s = plain(text);
        chars += s.length;
        if (index >= limits.maxSharedStrings) throw new XlsxLimitError("maxSharedStrings", `more than ${limits.maxSharedStrings} shared strings`);
        if (chars > limits.maxSharedStringChars)
          throw new XlsxLimitError("maxSharedStringChars", `shared strings beyond ${limits.maxSharedStringChars} characters`);
        (kept as string[]).push(s);
      }
    } finally {
      stream.destroy();
    }
    return kept;
  };

  const sheetRows = async function* (): AsyncGenerator<ExcelJS.Row> {
    const stream = guarded(sheetEntry, "maxSheetBytes", limits);
    try {
      const [{ value: sheet }] = [...reader._parseWorksheet(stream as AsyncIterable<string>, sheetEntry.path.replace(/\D+/g, "") || "1")];
      yield* sheet;
    } finally {
      stream.destroy();
    }
  };

  const toCells = (row: ExcelJS.Row, strings: (i: number) => string | undefined): Cell[] => {
    const values = Array.isArray(row.values) ? row.values : [];
    if (values.length - 1 > limits.maxColumns) throw new XlsxLimitError("maxColumns", `row ${row.number} has a cell in column ${values.length - 1}`);
    return Array.from(values.slice(1), (v) => xlsxCell(v as ExcelJS.CellValue | undefined, strings));
  };

  if (opts.headRows !== undefined) {
    // Without a table exceljs leaves {sharedString: index}: the rows are read first, then only
    // the strings they use (the table is read up to the highest index needed, then dropped).
    reader.sharedStrings = undefined;
    const rows: ExcelJS.Row[] = [];
    for await (const row of sheetRows()) {
      rows.push(row);
      if (rows.length >= opts.headRows) break;
    }
    const wanted = new Set<number>();
    for (const row of rows)
      for (const v of Array.isArray(row.values) ? row.values : []) if (v && typeof v === "object" && "sharedString" in v) wanted.add(Number(v.sharedString));
    const strings = (await readStrings(wanted)) as Map<number, string>;
    for (const row of rows) yield { row: row.number, cells: toCells(row, (i) => strings.get(i)) };
    return;
  }
  const strings = (await readStrings()) as string[];
  reader.sharedStrings = strings;
  for await (const row of sheetRows()) yield { row: row.number, cells: toCells(row, (i) => strings[i]) };
}

function xlsxCell(value: ExcelJS.CellValue | undefined, strings: (i: number) => string | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("sharedString" in value) return strings(Number(value.sharedString)) ?? null;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) return xlsxCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, strings);
  if ("text" in value) return String(value.text);
  return null; // errors (#N/A …)
}
