// Job-fair and monthly posting lists as employers keep them in Excel: which column holds what, and
// how a cell becomes the value the posting form's schema expects. Cells are read with the roster
// import's helpers (app/domain/roster.ts: yes/no, wages, dates, occupations by name or keyword),
// so a list and a roster are understood the same way. Pure: reference data comes in as a parameter.
import {
  cellText,
  coerceDate,
  coerceWage,
  coerceYesNo,
  isBlankRow,
  normaliseHeader,
  resolveOccupation,
  type Cell,
  type OccupationRef,
  type RosterReference,
} from "./roster";

export const POSTING_COLUMNS = [
  "occupation",
  "title",
  "description",
  "headcount",
  "wage",
  "wageMin",
  "wageMax",
  "workRegion",
  "workAddress",
  "startDate",
  "contractMonths",
  "housing",
  "meals",
  "socialInsurance",
  "travelSubsidy",
  "certificates",
  "ageMin",
  "ageMax",
  "deadline",
] as const;
export type PostingColumn = (typeof POSTING_COLUMNS)[number];

/** Header names (the template's first), Chinese and English; "月薪 6000-8000" in one column is understood too. */
const HEADERS: Record<PostingColumn, string[]> = {
  occupation: ["工种", "职业", "岗位工种", "occupation"],
  title: ["岗位名称", "岗位", "职位", "招聘岗位", "job title", "title"],
  description: ["岗位介绍", "岗位描述", "工作内容", "岗位职责", "description"],
  headcount: ["招聘人数", "人数", "需求人数", "招聘数量", "headcount"],
  wage: ["月薪", "工资", "薪资", "月工资", "薪酬", "工资待遇", "wage", "monthly wage"],
  wageMin: ["月薪下限", "最低月薪", "工资下限", "wage from", "minimum wage"],
  wageMax: ["月薪上限", "最高月薪", "工资上限", "wage up to", "maximum wage"],
  workRegion: ["工作地点", "工作地区", "工作区县", "地点", "place of work", "location"],
  workAddress: ["详细地址", "工作地址", "地址", "address"],
  startDate: ["到岗日期", "到岗时间", "上岗日期", "start date"],
  contractMonths: ["合同期限(月)", "合同期限", "合同期", "contract (months)", "contract months"],
  housing: ["提供住宿", "住宿", "包住", "housing"],
  meals: ["提供餐食", "餐食", "包吃", "meals"],
  socialInsurance: ["缴纳社保", "社保", "五险", "五险一金", "social insurance"],
  travelSubsidy: ["路费补贴", "路费", "交通补贴", "travel subsidy"],
  certificates: ["证书要求", "证书", "资格证书", "certificates"],
  ageMin: ["最低年龄", "年龄下限", "minimum age"],
  ageMax: ["最高年龄", "年龄上限", "maximum age"],
  deadline: ["报名截止日期", "截止日期", "报名截止", "application deadline", "deadline"],
};

/** The template's header row. */
export const POSTING_TEMPLATE_HEADERS = POSTING_COLUMNS.filter((c) => c !== "wage").map((c) => HEADERS[c][0]);

const KNOWN = new Map<string, PostingColumn>();
for (const c of POSTING_COLUMNS) for (const h of HEADERS[c]) KNOWN.set(normaliseHeader(h), c);

export function columnForHeader(header: string): PostingColumn | null {
  const h = normaliseHeader(header);
  return KNOWN.get(h) ?? KNOWN.get(h.replace(/\([^)]*\)$/, "")) ?? null;
}

/** A column for each header (each field once); the header row is the first naming two known columns. */
export function mapPostingHeaders(rows: Cell[][]): { headerRow: number; headers: string[]; columns: (PostingColumn | null)[] } | null {
  const index = rows.findIndex((cells) => cells.filter((c) => typeof c === "string" && columnForHeader(c)).length >= 2);
  if (index < 0) return null;
  const headers = rows[index].map((c) => cellText(c));
  const taken = new Set<PostingColumn>();
  const columns = headers.map((h) => {
    const c = columnForHeader(h);
    if (!c || taken.has(c)) return null;
    taken.add(c);
    return c;
  });
  return { headerRow: index, headers, columns };
}

/** Columns a list must have (a wage range, either in one column or two). */
export function missingPostingColumns(columns: (PostingColumn | null)[]): PostingColumn[] {
  const missing = (["occupation", "title", "headcount", "workRegion"] as const).filter((c) => !columns.includes(c));
  return columns.includes("wage") || columns.includes("wageMin") ? missing : [...missing, "wageMin"];
}

