import { describe, expect, it } from "vitest";
import {
  buildReference,
  cellText,
  coerceDate,
  coerceDestinations,
  coerceEducation,
  coerceSkillLevel,
  coerceWage,
  coerceYesNo,
  duplicateFields,
  fieldForHeader,
  fieldForPath,
  findHeaderRow,
  guessMapping,
  missingRequired,
  previewValue,
  rememberMapping,
  reportParams,
  reportValue,
  resolveCounty,
  resolveOccupation,
  resolveTownship,
  ROSTER_FIELDS,
  rowToInput,
  splitList,
  type RegionRef,
} from "./roster";

const regions: RegionRef[] = [
  { code: "110000", name: "北京市", level: "PROVINCE", parentCode: null },
  { code: "110100", name: "市辖区", level: "PREFECTURE", parentCode: "110000" },
  { code: "110105", name: "朝阳区", level: "COUNTY", parentCode: "110100" },
  { code: "120116", name: "滨海新区", level: "COUNTY", parentCode: "120100" },
  { code: "130100", name: "石家庄市", level: "PREFECTURE", parentCode: "130000" },
  { code: "130104", name: "桥西区", level: "COUNTY", parentCode: "130100" },
  { code: "130700", name: "张家口市", level: "PREFECTURE", parentCode: "130000" },
  { code: "130703", name: "桥西区", level: "COUNTY", parentCode: "130700" },
  { code: "130600", name: "保定市", level: "PREFECTURE", parentCode: "130000" },
  { code: "130624", name: "阜平县", level: "COUNTY", parentCode: "130600" },
  { code: "130627", name: "唐县", level: "COUNTY", parentCode: "130600" },
  { code: "130630", name: "涞源县", level: "COUNTY", parentCode: "130600" },
  { code: "130624103", name: "城南庄镇", level: "TOWNSHIP", parentCode: "130624" },
  { code: "130624202", name: "台峪乡", level: "TOWNSHIP", parentCode: "130624" },
];
const occupations = [
  { code: "domestic-helper", nameZh: "家政服务员", nameEn: "Domestic helper", keywordsZh: ["保姆", "家政"] },
  { code: "infant-carer", nameZh: "育婴员", nameEn: "Infant carer", keywordsZh: ["育儿嫂", "保姆"] },
  { code: "electrician", nameZh: "电工", nameEn: "Electrician", keywordsZh: ["电工证", "水电工"] },
  { code: "welder", nameZh: "焊工", nameEn: "Welder", keywordsZh: ["电焊"] },
];
const everywhere = buildReference(regions, occupations, null);
const fuping = buildReference(regions, occupations, ["130624"]);

describe("header mapping", () => {
  it("recognises the standard roster headers in Chinese and English, with full-width brackets and markers", () => {
    const headersOf = {
      fullName: ["姓名"],
      idNumber: ["*身份证号码", " ID Number "],
      phone: ["联系电话"],
      county: ["县（市、区）"],
      minMonthlyWage: ["期望月薪（元）"],
      destinations: ["就业意向"],
      willingToTrain: ["Willing to train"],
    };
    for (const [field, headers] of Object.entries(headersOf)) for (const h of headers) expect(fieldForHeader(h), h).toBe(field);
    for (const h of ["序号", ""]) expect(fieldForHeader(h), h).toBeNull();
  });

  it("guesses a field per column, each field once, remembered choices first", () => {
    const headers = ["序号", "姓名", "身份证号", "手机号", "电话", "户籍县", "备注"];
    expect(guessMapping(headers)).toEqual([null, "fullName", "idNumber", "phone", null, "county", null]);
    expect(guessMapping(headers, { 备注: "village", 手机号: null, 电话: "phone" })).toEqual([null, "fullName", "idNumber", null, "phone", "county", "village"]);
  });

  it("reports missing required and doubly chosen fields", () => {
    expect(missingRequired(["fullName", null, "phone"])).toEqual(["idNumber", "county"]);
    expect(duplicateFields(["fullName", "phone", "phone", null, null])).toEqual(["phone"]);
  });

  it("remembers choices by normalised header, bounded", () => {
    const next = rememberMapping({ a: "village" }, ["手机号（本人）", "乡"], ["phone", null]);
    expect(next).toEqual({ a: "village", "手机号(本人)": "phone", 乡: null });
    expect(Object.keys(rememberMapping({ a: null, b: null, c: null }, ["d"], ["phone"], 2))).toEqual(["c", "d"]);
  });

  it("finds the header row below a title row", () => {
    expect(findHeaderRow([["阜平县2026年劳动力花名册"], [], ["序号", "姓名", "身份证号"], ["1", "张三", "x"]])).toBe(2);
    expect(findHeaderRow([[], ["列一", "列二"], ["a", "b"]])).toBe(1);
    expect(findHeaderRow([[], [null]])).toBe(-1);
  });

  it("maps schema paths and registration problems back to roster columns", () => {
    expect(fieldForPath(["countyCode"])).toBe("county");
    expect(fieldForPath(["skills", 0, "level"])).toBe("skillLevels");
    expect(fieldForPath("skills[1].occupationCode".split(/[.[\]]+/).filter(Boolean))).toBe("skills");
    expect(fieldForPath(["destinationRegionCodes", 2])).toBe("destinations");
    expect(fieldForPath(["priorityFactors"])).toBeNull();
  });
});

