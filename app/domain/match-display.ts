// Reading what matching stored (Match.factors, MatchNearMiss.reasons) for display. The JSON is
// written by the matching jobs; these readers are defensive so an older or hand-made row still
// renders (the demo seed's matches carry fewer keys than computed ones).

/** One factor of a score: { factor, weight, value, contribution, note, noteEn } as matching stores it. */
export type FactorRow = {
  factor: string;
  weight: number | null;
  value: number | null;
  contribution: number | null;
  note: string | null;
  noteEn: string | null;
};

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function readFactorRows(json: unknown): FactorRow[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((f): f is Record<string, unknown> => isRecord(f) && typeof f.factor === "string")
    .map((f) => ({
      factor: f.factor as string,
      weight: num(f.weight),
      value: num(f.value),
      contribution: num(f.contribution),
      note: str(f.note),
      noteEn: str(f.noteEn),
    }));
}

/** Why a strong candidate was left out: { code, detail, detailEn } (detail in plain Chinese). */
export type NearMissReason = { code: string; detail: string | null; detailEn: string | null };

export function readNearMissReasons(json: unknown): NearMissReason[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((r): r is Record<string, unknown> => isRecord(r) && typeof r.code === "string")
    .map((r) => ({ code: r.code as string, detail: str(r.detail), detailEn: str(r.detailEn) }));
}

/**
 * Bar lengths for a factor breakdown, as percentages of the largest absolute contribution in the
 * list (so the strongest reason fills the bar, whatever scale matching uses); negative
 * contributions (penalties) keep their sign so they can be drawn differently.
 */
export function factorBars(rows: readonly Pick<FactorRow, "contribution">[]): (number | null)[] {
  const max = Math.max(0, ...rows.map((r) => Math.abs(r.contribution ?? 0)));
  return rows.map((r) => (r.contribution === null ? null : max === 0 ? 0 : Math.round((r.contribution / max) * 100)));
}

/** Contribution as signed points with one decimal: +12.5, −3.0, 0.0 (a real minus sign for screen readers). */
export function signedPoints(contribution: number): string {
  const rounded = Math.round(contribution * 10) / 10;
  if (rounded === 0) return "0.0";
  return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded).toFixed(1)}`;
}

// ───────────── the employer's view of a match ─────────────
//
// Issue 11, item 3: the priority points come from poverty status and consent-gated health and
// disability facts, which are not the employer's to know. An employer sees the fit only: no
// priority factor, no priority or poverty words in the explanation, and a score without the
// priority part (and an order and rank by that score, so the ranking does not give it away).
// Coordinators keep the full view.

/** Factors that are policy priority rather than fit. */
export const PRIORITY_FACTORS: ReadonlySet<string> = new Set(["priority"]);

/** Words that name poverty or priority status, in either language (a segment with one is dropped). */
export const PRIORITY_WORDS =
  /建档立卡|脱贫|贫困|返贫|重点帮扶|帮扶对象|优先群体|政策加分|政策优先|低保|残疾|重病|\b(?:priority|poor|poverty|disab\w*|policy\s*[+−-])/i;

const ZH_SEP = "；";
const EN_SEP = "; ";

function fitSegments(text: string, sep: string): string[] {
  return text
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s && !PRIORITY_WORDS.test(s));
}

/** An explanation with its priority sentences removed (matching joins sentences with "；" / "; "). */
export function fitExplanation(zh: string, en: string | null): { explanationZh: string; explanationEn: string | null } {
  const z = fitSegments(zh, ZH_SEP).join(ZH_SEP);
  if (en === null) return { explanationZh: z, explanationEn: null };
  const e = fitSegments(en, EN_SEP)
    .map((s, i) => (i === 0 ? s[0].toUpperCase() + s.slice(1) : s))
    .join(EN_SEP);
  return { explanationZh: z, explanationEn: e };
}

const clampScore = (s: number) => Math.round(Math.min(100, Math.max(0, s)) * 100) / 100;

/**
 * What an employer may see of a stored match: fit factors only, the explanation without priority
 * sentences, and the score less the priority points. A computed match's score is the (clamped)
 * sum of its factors' contributions, so the fit score is the sum of the others; rows without
 * contributions fall back to subtracting the priority contribution.
 */
export function employerMatchView(m: { score: number; factors: unknown; explanationZh: string; explanationEn: string | null }) {
  const rows = readFactorRows(m.factors);
  const priority = rows.filter((r) => PRIORITY_FACTORS.has(r.factor));
  const nonPriority = rows.filter((r) => !PRIORITY_FACTORS.has(r.factor));
  const fit = nonPriority.filter((r) => !PRIORITY_WORDS.test(`${r.note ?? ""} ${r.noteEn ?? ""}`));
  let score = m.score;
  if (priority.length > 0) {
    const complete = rows.every((r) => r.contribution !== null);
    score = complete
      ? clampScore(nonPriority.reduce((sum, r) => sum + (r.contribution ?? 0), 0))
      : clampScore(m.score - priority.reduce((sum, r) => sum + (r.contribution ?? 0), 0));
  }
  return { score, factors: fit, ...fitExplanation(m.explanationZh, m.explanationEn) };
}

/**
 * Ranks by fit score for the employer: the stored rank orders by the full score, priority points
 * included, so it is recomputed over the ranked matches (hand-made ones keep null).
 */
export function employerRanks<T extends { rank: number | null; score: number }>(items: readonly T[]): Map<T, number | null> {
  const ranked = items.filter((i) => i.rank !== null).sort((a, b) => b.score - a.score || a.rank! - b.rank!);
  const out = new Map<T, number | null>(items.map((i) => [i, null]));
  ranked.forEach((i, n) => out.set(i, n + 1));
  return out;
}
