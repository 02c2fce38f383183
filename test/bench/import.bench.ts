// Roster import benchmark: N generated roster rows (valid ID numbers in Hebei's poverty counties,
// households, skills, preferences; 1% bad rows) written to a CSV file and imported with the same
// service as the command, into a scratch database cloned from the test template. Then the same
// file again (every row unchanged), and the same people as XLSX (the spreadsheet reader's cost).
// Peak RSS and the live heap are recorded: neither should grow with the file beyond the ~50 bytes
// per row the in-file duplicate check keeps. `npm run bench` calls benchImport.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import type { Principal } from "~/domain/access";
import { guessMapping } from "~/domain/roster";
import { prng } from "~/domain/prng";
import { makeResidentId } from "~/domain/resident-id";
import { disconnectDb, getDb } from "~/services/db.server";
import { setConfig } from "~/services/env.server";
import { detectFormat, fileSource } from "~/platform/spreadsheet-reader.server";
import { countRows, importRoster, readHead, type ImportCounts } from "~/features/imports/index.server";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { testConfig } from "../setup/env";
import { ensureTemplate } from "../setup/global-setup";
import { COUNTY_ROSTER_HEADERS } from "../setup/roster-fixtures";

export type ImportRun = {
  label: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  heapBeforeMb: number;
  heapAtEndMb: number;
  counts: ImportCounts;
};
export type ImportBenchResult = { rows: number; fileMb: number; xlsxMb: number; baselineRssMb: number; countSeconds: number; runs: ImportRun[] };

/** The county offices' layout without the columns rosterRows leaves out (township, certificate number, available from). */
const HEADERS = COUNTY_ROSTER_HEADERS.filter((h) => !["乡镇", "证书编号", "可到岗日期"].includes(h));
const SURNAMES = Array.from("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董");
const GIVEN = Array.from("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华兰桂平刚建国红霞玉梅");
const SKILLS = ["电工", "焊工", "家政服务员", "养老护理员", "保安员", "保洁员", "中式烹调师", "育婴员", "叉车司机", "快递员"];
const EDUCATION = ["小学", "初中", "初中", "高中", "中专", "大专"];
const DESTINATIONS = ["北京", "天津", "北京朝阳区", "京津、省内", "本县", "居家"];

export function* rosterRows(count: number, counties: string[], sequence = 1): Generator<unknown[]> {
  const r = prng(2026);
  let household = 0;
  let householdLeft = 0;
  for (let i = 0; i < count; i++) {
    const county = counties[i % counties.length];
    // Unique by construction: county × birth day × sequence.
    const day = Math.floor(i / counties.length);
    const birth = new Date(Date.UTC(1965, 0, 1) + (day % 12000) * 86400_000).toISOString().slice(0, 10);
    let id = makeResidentId(county, birth, sequence + Math.floor(day / 12000) * 10);
    if (i % 100 === 99) id = id.slice(0, 17) + (id.endsWith("0") ? "1" : "0"); // 1% with a wrong check character
    if (householdLeft === 0) {
      household++;
      householdLeft = r.int(1, 3);
    }
    householdLeft--;
    const poor = r.chance(0.4);
    yield [
      i + 1,
      r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : ""),
      id,
      `13${r.int(0, 9)}${String(r.int(0, 99999999)).padStart(8, "0")}`,
      county,
      `${r.pick(SURNAMES)}家庄村`,
      poor ? "是" : "否",
      poor ? `HB${String(household).padStart(8, "0")}` : "",
      r.pick(EDUCATION),
      r.chance(0.6) ? r.pick(SKILLS) : "",
      r.chance(0.3) ? "四级" : "",
      r.chance(0.5) ? `${r.pick(SKILLS)}、${r.pick(SKILLS)}` : "",
      r.chance(0.7) ? `${r.int(30, 80)}00` : "",
      r.pick(DESTINATIONS),
      r.chance(0.5) ? "是" : "否",
    ];
  }
}

