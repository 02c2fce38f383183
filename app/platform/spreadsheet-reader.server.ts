// Reading spreadsheet uploads, CSV or XLSX, as rows of cells (the roster import, the employers'
// posting upload, the roster CLI): the format sniffed from the first bytes (encoding, delimiter),
// rows streamed so memory does not grow with the file. XLSX goes through the guarded reader beside
// this file; the cells' meaning is the caller's.
import fs from "node:fs";
import path from "node:path";
import { pipeline, Readable } from "node:stream";
import { parse as parseCsv } from "csv-parse";
import iconv from "iconv-lite";
import type { Cell } from "~/domain/roster";
import { readXlsxRows, XlsxLimitError, zipFromBuffer, zipFromFile, type ZipOpener } from "./xlsx-reader.server";

/** The file cannot be read as a roster at all (as opposed to rows that fail validation). */
export class RosterFileError extends Error {
  constructor(
    public readonly messageKey: "import.unreadable" | "import.xlsNotSupported" | "import.empty" | "import.notRoster" | "import.tooComplex",
    detail?: string,
  ) {
    super(detail ? `${messageKey}: ${detail}` : messageKey);
  }
}

/** A file to read: as a stream (CSV, format sniffing) and as a zip with random access (XLSX). */
export type RosterSource = { name: string; open: () => Readable; zip: ZipOpener };

export function bufferSource(name: string, bytes: Uint8Array): RosterSource {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // 64 KB chunks, as a file stream would deliver them, keep the parsers' buffers small.
  return {
    name,
    open: () =>
      Readable.from(
        (function* () {
          for (let i = 0; i < buf.length; i += 65536) yield buf.subarray(i, i + 65536);
        })(),
      ),
    zip: zipFromBuffer(buf),
  };
}

export function fileSource(file: string): RosterSource {
  return { name: path.basename(file), open: () => fs.createReadStream(file), zip: zipFromFile(file) };
}

type CsvFormat = { kind: "csv"; encoding: "utf8" | "gb18030" | "utf16le"; delimiter: string };
export type SpreadsheetFormat = { kind: "xlsx" } | CsvFormat;

async function readStart(source: RosterSource, max = 1 << 20): Promise<Buffer> {
  const stream = source.open();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(Buffer.from(chunk));
      size += chunk.length;
      if (size >= max) break;
    }
  } catch (error) {
    throw new RosterFileError("import.unreadable", (error as Error).message);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, max);
}

/**
 * XLSX by its zip signature; old binary .xls refused with a hint. CSV from Chinese Excel is UTF-8
 * with a BOM ("CSV UTF-8") or GB18030/GBK ("CSV"): without a BOM, text that is not valid UTF-8 is
 * read as GB18030 (a superset of GBK).
 */
export async function detectFormat(source: RosterSource): Promise<SpreadsheetFormat> {
  const head = await readStart(source);
  if (head.length === 0) throw new RosterFileError("import.empty");
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return { kind: "xlsx" };
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new RosterFileError("import.xlsNotSupported");
  let encoding: CsvFormat["encoding"];
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) encoding = "utf8";
  else if (head[0] === 0xff && head[1] === 0xfe) encoding = "utf16le";
  else if (head.includes(0)) throw new RosterFileError("import.notRoster");
  else {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
      encoding = "utf8";
    } catch {
      encoding = "gb18030";
    }
  }
  const text = encoding === "utf8" ? head.toString("utf8") : iconv.decode(head, encoding === "utf16le" ? "utf-16" : "gb18030");
  return { kind: "csv", encoding, delimiter: sniffDelimiter(text.split("\n", 1)[0]) };
}

export type RawRow = { row: number; cells: Cell[] };

/**
 * Every row of the file (1-based row numbers as Excel shows them), streamed. `headRows`: only the
 * first rows are wanted (an XLSX then resolves only the shared strings they use).
 */
export async function* readRows(source: RosterSource, format?: SpreadsheetFormat, opts: { headRows?: number } = {}): AsyncGenerator<RawRow> {
  const f = format ?? (await detectFormat(source));
  if (f.kind === "xlsx") {
    try {
      yield* readXlsxRows(source.zip, { headRows: opts.headRows });
    } catch (error) {
      if (error instanceof XlsxLimitError) throw new RosterFileError("import.tooComplex", error.message);
      throw new RosterFileError("import.unreadable", (error as Error).message);
    }
    return;
  }
  const stream = source.open();
  try {
    yield* csvRows(stream, f);
  } catch (error) {
    if (error instanceof RosterFileError) throw error;
    throw new RosterFileError("import.unreadable", (error as Error).message);
  } finally {
    stream.destroy();
  }
}

async function* csvRows(stream: Readable, format: CsvFormat): AsyncGenerator<RawRow> {
  const parser = parseCsv({ bom: true, delimiter: format.delimiter, relax_column_count: true, relax_quotes: true, info: true, skip_empty_lines: false });
  // pipeline: a read or decoding error ends the iteration below with that error.
  if (format.encoding === "utf8") pipeline(stream, parser, () => {});
  else pipeline(stream, iconv.decodeStream(format.encoding === "utf16le" ? "utf-16" : "gb18030"), parser, () => {});
  let lines = 0;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const row = lines + 1; // a quoted cell may span lines: the record starts after the previous one ended
    lines = info.lines;
    yield { row, cells: record };
  }
}

/** Whichever of , ; and tab the header line uses most (Excel writes ";" in some locales, tab for "Unicode text"). */
export function sniffDelimiter(line: string): string {
  const counts = [",", ";", "\t"].map((d) => [d, line.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best), counts[0])[0];
}
