// Hostile XLSX files for issue 16 item 7, written as real zips (deflated parts, central directory)
// from generated XML, streamed so that even a part unpacking to gigabytes is never held in memory.
import fs from "node:fs";
import zlib from "node:zlib";

type Part = { name: string; chunks: () => Iterable<string>; declaredSize?: number };

/** Writes a zip of `parts` (deflated) to `file`; returns its size in bytes. */
export function writeZip(file: string, parts: Part[], level = 9): number {
  const fd = fs.openSync(file, "w");
  let offset = 0;
  const write = (b: Buffer) => {
    fs.writeSync(fd, b);
    offset += b.length;
  };
  const central: Buffer[] = [];
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const chunks: Buffer[] = [];
    let crc = 0;
    let size = 0;
    const deflate = (data: Buffer, flush: number) => {
      chunks.push(zlib.deflateRawSync(data, { level, finishFlush: flush }) as Buffer);
    };
    // Deflate in blocks of ~4 MB with a sync flush (a valid raw-deflate stream when concatenated).
    let pending: string[] = [];
    let pendingLen = 0;
    const emit = (final: boolean) => {
      const data = Buffer.from(pending.join(""), "utf8");
      crc = zlib.crc32(data, crc);
      size += data.length;
      deflate(data, final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH);
      pending = [];
      pendingLen = 0;
    };
    for (const s of part.chunks()) {
      pending.push(s);
      pendingLen += s.length;
      if (pendingLen >= 4 << 20) emit(false);
    }
    emit(true);
    const compressed = Buffer.concat(chunks);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    const declared = Math.min(part.declaredSize ?? size, 0xffffffff);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const at = offset;
    write(local);
    write(name);
    write(compressed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(compressed.length, 20);
    dir.writeUInt32LE(declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(at, 42);
    central.push(dir, name);
  }
  const dirStart = offset;
  for (const b of central) write(b);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(offset - dirStart, 12);
  end.writeUInt32LE(dirStart, 16);
  write(end);
  fs.closeSync(fd);
  return offset;
}

const xml = (s: string) => () => [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`];
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function* repeat(times: number, make: (i: number) => string, perChunk = 10_000): Iterable<string> {
  if (make.length === 0) {
    const block = make(0).repeat(perChunk); // the same text every time: built once
    for (let i = 0; i < times; i += perChunk) yield i + perChunk <= times ? block : make(0).repeat(times - i);
    return;
  }
  for (let i = 0; i < times; i += perChunk) {
    const out: string[] = [];
    for (let j = i; j < Math.min(times, i + perChunk); j++) out.push(make(j));
    yield out.join("");
  }
}

/** A roster header and one data row, cells referring to shared strings 0..3. */
const header =
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row ' + 'r="2"><c r="A2" t="s"><v>3</v></c></row>';

const sheetRelationship = (i: number) =>
  `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`;

function workbook(sheets: number, sheetXml: (n: number) => Part["chunks"], sharedStrings?: Part["chunks"]): Part[] {
  const ids = Array.from({ length: sheets }, (_, i) => i + 1);
  return [
    {
      name: "[Content_Types].xml",
      chunks: xml(
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      chunks: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ` +
          `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/workbook.xml",
      chunks: xml(`<workbook ${NS}><sheets>${ids.map((i) => `<sheet name="S${i}" sheetId="${i}" r:id="rId${i}"/>`).join("")}</sheets></workbook>`),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      chunks: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${ids.map(sheetRelationship).join("")}</Relationships>`),
    },
    // Sheets before the shared strings, as Excel writes them.
    ...ids.map((i) => ({ name: `xl/worksheets/sheet${i}.xml`, chunks: sheetXml(i) })),
    ...(sharedStrings ? [{ name: "xl/sharedStrings.xml", chunks: sharedStrings }] : []),
  ];
}

const plainSheet = () => xml(`<worksheet ${NS}><dimension ref="A1:C2"/><sheetData>${header}</sheetData></worksheet>`);
const fewStrings = () =>
  xml(`<sst ${NS} count="4" uniqueCount="4"><si><t>姓名</t></si><si><t>身份证号</t></si><si><t>手机号</t></si><si><t>张三</t></si></sst>`);

/**
 * A workbook of one worksheet, streamed: its `dimension` element, the roster header, then `rows`; with
 * the four shared strings.
 */
const oneSheetWorkbook = (dimension: string, rows: () => Iterable<string>): Part[] =>
  workbook(
    1,
    () =>
      function* () {
        yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${dimension}<sheetData>${header}`;
        yield* rows();
        yield "</sheetData></worksheet>";
      },
    fewStrings(),
  );

export type HostileKind = "sharedStringsBomb" | "hugeDimension" | "deepNesting" | "manySheets" | "sheetBomb";

/** Writes one hostile workbook; `scale` 1 is the issue's size (5M shared strings in a ~2 MB file …). */
export function writeHostileXlsx(file: string, kind: HostileKind, scale = 1): number {
  switch (kind) {
    case "sharedStringsBomb": {
      // The issue's file: a normal header, then 5M strings (≈ 14 bytes each after the first four).
      const n = Math.round(5_000_000 * scale);
      return writeZip(
        file,
        workbook(1, plainSheet, () => [
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS} count="${n}" uniqueCount="${n}">` +
            "<si><t>姓名</t></si><si><t>身份证号</t></si><si><t>手机号</t></si><si><t>张三</t></si>",
          ...repeat(n, (i) => `<si><t>${i % 1000}</t></si>`),
          "</sst>",
        ]),
      );
    }
    case "hugeDimension": {
      // Claims A1:XFD1048576 and puts cells in the last column of a million rows.
      const rows = Math.round(1_048_576 * scale);
      return writeZip(
        file,
        oneSheetWorkbook('<dimension ref="A1:XFD1048576"/>', () => repeat(rows, (i) => `<row r="${i + 3}"><c r="XFD${i + 3}"><v>1</v></c></row>`)),
      );
    }
    case "deepNesting": {
      // Millions of nested elements inside a cell: an XML parser keeps one stack entry per level.
      const depth = Math.round(10_000_000 * scale);
      return writeZip(
        file,
        oneSheetWorkbook("", function* () {
          yield '<row r="3"><c r="A3"><is>';
          yield* repeat(depth, () => "<a>");
          yield* repeat(depth, () => "</a>");
          yield "</is></c></row>";
        }),
      );
    }
    case "manySheets":
      // 20,000 sheets (each a tiny part): the directory alone lists 40,000 parts.
      return writeZip(file, workbook(Math.round(20_000 * scale), plainSheet, fewStrings()));
    case "sheetBomb": {
      // One sheet unpacking to ~700 MB of rows while its directory entry claims 1 KB (the zip stays
      // a few MB): only counting the bytes as they unpack catches it.
      const rows = Math.round(16_000_000 * scale);
      const parts = oneSheetWorkbook('<dimension ref="A1:C2"/>', () =>
        repeat(rows, () => '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3"><v>1</v></c></row>'),
      );
      return writeZip(
        file,
        parts.map((p) => (p.name.startsWith("xl/worksheets/") ? { ...p, declaredSize: 1024 } : p)),
        1,
      );
    }
  }
}
