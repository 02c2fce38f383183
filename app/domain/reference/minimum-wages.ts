// The shipped minimum-wage table (月最低工资标准, yuan per month, full-time work), one row per area
// and effective date, each with the document it comes from. Hebei sets tiers by county (three from
// 2023, four in 2019): the 2023 tier-to-county table is transcribed below county by county (every
// Hebei county has an explicit tier), the 2019 one as far as a copy of it could be read. Rows marked `verified: false` could not be checked against
// the notice's own text here: see
// docs/reference-data.md. Administrators add or replace rows through reference overrides (history kept).
//
// Pure data: the golden test (minimum-wages.golden.test.ts) checks it against figures transcribed
// separately from the notices, never against itself.

export type MinimumWageEntry = {
  /** Region-code prefix: "11" (a province), or a 6-digit county code. */
  prefix: string;
  effective: string; // YYYY-MM-DD, first day in force
  monthly: number;
  label: string;
  /** The document and its date, as shown in a flag. */
  source: string;
  tier?: number;
  verified?: boolean;
};

const BJ_2025 = "北京市人力资源和社会保障局 北京市财政局 关于调整北京市2025年最低工资标准的通知（京人社劳发〔2025〕7号），2025-09-01 起执行";
const BJ_2023 = "北京市人力资源和社会保障局 2023 年调整最低工资标准的通知（文号未核实），2023-09-01 起执行";
const TJ_2025 = "天津市人力资源和社会保障局 关于调整天津市最低工资标准的通知（2025-08-20 发布），2025-09-01 起执行";
const TJ_2024 = "天津市人力资源和社会保障局 2024 年调整最低工资标准的通知（未核实），2024-12-01 起执行";
const TJ_2021 = "天津市人力资源和社会保障局 2021 年调整最低工资标准的通知（未核实），2021-07-01 起执行";
const HB_2023 = "河北省人力资源和社会保障厅 关于调整最低工资标准的通知（2022-11-25 成文），2023-01-01 起执行";
const HB_2019 = "河北省人力资源和社会保障厅 关于调整全省最低工资标准的通知（冀人社发〔2019〕34号），2019-11-01 起执行";

export const HEBEI_2023_TIER_MONTHLY = { 1: 2200, 2: 2000, 3: 1800 } as const;

/**
 * Hebei 2023-01-01 tiers by county code (the notice's 实行地区 column). "市区" of a prefecture is
 * its districts; districts whose membership of "市区" the notice does not settle are put in the
 * lowest tier they could belong to and listed as unverified (a lawful wage is never flagged).
 */
