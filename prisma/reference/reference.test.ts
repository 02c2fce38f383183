import { describe, it, expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CURRENT_AREA_CODES, HISTORIC_AREA_CODES } from "~/domain/reference/area-codes";
import { REPEATED_PLACE_NAMES } from "~/domain/place-names";

// Checks the versioned reference data in this folder (regions, townships, occupations)
// before it is seeded into the database.

type Level = "province" | "prefecture" | "county";
interface Region {
  code: string;
  name: string;
  nameEn: string;
  level: Level;
  parentCode: string | null;
  isPovertyCounty: boolean;
  povertyLevel?: string;
  povertyFrom?: number;
  povertyExitBy?: number;
  povertySource?: string;
  povertyNote?: string;
}
interface RegionsFile {
  source: string;
  version: string;
  povertyCountySource: string;
  regions: Region[];
}
interface Township {
  code: string;
  name: string;
  countyCode: string;
}
interface TownshipsFile {
  source: string;
  version: string;
  townships: Township[];
}
interface Occupation {
  code: string;
  nationalCode: string | null;
  nationalName: string | null;
  codeSource: string | null;
  nameZh: string;
  nameEn: string;
  category: string;
  homeBasedPossible: boolean;
  keywordsZh: string[];
  skills: { zh: string; en: string }[];
  levels: number[];
}
interface OccupationsFile {
  source: string;
  version: string;
  levelScale: { level: number; zh: string; en: string }[];
  categories: { code: string; zh: string; en: string }[];
  occupations: Occupation[];
}

const fileUrl = (name: string) => new URL(`./${name}`, import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(fileUrl(name), "utf8")) as T;

const regionsFile = readJson<RegionsFile>("regions.json");
const regions = regionsFile.regions;
const byCode = new Map(regions.map((r) => [r.code, r]));
const counties = regions.filter((r) => r.level === "county");
const inProvince = (prefix: string) => (r: Region) => r.code.startsWith(prefix);

