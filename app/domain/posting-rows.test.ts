import { describe, expect, it } from "vitest";
import {
  columnForField,
  mapPostingHeaders,
  missingPostingColumns,
  postingRowToInput,
  POSTING_TEMPLATE_HEADERS,
  resolvePlace,
  type PostingReference,
} from "./posting-rows";

const ref: PostingReference = {
  occupations: [
    { code: "domestic-helper", nameZh: "家政服务员", nameEn: "Domestic helper", keywordsZh: ["保姆", "家政"] },
    { code: "welder", nameZh: "焊工", nameEn: "Welder", keywordsZh: ["电焊"] },
  ],
  places: [
    { code: "110105", name: "朝阳区" },
    { code: "120116", name: "滨海新区" },
    { code: "130624", name: "阜平县" },
    { code: "211300", name: "朝阳市" },
  ],
};

describe("posting lists", () => {
  it("finds the header row below a title and maps Chinese and English headers", () => {
    const m = mapPostingHeaders([
      ["2026年12月招聘会岗位清单"],
      ["工种", "岗位名称", "招聘人数", "月薪", "工作地点", "包住", "Deadline"],
      ["保姆", "住家保姆", 3, "6000-8000元", "北京市朝阳区", "是", "2027-01-31"],
    ]);
    expect(m).toMatchObject({ headerRow: 1, columns: ["occupation", "title", "headcount", "wage", "workRegion", "housing", "deadline"] });
    expect(missingPostingColumns(m!.columns)).toEqual([]);
    expect(missingPostingColumns(["title"])).toEqual(["occupation", "headcount", "workRegion", "wageMin"]);
    expect(
      mapPostingHeaders([
        ["a", "b"],
        [1, 2],
      ]),
    ).toBeNull();
    expect(POSTING_TEMPLATE_HEADERS[0]).toBe("工种");
  });

  it("reads a row as the form would post it: occupations by keyword, wage ranges, places by name, yes/no", () => {
    const columns = mapPostingHeaders([["工种", "岗位名称", "招聘人数", "月薪", "工作地点", "包住", "缴纳社保", "到岗日期"]])!.columns;
    const r = postingRowToInput(["保姆", "住家保姆", 3, "6,000-8,000元/月", "北京市朝阳区", "是", "否", "2027年3月1日"], columns, ref);
    expect(r.problems).toEqual([]);
    expect(r.input).toEqual({
      occupationCode: "domestic-helper",
      title: "住家保姆",
      headcount: "3",
      wageMin: "6000",
      wageMax: "8000",
      workRegionCode: "110105",
      housing: true,
      socialInsurance: false,
      startDate: "2027-03-01",
    });
    expect(postingRowToInput(["电焊", "焊工", "2人", "7000", "滨海新区", "", "", ""], columns, ref).input).toMatchObject({
      occupationCode: "welder",
      headcount: "2",
      wageMin: "7000",
      wageMax: "7000",
      workRegionCode: "120116",
    });
  });

  it("reports what it cannot read against its column, and skips blank rows", () => {
    const columns = mapPostingHeaders([["工种", "岗位名称", "招聘人数", "月薪", "工作地点", "包住"]])!.columns;
    const r = postingRowToInput(["宇航员", "x", 1, 5000, "火星", "也许"], columns, ref);
    expect(r.problems).toEqual([
      { column: "occupation", message: "emp.upload.unknownOccupation" },
      { column: "workRegion", message: "emp.upload.unknownRegion" },
      { column: "housing", message: "emp.upload.yesNo" },
    ]);
    expect(postingRowToInput(["", null, ""], columns, ref).blank).toBe(true);
    expect(columnForField("wageMax", columns)).toBe("wage");
    expect(columnForField("workRegionCode", columns)).toBe("workRegion");
  });

  it("resolves places by code, name or stem, and refuses ambiguous ones", () => {
    expect(resolvePlace("110105", ref.places)?.name).toBe("朝阳区");
    expect(resolvePlace("阜平", ref.places)?.code).toBe("130624");
    expect(resolvePlace("朝阳", ref.places)).toBeNull();
    expect(resolvePlace("北京朝阳", ref.places)?.code).toBe("110105");
  });
});