describe("cell values", () => {
  it("reads cells as a person would", () => {
    expect(cellText(13800000001)).toBe("13800000001");
    expect(cellText(new Date("2026-12-01T00:00:00Z"))).toBe("2026-12-01");
    expect(cellText("  阜平县 ")).toBe("阜平县");
    expect(cellText(null)).toBe("");
  });

  it("masks ID numbers and phones in report values", () => {
    expect(reportValue("idNumber", "13062419900517011X")).toBe("1306**************");
    expect(reportValue("phone", "13812345678")).toBe("138****5678");
    expect(reportValue("county", "火星县")).toBe("火星县");
  });

  it("masks an ID number or phone that sits in another column, and in a problem's parameters", () => {
    expect(reportValue("phone", "13062419900517011X")).toBe("1306**************");
    expect(reportValue("skills", "电工 13062419900517011X")).toBe("电工 1306**************");
    expect(reportValue("village", "13812345678")).toBe("138****5678");
    expect(reportValue(null, "130624199005170117")).toBe("1306**************");
    expect(reportParams({ value: "13062419900517011X", row: 3 })).toEqual({ value: "1306**************", row: 3 });
    expect(previewValue("张三13062419900517011X")).toBe("张三1306**************");
  });

  it("reads yes/no in the ways rosters write it", () => {
    for (const v of ["是", "Y", "yes", "1", "√", "建档立卡户", true]) expect(coerceYesNo(v)).toEqual({ ok: true, value: true });
    for (const v of ["否", "N", "0", "", "一般户", null]) expect(coerceYesNo(v)).toEqual({ ok: true, value: false });
    expect(coerceYesNo("也许")).toEqual({ ok: false, message: "import.yesNo" });
  });

  it("maps education words to the schema's values and passes the unknown on", () => {
    const wordsFor = {
      JUNIOR_SECONDARY: ["初中", "初中毕业"],
      COLLEGE: ["高职", "大学专科"],
      VOCATIONAL: ["中专"],
      BACHELOR_OR_ABOVE: ["本科"],
      NONE: ["文盲"],
      SENIOR_SECONDARY: ["senior_secondary"],
    };
    for (const [value, words] of Object.entries(wordsFor)) for (const w of words) expect(coerceEducation(w), w).toBe(value);
    expect(coerceEducation("私塾")).toBe("私塾");
    expect(coerceEducation("")).toBeUndefined();
  });

  it("reads skill levels, wages and dates", () => {
    expect(coerceSkillLevel("四级")).toEqual({ ok: true, value: 4 });
    expect(coerceSkillLevel("中级工")).toEqual({ ok: true, value: 4 });
    expect(coerceSkillLevel("高级技师")).toEqual({ ok: true, value: 1 });
    expect(coerceSkillLevel("3")).toEqual({ ok: true, value: 3 });
    expect(coerceSkillLevel("很高")).toEqual({ ok: false, message: "reg.invalidChoice" });
    expect(coerceWage("5,000元")).toBe("5000");
    expect(coerceWage("5000-6000")).toBe("5000");
    expect(coerceWage("5千")).toBe("5000");
    expect(coerceWage("0.6万")).toBe("6000");
    expect(coerceWage(4500)).toBe("4500");
    expect(coerceDate("2026年3月1日")).toBe("2026-03-01");
    expect(coerceDate("2026/3/1")).toBe("2026-03-01");
    expect(coerceDate(new Date("2026-12-01T00:00:00Z"))).toBe("2026-12-01");
    expect(coerceDate(46357)).toBe("2026-12-01");
    expect(coerceDate("随时")).toBeUndefined();
    expect(coerceDate("下个月")).toBe("下个月");
  });

  it("splits lists on the separators people use", () => {
    expect(splitList("电工、焊工,保安；保洁 厨师")).toEqual(["电工", "焊工", "保安", "保洁", "厨师"]);
  });
});

