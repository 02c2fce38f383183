// Who is a candidate for a target at all (the service's rule, shared by both engines): matchable
// people with the target's occupation (or a required skill's) among their skills or wished
// occupations; a posting also reaches people with a skill in a related occupation (one training step
// away: the engine keeps them as near-misses, never as matches); a training order also reaches
// everyone willing to train (the class teaches the skill).
import { isMatchable } from "../lifecycle";
import type { MatchTarget, MatchWorker } from "./types";

/** Occupations whose skill (or wish) makes someone a candidate for the target. */
export function targetOccupations(t: MatchTarget): string[] {
  return t.kind === "posting" ? [...new Set([t.occupationCode, ...t.requirements.skills.map((s) => s.occupationCode)])] : [t.occupationCode];
}

/** Occupations whose skill makes someone a candidate: the target's and, for a posting, the related ones. */
export function candidateOccupations(t: MatchTarget): string[] {
  return t.kind === "posting" ? [...new Set([...targetOccupations(t), ...(t.relatedOccupations ?? [])])] : targetOccupations(t);
}

/** The candidate rule (see the header). */
export function isCandidate(w: MatchWorker, t: MatchTarget, occupations: readonly string[] = targetOccupations(t)): boolean {
  if (!isMatchable(w.status)) return false;
  if (t.kind === "trainingOrder" && w.preference?.willingToTrain) return true;
  const related = t.kind === "posting" ? (t.relatedOccupations ?? []) : [];
  return (
    w.skills.some((s) => occupations.includes(s.occupationCode) || related.includes(s.occupationCode)) ||
    (w.preference?.occupationCodes ?? []).some((c) => occupations.includes(c))
  );
}
