// Roster files as county offices keep them in Excel: which column holds what (header names in
// Chinese or English, a title row above the header), and how a cell's text becomes the value the
// registration schema expects (是/否, 初中, 阜平县, 电工、焊工, 2026年3月1日, 5000-6000元 …).
// Pure: reference data (regions, occupations) comes in as a parameter.
import { maskIdentifiersIn, maskPhone, maskResidentId } from "./mask";
import { isWithinRegion } from "./regions";

/** The columns a roster can carry; each maps onto fields of WorkerCoreSchema. */
export const ROSTER_FIELDS = [
  "fullName",
  "idNumber",
  "phone",
  "county",
  "township",
  "village",
  "isRegisteredPoor",
  "householdNumber",
  "education",
  "skills",
  "skillLevels",
  "certificateNumbers",
  "occupations",
  "minMonthlyWage",
  "destinations",
  "willingToTrain",
  "availableFrom",
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];
export const REQUIRED_FIELDS: readonly RosterField[] = ["fullName", "idNumber", "phone", "county"];

/** Header names of the standard roster layout (and common variants), Chinese and English. */
const HEADER_NAMES: Record<RosterField, string[]> = {
  fullName: ["姓名", "名字", "劳动力姓名", "求职者姓名", "name", "full name", "fullname"],
  idNumber: [
    "身份证号",
    "身份证号码",
    "身份证",
    "公民身份号码",
    "身份证件号码",
    "证件号码",
    "id number",
    "id no",
    "id card number",
    "resident id",
    "resident id number",
  ],
  phone: ["手机号", "手机号码", "联系电话", "手机", "电话", "电话号码", "联系方式", "mobile", "mobile number", "phone", "phone number"],
  county: ["户籍县", "县(市、区)", "县(市,区)", "县市区", "县区", "县", "户籍所在县", "户籍县(市、区)", "所在县", "户籍地", "county", "county code"],
  township: ["乡镇", "乡(镇)", "乡镇(街道)", "户籍乡镇", "所在乡镇", "乡镇街道", "township"],
  village: ["村", "行政村", "村名", "所在村", "村(社区)", "村(居)", "village"],
  isRegisteredPoor: [
    "是否建档立卡",
    "建档立卡户",
    "建档立卡",
    "是否建档立卡户",
    "是否贫困户",
    "贫困户",
    "registered poor",
    "registered poor household",
    "poor household",
  ],
  householdNumber: ["户编号", "户号", "建档立卡户编号", "户码", "household number", "household no"],
  education: ["文化程度", "学历", "受教育程度", "education"],
  skills: ["技能/工种", "技能", "工种", "技能工种", "现有技能", "掌握技能", "skill", "skills"],
  skillLevels: ["技能等级", "等级", "职业技能等级", "skill level", "skill levels"],
  certificateNumbers: ["证书编号", "证书号", "证书号码", "技能证书编号", "职业资格证书编号", "certificate number", "certificate no"],
  occupations: ["意向工种", "求职意向工种", "意向职业", "期望工种", "求职意向", "desired occupation", "desired occupations", "preferred occupations"],
  minMonthlyWage: [
    "期望月薪",
    "期望工资",
    "期望薪资",
    "月薪要求",
    "最低月薪",
    "期望月薪(元)",
    "expected monthly wage",
    "minimum monthly wage",
    "expected wage",
  ],
  destinations: ["意向地区", "就业意向", "意向就业地区", "就业意向地区", "期望工作地点", "外出意向", "preferred destinations", "destinations", "destination"],
  willingToTrain: ["是否愿意培训", "愿意培训", "培训意愿", "是否参加培训", "willing to train"],
  availableFrom: ["可到岗日期", "到岗日期", "可到岗时间", "可上岗时间", "available from", "start date"],
};

/** The standard roster layout's header row (the downloadable template). */
export const STANDARD_HEADERS = ROSTER_FIELDS.map((f) => HEADER_NAMES[f][0]);

/** Full-width forms folded, spaces, required-markers (*) and trailing colons dropped, lower case. */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/[\s*＊:：]/g, "")
    .toLowerCase();
}

const KNOWN_HEADERS = new Map<string, RosterField>();
for (const field of ROSTER_FIELDS) for (const name of HEADER_NAMES[field]) KNOWN_HEADERS.set(normaliseHeader(name), field);