export const HEBEI_2023_TIERS: Record<string, { name: string; tier: 1 | 2 | 3; verified: boolean }> = {
  // ── first tier (2,200) ──
  130102: { name: "石家庄市长安区", tier: 1, verified: true },
  130104: { name: "石家庄市桥西区", tier: 1, verified: true },
  130105: { name: "石家庄市新华区", tier: 1, verified: true },
  130108: { name: "石家庄市裕华区", tier: 1, verified: true },
  130109: { name: "石家庄市藁城区", tier: 1, verified: true },
  130110: { name: "石家庄市鹿泉区", tier: 1, verified: true },
  130111: { name: "石家庄市栾城区", tier: 1, verified: true },
  130123: { name: "正定县", tier: 1, verified: true },
  130302: { name: "秦皇岛市海港区", tier: 1, verified: true },
  130303: { name: "秦皇岛市山海关区", tier: 1, verified: true },
  130304: { name: "秦皇岛市北戴河区", tier: 1, verified: true },
  130306: { name: "秦皇岛市抚宁区", tier: 1, verified: true },
  130202: { name: "唐山市路南区", tier: 1, verified: true },
  130203: { name: "唐山市路北区", tier: 1, verified: true },
  130204: { name: "唐山市古冶区", tier: 1, verified: true },
  130205: { name: "唐山市开平区", tier: 1, verified: true },
  130207: { name: "唐山市丰南区", tier: 1, verified: true },
  130208: { name: "唐山市丰润区", tier: 1, verified: true },
  130209: { name: "唐山市曹妃甸区", tier: 1, verified: true },
  130283: { name: "迁安市", tier: 1, verified: true },
  130281: { name: "遵化市", tier: 1, verified: true },
  130224: { name: "滦南县", tier: 1, verified: true },
  130227: { name: "迁西县", tier: 1, verified: true },
  130229: { name: "玉田县", tier: 1, verified: true },
  130225: { name: "乐亭县", tier: 1, verified: true },
  130284: { name: "滦州市", tier: 1, verified: true },
  131002: { name: "廊坊市安次区", tier: 1, verified: true },
  131003: { name: "廊坊市广阳区", tier: 1, verified: true },
  131028: { name: "大厂回族自治县", tier: 1, verified: true },
  131024: { name: "香河县", tier: 1, verified: true },
  131082: { name: "三河市", tier: 1, verified: true },
  131081: { name: "霸州市", tier: 1, verified: true },
  130602: { name: "保定市竞秀区", tier: 1, verified: true },
  130606: { name: "保定市莲池区", tier: 1, verified: true },
  130607: { name: "保定市满城区", tier: 1, verified: true },
  130608: { name: "保定市清苑区", tier: 1, verified: true },
  130609: { name: "保定市徐水区", tier: 1, verified: true },
  130681: { name: "涿州市", tier: 1, verified: true },
  130902: { name: "沧州市新华区", tier: 1, verified: true },
  130903: { name: "沧州市运河区", tier: 1, verified: true },
  130983: { name: "黄骅市", tier: 1, verified: true },
  130982: { name: "任丘市", tier: 1, verified: true },
  130402: { name: "邯郸市邯山区", tier: 1, verified: true },
  130403: { name: "邯郸市丛台区", tier: 1, verified: true },
  130404: { name: "邯郸市复兴区", tier: 1, verified: true },
  130406: { name: "邯郸市峰峰矿区", tier: 1, verified: true },
  130481: { name: "武安市", tier: 1, verified: true },
  130638: { name: "雄县（雄安新区）", tier: 1, verified: true },
  130629: { name: "容城县（雄安新区）", tier: 1, verified: true },
  130632: { name: "安新县（雄安新区）", tier: 1, verified: true },
  // ── second tier (2,000) ──
  130183: { name: "晋州市", tier: 2, verified: true },
  130184: { name: "新乐市", tier: 2, verified: true },
  130125: { name: "行唐县", tier: 2, verified: true },
  130802: { name: "承德市双桥区", tier: 2, verified: true },
  130803: { name: "承德市双滦区", tier: 2, verified: true },
  130804: { name: "承德市鹰手营子矿区", tier: 2, verified: true },
  130702: { name: "张家口市桥东区", tier: 2, verified: true },
  130703: { name: "张家口市桥西区", tier: 2, verified: true },
  130705: { name: "张家口市宣化区", tier: 2, verified: true },
  130706: { name: "张家口市下花园区", tier: 2, verified: true },
  130708: { name: "张家口市万全区", tier: 2, verified: true },
  130709: { name: "张家口市崇礼区", tier: 2, verified: true },
  130730: { name: "怀来县", tier: 2, verified: true },
  130731: { name: "涿鹿县", tier: 2, verified: true },
  130322: { name: "昌黎县", tier: 2, verified: true },
  130324: { name: "卢龙县", tier: 2, verified: true },
  130321: { name: "青龙满族自治县", tier: 2, verified: true },
  131022: { name: "固安县", tier: 2, verified: true },
  131025: { name: "大城县", tier: 2, verified: true },
  131026: { name: "文安县", tier: 2, verified: true },
  131023: { name: "永清县", tier: 2, verified: true },
  130684: { name: "高碑店市", tier: 2, verified: true },
  130628: { name: "高阳县", tier: 2, verified: true },
  130683: { name: "安国市", tier: 2, verified: true },
  130981: { name: "泊头市", tier: 2, verified: true },
  130984: { name: "河间市", tier: 2, verified: true },
  130921: { name: "沧县", tier: 2, verified: true },
  130922: { name: "青县", tier: 2, verified: true },
  130923: { name: "东光县", tier: 2, verified: true },
  130926: { name: "肃宁县", tier: 2, verified: true },
  130928: { name: "吴桥县", tier: 2, verified: true },
  130924: { name: "海兴县", tier: 2, verified: true },
  130925: { name: "盐山县", tier: 2, verified: true },
  130930: { name: "孟村回族自治县", tier: 2, verified: true },
  130927: { name: "南皮县", tier: 2, verified: true },
  130929: { name: "献县", tier: 2, verified: true },
  131102: { name: "衡水市桃城区", tier: 2, verified: true },
  131103: { name: "衡水市冀州区", tier: 2, verified: true },
  131182: { name: "深州市", tier: 2, verified: true },
  130502: { name: "邢台市襄都区", tier: 2, verified: true },
  130503: { name: "邢台市信都区", tier: 2, verified: true },
  130582: { name: "沙河市", tier: 2, verified: true },
  130528: { name: "宁晋县", tier: 2, verified: true },
  130523: { name: "内丘县", tier: 2, verified: true },
  130529: { name: "巨鹿县", tier: 2, verified: true },
  130581: { name: "南宫市", tier: 2, verified: true },
  130532: { name: "平乡县", tier: 2, verified: true },
  130533: { name: "威县", tier: 2, verified: true },
  130534: { name: "清河县", tier: 2, verified: true },
  130525: { name: "隆尧县", tier: 2, verified: true },
  130408: { name: "邯郸市永年区", tier: 2, verified: true },
  130682: { name: "定州市", tier: 2, verified: true },
  130181: { name: "辛集市", tier: 2, verified: true },
  // ── third tier (1,800) ──
  130107: { name: "石家庄市井陉矿区", tier: 3, verified: true },
  130121: { name: "井陉县", tier: 3, verified: true },
  130127: { name: "高邑县", tier: 3, verified: true },
  130128: { name: "深泽县", tier: 3, verified: true },
  130130: { name: "无极县", tier: 3, verified: true },
  130131: { name: "平山县", tier: 3, verified: true },
  130132: { name: "元氏县", tier: 3, verified: true },
  130133: { name: "赵县", tier: 3, verified: true },
  130126: { name: "灵寿县", tier: 3, verified: true },
  130129: { name: "赞皇县", tier: 3, verified: true },
  130881: { name: "平泉市", tier: 3, verified: true },
  130821: { name: "承德县", tier: 3, verified: true },
  130824: { name: "滦平县", tier: 3, verified: true },
  130822: { name: "兴隆县", tier: 3, verified: true },
  130827: { name: "宽城满族自治县", tier: 3, verified: true },
  130826: { name: "丰宁满族自治县", tier: 3, verified: true },
  130825: { name: "隆化县", tier: 3, verified: true },
  130828: { name: "围场满族蒙古族自治县", tier: 3, verified: true },
  130723: { name: "康保县", tier: 3, verified: true },
  130724: { name: "沽源县", tier: 3, verified: true },
  130725: { name: "尚义县", tier: 3, verified: true },
  130727: { name: "阳原县", tier: 3, verified: true },
  130728: { name: "怀安县", tier: 3, verified: true },
  130726: { name: "蔚县", tier: 3, verified: true },
  130722: { name: "张北县", tier: 3, verified: true },
  130732: { name: "赤城县", tier: 3, verified: true },
  130626: { name: "定兴县", tier: 3, verified: true },
  130631: { name: "望都县", tier: 3, verified: true },
  130637: { name: "博野县", tier: 3, verified: true },
  130636: { name: "顺平县", tier: 3, verified: true },
  130627: { name: "唐县", tier: 3, verified: true },
  130624: { name: "阜平县", tier: 3, verified: true },
  130630: { name: "涞源县", tier: 3, verified: true },
  130623: { name: "涞水县", tier: 3, verified: true },
  130634: { name: "曲阳县", tier: 3, verified: true },
  130633: { name: "易县", tier: 3, verified: true },
  130635: { name: "蠡县", tier: 3, verified: true },
  131121: { name: "枣强县", tier: 3, verified: true },
  131126: { name: "故城县", tier: 3, verified: true },
  131127: { name: "景县", tier: 3, verified: true },
  131125: { name: "安平县", tier: 3, verified: true },
  131122: { name: "武邑县", tier: 3, verified: true },
  131123: { name: "武强县", tier: 3, verified: true },
  131124: { name: "饶阳县", tier: 3, verified: true },
  131128: { name: "阜城县", tier: 3, verified: true },
  // Not named in tiers 1–2, so third tier (the part of the notice's third-tier text that names them could not be read here).
  130522: { name: "临城县", tier: 3, verified: false },
  130524: { name: "柏乡县", tier: 3, verified: false },
  130530: { name: "新河县", tier: 3, verified: false },
  130531: { name: "广宗县", tier: 3, verified: false },
  130535: { name: "临西县", tier: 3, verified: false },
  130423: { name: "临漳县", tier: 3, verified: false },
  130424: { name: "成安县", tier: 3, verified: false },
  130425: { name: "大名县", tier: 3, verified: false },
  130426: { name: "涉县", tier: 3, verified: false },
  130427: { name: "磁县", tier: 3, verified: false },
  130430: { name: "邱县", tier: 3, verified: false },
  130431: { name: "鸡泽县", tier: 3, verified: false },
  130432: { name: "广平县", tier: 3, verified: false },
  130433: { name: "馆陶县", tier: 3, verified: false },
  130434: { name: "魏县", tier: 3, verified: false },
  130435: { name: "曲周县", tier: 3, verified: false },
  // Districts formed from counties (2016, 2020) that may or may not count as "市区" (first / second tier): lowest possible tier.
  130407: { name: "邯郸市肥乡区", tier: 3, verified: false },
  130505: { name: "邢台市任泽区", tier: 3, verified: false },
  130506: { name: "邢台市南和区", tier: 3, verified: false },
};