export async function writeCsv(file: string, rows: Iterable<unknown[]>) {
  const out = fs.createWriteStream(file);
  out.write("\uFEFF");
  const csv = stringify();
  csv.pipe(out);
  csv.write(HEADERS);
  for (const row of rows) if (!csv.write(row)) await new Promise<void>((r) => csv.once("drain", () => r()));
  csv.end();
  await new Promise<void>((r) => out.once("finish", () => r()));
}

export async function writeXlsx(file: string, rows: Iterable<unknown[]>) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet("花名册");
  ws.addRow(HEADERS).commit();
  for (const row of rows) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
}

// Live memory needs a collection first; `npm run bench` runs without --expose-gc, so ask V8 for it.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const liveHeapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

/** Peak RSS while `fn` runs (sampled every 50 ms). */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number }> {
  let rss = 0;
  const sample = () => (rss = Math.max(rss, process.memoryUsage().rss));
  const timer = setInterval(sample, 50);
  const start = performance.now();
  try {
    const value = await fn();
    sample();
    return { value, seconds: (performance.now() - start) / 1000, peakRssMb: rss / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

export async function benchImport({ rows }: { rows: number }): Promise<ImportBenchResult> {
  const dbName = `lb_test_${process.pid}_bench_import`;
  await cloneTemplate(await ensureTemplate(), dbName);
  setConfig(testConfig(dbName));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-import-bench-"));
  try {
    const counties = (await getDb().region.findMany({ where: { isPovertyCounty: true }, select: { code: true }, orderBy: { code: "asc" } })).map((c) => c.code);
    // A province coordinator: every generated county is in scope.
    const actor: Principal = { kind: "token", id: "bench", grants: [{ role: "COORDINATOR", regionCode: "130000" }] };
    const run = async (label: string, file: string, n: number): Promise<ImportRun> => {
      const source = fileSource(file);
      const format = await detectFormat(source);
      const head = await readHead(source, format);
      // Live heap (after a collection) before the import and at its last batches, when everything
      // it keeps for the whole file is at its largest: the growth is what a bigger file would cost.
      const heapBefore = liveHeapMb();
      let heapAtEnd = heapBefore;
      const m = await measured(() =>
        importRoster(source, { headerRow: head.headerRow, headers: head.headers, fields: guessMapping(head.headers) }, actor, {
          format,
          onProgress: async (c) => {
            if (c.processed >= n - 1000) heapAtEnd = Math.max(heapAtEnd, liveHeapMb());
          },
        }),
      );
      return {
        label,
        rows: n,
        seconds: m.seconds,
        rowsPerSecond: n / m.seconds,
        peakRssMb: m.peakRssMb,
        heapBeforeMb: heapBefore,
        heapAtEndMb: heapAtEnd,
        counts: m.value.counts,
      };
    };

    const small = path.join(dir, "small.csv");
    const csv = path.join(dir, "roster.csv");
    const xlsx = path.join(dir, "roster.xlsx");
    const smallRows = Math.max(1, Math.round(rows / 10));
    await writeCsv(small, rosterRows(smallRows, counties, 5));
    await writeCsv(csv, rosterRows(rows, counties));
    await writeXlsx(xlsx, rosterRows(rows, counties));
    const baselineRssMb = process.memoryUsage().rss / 1e6;

    const runs: ImportRun[] = [];
    runs.push(await run(`CSV, ${smallRows.toLocaleString("en")} new people (first run, includes warm-up)`, small, smallRows));
    runs.push(await run(`CSV, ${rows.toLocaleString("en")} new people`, csv, rows));
    runs.push(await run("CSV, the same file again (all unchanged)", csv, rows));
    runs.push(await run("XLSX, the same people (all unchanged)", xlsx, rows));
    const counted = await measured(async () => countRows(fileSource(csv), 1));
    return { rows, fileMb: fs.statSync(csv).size / 1e6, xlsxMb: fs.statSync(xlsx).size / 1e6, baselineRssMb, countSeconds: counted.seconds, runs };
  } finally {
    await disconnectDb();
    await dropDatabase(dbName);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