describe("regions.json", () => {
  it("names its source and version", () => {
    expect(regionsFile.source.length).toBeGreaterThan(20);
    expect(regionsFile.version).toMatch(/\S/);
    expect(regionsFile.povertyCountySource.length).toBeGreaterThan(20);
  });

  it("has 6-digit, unique codes and the expected fields", () => {
    for (const r of regions) {
      expect(r.code, r.name).toMatch(/^\d{6}$/);
      expect(r.name.length, r.code).toBeGreaterThan(0);
      expect(r.nameEn.length, r.code).toBeGreaterThan(0);
      expect(["province", "prefecture", "county"]).toContain(r.level);
      expect(typeof r.isPovertyCounty).toBe("boolean");
    }
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
  });

  it("has exactly the three provinces, without parents", () => {
    const provinces = regions.filter((r) => r.level === "province");
    expect(provinces.map((p) => p.code).sort()).toEqual(["110000", "120000", "130000"]);
    for (const p of provinces) expect(p.parentCode).toBeNull();
  });

  it("links each prefecture to its province", () => {
    for (const p of regions.filter((r) => r.level === "prefecture")) {
      expect(p.code, p.name).toMatch(/^\d{4}00$/);
      expect(p.parentCode, p.code).toBe(`${p.code.slice(0, 2)}0000`);
      expect(byCode.get(p.parentCode!)?.level, p.code).toBe("province");
    }
  });

  it("links each county to an existing prefecture sharing its first 4 digits", () => {
    for (const c of counties) {
      const parent = byCode.get(c.parentCode ?? "");
      expect(parent, `${c.code} ${c.name}`).toBeDefined();
      expect(parent!.level, c.code).toBe("prefecture");
      expect(parent!.code.slice(0, 4), c.code).toBe(c.code.slice(0, 4));
      expect(c.code.slice(4), c.code).not.toBe("00");
    }
  });

  it("has Hebei's 11 prefectures and at least 160 county-level units", () => {
    const hebeiPrefectures = regions.filter((r) => r.level === "prefecture" && r.code.startsWith("13"));
    expect(hebeiPrefectures).toHaveLength(11);
    expect(counties.filter(inProvince("13")).length).toBeGreaterThanOrEqual(160);
  });

  it("has 16 districts each in Beijing and Tianjin", () => {
    expect(counties.filter(inProvince("11"))).toHaveLength(16);
    expect(counties.filter(inProvince("12"))).toHaveLength(16);
    expect(byCode.get("110108")?.nameEn).toBe("Haidian District");
  });

  it("flags Hebei's 62 poverty counties of 2012 by level (39 national key, 6 contiguous area, 17 provincial), each with years and source", () => {
    const flagged = counties.filter((r) => r.isPovertyCounty);
    expect(flagged).toHaveLength(62);
    const byLevel = (l: string) => flagged.filter((r) => r.povertyLevel === l).map((r) => r.name);
    expect(byLevel("NATIONAL_KEY")).toHaveLength(39);
    expect(byLevel("CONTIGUOUS_AREA").sort()).toEqual(["宣化区", "承德县", "易县", "曲阳县", "望都县", "涞水县"].sort());
    // The 17 provincial key counties of the 2012 list (任县, 南和县, 肥乡县 are districts now).
    expect(byLevel("PROVINCIAL").sort()).toEqual(["献县", "孟村回族自治县", "广平县", "东光县", "涿鹿县", "馆陶县", "故城县", "枣强县", "博野县", "南和区", "鸡泽县", "任泽区", "吴桥县", "肥乡区", "内丘县", "临西县", "兴隆县"].sort());
    for (const r of flagged) {
      expect(r.povertySource, r.name).toContain("2012");
      expect([r.povertyFrom, r.povertyExitBy], r.name).toEqual([2012, 2020]);
    }
    for (const name of ["平泉市", "阜平县", "顺平县", "临城县", "行唐县", "青龙满族自治县", "巨鹿县", "平乡县", "威县", "海兴县", "盐山县", "南皮县", "万全区", "崇礼区"]) {
      expect(counties.find((r) => r.name === name)?.povertyLevel, name).toBe("NATIONAL_KEY");
    }
    // 临城县 is a national key county, not a provincial exception.
    expect(counties.find((r) => r.name === "临城县")?.povertyNote ?? "").not.toMatch(/省定例外|provincial exception/);
    for (const r of regions.filter((x) => !x.code.startsWith("13") || x.level !== "county")) {
      expect(r.isPovertyCounty, r.code).toBe(false);
      expect(r.povertyLevel, r.code).toBeUndefined();
    }
  });

  it("the ID-number area table holds exactly these codes, and no former code is current", () => {
    expect([...CURRENT_AREA_CODES].sort()).toEqual(regions.map((r) => r.code).sort());
    for (const code of Object.keys(HISTORIC_AREA_CODES)) expect(byCode.has(code), code).toBe(false);
  });

  it("every county whose Chinese or English name repeats carries its prefecture (and only those)", () => {
    const repeats = (key: "name" | "nameEn") => {
      const seen = new Map<string, number>();
      for (const c of counties) seen.set(c[key].replace(/ \(.*\)$/, ""), (seen.get(c[key].replace(/ \(.*\)$/, "")) ?? 0) + 1);
      return counties.filter((c) => seen.get(c[key].replace(/ \(.*\)$/, ""))! > 1).map((c) => c.code);
    };
    const expected = [...new Set([...repeats("name"), ...repeats("nameEn")])].sort();
    expect(Object.keys(REPEATED_PLACE_NAMES).sort()).toEqual(expected);
    for (const code of expected) {
      const c = byCode.get(code)!;
      expect(REPEATED_PLACE_NAMES[code].zh, code).toBe(c.code.startsWith("12") ? "天津市" : byCode.get(c.parentCode!)!.name);
      expect(c.nameEn, code).toContain(`(${REPEATED_PLACE_NAMES[code].en})`);
    }
  });
});

const townshipsPath = fileUrl("townships-13.json");
describe.runIf(existsSync(fileURLToPath(townshipsPath)))("townships-13.json", () => {
  it("has 9-digit unique codes under existing Hebei counties", () => {
    const file = readJson<TownshipsFile>("townships-13.json");
    expect(file.source.length).toBeGreaterThan(20);
    expect(file.version).toMatch(/\S/);
    expect(file.townships.length).toBeGreaterThan(0);
    const hebeiCounties = new Set(counties.filter(inProvince("13")).map((c) => c.code));
    for (const t of file.townships) {
      expect(t.code, t.name).toMatch(/^\d{9}$/);
      expect(t.name.length, t.code).toBeGreaterThan(0);
      expect(hebeiCounties.has(t.countyCode), `${t.code} ${t.name}`).toBe(true);
      expect(t.code.slice(0, 6), t.code).toBe(t.countyCode);
    }
    expect(new Set(file.townships.map((t) => t.code)).size).toBe(file.townships.length);
  });
});