/** The 2019 notice has four tiers (the earlier table here applied 1,680 to all of Hebei: 1,680 is the third). */
export const HEBEI_2019_TIER_MONTHLY = { 1: 1900, 2: 1790, 3: 1680, 4: 1580 } as const;

/**
 * Hebei 2019-11-01 tiers of the counties its 实行地区 table names, as read in a copy of the table:
 * tiers 1 and 2 whole, tier 3 up to 沧州's 河间市 (the rest of tier 3 and tier 4 could not be read).
 * Every county not listed here falls back to the province row at the lowest tier, 1,580, which
 * never flags a lawful wage. Districts whose membership of "市区" the text leaves open in 2019
 * (肥乡区, 永年区 and 冀州区, listed as counties in the previous notice; 任泽区 and 南和区, counties
 * until 2020) are not listed. Codes are today's: 滦县 → 滦州市; 邢台县 lies in 信都区/襄都区.
 */
export const HEBEI_2019_TIERS: Record<string, { name: string; tier: 1 | 2 | 3 }> = {
  // Tier 1: 石家庄市区 (不含井陉矿区), 秦皇岛市区, 唐山市区 and 7 counties, 廊坊市区, 三河, 霸州, 保定市区, 涿州, 雄安新区.
  130102: { name: "石家庄市长安区", tier: 1 },
  130104: { name: "石家庄市桥西区", tier: 1 },
  130105: { name: "石家庄市新华区", tier: 1 },
  130108: { name: "石家庄市裕华区", tier: 1 },
  130109: { name: "石家庄市藁城区", tier: 1 },
  130110: { name: "石家庄市鹿泉区", tier: 1 },
  130111: { name: "石家庄市栾城区", tier: 1 },
  130302: { name: "秦皇岛市海港区", tier: 1 },
  130303: { name: "秦皇岛市山海关区", tier: 1 },
  130304: { name: "秦皇岛市北戴河区", tier: 1 },
  130306: { name: "秦皇岛市抚宁区", tier: 1 },
  130202: { name: "唐山市路南区", tier: 1 },
  130203: { name: "唐山市路北区", tier: 1 },
  130204: { name: "唐山市古冶区", tier: 1 },
  130205: { name: "唐山市开平区", tier: 1 },
  130207: { name: "唐山市丰南区", tier: 1 },
  130208: { name: "唐山市丰润区", tier: 1 },
  130209: { name: "唐山市曹妃甸区", tier: 1 },
  130283: { name: "迁安市", tier: 1 },
  130281: { name: "遵化市", tier: 1 },
  130224: { name: "滦南县", tier: 1 },
  130227: { name: "迁西县", tier: 1 },
  130229: { name: "玉田县", tier: 1 },
  130225: { name: "乐亭县", tier: 1 },
  130284: { name: "滦州市（通知写作滦县）", tier: 1 },
  131002: { name: "廊坊市安次区", tier: 1 },
  131003: { name: "廊坊市广阳区", tier: 1 },
  131082: { name: "三河市", tier: 1 },
  131081: { name: "霸州市", tier: 1 },
  130602: { name: "保定市竞秀区", tier: 1 },
  130606: { name: "保定市莲池区", tier: 1 },
  130607: { name: "保定市满城区", tier: 1 },
  130608: { name: "保定市清苑区", tier: 1 },
  130609: { name: "保定市徐水区", tier: 1 },
  130681: { name: "涿州市", tier: 1 },
  130638: { name: "雄县（雄安新区）", tier: 1 },
  130629: { name: "容城县（雄安新区）", tier: 1 },
  130632: { name: "安新县（雄安新区）", tier: 1 },
  // Tier 2.
  130123: { name: "正定县", tier: 2 },
  130802: { name: "承德市双桥区", tier: 2 },
  130803: { name: "承德市双滦区", tier: 2 },
  130804: { name: "承德市鹰手营子矿区", tier: 2 },
  130702: { name: "张家口市桥东区", tier: 2 },
  130703: { name: "张家口市桥西区", tier: 2 },
  130705: { name: "张家口市宣化区", tier: 2 },
  130706: { name: "张家口市下花园区", tier: 2 },
  130708: { name: "张家口市万全区", tier: 2 },
  130709: { name: "张家口市崇礼区", tier: 2 },
  130730: { name: "怀来县", tier: 2 },
  130731: { name: "涿鹿县", tier: 2 },
  130322: { name: "昌黎县", tier: 2 },
  130324: { name: "卢龙县", tier: 2 },
  130684: { name: "高碑店市", tier: 2 },
  130683: { name: "安国市", tier: 2 },
  131028: { name: "大厂回族自治县", tier: 2 },
  131024: { name: "香河县", tier: 2 },
  130902: { name: "沧州市新华区", tier: 2 },
  130903: { name: "沧州市运河区", tier: 2 },
  130983: { name: "黄骅市", tier: 2 },
  130982: { name: "任丘市", tier: 2 },
  130922: { name: "青县", tier: 2 },
  130921: { name: "沧县", tier: 2 },
  131102: { name: "衡水市桃城区", tier: 2 },
  130502: { name: "邢台市襄都区", tier: 2 },
  130503: { name: "邢台市信都区", tier: 2 },
  130582: { name: "沙河市", tier: 2 },
  130402: { name: "邯郸市邯山区", tier: 2 },
  130403: { name: "邯郸市丛台区", tier: 2 },
  130404: { name: "邯郸市复兴区", tier: 2 },
  130406: { name: "邯郸市峰峰矿区", tier: 2 },
  130427: { name: "磁县", tier: 2 },
  130481: { name: "武安市", tier: 2 },
  130682: { name: "定州市", tier: 2 },
  130181: { name: "辛集市", tier: 2 },
  // Tier 3, the part that could be read.
  130107: { name: "石家庄市井陉矿区", tier: 3 },
  130121: { name: "井陉县", tier: 3 },
  130183: { name: "晋州市", tier: 3 },
  130184: { name: "新乐市", tier: 3 },
  130125: { name: "行唐县", tier: 3 },
  130127: { name: "高邑县", tier: 3 },
  130128: { name: "深泽县", tier: 3 },
  130130: { name: "无极县", tier: 3 },
  130131: { name: "平山县", tier: 3 },
  130132: { name: "元氏县", tier: 3 },
  130133: { name: "赵县", tier: 3 },
  130126: { name: "灵寿县", tier: 3 },
  130822: { name: "兴隆县", tier: 3 },
  130881: { name: "平泉市", tier: 3 },
  130827: { name: "宽城满族自治县", tier: 3 },
  130824: { name: "滦平县", tier: 3 },
  130821: { name: "承德县", tier: 3 },
  130826: { name: "丰宁满族自治县", tier: 3 },
  130825: { name: "隆化县", tier: 3 },
  130828: { name: "围场满族蒙古族自治县", tier: 3 },
  130723: { name: "康保县", tier: 3 },
  130724: { name: "沽源县", tier: 3 },
  130725: { name: "尚义县", tier: 3 },
  130727: { name: "阳原县", tier: 3 },
  130728: { name: "怀安县", tier: 3 },
  130726: { name: "蔚县", tier: 3 },
  130722: { name: "张北县", tier: 3 },
  130732: { name: "赤城县", tier: 3 },
  130321: { name: "青龙满族自治县", tier: 3 },
  131023: { name: "永清县", tier: 3 },
  131025: { name: "大城县", tier: 3 },
  131026: { name: "文安县", tier: 3 },
  131022: { name: "固安县", tier: 3 },
  130626: { name: "定兴县", tier: 3 },
  130631: { name: "望都县", tier: 3 },
  130628: { name: "高阳县", tier: 3 },
  130637: { name: "博野县", tier: 3 },
  130635: { name: "蠡县", tier: 3 },
  130981: { name: "泊头市", tier: 3 },
  130984: { name: "河间市", tier: 3 },
};