/** The field a header names, if it is one of the standard ones ("期望月薪（元）" → minMonthlyWage). */
export function fieldForHeader(header: string): RosterField | null {
  const h = normaliseHeader(header);
  if (h === "") return null;
  return KNOWN_HEADERS.get(h) ?? KNOWN_HEADERS.get(h.replace(/\([^)]*\)$/, "")) ?? null;
}

/** Remembered choices of one coordinator: normalised header → field (null = ignore the column). */
export type RememberedMapping = Record<string, RosterField | null>;

/** A field for each column: the coordinator's remembered choice first, then the standard names; each field once. */
export function guessMapping(headers: string[], remembered: RememberedMapping = {}): (RosterField | null)[] {
  const taken = new Set<RosterField>();
  return headers.map((header) => {
    const key = normaliseHeader(header);
    const field = key in remembered ? remembered[key] : fieldForHeader(header);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

export function missingRequired(fields: (RosterField | null)[]): RosterField[] {
  return REQUIRED_FIELDS.filter((f) => !fields.includes(f));
}

/** Fields chosen for more than one column (the mapping form refuses them). */
export function duplicateFields(fields: (RosterField | null)[]): RosterField[] {
  const seen = new Set<RosterField>();
  const twice = new Set<RosterField>();
  for (const f of fields) if (f) (seen.has(f) ? twice : seen).add(f);
  return [...twice];
}

/** The choices of one confirmed mapping, to be merged into the coordinator's remembered ones. */
export function rememberMapping(previous: RememberedMapping, headers: string[], fields: (RosterField | null)[], max = 300): RememberedMapping {
  const next: RememberedMapping = { ...previous };
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (key) next[key] = fields[i] ?? null;
  });
  const keys = Object.keys(next);
  return keys.length <= max ? next : Object.fromEntries(keys.slice(keys.length - max).map((k) => [k, next[k]]));
}

// ───────────── cells ─────────────

/** What a spreadsheet cell can hold once read (exceljs gives numbers and dates typed). */
export type Cell = string | number | boolean | Date | null;

/** The text of a cell as a person would read it. */
export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  if (typeof cell === "number") return Number.isInteger(cell) && Math.abs(cell) < 1e21 ? cell.toFixed(0) : String(cell);
  return String(cell).trim();
}

export const isBlankRow = (cells: Cell[]) => cells.every((c) => cellText(c) === "");

/** Index of the header row among the first rows: the first naming at least two standard columns, else the first non-blank one. */
export function findHeaderRow(rows: Cell[][]): number {
  const known = rows.findIndex((cells) => cells.filter((c) => typeof c === "string" && fieldForHeader(c)).length >= 2);
  return known >= 0 ? known : rows.findIndex((cells) => !isBlankRow(cells));
}

/** One problem of one row, as the error report lists it; `message` is an i18n key, `column` the file's header. */
export type RowError = { row: number; column: string; field: RosterField | null; value: string; message: string; params?: Record<string, string | number> };

/** The column a problem is in: the file's header, or the field's name when no column holds it. */
export function columnLabel(e: Pick<RowError, "column" | "field">, t: (key: string) => string): string {
  return e.column || (e.field ? t(`import.fields.${e.field}`) : "");
}

/** A sample value for the mapping step: anything that looks like an ID number or a mobile is masked. */
export function previewValue(cell: Cell): string {
  const text = cellText(cell);
  if (/^\d{17}[\dXx]$/.test(text.replace(/\s/g, ""))) return maskResidentId(text.replace(/\s/g, ""));
  if (/^(\+?86)?1\d{10}$/.test(text.replace(/[\s-]/g, ""))) return maskPhone(text.replace(/[\s-]/g, ""));
  const masked = maskIdentifiersIn(text);
  return masked.length > 30 ? `${masked.slice(0, 30)}…` : masked;
}

/**
 * What a report may show of a cell (error reports get emailed around): the ID number and phone
 * columns masked, and an ID number or mobile in any other column (columns swapped, a number typed
 * into the wrong cell) masked as well — an ID number in the phone column keeps only its prefecture.
 */
