// Issue 16 item 7: hostile XLSX files. Each is read by a real child process the way the app's
// processes read uploads (the web process: header only, or an employer's list; the import worker:
// every row); the child reports its outcome and its peak resident memory (getrusage maxRSS).
// Goal: a clear refusal (import.tooComplex) or a correct header, and no process above 600 MB.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXlsxRows, XlsxLimitError, zipFromFile } from "~/platform/xlsx-reader.server";
import { writeHostileXlsx, type HostileKind } from "../setup/hostile-xlsx";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-xlsx-"));
const file = (kind: HostileKind) => path.join(dir, `${kind}.xlsx`);
const PEAK_MB = 600;

type Outcome = { outcome: string; rows: number; baselineMB: number; peakMB: number };
async function readInChild(kind: HostileKind, mode: "head" | "full" | "posting"): Promise<Outcome> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "test/chaos/read-xlsx-child.ts", file(kind), mode], {
    cwd: ROOT,
    timeout: 180_000,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Outcome;
}

beforeAll(() => {
  // The sizes, except the huge-dimension sheet (a fifth of a million rows: refused at row 3 anyway).
  writeHostileXlsx(file("sharedStringsBomb"), "sharedStringsBomb");
  writeHostileXlsx(file("hugeDimension"), "hugeDimension", 0.2);
  writeHostileXlsx(file("deepNesting"), "deepNesting");
  writeHostileXlsx(file("manySheets"), "manySheets");
  writeHostileXlsx(file("sheetBomb"), "sheetBomb", 0.1);
}, 180_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("hostile spreadsheets", () => {
  it("5M shared strings: the web process reads the header (only the strings it uses); the worker refuses; both stay small", async () => {
    expect(fs.statSync(file("sharedStringsBomb")).size).toBeLessThan(2 * 2 ** 20);
    const head = await readInChild("sharedStringsBomb", "head");
    expect(head).toMatchObject({ outcome: "ok", rows: 1 });
    const full = await readInChild("sharedStringsBomb", "full");
    expect(full.outcome).toBe("import.tooComplex");
    for (const r of [head, full]) expect(r.peakMB).toBeLessThan(PEAK_MB);
  }, 240_000);

  for (const kind of ["hugeDimension", "deepNesting", "manySheets"] as const) {
    it(`${kind}: refused with a clear message by the web process and the worker, both under ${PEAK_MB} MB`, async () => {
      for (const mode of ["head", "full"] as const) {
        const r = await readInChild(kind, mode);
        expect(r.outcome, `${kind} ${mode}`).toBe("import.tooComplex");
        expect(r.peakMB, `${kind} ${mode}`).toBeLessThan(PEAK_MB);
      }
    }, 240_000);
  }

  it("an employer's list with 5M shared strings is read by the web process without the table", async () => {
    const r = await readInChild("sharedStringsBomb", "posting");
    expect(r).toMatchObject({ outcome: "ok", rows: 2 });
    expect(r.peakMB).toBeLessThan(PEAK_MB);
  }, 120_000);

  it("a sheet that lies about its size is stopped by counting the bytes as they unpack", async () => {
    let rows = 0;
    const read = async () => {
      for await (const _ of readXlsxRows(zipFromFile(file("sheetBomb")), { limits: { maxSheetBytes: 8 * 2 ** 20 } })) rows++;
    };
    await expect(read()).rejects.toBeInstanceOf(XlsxLimitError);
    expect(rows).toBeGreaterThan(10_000); // it was read (streamed) up to the limit, not refused by its declared size
    // The header of the same file is still read on the web side.
    const head = await readInChild("sheetBomb", "head");
    expect(head).toMatchObject({ outcome: "ok" });
  }, 120_000);
});