const TIER_NAME = { 1: "一类", 2: "二类", 3: "三类", 4: "四类" } as const;

/** One Hebei notice's county table as entries; a county without a `verified` mark (the 2019 table, read whole) is verified. */
const hebeiCounties = (
  tiers: Record<string, { name: string; tier: 1 | 2 | 3; verified?: boolean }>,
  effective: string,
  monthly: Record<1 | 2 | 3, number>,
  source: string,
): MinimumWageEntry[] =>
  Object.entries(tiers).map(([code, t]) => ({
    prefix: code,
    effective,
    monthly: monthly[t.tier],
    tier: t.tier,
    label: `河北省${TIER_NAME[t.tier]}（${t.name}）`,
    source,
    verified: t.verified ?? true,
  }));

export const MINIMUM_WAGES: readonly MinimumWageEntry[] = [
  { prefix: "11", effective: "2025-09-01", monthly: 2540, label: "北京市", source: BJ_2025, verified: true },
  { prefix: "11", effective: "2023-09-01", monthly: 2420, label: "北京市", source: BJ_2023, verified: false },
  { prefix: "12", effective: "2025-09-01", monthly: 2510, label: "天津市", source: TJ_2025, verified: true },
  { prefix: "12", effective: "2024-12-01", monthly: 2320, label: "天津市", source: TJ_2024, verified: false },
  { prefix: "12", effective: "2021-07-01", monthly: 2180, label: "天津市", source: TJ_2021, verified: false },
  ...hebeiCounties(HEBEI_2023_TIERS, "2023-01-01", HEBEI_2023_TIER_MONTHLY, HB_2023),
  ...hebeiCounties(HEBEI_2019_TIERS, "2019-11-01", HEBEI_2019_TIER_MONTHLY, HB_2019),
  // Counties of the 2019 table that could not be read: the lowest of its four tiers (never a false flag).
  {
    prefix: "13",
    effective: "2019-11-01",
    monthly: HEBEI_2019_TIER_MONTHLY[4],
    tier: 4,
    label: "河北省四类（2019 年分档表此处未读到的县，按最低档）",
    source: HB_2019,
    verified: false,
  },
];