describe("reference data", () => {
  it("resolves counties by code, name, short name and prefecture-qualified name, within scope", () => {
    expect(resolveCounty("130624", fuping)).toEqual({ ok: true, value: "130624" });
    expect(resolveCounty("阜平县", fuping)).toEqual({ ok: true, value: "130624" });
    expect(resolveCounty("阜平", fuping)).toEqual({ ok: true, value: "130624" });
    expect(resolveCounty("河北省保定市阜平县", fuping)).toEqual({ ok: true, value: "130624" });
    expect(resolveCounty("唐县", everywhere)).toEqual({ ok: true, value: "130627" });
    expect(resolveCounty("涞源县", fuping)).toEqual({ ok: false, message: "reg.countyOutOfScope" });
    expect(resolveCounty("火星县", fuping)).toEqual({ ok: false, message: "import.countyUnknown" });
    expect(resolveCounty("桥西区", everywhere)).toEqual({ ok: false, message: "import.countyAmbiguous" });
    expect(resolveCounty("张家口市桥西区", everywhere)).toEqual({ ok: true, value: "130703" });
    expect(resolveCounty("", fuping)).toEqual({ ok: true, value: undefined });
  });

  it("resolves townships within their county", () => {
    expect(resolveTownship("城南庄镇", "130624", fuping)).toEqual({ ok: true, value: "130624103" });
    expect(resolveTownship("城南庄", "130624", fuping)).toEqual({ ok: true, value: "130624103" });
    expect(resolveTownship("台峪", "130624", fuping)).toEqual({ ok: true, value: "130624202" });
    expect(resolveTownship("城南庄镇", "130630", fuping)).toEqual({ ok: false, message: "import.townshipUnknown" });
  });

  it("resolves occupations by code, name, English name or keyword (earliest listing wins)", () => {
    expect(resolveOccupation("电工", fuping)?.code).toBe("electrician");
    expect(resolveOccupation("welder", fuping)?.code).toBe("welder");
    expect(resolveOccupation("Domestic helper", fuping)?.code).toBe("domestic-helper");
    expect(resolveOccupation("电焊", fuping)?.code).toBe("welder");
    expect(resolveOccupation("保姆", fuping)?.code).toBe("domestic-helper");
    expect(resolveOccupation("宇航员", fuping)).toBeNull();
  });

  it("reads destinations as kinds and Beijing/Tianjin districts", () => {
    expect(coerceDestinations("北京朝阳区、省内", fuping)).toEqual({
      ok: true,
      value: { kinds: ["BEIJING_TIANJIN", "WITHIN_HEBEI"], regionCodes: ["110105"] },
    });
    expect(coerceDestinations("滨海新区 居家", fuping)).toEqual({ ok: true, value: { kinds: ["BEIJING_TIANJIN", "HOME_BASED"], regionCodes: ["120116"] } });
    expect(coerceDestinations("火星", fuping)).toEqual({ ok: false, message: "import.destinationUnknown", params: { value: "火星" } });
  });
});

describe("a row", () => {
  // The columns of the rows below: every roster field, in order, but the three they leave out.
  const fields = ROSTER_FIELDS.filter((f) => !["village", "householdNumber", "certificateNumbers"].includes(f));

  it("becomes the input the registration form posts", () => {
    const { input, problems } = rowToInput(
      [
        "张　三",
        "'13062419900517011X",
        13800001111,
        "阜平县",
        "城南庄镇",
        "是",
        "初中",
        "电工、焊工",
        "四级、五级",
        "保姆",
        "5000元",
        "北京",
        "是",
        "2026-12-01",
      ],
      [...fields],
      fuping,
    );
    expect(problems).toEqual([]);
    expect(input).toMatchObject({
      fullName: "张三",
      idNumber: "13062419900517011X",
      phone: "13800001111",
      countyCode: "130624",
      townshipCode: "130624103",
      isRegisteredPoor: true,
      education: "JUNIOR_SECONDARY",
      skills: [
        { occupationCode: "electrician", level: 4 },
        { occupationCode: "welder", level: 5 },
      ],
      occupationCodes: ["domestic-helper"],
      minMonthlyWage: "5000",
      destinationKinds: ["BEIJING_TIANJIN"],
      destinationRegionCodes: [],
      willingToTrain: true,
      availableFrom: "2026-12-01",
    });
  });

  it("reports cells it cannot read, by column", () => {
    const { problems } = rowToInput(
      ["李四", 130624199005170110, "13800001111", "涞源县", "", "也许", "", "宇航员", "", "", "", "", "", ""],
      [...fields],
      fuping,
    );
    expect(problems).toEqual([
      { field: "idNumber", message: "import.idAsNumber" },
      { field: "county", message: "reg.countyOutOfScope", params: undefined },
      { field: "skills", message: "import.occupationUnknown", params: { value: "宇航员" } },
      { field: "isRegisteredPoor", message: "import.yesNo", params: undefined },
    ]);
  });
});