export function reportValue(field: RosterField | null, cell: Cell): string {
  const text = cellText(cell);
  if (text === "") return "";
  if (field === "idNumber") return maskResidentId(text.replace(/\s/g, ""));
  if (field === "phone") {
    const compact = text.replace(/\s/g, "");
    const masked = maskIdentifiersIn(compact);
    return masked !== compact ? masked : maskPhone(compact);
  }
  const masked = maskIdentifiersIn(text);
  return masked.length > 100 ? `${masked.slice(0, 100)}…` : masked;
}

/** A problem's message parameters as a report may show them (a cell's text can be one: an unknown occupation). */
export function reportParams(params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? maskIdentifiersIn(v) : v]));
}

// ───────────── reference data ─────────────

export type RegionRef = { code: string; name: string; level: "PROVINCE" | "PREFECTURE" | "COUNTY" | "TOWNSHIP" | "VILLAGE"; parentCode: string | null };
export type OccupationRef = { code: string; nameZh: string; nameEn: string; keywordsZh: string[] };

export type RosterReference = {
  counties: RegionRef[];
  prefectures: Map<string, RegionRef>;
  townshipsByCounty: Map<string, RegionRef[]>;
  /** Beijing and Tianjin districts (and the two cities), the destinations a roster names. */
  destinations: RegionRef[];
  occupations: OccupationRef[];
  /** Region roots the importing person may register people in; null = anywhere (admin). */
  scopes: string[] | null;
};

export function buildReference(regions: RegionRef[], occupations: OccupationRef[], scopes: string[] | null): RosterReference {
  const townshipsByCounty = new Map<string, RegionRef[]>();
  for (const r of regions) {
    if (r.level !== "TOWNSHIP" || !r.parentCode) continue;
    const list = townshipsByCounty.get(r.parentCode) ?? [];
    list.push(r);
    townshipsByCounty.set(r.parentCode, list);
  }
  return {
    counties: regions.filter((r) => r.level === "COUNTY"),
    prefectures: new Map(regions.filter((r) => r.level === "PREFECTURE").map((r) => [r.code, r])),
    townshipsByCounty,
    destinations: regions.filter((r) => (r.code.startsWith("11") || r.code.startsWith("12")) && (r.level === "COUNTY" || r.level === "PROVINCE")),
    occupations,
    scopes,
  };
}

/** 阜平县 → 阜平, 丰宁满族自治县 → 丰宁, 城南庄镇 → 城南庄: the part people write without the suffix. */
function stem(name: string): string {
  const stripped = name.replace(/(满族|回族|蒙古族)*自治县$|(街道办事处|街道|地区|县|市|区|镇|乡)$/, "");
  return stripped.length >= 2 ? stripped : name;
}

const inScope = (ref: RosterReference, code: string) => ref.scopes === null || ref.scopes.some((s) => isWithinRegion(code, s));

export type Coerced<T> = { ok: true; value: T } | { ok: false; message: string; params?: Record<string, string | number> };
const ok = <T>(value: T): Coerced<T> => ({ ok: true, value });
const problem = (message: string, params?: Record<string, string | number>): Coerced<never> => ({ ok: false, message, params });

/** A county by code or by name ("阜平县", "阜平", "保定市阜平县"), within the importer's scope. */
export function resolveCounty(text: string, ref: RosterReference): Coerced<string | undefined> {
  const v = text.normalize("NFKC").replace(/\s/g, "");
  if (v === "") return ok(undefined);
  let candidates: RegionRef[];
  if (/^\d{6}$/.test(v)) candidates = ref.counties.filter((c) => c.code === v);
  else {
    candidates = ref.counties.filter((c) => c.name === v || stem(c.name) === v);
    // "河北省保定市阜平县": the county's name ends it; the prefecture's name, when given, picks between namesakes.
    if (candidates.length === 0) {
      candidates = ref.counties.filter((c) => v.endsWith(c.name));
      const prefectureNamed = candidates.filter((c) => {
        const p = c.parentCode ? ref.prefectures.get(c.parentCode) : undefined;
        return p && p.name !== "市辖区" && v.includes(stem(p.name));
      });
      if (prefectureNamed.length > 0) candidates = prefectureNamed;
    }
  }
  if (candidates.length === 0) return problem("import.countyUnknown");
  const allowed = candidates.filter((c) => inScope(ref, c.code));
  if (allowed.length === 0) return problem("reg.countyOutOfScope");
  if (allowed.length > 1) return problem("import.countyAmbiguous");
  return ok(allowed[0].code);
}