/**
 * The minimum wage in force at a place on a day: the most specific prefix that has an entry in
 * force, and of its entries the latest effective on or before the day. Null where none is known
 * (other provinces): no flag rather than a guessed one.
 */
export function minimumWageFor(regionCode: string, onDay: string, table: readonly MinimumWageEntry[] = MINIMUM_WAGES): MinimumWageEntry | null {
  const candidates = table.filter((e) => regionCode.startsWith(e.prefix) && e.effective <= onDay);
  if (candidates.length === 0) return null;
  const longest = Math.max(...candidates.map((e) => e.prefix.length));
  return candidates.filter((e) => e.prefix.length === longest).sort((a, b) => (a.effective < b.effective ? 1 : -1))[0];
}

/** Provinces (2-digit prefixes) whose newest row is older than `maxYears` on `today`: a newer notice is probably out. */
export function staleProvinces(table: readonly MinimumWageEntry[], today: string, maxYears = 3): { province: string; newest: string }[] {
  const newest = new Map<string, string>();
  for (const e of table) {
    const p = e.prefix.slice(0, 2);
    if ((newest.get(p) ?? "") < e.effective) newest.set(p, e.effective);
  }
  const limit = `${Number(today.slice(0, 4)) - maxYears}${today.slice(4, 10)}`;
  return [...newest]
    .filter(([, d]) => d < limit)
    .map(([province, d]) => ({ province, newest: d }))
    .sort((a, b) => a.province.localeCompare(b.province));
}

/** The key a row is known by in overrides and on the admin screen. */
export const minimumWageKey = (e: Pick<MinimumWageEntry, "prefix" | "effective">) => `${e.prefix}@${e.effective}`;

/**
 * The table in force: shipped rows, with an administrator's row replacing the shipped one of the
 * same key (prefix + effective date) and new keys added. Shipped rows stay in the code and on the
 * admin screen, so an override never silently replaces one.
 */
export function minimumWagesInForce(overrides: readonly MinimumWageEntry[], shipped: readonly MinimumWageEntry[] = MINIMUM_WAGES): MinimumWageEntry[] {
  const byKey = new Map(shipped.map((e) => [minimumWageKey(e), e]));
  for (const o of overrides) byKey.set(minimumWageKey(o), o);
  return [...byKey.values()];
}
