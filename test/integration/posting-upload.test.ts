// Bulk postings: a list (CSV or XLSX) checked row by row with the posting form's schema; good rows
// become postings, bad ones are reported by row and column with the roster import's report.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { action as uploadAction } from "~/routes/employer/postings-upload";
import { getDb } from "~/services/db.server";
import { uploadPostings } from "~/features/imports/index.server";
import { makeEmployer } from "../setup/factories";
import { callForAnswer, callRoute, filePost } from "../setup/api-call";

const csv = (rows: string[][]) => new TextEncoder().encode(`\uFEFF${rows.map((r) => r.join(",")).join("\r\n")}\r\n`);
const HEAD = ["工种", "岗位名称", "招聘人数", "月薪", "工作地点", "提供住宿", "报名截止日期"];

describe("bulk postings", () => {
  it("imports the good rows as drafts and reports each problem by row and column", async () => {
    const { user, employer } = await makeEmployer();
    const file = csv([
      ["2026年12月招聘会"],
      HEAD,
      ["保姆", "住家保姆", "3", "6000-8000", "北京市朝阳区", "是", "2099-01-31"],
      ["", "", "", "", "", "", ""],
      ["宇航员", "太空", "1", "9000", "火星", "是", ""],
      ["电焊", "焊工（限男性）", "0", "9000-7000", "滨海新区", "也许", ""],
      ["保安", "门岗保安", "5", "5000", "朝阳区", "否", "2026-02-30"],
    ]);
    const r = await uploadPostings(user.principal, { name: "list.csv", bytes: file }, { publish: false, ip: null });
    expect(r).toMatchObject({ ok: true, total: 4, created: 1, rejected: 3 });
    if (!r.ok) throw new Error("unreachable");
    const byRow = (row: number) => r.errors.filter((e) => e.row === row).map((e) => [e.column, e.message]);
    expect(byRow(5)).toEqual([
      ["工种", "emp.upload.unknownOccupation"],
      ["工作地点", "emp.upload.unknownRegion"],
    ]);
    expect(byRow(6)).toEqual(
      expect.arrayContaining([
        ["提供住宿", "emp.upload.yesNo"],
        ["岗位名称", "emp.posting.discriminatory_sex"],
        ["招聘人数", "emp.posting.headcountRange"],
        ["月薪", "emp.posting.wageOrder"],
      ]),
    );
    expect(byRow(7)).toEqual([["报名截止日期", "emp.dateFormat"]]);
    const postings = await getDb().jobPosting.findMany({ where: { employerId: employer.id } });
    expect(postings.map((p) => [p.title, p.status, p.wageMin, p.wageMax, p.housing, p.workRegionCode])).toEqual([
      ["住家保姆", "DRAFT", 6000, 8000, true, "110105"],
    ]);
    expect(await getDb().outbox.count({ where: { entityType: "posting", entityId: postings[0].id } })).toBe(1);
  });

  it("publishes at once when asked by a verified employer; a pending one may only draft", async () => {
    const verified = await makeEmployer();
    const good = csv([HEAD, ["保姆", "住家保姆", "3", "6000", "朝阳区", "是", ""], ["保姆", "钟点工", "2", "5000", "朝阳区", "否", "2020-01-01"]]);
    const r = await uploadPostings(verified.user.principal, { name: "a.csv", bytes: good }, { publish: true, ip: null });
    expect(r).toMatchObject({ ok: true, created: 1, rejected: 1 });
    expect(r.ok && r.errors).toEqual([expect.objectContaining({ row: 3, column: "报名截止日期", message: "emp.posting.deadlinePassed" })]);
    expect((await getDb().jobPosting.findFirstOrThrow({ where: { employerId: verified.employer.id } })).status).toBe("OPEN");

    const pending = await makeEmployer({ status: "PENDING" });
    expect(await uploadPostings(pending.user.principal, { name: "a.csv", bytes: good }, { publish: true, ip: null })).toEqual({
      ok: false,
      message: "emp.refusal.employerNotVerified",
    });
    expect(await uploadPostings(pending.user.principal, { name: "a.csv", bytes: good }, { publish: false, ip: null })).toMatchObject({ ok: true, created: 2 });
  });

  it("reads GBK CSV and XLSX lists the same way", async () => {
    const { user, employer } = await makeEmployer();
    const gbk = iconv.encode([HEAD.join(","), "保姆,住家保姆,2,6500,朝阳区,是,"].join("\r\n"), "gbk");
    expect(await uploadPostings(user.principal, { name: "gbk.csv", bytes: new Uint8Array(gbk) }, { publish: false, ip: null })).toMatchObject({
      ok: true,
      created: 1,
    });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("岗位");
    ws.addRow(["工种", "岗位名称", "招聘人数", "月薪下限", "月薪上限", "工作地点", "到岗日期"]);
    ws.addRow(["焊工", "汽车焊工", 4, 7000, 9000, "天津市滨海新区", new Date("2027-03-01T00:00:00Z")]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await uploadPostings(user.principal, { name: "list.xlsx", bytes: xlsx }, { publish: false, ip: null })).toMatchObject({
      ok: true,
      created: 1,
      rejected: 0,
    });
    const welder = await getDb().jobPosting.findFirstOrThrow({ where: { employerId: employer.id, occupationCode: "welder" } });
    expect(welder).toMatchObject({ wageMin: 7000, wageMax: 9000, workRegionCode: "120116", headcount: 4 });
    expect(welder.startDate?.toISOString().slice(0, 10)).toBe("2027-03-01");
  });

  it("refuses a list without the required columns, or too long, before writing anything", async () => {
    const { user, employer } = await makeEmployer();
    expect(
      await uploadPostings(
        user.principal,
        {
          name: "x.csv",
          bytes: csv([
            ["岗位名称", "招聘人数"],
            ["a", "1"],
          ]),
        },
        { publish: false, ip: null },
      ),
    ).toEqual({ ok: false, message: "emp.upload.missingColumns", missing: ["occupation", "workRegion", "wageMin"] });
    const long = csv([HEAD, ...Array.from({ length: 501 }, (_, i) => ["保姆", `岗位${i}`, "1", "6000", "朝阳区", "是", ""])]);
    expect(await uploadPostings(user.principal, { name: "x.csv", bytes: long }, { publish: false, ip: null })).toEqual({
      ok: false,
      message: "emp.upload.tooManyRows",
    });
    expect(await uploadPostings(user.principal, { name: "x.bin", bytes: new Uint8Array([0, 1, 2, 0, 5]) }, { publish: false, ip: null })).toEqual({
      ok: false,
      message: "emp.upload.unreadable",
    });
    expect(await getDb().jobPosting.count({ where: { employerId: employer.id } })).toBe(0);
  });

  it("the page answers with counts and a downloadable report in the reader's language", async () => {
    const { user } = await makeEmployer();
    const list = new File([csv([HEAD, ["保姆", "住家保姆", "3", "6000", "朝阳区", "是", ""], ["宇航员", "x", "1", "6000", "朝阳区", "", ""]])], "list.csv", {
      type: "text/csv",
    });
    const res = (await callForAnswer(uploadAction, filePost("/employer/postings/upload", await user.cookie(), list))) as { created: number; reportCsv: string };
    expect(res.created).toBe(1);
    expect(res.reportCsv).toContain("行号,列,内容,问题");
    expect(res.reportCsv).toContain("没有这个工种");
    const empty = await callRoute(uploadAction, filePost("/employer/postings/upload", await user.cookie()));
    expect(empty.status).toBe(400);
  });
});
