// Roster files as county offices send them, for the import tests and the import benchmark.
import { stringify } from "csv-stringify/sync";
import type { Principal } from "~/domain/access";
import { guessMapping } from "~/domain/roster";
import { importRoster, readHead } from "~/features/imports/index.server";
import { bufferSource } from "~/platform/spreadsheet-reader.server";

/** A county office's roster header row, spelt as offices spell it (a 序号 column first; app/domain/roster.ts reads each name). */
export const COUNTY_ROSTER_HEADERS = [
  "序号",
  "姓名",
  "身份证号码",
  "手机号码",
  "户籍县（市、区）",
  "乡镇",
  "村",
  "是否建档立卡",
  "户编号",
  "文化程度",
  "技能/工种",
  "技能等级",
  "证书编号",
  "意向工种",
  "期望月薪",
  "意向地区",
  "是否愿意培训",
  "可到岗日期",
];

/** Rows as a CSV file in UTF-8 with a byte-order mark, as Excel saves "CSV UTF-8". */
export const csvUtf8 = (rows: unknown[][]) => Buffer.from(`\uFEFF${stringify(rows)}`, "utf8");

/** Imports rows as a CSV roster with the column mapping guessed from its header row (as the import page proposes it). */
export async function importRows(rows: unknown[][], actor: Principal, opts?: Parameters<typeof importRoster>[3]) {
  const source = bufferSource("roster.csv", csvUtf8(rows));
  const head = await readHead(source);
  return importRoster(source, { headerRow: head.headerRow, headers: head.headers, fields: guessMapping(head.headers) }, actor, opts);
}
