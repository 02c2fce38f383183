// GB/T 2260 area codes the first six digits of a resident ID number are checked against.
// Provinces: every province-level code, plus 81/82/83 (residence permits of Hong Kong, Macau and
// Taiwan residents; 81/82 are also the SAR codes). Counties: the current codes of Beijing, Tianjin
// and Hebei (generated from prisma/reference/regions.json, kept equal by reference.test.ts) and
// the historic ones people still carry on their cards (an ID number keeps the code of the place
// and time it was issued). An unknown six-digit code in these three provinces is accepted with a
// warning, never refused: this list cannot hold every code ever issued.

export const PROVINCE_CODES: Record<string, string> = {
  "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
  "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
  "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
  "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
  "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
  "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
  "71": "台湾省", "81": "香港特别行政区（居住证）", "82": "澳门特别行政区（居住证）", "83": "台湾居民（居住证）",
};

/** Provinces whose six-digit codes are checked one by one. */
export const CHECKED_PROVINCES = ["11", "12", "13"] as const;

/** Current province, prefecture and county codes of Beijing, Tianjin and Hebei (regions.json, 2023-06-30). */
export const CURRENT_AREA_CODES: readonly string[] = [
  "110000", "110100", "110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111", "110112",
  "110113", "110114", "110115", "110116", "110117", "110118", "110119", "120000", "120100", "120101", "120102",
  "120103", "120104", "120105", "120106", "120110", "120111", "120112", "120113", "120114", "120115", "120116",
  "120117", "120118", "120119", "130000", "130100", "130102", "130104", "130105", "130107", "130108", "130109",
  "130110", "130111", "130121", "130123", "130125", "130126", "130127", "130128", "130129", "130130", "130131",
  "130132", "130133", "130181", "130183", "130184", "130200", "130202", "130203", "130204", "130205", "130207",
  "130208", "130209", "130224", "130225", "130227", "130229", "130281", "130283", "130284", "130300", "130302",
  "130303", "130304", "130306", "130321", "130322", "130324", "130400", "130402", "130403", "130404", "130406",
  "130407", "130408", "130423", "130424", "130425", "130426", "130427", "130430", "130431", "130432", "130433",
  "130434", "130435", "130481", "130500", "130502", "130503", "130505", "130506", "130522", "130523", "130524",
  "130525", "130528", "130529", "130530", "130531", "130532", "130533", "130534", "130535", "130581", "130582",
  "130600", "130602", "130606", "130607", "130608", "130609", "130623", "130624", "130626", "130627", "130628",
  "130629", "130630", "130631", "130632", "130633", "130634", "130635", "130636", "130637", "130638", "130681",
  "130682", "130683", "130684", "130700", "130702", "130703", "130705", "130706", "130708", "130709", "130722",
  "130723", "130724", "130725", "130726", "130727", "130728", "130730", "130731", "130732", "130800", "130802",
  "130803", "130804", "130821", "130822", "130824", "130825", "130826", "130827", "130828", "130881", "130900",
  "130902", "130903", "130921", "130922", "130923", "130924", "130925", "130926", "130927", "130928", "130929",
  "130930", "130981", "130982", "130983", "130984", "131000", "131002", "131003", "131022", "131023", "131024",
  "131025", "131026", "131028", "131081", "131082", "131100", "131102", "131103", "131121", "131122", "131123",
  "131124", "131125", "131126", "131127", "131128", "131182",
];

/**
 * Former codes (abolished or renumbered) with what they were: GB/T 2260 change history as
 * published by the Ministry of Civil Affairs (行政区划代码变更情况).
 */
export const HISTORIC_AREA_CODES: Record<string, string> = {
  "110103": "北京市崇文区（2010 年并入东城区）", "110104": "北京市宣武区（2010 年并入西城区）",
  "120107": "天津市塘沽区（2009 年并入滨海新区）", "120108": "天津市汉沽区（2009 年并入滨海新区）", "120109": "天津市大港区（2009 年并入滨海新区）",
  "130103": "石家庄市桥东区（2014 年撤销）", "130124": "栾城县（2014 年改栾城区 130111）", "130182": "藁城市（2014 年改藁城区 130109）",
  "130185": "鹿泉市（2014 年改鹿泉区 130110）", "130223": "滦县（2018 年改滦州市 130284）", "130230": "唐海县（2012 年改曹妃甸区 130209）",
  "130323": "抚宁县（2015 年改抚宁区 130306）", "130421": "邯郸县（2016 年撤销）", "130428": "肥乡县（2016 年改肥乡区 130407）",
  "130429": "永年县（2016 年改永年区 130408）", "130521": "邢台县（2020 年撤销）", "130526": "任县（2020 年改任泽区 130505）",
  "130527": "南和县（2020 年改南和区 130506）", "130603": "保定市北市区（2015 年并入莲池区）", "130604": "保定市南市区（2015 年并入莲池区）",
  "130621": "满城县（2015 年改满城区 130607）", "130622": "清苑县（2015 年改清苑区 130608）", "130625": "徐水县（2015 年改徐水区 130609）",
  "130721": "宣化县（2016 年并入宣化区 130705）", "130729": "万全县（2016 年改万全区 130708）", "130733": "崇礼县（2016 年改崇礼区 130709）",
  "130823": "平泉县（2017 年改平泉市 130881）", "131181": "冀州市（2016 年改冀州区 131103）",
};

/**
 * Former code blocks accepted as historic without checking each county: Hebei's prefectures of the
 * 地区 era (1321–1330, before the 地改市 reforms), Beijing's and Tianjin's former counties (1102, 1202).
 */
export const HISTORIC_AREA_BLOCKS: Record<string, string> = {
  "1102": "北京市原辖县（县改区前）", "1202": "天津市原辖县（县改区前）",
  "1321": "河北省原地区（地改市前）", "1322": "河北省原地区（地改市前）", "1323": "河北省原地区（地改市前）",
  "1324": "河北省原地区（地改市前）", "1325": "河北省原地区（地改市前）", "1326": "河北省原地区（地改市前）",
  "1327": "河北省原地区（地改市前）", "1328": "河北省原地区（地改市前）", "1329": "河北省原地区（地改市前）",
  "1330": "河北省原地区（地改市前）",
};

export type AreaStatus = "current" | "historic" | "unknown" | "unchecked";

const CURRENT = new Set(CURRENT_AREA_CODES);

/**
 * How a six-digit area code stands: in the current or historic table; unknown (a checked province
 * but a code not in the table: accept and warn); unchecked (another province: only its province
 * prefix is checked). `extra` holds codes an administrator added (reference overrides).
 */
export function areaStatus(code: string, extra: ReadonlySet<string> = new Set()): AreaStatus {
  if (!(CHECKED_PROVINCES as readonly string[]).includes(code.slice(0, 2))) return "unchecked";
  if (CURRENT.has(code)) return "current";
  if (code in HISTORIC_AREA_CODES || code.slice(0, 4) in HISTORIC_AREA_BLOCKS || extra.has(code)) return "historic";
  return "unknown";
}

export const isKnownProvince = (code: string) => code.slice(0, 2) in PROVINCE_CODES;