/** A township of the county by 9-digit code or name ("城南庄镇", "城南庄"). */
export function resolveTownship(text: string, countyCode: string | undefined, ref: RosterReference): Coerced<string | undefined> {
  const v = text.normalize("NFKC").replace(/\s/g, "");
  if (v === "") return ok(undefined);
  if (/^\d{9}$/.test(v)) return ok(v); // the registration service checks that it lies in the county
  if (!countyCode) return problem("import.townshipUnknown");
  const list = ref.townshipsByCounty.get(countyCode) ?? [];
  const found = list.find((t) => t.name === v) ?? list.find((t) => stem(t.name) === stem(v));
  return found ? ok(found.code) : problem("import.townshipUnknown");
}

/** An occupation by code, Chinese or English name, or a keyword (the occupation listing the keyword earliest wins). */
export function resolveOccupation(text: string, ref: RosterReference): OccupationRef | null {
  const v = text.normalize("NFKC").trim();
  const lower = v.toLowerCase();
  const direct = ref.occupations.find((o) => o.code === lower || o.nameZh === v || o.nameEn.toLowerCase() === lower);
  if (direct) return direct;
  let best: { o: OccupationRef; rank: number } | null = null;
  for (const o of ref.occupations) {
    const rank = o.keywordsZh.indexOf(v);
    if (rank >= 0 && (!best || rank < best.rank)) best = { o, rank };
  }
  return best?.o ?? null;
}