export type PlaceRef = { code: string; name: string };
export type PostingReference = { occupations: OccupationRef[]; places: PlaceRef[] };

const placeStem = (name: string) => name.replace(/^(北京市?|天津市?|河北省?)/, "").replace(/(区|县|市)$/, "");

/** A district or county by code or by name: 朝阳区, 北京市朝阳区, 朝阳, 110105. */
export function resolvePlace(text: string, places: PlaceRef[]): PlaceRef | null {
  const v = text.normalize("NFKC").replace(/\s/g, "");
  if (v === "") return null;
  if (/^\d{6}$/.test(v)) return places.find((p) => p.code === v) ?? null;
  const matches = places.filter((p) => p.name === v || placeStem(p.name) === placeStem(v));
  // Two places share a name (朝阳区 in Beijing and elsewhere): the city named in the cell decides.
  if (matches.length > 1) {
    const city = v.startsWith("北京") ? "11" : v.startsWith("天津") ? "12" : v.startsWith("河北") ? "13" : null;
    const inCity = city ? matches.filter((m) => m.code.startsWith(city)) : [];
    return inCity.length === 1 ? inCity[0] : null;
  }
  return matches[0] ?? null;
}

export type PostingCellProblem = { column: PostingColumn; message: string };

/** The posting input a row stands for (as the form would post it), and what could not be read. */
export function postingRowToInput(
  cells: Cell[],
  columns: (PostingColumn | null)[],
  ref: PostingReference,
): { input: Record<string, unknown>; problems: PostingCellProblem[]; blank: boolean } {
  const input: Record<string, unknown> = {};
  const problems: PostingCellProblem[] = [];
  const cellOf = (c: PostingColumn): Cell => {
    const i = columns.indexOf(c);
    return i >= 0 ? (cells[i] ?? null) : null;
  };
  const text = (c: PostingColumn) => cellText(cellOf(c));
  if (isBlankRow(cells)) return { input, problems, blank: true };

  if (text("occupation")) {
    const o = resolveOccupation(text("occupation"), { occupations: ref.occupations } as RosterReference);
    if (o) input.occupationCode = o.code;
    else problems.push({ column: "occupation", message: "emp.upload.unknownOccupation" });
  }
  for (const c of ["title", "description", "workAddress", "certificates"] as const) if (text(c)) input[c] = text(c);
  for (const c of ["headcount", "contractMonths", "travelSubsidy", "ageMin", "ageMax"] as const) if (text(c)) input[c] = text(c).replace(/[人个月元岁周]/g, "");
  // One column "6000-8000" or two; a single figure is both ends.
  const range = text("wage")
    .normalize("NFKC")
    .replace(/[,\s元]|\/月|每月/g, "");
  if (range) {
    const [low, high] = range.split(/[-~—至到]/);
    input.wageMin = coerceWage(low);
    input.wageMax = coerceWage(high || low);
  }
  if (text("wageMin")) input.wageMin = coerceWage(cellOf("wageMin"));
  if (text("wageMax")) input.wageMax = coerceWage(cellOf("wageMax"));
  if (input.wageMin !== undefined && input.wageMax === undefined) input.wageMax = input.wageMin;
  if (text("workRegion")) {
    const place = resolvePlace(text("workRegion"), ref.places);
    if (place) input.workRegionCode = place.code;
    else problems.push({ column: "workRegion", message: "emp.upload.unknownRegion" });
  }
  for (const c of ["startDate", "deadline"] as const) {
    const d = coerceDate(cellOf(c));
    if (d) input[c] = d;
  }
  for (const c of ["housing", "meals", "socialInsurance"] as const) {
    if (!columns.includes(c)) continue;
    const yes = coerceYesNo(cellOf(c));
    if (yes.ok) input[c] = yes.value;
    else problems.push({ column: c, message: "emp.upload.yesNo" });
  }
  return { input, problems, blank: false };
}

/** The column a schema problem belongs to (`wageMax` → wageMax; a combined wage column when that is what the file has). */
export function columnForField(field: string, columns: (PostingColumn | null)[]): PostingColumn | null {
  const map: Record<string, PostingColumn> = { occupationCode: "occupation", workRegionCode: "workRegion" };
  const c = (map[field] ?? field) as PostingColumn;
  if ((c === "wageMin" || c === "wageMax") && !columns.includes(c) && columns.includes("wage")) return "wage";
  return (POSTING_COLUMNS as readonly string[]).includes(c) ? c : null;
}
