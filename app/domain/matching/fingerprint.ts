// Compact fingerprints of kept rows (issue 12): the nightly re-match compares a fingerprint of
// everything a stored row was built from, instead of rebuilding the explanation and factors of every
// kept row to compare the text. A row's score, factors, explanations, near-miss reasons and training
// suggestion are a pure function of
//   - the worker as decodeWorker gives it back from the columns (every field, hashed by value, so
//     two encodings in a different order or in another process give the same fingerprint),
//   - the target, the policy and the labels (occupation names, the target's place names) and, for a
//     near-miss, the open training orders: hashed once per target by the service (targetPrint),
//   - "today", which reaches the row only through two per-pair quantities: the days late
//     (availability vs the start date, which is today when the target names none or a past one) and
//     whether the age fits the target's range (younger, older, under 16). Those two are hashed, not
//     the date, so a new day leaves a row's fingerprint alone unless it changes what the row says.
// Equal fingerprints (with equal score, rank and versions, compared separately) mean the row would
// be written the same; any difference rewrites it. The property test (fingerprint.test.ts) checks
// both directions on random workers, targets, policies and days.
import type { WorkerColumns } from "./columns";
import { NONE, ymd } from "./kernel";
import type { MatchPolicy } from "./policy";
import { targetFacts } from "./score";
import type { Day, MatchTarget } from "./types";

/** Two independent 32-bit murmur3-style lanes (64 bits in all: a collision is ~1 in 1.8e19 per changed row). */
class Hasher {
  a: number;
  b: number;
  constructor(a: number, b: number) {
    this.a = a | 0;
    this.b = b | 0;
  }
  int(v: number): this {
    let k = Math.imul(v | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let a = this.a ^ k;
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let j = Math.imul(v | 0, 0x85ebca6b) ^ 0x27d4eb2f;
    j = (j << 17) | (j >>> 15);
    j = Math.imul(j, 0xc2b2ae35);
    let b = this.b ^ j;
    b = (b << 11) | (b >>> 21);
    this.b = (Math.imul(b, 9) + 0x165667b1) | 0;
    return this;
  }
  /** A string by its UTF-16 code units, its length first (so lists of strings cannot run together). */
  str(s: string | null): this {
    if (s === null) return this.int(-7);
    this.int(s.length);
    for (let i = 0; i < s.length; i++) this.int(s.charCodeAt(i));
    return this;
  }
  hex(): string {
    return (
      fmix(this.a).toString(16).padStart(8, "0") +
      fmix(this.b ^ 0x5bd1e995)
        .toString(16)
        .padStart(8, "0")
    );
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The per-target part of the fingerprints (built once per target; the service adds the labels and open orders as `context`). */
export type TargetPrint = { a: number; b: number; startDay: number; bornAfter: number; bornBy: number; under16: number };

/**
 * targetPrint: the target (every field, its version included), the policy and `context` (whatever
 * else the rows are built from that is not in the worker: labels, open training orders), hashed;
 * plus the day-dependent cut-offs the pair part needs (the start day, the age range's birth dates).
 */
export function targetPrint(target: MatchTarget, policy: MatchPolicy, today: Day, context: string): TargetPrint {
  const f = targetFacts(target, today);
  const h = new Hasher(0x9747b28c, 0x2f8a6b1d).str(JSON.stringify(target)).str(JSON.stringify(policy)).str(context);
  const todayYmd = ymd(today);
  return {
    a: h.a,
    b: h.b,
    startDay: f.startDay,
    bornAfter: todayYmd - (f.ageMax + 1) * 10000,
    bornBy: todayYmd - f.ageMin * 10000,
    under16: todayYmd - 160000,
  };
}

function list(h: Hasher, start: Int32Array, ids: Int32Array, i: number, values: readonly string[]) {
  h.int(start[i + 1] - start[i]);
  for (let j = start[i]; j < start[i + 1]; j++) h.str(values[ids[j]]);
}

/**
 * The worker part, by value: every field decodeWorker reads. Cached per column set (computed the
 * first time a row is kept; a column set's rows never change, a changed person is re-encoded elsewhere).
 */
const workerLanes = new WeakMap<WorkerColumns, { a: Int32Array; b: Int32Array; done: Uint8Array }>();
function lanesOf(c: WorkerColumns, i: number): { a: Int32Array; b: Int32Array } {
  let cache = workerLanes.get(c);
  if (!cache) {
    cache = { a: new Int32Array(c.n), b: new Int32Array(c.n), done: new Uint8Array(c.n) };
    workerLanes.set(c, cache);
  }
  if (cache.done[i] === 0) {
    const h = new Hasher(0x1b873593, 0x68e31da4);
    const d = c.dict;
    h.str(c.ids[i])
      .int(c.versions[i])
      .int(c.flags[i] | 1)
      .int(c.status[i])
      .str(d.counties.values[c.countyId[i]])
      .int(c.township[i])
      .str(c.village[i] === NONE ? null : d.villages.values[c.village[i]])
      .int(c.birthYmd[i])
      .int(c.minWage[i])
      .int(c.availDay[i]);
    list(h, c.destKindList.start, c.destKindList.ids, i, d.kinds.values);
    list(h, c.destRegions.start, c.destRegions.ids, i, d.regions.values);
    list(h, c.prefOccupations.start, c.prefOccupations.ids, i, d.occupations.values);
    list(h, c.trainKindList.start, c.trainKindList.ids, i, d.kinds.values);
    list(h, c.declinedEmployers.start, c.declinedEmployers.ids, i, d.employers.values);
    list(h, c.declinedTargets.start, c.declinedTargets.ids, i, d.targets.values);
    h.int(c.skillStart[i + 1] - c.skillStart[i]);
    for (let j = c.skillStart[i]; j < c.skillStart[i + 1]; j++)
      h.str(d.occupations.values[c.skillOcc[j]]).int(c.skillLevel[j]).int(c.skillCert[j]).int(c.skillYears[j]);
    cache.a[i] = h.a;
    cache.b[i] = h.b;
    cache.done[i] = 1;
  }
  return cache;
}

/**
 * The fingerprint of the row for worker i of the columns and this target: 16 hex digits. `kind`
 * tells a match from a near-miss (the same person in the other table is another row).
 */
export function pairFingerprint(c: WorkerColumns, i: number, t: TargetPrint, kind: "match" | "near"): string {
  const w = lanesOf(c, i);
  const h = new Hasher(t.a, t.b)
    .int(kind === "match" ? 1 : 2)
    .int(w.a[i])
    .int(w.b[i]);
  // What "today" changes in this pair: the days late, and where the age stands against the range.
  const avail = c.availDay[i];
  const birth = c.birthYmd[i];
  h.int(avail === NONE ? 0 : avail - t.startDay).int(birth > t.under16 ? 3 : birth <= t.bornAfter ? 2 : birth > t.bornBy ? 1 : 0);
  return h.hex();
}

/** A stable hash of any JSON-able value, as 16 hex digits (the service's label and open-order context). */
export function valueHash(value: unknown): string {
  return new Hasher(0x3c6ef372, 0x1f83d9ab).str(JSON.stringify(value)).hex();
}
