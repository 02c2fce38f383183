// Child process for hostile-xlsx.test.ts: reads one file the way a process of the app does and
// prints its outcome and its peak resident memory (the figure issue 16 bounds at 600 MB).
// Modes: "head" (the web process on upload: detectFormat + readHead), "posting" (the web process
// reading an employer's list), "full" (the import worker: every row).
import { detectFormat, fileSource, readRows, RosterFileError } from "~/platform/spreadsheet-reader.server";
import { readHead } from "~/features/imports/index.server";

const [file, mode] = process.argv.slice(2);
const baselineMB = Math.round(process.memoryUsage().rss / 2 ** 20);
let outcome = "ok";
let rows = 0;
try {
  const source = fileSource(file);
  const format = await detectFormat(source);
  if (mode === "head") rows = (await readHead(source, format)).samples.length;
  else for await (const _ of readRows(source, format, mode === "posting" ? { headRows: 521 } : {})) rows++;
} catch (error) {
  outcome = error instanceof RosterFileError ? error.messageKey : `crash: ${(error as Error).message}`;
}
const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify({ outcome, rows, baselineMB, peakMB })}\n`);