describe("occupations.json", () => {
  const file = readJson<OccupationsFile>("occupations.json");
  const occupations = file.occupations;

  it("names its source and version and has a 5-level scale", () => {
    expect(file.source).toContain("2022");
    expect(file.version).toMatch(/\S/);
    expect(file.levelScale.map((l) => l.level).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("has at least 80 occupations with unique codes and Chinese names", () => {
    expect(occupations.length).toBeGreaterThanOrEqual(80);
    expect(new Set(occupations.map((o) => o.code)).size).toBe(occupations.length);
    expect(new Set(occupations.map((o) => o.nameZh)).size).toBe(occupations.length);
    for (const o of occupations) expect(o.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("references only existing categories, each used at least once", () => {
    const categoryCodes = new Set(file.categories.map((c) => c.code));
    expect(categoryCodes.size).toBe(file.categories.length);
    for (const o of occupations) expect(categoryCodes.has(o.category), o.code).toBe(true);
    const used = new Set(occupations.map((o) => o.category));
    for (const c of file.categories) expect(used.has(c.code), c.code).toBe(true);
  });

  it("uses the national code format only where a code is given, each with where it was checked", () => {
    for (const o of occupations) {
      if (o.nationalCode !== null) {
        expect(o.nationalCode, o.code).toMatch(/^\d-\d{2}-\d{2}-\d{2}$/);
        expect(o.codeSource?.length ?? 0, o.code).toBeGreaterThan(10);
        expect(o.nationalName?.length ?? 0, o.code).toBeGreaterThan(0);
      } else {
        expect(o.nationalName, o.code).toBeNull();
      }
    }
    expect(occupations.find((o) => o.nameZh === "家政服务员")?.nationalCode).toBe("4-10-01-06");
  });

  it("has the 2022 codes issue #14 checked (and not the wrong ones)", () => {
    const byCode = (c: string) => occupations.find((o) => o.code === c)!;
    expect(byCode("delivery-rider")).toMatchObject({ nationalCode: "4-10-08-01", nameZh: "网约配送员" });
    expect(byCode("ecommerce-specialist")).toMatchObject({ nationalCode: "4-01-06-01", nameZh: "电子商务师" });
    expect(byCode("livestream-seller")).toMatchObject({ nationalCode: "4-01-06-02", nationalName: "互联网营销师" });
    expect(byCode("nursery-assistant")).toMatchObject({ nationalCode: "4-10-01-03", nameZh: "保育师" });
    expect(byCode("infant-carer").nationalCode).not.toBe("4-10-01-02");
    expect(byCode("medical-care-assistant")).toMatchObject({ nationalCode: "4-14-01-02", nameZh: "医疗护理员" });
    expect(byCode("cleaner")).toMatchObject({ nationalCode: "4-09-08-01", nameZh: "保洁员" });
    expect(byCode("parcel-sorter")).toMatchObject({ nationalCode: "4-02-07-09", nameZh: "快件处理员" });
    expect(byCode("warehouse-keeper")).toMatchObject({ nationalCode: "4-02-06-01", nameZh: "仓储管理员" });
    expect(byCode("plumber")).toMatchObject({ nationalCode: "6-29-03-04", nameZh: "管工" });
    for (const o of occupations) expect(o.nationalCode, o.code).not.toBe("4-02-07-10");
  });

  it("keeps everyday names as search synonyms of the official ones", () => {
    const findable = (word: string) => occupations.filter((o) => o.nameZh === word || o.keywordsZh.includes(word)).map((o) => o.code);
    expect(findable("货车司机")).toEqual(["truck-driver"]);
    expect(findable("叉车司机")).toEqual(["forklift-driver"]);
    expect(findable("挖掘机司机")).toEqual(["excavator-operator"]);
    expect(findable("营业员")).toEqual(["shop-assistant"]);
    expect(occupations.find((o) => o.code === "truck-driver")?.nameZh).toBe("道路货运汽车驾驶员");
  });

  it("gives every occupation at least 2 skills and valid levels", () => {
    for (const o of occupations) {
      expect(o.nameEn.length, o.code).toBeGreaterThan(0);
      expect(o.skills.length, o.code).toBeGreaterThanOrEqual(2);
      for (const s of o.skills) {
        expect(s.zh.length, o.code).toBeGreaterThan(0);
        expect(s.en.length, o.code).toBeGreaterThan(0);
      }
      expect(o.levels.length, o.code).toBeGreaterThan(0);
      for (const l of o.levels) {
        expect(Number.isInteger(l), o.code).toBe(true);
        expect(l, o.code).toBeGreaterThanOrEqual(1);
        expect(l, o.code).toBeLessThanOrEqual(5);
      }
      expect(new Set(o.levels).size, o.code).toBe(o.levels.length);
      expect(typeof o.homeBasedPossible, o.code).toBe("boolean");
    }
  });

  it("marks cottage-industry work as home-based", () => {
    for (const name of ["缝纫工", "箱包制作工", "石雕工", "鞋底加工工"]) {
      expect(occupations.find((o) => o.nameZh === name)?.homeBasedPossible, name).toBe(true);
    }
  });
});
