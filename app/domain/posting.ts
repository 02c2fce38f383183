// Job postings (招聘订单): their lifecycle, expiry by deadline, and what a posting may lawfully ask.
//
//   DRAFT ──publish──▶ OPEN ──fill──▶ FILLED ──reopen──▶ OPEN
//     │                 │ ╰──close──▶ CLOSED
//     ╰──close──▶ CLOSED╰──expire (deadline passed; the scheduled job only)──▶ EXPIRED
//
// A draft is edited in place; editing an open posting keeps the previous content as a revision.
import type { EmployerStatus } from "./employer";
import { canPublish } from "./employer";

export const POSTING_STATUSES = ["DRAFT", "OPEN", "FILLED", "CLOSED", "EXPIRED"] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];

export const POSTING_ACTIONS = ["publish", "fill", "close", "reopen"] as const;
export type PostingAction = (typeof POSTING_ACTIONS)[number];

const ACTIONS: Record<PostingAction, { from: readonly PostingStatus[]; to: PostingStatus }> = {
  publish: { from: ["DRAFT"], to: "OPEN" },
  fill: { from: ["OPEN"], to: "FILLED" },
  close: { from: ["DRAFT", "OPEN", "FILLED"], to: "CLOSED" },
  reopen: { from: ["FILLED"], to: "OPEN" },
};

export type PostingRefusal = "notAllowed" | "employerNotVerified" | "deadlinePassed";

/**
 * The status `action` leads to, or why not. Publishing and reopening put a posting in front of
 * job seekers, so they need a verified employer and a deadline that has not passed.
 */
export function postingTransition(
  posting: { status: PostingStatus; deadline: string | null },
  action: PostingAction,
  ctx: { employerStatus: EmployerStatus; today: string },
): { ok: true; to: PostingStatus } | { ok: false; reason: PostingRefusal } {
  const rule = ACTIONS[action];
  if (!rule.from.includes(posting.status)) return { ok: false, reason: "notAllowed" };
  if (rule.to === "OPEN") {
    if (!canPublish(ctx.employerStatus)) return { ok: false, reason: "employerNotVerified" };
    if (posting.deadline !== null && posting.deadline < ctx.today) return { ok: false, reason: "deadlinePassed" };
  }
  return { ok: true, to: rule.to };
}

export function availablePostingActions(status: PostingStatus): PostingAction[] {
  return POSTING_ACTIONS.filter((a) => ACTIONS[a].from.includes(status));
}

/** Which action an API client means by asking for `to` from `from`. */
export function postingActionFor(from: PostingStatus, to: PostingStatus): PostingAction | null {
  return POSTING_ACTIONS.find((a) => ACTIONS[a].to === to && ACTIONS[a].from.includes(from)) ?? null;
}

/** Drafts and open postings can be edited; an open one keeps a revision of what it said before. */
export function postingEdit(status: PostingStatus): "inPlace" | "withRevision" | null {
  if (status === "DRAFT") return "inPlace";
  if (status === "OPEN") return "withRevision";
  return null;
}

/** The deadline is the last day to apply: an open posting expires once that day is over (China time). */
export function isPastDeadline(deadline: string | null, today: string): boolean {
  return deadline !== null && deadline < today;
}

// ───────────── lawful requirements ─────────────

/**
 * The Employment Promotion Law (arts. 3, 26–31), the Labour Law (art. 12) and the Law on the
 * Protection of Women's Rights forbid job conditions on sex, ethnicity, religion, household
 * registration (hukou), marriage or childbirth, and hepatitis-B carrier status. The form offers no
 * such filter; this catches them written into a title or description. Phrases, not single
 * characters, so "男女不限" or "民族路" pass.
 */
const DISCRIMINATORY_PATTERNS: { pattern: RegExp; ground: "sex" | "ethnicity" | "hukou" | "marriage" | "health" | "religion" }[] = [
  { pattern: /(限|仅限|只限|只招|只要|要求)\s*(男|女)(性|士|生)?(?![男女]|不限)/, ground: "sex" },
  { pattern: /(男|女)(性|士|生)?\s*(优先|为主|者优先)/, ground: "sex" },
  { pattern: /(不招|不要|不收|谢绝)\s*(男|女)(性|士|生)?/, ground: "sex" },
  { pattern: /(限|仅限|只限|只招|只要|要求)\s*汉族|汉族\s*(优先|为主)|(不招|不要|谢绝)\s*(少数民族|回族|维族|藏族)/, ground: "ethnicity" },
  {
    pattern:
      /(限|仅限|只限|要求|需)\s*(本地|城镇|非农|北京|天津|京|津)\s*(户口|户籍)|(本地|城镇|北京|天津)\s*(户口|户籍)\s*优先|(限|仅限|要求)\s*(京|津|本市)籍|(不招|不要|谢绝)\s*(农村|外地)\s*(户口|户籍|人)?/,
    ground: "hukou",
  },
  { pattern: /(已婚已育|未婚未育|已育优先|未婚优先|已婚优先|限未婚|限已婚|两年内不(生育|要孩子))/, ground: "marriage" },
  { pattern: /(乙肝|HBV)(携带者|病毒携带)?\s*(不招|不要|勿扰|谢绝)|(不招|不要|谢绝)\s*(乙肝|HBV)/i, ground: "health" },
  { pattern: /(限|仅限|不招|谢绝)\s*(信教|穆斯林|基督徒|佛教徒)/, ground: "religion" },
];

export type DiscriminatoryFinding = { phrase: string; ground: (typeof DISCRIMINATORY_PATTERNS)[number]["ground"] };

/** The first unlawful condition written into `text`, if any. */
export function findDiscriminatoryCondition(text: string): DiscriminatoryFinding | null {
  const normalised = text.normalize("NFKC");
  for (const { pattern, ground } of DISCRIMINATORY_PATTERNS) {
    const m = normalised.match(pattern);
    if (m) return { phrase: m[0].trim(), ground };
  }
  return null;
}

/** Working age: 16 is the legal minimum (Labour Law art. 15); the platform serves people up to 65. */
export const POSTING_MIN_AGE = 16;
export const POSTING_MAX_AGE = 65;

/** The requirements a posting may state, beside the age range (Json column `requirements`). */
export type PostingRequirements = { skills: { occupationCode: string; minLevel: number | null }[]; certificates: string[] };

export function readRequirements(json: unknown): PostingRequirements {
  const r = (json ?? {}) as Partial<PostingRequirements>;
  return {
    skills: Array.isArray(r.skills)
      ? r.skills
          .filter((s) => s && typeof s.occupationCode === "string")
          .map((s) => ({ occupationCode: s.occupationCode, minLevel: typeof s.minLevel === "number" ? s.minLevel : null }))
      : [],
    certificates: Array.isArray(r.certificates) ? r.certificates.filter((c): c is string => typeof c === "string") : [],
  };
}
