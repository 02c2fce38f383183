import { describe, it, expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CURRENT_AREA_CODES, HISTORIC_AREA_CODES } from "~/domain/reference/area-codes";
import { REPEATED_PLACE_NAMES } from "~/domain/place-names";
import type { OccupationRow, RegionRow, TownshipRow } from "../seed/reference";

// Checks the versioned reference data in this folder (regions, townships, occupations)
// before it is seeded into the database.

/** As the seed reads it; the files themselves always name a region in English. */
type Region = RegionRow & { nameEn: string };
interface RegionsFile {
  source: string;
  version: string;
  povertyCountySource: string;
  regions: Region[];
}
interface TownshipsFile {
  source: string;
  version: string;
  townships: TownshipRow[];
}
/** As the seed reads it, with where the national code comes from. */
type Occupation = OccupationRow & { nationalName: string | null; codeSource: string | null };
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

  // Golden values transcribed by hand from the 2022 table (markdown transcription of the edition in
  // GitHub flyboat403/occupation-analysis, assets/occupation_dictionary_split/, commit a935db4): the
  // occupation's heading, or the job type (工种) listed under it. Not derived from occupations.json.
  const GOLDEN_2022: Record<string, [nationalCode: string, nationalName: string, nameZh: string]> = {
    "security-screener": ["4-07-05-02", "安检员", "安检员"],
    "fire-facility-operator": ["4-07-05-03", "消防设施操作员", "消防设施操作员"],
    "laundry-worker": ["4-10-02-02", "洗衣师", "洗衣师"],
    "pest-controller": ["4-09-09-00", "有害生物防制员", "有害生物防制员"],
    "front-desk-clerk": ["4-03-01-01", "前厅服务员", "前厅服务员"],
    "room-attendant": ["4-03-01-02", "客房服务员", "客房服务员"],
    "waiter": ["4-03-02-05", "餐厅服务员", "餐厅服务员"],
    "nutrition-caterer": ["4-03-02-06", "营养配餐员", "营养配餐员"],
    "barista": ["4-03-02-08", "咖啡师", "咖啡师"],
    "cashier": ["4-01-02-04", "收银员", "收银员"],
    "call-centre-agent": ["4-04-05-03", "呼叫中心服务员", "呼叫中心服务员"],
    "data-annotator": ["4-04-05-05", "人工智能训练师", "数据标注员"],
    "property-clerk": ["4-06-01-01", "物业管理师", "物业管理师"],
    "parking-attendant": ["4-06-01-03", "停车管理员", "停车管理员"],
    "setting-out-worker": ["4-08-03-04", "工程测量员", "工程测量员"],
    "facade-cleaner": ["4-09-08-01", "保洁员", "高空外墙清洗员"],
    "gardener": ["4-09-10-01", "园林绿化工", "园林绿化工"],
    "flower-grower": ["4-09-10-01", "园林绿化工", "花卉园艺工"],
    "maternity-carer": ["4-10-01-06", "家政服务员", "母婴护理员"],
    "home-organizer": ["4-10-01-06", "家政服务员", "整理收纳师"],
    "beautician": ["4-10-03-01", "美容师", "美容师"],
    "hairdresser": ["4-10-03-02", "美发师", "美发师"],
    "nail-technician": ["4-10-03-03", "美甲师", "美甲师"],
    "massage-therapist": ["4-10-04-02", "保健按摩师", "保健按摩师"],
    "foot-massage-therapist": ["4-10-04-02", "保健按摩师", "足部按摩师"],
    "chauffeur": ["4-10-08-02", "汽车代驾员", "汽车代驾员"],
    "bus-driver": ["4-02-02-01", "客运车辆驾驶员", "客车司机"],
    "ride-hailing-driver": ["4-02-02-01", "客运车辆驾驶员", "网络预约出租汽车司机"],
    "ev-technician": ["4-12-01-01", "汽车维修工", "新能源汽车维修工"],
    "car-detailer": ["4-12-01-01", "汽车维修工", "汽车美容装潢工"],
    "phone-repairer": ["4-12-02-03", "信息通信网络终端维修员", "信息通信网络终端维修员"],
    "appliance-repairer": ["4-12-03-01", "家用电器产品维修工", "家用电器产品维修工"],
    "hospital-escort": ["4-14-04-04", "社群健康助理员", "社群健康助理员"],
    "herb-grower": ["5-01-02-05", "中药材种植员", "中药材种植员"],
    "vegetable-grower": ["5-01-02-02", "园艺工", "蔬菜栽培工"],
    "orchard-worker": ["5-01-02-02", "园艺工", "果树栽培工"],
    "agri-technician": ["5-05-01-01", "农业技术员", "农业技术员"],
    "meat-processor": ["6-01-04-03", "肉制品加工工", "肉制品加工工"],
    "tofu-maker": ["6-01-07-03", "豆制品制作工", "豆制品制作工"],
    "bakery-worker": ["6-02-01-01", "糕点面包烘焙工", "糕点面包烘焙工"],
    "knitwear-machinist": ["6-04-04-03", "横机工", "横机工"],
    "garment-cutter": ["6-05-01-02", "裁剪工", "裁剪工"],
    "sewing-worker": ["6-05-01-03", "缝纫工", "缝纫工"],
    "leather-goods-maker": ["6-05-02-01", "皮革及皮革制品加工工", "皮革及皮革制品加工工"],
    "shoemaker": ["6-05-04-01", "制鞋工", "制鞋工"],
    "hat-maker": ["6-05-04-02", "制帽工", "制帽工"],
    "carpenter": ["6-06-03-01", "手工木工", "手工木工"],
    "stone-carver": ["6-09-03-01", "工艺品雕刻工", "石雕工"],
    "embroiderer": ["6-09-03-11", "抽纱刺绣工", "抽纱刺绣工"],
    "paper-cut-artisan": ["6-09-03-17", "民间工艺品制作工", "剪纸工"],
    "injection-moulder": ["6-14-02-00", "塑料制品成型制作工", "塑料注塑工"],
    "press-operator": ["6-18-01-12", "冲压工", "冲压工"],
    "industrial-coater": ["6-18-03-03", "涂装工", "涂装工"],
    "electronics-assembler": ["6-25-04-07", "电子设备装接工", "电子设备装接工"],
    "pv-om-technician": ["6-28-01-10", "光伏发电运维值班员", "光伏发电运维值班员"],
    "road-builder": ["6-29-02-03", "筑路工", "筑路工"],
    "lift-technician": ["6-29-03-03", "电梯安装维修工", "电梯安装维修工"],
    "hvac-technician": ["6-29-03-05", "制冷空调系统安装维修工", "制冷空调系统安装维修工"],
    "plasterer": ["6-29-04-01", "装饰装修工", "抹灰工"],
    "painter": ["6-29-04-01", "装饰装修工", "油漆工"],
    "tiler": ["6-29-04-01", "装饰装修工", "镶贴工"],
    "tower-crane-operator": ["6-30-05-01", "起重装卸机械操作工", "塔吊司机"],
    "maintenance-fitter": ["6-31-01-02", "机修钳工", "机修钳工"],
    "quality-inspector": ["6-31-03-05", "质检员", "质检员"],
    "packer": ["6-31-05-00", "包装工", "包装工"],
  };

  it("has the codes filled from the 2022 table, each citing it (golden)", () => {
    const byCode = new Map(occupations.map((o) => [o.code, o]));
    expect(Object.keys(GOLDEN_2022)).toHaveLength(65);
    for (const [code, [nationalCode, nationalName, nameZh]] of Object.entries(GOLDEN_2022)) {
      const o = byCode.get(code);
      expect(o, code).toBeDefined();
      expect({ nationalCode: o!.nationalCode, nationalName: o!.nationalName, nameZh: o!.nameZh }, code).toEqual({ nationalCode, nationalName, nameZh });
      expect(o!.codeSource, code).toContain("flyboat403/occupation-analysis");
      expect(o!.codeSource, code).toContain(nationalCode);
    }
    // 4-07-05-04 is 安全防范系统安装维护员 in 2022; the 2019 skill standard's 4-07-05-04 was the 2015 numbering.
    for (const o of occupations) expect(o.nationalCode, o.code).not.toBe("4-07-05-04");
  });

  it("leaves uncoded exactly the entries docs/reference-data.md lists as not settled by the 2022 table", () => {
    expect(occupations.filter((o) => o.nationalCode === null).map((o) => o.code).sort()).toEqual([
      "appliance-cleaner", "assembly-worker", "bicycle-assembler", "building-handyman", "canteen-cook", "cnc-operator",
      "construction-labourer", "food-factory-operative", "hand-knitter", "hoist-operator", "home-cook", "kitchen-helper",
      "luggage-maker", "online-cs-agent", "piecework-assembler", "rigger-signaller", "sanitation-worker", "sole-processor",
    ]);
  });

  it("keeps everyday names as search synonyms of the official ones", () => {
    const findable = (word: string) => occupations.filter((o) => o.nameZh === word || o.keywordsZh.includes(word)).map((o) => o.code);
    expect(findable("货车司机")).toEqual(["truck-driver"]);
    expect(findable("叉车司机")).toEqual(["forklift-driver"]);
    expect(findable("挖掘机司机")).toEqual(["excavator-operator"]);
    expect(findable("营业员")).toEqual(["shop-assistant"]);
    expect(occupations.find((o) => o.code === "truck-driver")?.nameZh).toBe("道路货运汽车驾驶员");
    // Renamed to the 2022 name or job type: the former name is the first keyword, so a roster cell
    // with the old word still resolves to the same occupation (earliest keyword wins).
    const renamed: [string, string][] = [
      ["网约车司机", "ride-hailing-driver"], ["代驾司机", "chauffeur"], ["高空外墙清洗工", "facade-cleaner"], ["汽车美容师", "car-detailer"],
      ["塔式起重机司机", "tower-crane-operator"], ["注塑工", "injection-moulder"], ["木工", "carpenter"], ["毛衫横机工", "knitwear-machinist"],
      ["刺绣工", "embroiderer"], ["皮革制品制作工", "leather-goods-maker"], ["光伏电站运维员", "pv-om-technician"], ["测量放线工", "setting-out-worker"],
      ["手机维修员", "phone-repairer"], ["陪诊员", "hospital-escort"], ["物业管理员", "property-clerk"], ["蔬菜园艺工", "vegetable-grower"], ["果树园艺工", "orchard-worker"],
    ];
    for (const [word, code] of renamed) {
      expect(findable(word), word).toEqual([code]);
      expect(occupations.find((o) => o.code === code)?.keywordsZh[0], word).toBe(word);
    }
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
