// Reading what matching stored (Match.factors, MatchNearMiss.reasons) for display. The JSON is
// written by the matching jobs; these readers are defensive so an older or hand-made row still
// renders (the demo seed's matches carry fewer keys than computed ones).

/** One factor of a score: { factor, weight, value, contribution, note, noteEn } as matching stores it. */
export type FactorRow = { factor: string; weight: number | null; value: number | null; contribution: number | null; note: string | null; noteEn: string | null };

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function readFactorRows(json: unknown): FactorRow[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((f): f is Record<string, unknown> => isRecord(f) && typeof f.factor === "string")
    .map((f) => ({ factor: f.factor as string, weight: num(f.weight), value: num(f.value), contribution: num(f.contribution), note: str(f.note), noteEn: str(f.noteEn) }));
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