/** Several values in one cell: 电工、焊工 / 电工,焊工 / 电工；焊工 / 电工 焊工. */
export function splitList(text: string): string[] {
  return text
    .split(/[、,，;；/|\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const YES = new Set(["是", "y", "yes", "true", "1", "√", "✓", "✔", "有", "愿意", "建档立卡户", "贫困户", "on"]);
const NO = new Set(["否", "n", "no", "false", "0", "×", "✗", "无", "不", "不是", "不愿意", "非建档立卡户", "一般户", "非贫困户", "off"]);

export function coerceYesNo(cell: Cell): Coerced<boolean> {
  if (typeof cell === "boolean") return ok(cell);
  const v = cellText(cell).normalize("NFKC").toLowerCase();
  if (v === "") return ok(false);
  if (YES.has(v) || /^是[（(]/.test(v)) return ok(true);
  if (NO.has(v) || /^否[（(]/.test(v)) return ok(false);
  return problem("import.yesNo");
}

/** 文化程度 in the words rosters use; unrecognised text is passed on for the schema to refuse. */
export function coerceEducation(cell: Cell): string | undefined {
  const v = cellText(cell).normalize("NFKC").toLowerCase();
  if (v === "") return undefined;
  const rules: [RegExp, string][] = [
    [/^(none|primary|junior_secondary|senior_secondary|vocational|college|bachelor_or_above)$/, ""],
    [/研究生|硕士|博士|本科|bachelor|master/, "BACHELOR_OR_ABOVE"],
    [/大专|专科|高职|college|associate/, "COLLEGE"],
    [/大学|university/, "BACHELOR_OR_ABOVE"],
    [/中专|中技|技校|职高|中职|职业高中|vocational/, "VOCATIONAL"],
    [/高中|senior|high school/, "SENIOR_SECONDARY"],
    [/初中|junior|middle school/, "JUNIOR_SECONDARY"],
    [/小学|primary/, "PRIMARY"],
    [/文盲|半文盲|未上学|不识字|无学历|^无$|^none$/, "NONE"],
  ];
  for (const [re, value] of rules) if (re.test(v)) return value || v.toUpperCase();
  return cellText(cell);
}

/** 技能等级: 1–5, 一级…五级, 初级工 (5) … 高级技师 (1). */
export function coerceSkillLevel(text: string): Coerced<number | undefined> {
  const v = text.normalize("NFKC").replace(/\s/g, "");
  if (v === "") return ok(undefined);
  if (/高级技师/.test(v)) return ok(1);
  if (/技师/.test(v)) return ok(2);
  if (/高级/.test(v)) return ok(3);
  if (/中级/.test(v)) return ok(4);
  if (/初级/.test(v)) return ok(5);
  const digit = v.match(/^([1-5])(级)?$/) ?? v.match(/^([一二三四五])级/);
  if (digit) return ok("一二三四五".includes(digit[1]) ? "一二三四五".indexOf(digit[1]) + 1 : Number(digit[1]));
  return problem("reg.invalidChoice");
}

/** 期望月薪: 5000 / 5,000元 / 5000-6000 (the lower bound) / 5千 / 0.6万. Leaves the range check to the schema. */
export function coerceWage(cell: Cell): string | undefined {
  const v = cellText(cell)
    .normalize("NFKC")
    .replace(/[,\s元/月]|每月|以上/g, "");
  if (v === "") return undefined;
  const lower = v.split(/[-~—至到]/)[0];
  const unit = lower.match(/^(\d+(?:\.\d+)?)(千|k|万|w)$/i);
  if (unit) return String(Math.round(Number(unit[1]) * (/[万w]/i.test(unit[2]) ? 10000 : 1000)));
  return lower;
}

/** 可到岗日期: a date cell, 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日; "随时"/"立即" mean no date. */
export function coerceDate(cell: Cell): string | undefined {
  if (cell instanceof Date) return cellText(cell) || undefined;
  // A bare number is an Excel serial date when the column was not formatted as a date.
  if (typeof cell === "number" && cell > 20000 && cell < 80000) return new Date(Date.UTC(1899, 11, 30) + cell * 86400_000).toISOString().slice(0, 10);
  const v = cellText(cell).normalize("NFKC").replace(/\s/g, "");
  if (v === "" || /^(随时|立即|马上|即时|现在|anytime|now)$/i.test(v)) return undefined;
  const m = v.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/);
  return m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : v;
}

const DESTINATION_KINDS: [RegExp, string][] = [
  [/^(京津|北京|北京市|天津|天津市|京津冀|beijing|tianjin|beijing_tianjin)$/i, "BEIJING_TIANJIN"],
  [/^(省外|外省|外地|其他省份|省外其他|other_out_of_province)$/i, "OTHER_OUT_OF_PROVINCE"],
  [/^(省内|河北|河北省|河北省内|省内其他|within_hebei)$/i, "WITHIN_HEBEI"],
  [/^(本县|县内|本地|就近|就地|本乡|local_county)$/i, "LOCAL_COUNTY"],
  [/^(居家|在家|居家就业|家庭作坊|home_based)$/i, "HOME_BASED"],
];

/** 意向地区: kinds (京津, 省内, 本县, 居家 …) and Beijing/Tianjin districts (北京朝阳区, 朝阳区, 滨海新区). */
export function coerceDestinations(text: string, ref: RosterReference): Coerced<{ kinds: string[]; regionCodes: string[] }> {
  const kinds = new Set<string>();
  const regionCodes = new Set<string>();
  for (const token of splitList(text.normalize("NFKC"))) {
    const kind = DESTINATION_KINDS.find(([re]) => re.test(token));
    if (kind) {
      kinds.add(kind[1]);
      continue;
    }
    const bare = token.replace(/^(北京市?|天津市?)/, "");
    const district = ref.destinations.find((r) => r.level === "COUNTY" && (r.name === bare || stem(r.name) === stem(bare)));
    if (!district) return problem("import.destinationUnknown", { value: token });
    regionCodes.add(district.code);
    kinds.add("BEIJING_TIANJIN");
  }
  return ok({ kinds: [...kinds], regionCodes: [...regionCodes] });
}

/** Excel keeps a long number typed into a General cell as a float: 1.30624E+17 has already lost digits. */
function idLooksMangled(cell: Cell): boolean {
  return typeof cell === "number" || /^\d(\.\d+)?e\+\d+$/i.test(cellText(cell));
}

/** Ways people force Excel to keep digits as text: a leading apostrophe, or ="…" in a CSV. */
function forcedText(text: string): string {
  const formula = text.match(/^="(.*)"$/);
  return (formula ? formula[1] : text).replace(/^['‘’`]/, "").trim();
}

// ───────────── a row ─────────────

export type CellProblem = { field: RosterField; message: string; params?: Record<string, string | number> };

/** The registration input a roster row stands for, in the shape the form posts; plus what could not be read. */
export function rowToInput(cells: Cell[], fields: (RosterField | null)[], ref: RosterReference): { input: Record<string, unknown>; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const raw = (field: RosterField): Cell => {
    const i = fields.indexOf(field);
    return i >= 0 ? (cells[i] ?? null) : null;
  };
  const text = (field: RosterField) => cellText(raw(field));
  const take = <T>(field: RosterField, r: Coerced<T>): T | undefined => {
    if (r.ok) return r.value;
    problems.push({ field, message: r.message, params: r.params });
    return undefined;
  };

  if (idLooksMangled(raw("idNumber"))) problems.push({ field: "idNumber", message: "import.idAsNumber" });
  const countyCode = take("county", resolveCounty(text("county"), ref));
  const townshipCode = take("township", resolveTownship(text("township"), countyCode, ref));

  const skillNames = splitList(text("skills"));
  const levels = splitList(text("skillLevels"));
  const certificates = splitList(text("certificateNumbers"));
  const skills: { occupationCode: string; level?: number; certificateNumber?: string }[] = [];
  skillNames.forEach((name, i) => {
    const occupation = resolveOccupation(name, ref);
    if (!occupation) return void problems.push({ field: "skills", message: "import.occupationUnknown", params: { value: name } });
    const level = take("skillLevels", coerceSkillLevel(levels[i] ?? ""));
    skills.push({ occupationCode: occupation.code, level, certificateNumber: certificates[i] });
  });
  const occupationCodes: string[] = [];
  for (const name of splitList(text("occupations"))) {
    const occupation = resolveOccupation(name, ref);
    if (!occupation) problems.push({ field: "occupations", message: "import.occupationUnknown", params: { value: name } });
    else if (!occupationCodes.includes(occupation.code)) occupationCodes.push(occupation.code);
  }
  const destinations = take("destinations", coerceDestinations(text("destinations"), ref));

  return {
    input: {
      // Rosters pad two-character names to line up (张　三); the spaces are not part of the name.
      fullName: text("fullName").replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, "$1") || undefined,
      idNumber: forcedText(text("idNumber")) || undefined,
      phone: forcedText(text("phone")) || undefined,
      countyCode,
      townshipCode,
      villageName: text("village"),
      isRegisteredPoor: take("isRegisteredPoor", coerceYesNo(raw("isRegisteredPoor"))) ?? false,
      householdNumber: text("householdNumber"),
      education: coerceEducation(raw("education")),
      skills,
      history: [],
      destinationKinds: destinations?.kinds ?? [],
      destinationRegionCodes: destinations?.regionCodes ?? [],
      occupationCodes,
      minMonthlyWage: coerceWage(raw("minMonthlyWage")),
      willingToTrain: take("willingToTrain", coerceYesNo(raw("willingToTrain"))) ?? false,
      trainingKinds: [],
      homeBasedOnly: false,
      availableFrom: coerceDate(raw("availableFrom")),
      priorityConsent: false,
      priorityFactors: [],
    },
    problems,
  };
}

/** The roster column a registration-schema path belongs to (["skills", 0, "level"] → skillLevels). */
export function fieldForPath(path: readonly PropertyKey[]): RosterField | null {
  const [head, , leaf] = path;
  switch (head) {
    case "fullName":
      return "fullName";
    case "idNumber":
      return "idNumber";
    case "phone":
      return "phone";
    case "countyCode":
      return "county";
    case "townshipCode":
      return "township";
    case "villageName":
      return "village";
    case "isRegisteredPoor":
      return "isRegisteredPoor";
    case "householdNumber":
      return "householdNumber";
    case "education":
      return "education";
    case "skills":
      return leaf === "level" ? "skillLevels" : leaf === "certificateNumber" ? "certificateNumbers" : "skills";
    case "occupationCodes":
      return "occupations";
    case "destinationKinds":
    case "destinationRegionCodes":
      return "destinations";
    case "minMonthlyWage":
      return "minMonthlyWage";
    case "willingToTrain":
      return "willingToTrain";
    case "availableFrom":
      return "availableFrom";
    default:
      return null;
  }
}
