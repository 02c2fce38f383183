// Matching benchmark (issue #5, part 10, first three bullets): the scoring core only — synthetic
// workers in memory, no database load and no upserts. Script-style; `npm run bench -- --only matching`.
import {
  DEFAULT_MATCH_POLICY,
  columnsByteLength,
  encodeWorkerStream,
  rankColumns,
  type MatchWorker,
  type PostingTarget,
  type WorkerColumns,
} from "~/domain/matching";
import { prng } from "~/domain/prng";

const OCCUPATIONS = [
  "electrician",
  "welder",
  "elderly-carer",
  "domestic-helper",
  "maternity-carer",
  "infant-carer",
  "security-guard",
  "cleaner",
  "cook",
  "courier",
  "warehouse-worker",
  "assembly-worker",
  "sewing-worker",
  "luggage-maker",
  "stone-carver",
  "ecommerce-service",
  "driver",
  "bricklayer",
  "painter",
  "forklift-driver",
];
const COUNTIES = Array.from({ length: 62 }, (_, i) => String(130100 + (i % 11) * 100 + 21 + Math.floor(i / 11)));
const DESTINATIONS = ["110105", "110108", "110106", "110112", "120104", "120116", "130602", "130102"];
const KINDS = ["BEIJING_TIANJIN", "OTHER_OUT_OF_PROVINCE", "WITHIN_HEBEI", "LOCAL_COUNTY", "HOME_BASED"] as const;
export const BENCH_TODAY = "2026-11-28";

/** The i-th synthetic worker of a deterministic population (same seed → same people). */
export function syntheticWorkers(seed: number) {
  const r = prng(seed);
  return (i: number): MatchWorker => {
    const county = r.pick(COUNTIES);
    const nSkills = r.int(0, 3);
    const skills = Array.from({ length: nSkills }, () => ({
      occupationCode: r.pick(OCCUPATIONS),
      level: r.chance(0.3) ? null : r.int(1, 5),
      hasCertificate: r.chance(0.35),
      yearsExperience: r.chance(0.2) ? null : r.int(0, 15),
    }));
    const hasPref = r.chance(0.85);
    return {
      id: `w${String(i).padStart(8, "0")}`,
      version: 1,
      countyCode: county,
      townshipCode: `${county}${r.int(100, 120)}`,
      villageKey: `${county}-${r.int(1, 200)}`,
      birthDate: `${r.int(1958, 2009)}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`,
      skills,
      preference: hasPref
        ? {
            destinationKinds: KINDS.filter(() => r.chance(0.3)),
            destinationRegionCodes: r.chance(0.3) ? [r.pick(DESTINATIONS)] : [],
            occupationCodes: r.chance(0.6) ? [r.pick(OCCUPATIONS), r.pick(OCCUPATIONS)] : [],
            minMonthlyWage: r.chance(0.7) ? r.int(30, 80) * 100 : null,
            willingToTrain: r.chance(0.7),
            trainingKinds: r.chance(0.5) ? [r.pick(["ORDER_BASED", "POST_BASED", "COMPOUND"] as const)] : [],
            homeBasedOnly: r.chance(0.08),
            availableFrom: r.chance(0.3) ? `2027-0${r.int(1, 6)}-${String(r.int(1, 28)).padStart(2, "0")}` : null,
          }
        : null,
      isRegisteredPoor: r.chance(0.4),
      hasPriorityFactors: r.chance(0.1),
      atRiskOfPoverty: r.chance(0.05),
      status: r.chance(0.8) ? "REGISTERED" : r.pick(["MATCHED", "IN_TRAINING", "TRAINED", "PLACED", "STABLE", "LEFT"] as const),
      declinedEmployerIds: r.chance(0.02) ? [`e${r.int(0, 99)}`] : [],
      declinedByTargetIds: r.chance(0.01) ? [`p${r.int(0, 999)}`] : [],
    };
  };
}

/** Postings as employers write them: most require a skill (often with a level), some a certificate, an age range. */
export function syntheticPostings(count: number, seed: number): PostingTarget[] {
  const r = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const occ = r.pick(OCCUPATIONS);
    const wageMin = r.int(40, 70) * 100;
    const requireSkill = r.chance(0.6);
    return {
      kind: "posting",
      id: `p${i}`,
      version: 1,
      employerId: `e${r.int(0, 99)}`,
      occupationCode: occ,
      wageMin,
      wageMax: wageMin + r.int(0, 25) * 100,
      workRegionCode: r.chance(0.8) ? r.pick(DESTINATIONS) : r.pick(COUNTIES),
      startDate: `2026-12-${String(r.int(1, 28)).padStart(2, "0")}`,
      requirements: {
        skills: requireSkill ? [{ occupationCode: occ, minLevel: r.chance(0.5) ? r.int(3, 5) : null }] : [],
        certificates: requireSkill && r.chance(0.3) ? ["上岗证"] : [],
      },
      ageMin: r.chance(0.5) ? 18 : null,
      ageMax: r.chance(0.6) ? r.int(45, 60) : null,
      headcount: r.int(1, 30),
      housing: r.chance(0.6),
      meals: r.chance(0.5),
      socialInsurance: r.chance(0.8),
      homeBased: false,
      employerRecord: r.chance(0.5) ? r.next() : null,
    };
  });
}

/** Wall and CPU milliseconds of fn (CPU = this process's user + system time: on a shared machine the wall clock also counts waiting for a core). */
function timed<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** The practical limit of one core: a Float32Array dot product over the same workers × features. */
function dotScan(features: Float32Array, weights: Float32Array, n: number, k: number): number {
  let best = -Infinity;
  for (let i = 0, o = 0; i < n; i++, o += k) {
    let s = 0;
    for (let j = 0; j < k; j++) s += features[o + j] * weights[j];
    if (s > best) best = s;
  }
  return best;
}

export type MatchingBenchResult = {
  workers: number;
  encodeSeconds: number;
  typedArrayMb: number;
  heapMb: number;
  throughput: { runs: number; features: number; eligible: number; full: Rate; engine: Rate; dot: Rate };
  onePosting: { runs: number; wall: Percentiles; cpu: Percentiles; eligibleAvg: number; consideredAvg: number; top: number };
  nightly: {
    workers: number;
    postings: number;
    wallSeconds: number;
    cpuSeconds: number;
    pairsPerSecondWall: number;
    pairsPerSecondCpu: number;
    matches: number;
  };
};
export type Rate = { pairsPerSecondWall: number; pairsPerSecondCpu: number };
export type Percentiles = { p50: number; p95: number; max: number };

export async function benchMatching(
  opts: { workers?: number; nightlyWorkers?: number; nightlyPostings?: number; runs?: number } = {},
): Promise<MatchingBenchResult> {
  const n = opts.workers ?? 1_000_000;
  const policy = DEFAULT_MATCH_POLICY;
  const today = BENCH_TODAY;
  const heapBefore = process.memoryUsage().heapUsed;
  const enc = timed(() => encodeWorkerStream(n, syntheticWorkers(7)));
  const cols: WorkerColumns = enc.value;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const typedArrayMb = columnsByteLength(cols) / 1e6;

  // 1. Throughput. "full": a posting with no skill requirement, prune off, so every person goes
  // through every hard constraint and, if eligible, every factor. "engine": the same posting as the
  // service runs it (candidate generation + pruning). "dot": Float32Array dot product, same n × features.
  const open: PostingTarget = {
    ...syntheticPostings(1, 3)[0],
    requirements: { skills: [], certificates: [] },
    ageMin: null,
    ageMax: null,
    workRegionCode: "110105",
  };
  const F = 10; // soft factors: 4 employer side, 3 worker side, record, priority, decline
  const features = new Float32Array(n * F);
  const fr = prng(11);
  for (let i = 0; i < features.length; i++) features[i] = fr.next();
  const weights = Float32Array.from({ length: F }, (_, j) => 1 + j);
  const runs = 5;
  let sink = 0,
    openEligible = 0;
  const acc = () => ({ wall: 0, cpu: 0 });
  const full = acc(),
    engine = acc(),
    dot = acc();
  const add = (a: { wall: number; cpu: number }, t: { wallMs: number; cpuMs: number }) => {
    a.wall += t.wallMs;
    a.cpu += t.cpuMs;
  };
  rankColumns(open, cols, policy, { today, prune: false });
  rankColumns(open, cols, policy, { today });
  dotScan(features, weights, n, F); // warm up
  for (let i = 0; i < runs; i++) {
    const f = timed(() => rankColumns(open, cols, policy, { today, prune: false }));
    add(full, f);
    openEligible = f.value.eligible;
    const e = timed(() => rankColumns(open, cols, policy, { today }));
    add(engine, e);
    sink += e.value.top.length;
    const d = timed(() => dotScan(features, weights, n, F));
    add(dot, d);
    sink += d.value;
  }
  const rate = (a: { wall: number; cpu: number }): Rate => ({
    pairsPerSecondWall: (n * runs) / (a.wall / 1000),
    pairsPerSecondCpu: (n * runs) / (a.cpu / 1000),
  });
  const throughput = { runs, features: F, eligible: openEligible, full: rate(full), engine: rate(engine), dot: rate(dot) };

  // 2. One posting at a time with hard filters and top 200.
  const postings = syntheticPostings(opts.runs ?? 40, 5);
  const wall: number[] = [],
    cpu: number[] = [];
  let eligible = 0,
    top = 0,
    considered = 0;
  // Warm-up: one pass over the same postings (a worker process is long-lived; the first calls compile).
  for (const p of postings) rankColumns(p, cols, policy, { today });
  for (const p of postings) {
    const r = timed(() => rankColumns(p, cols, policy, { today }));
    wall.push(r.wallMs);
    cpu.push(r.cpuMs);
    eligible += r.value.eligible;
    top += r.value.top.length;
    considered += r.value.pairsScored;
  }
  const perc = (xs: number[]): Percentiles => ({ p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs) });
  const onePosting = {
    runs: postings.length,
    wall: perc(wall),
    cpu: perc(cpu),
    eligibleAvg: eligible / postings.length,
    consideredAvg: considered / postings.length,
    top: top / postings.length,
  };

  // 3. Nightly re-match: every open posting against the province's workers, columnar path.
  const nw = opts.nightlyWorkers ?? 100_000,
    np = opts.nightlyPostings ?? 1000;
  const nightCols = encodeWorkerStream(nw, syntheticWorkers(9));
  const nightPostings = syntheticPostings(np, 13);
  for (const p of nightPostings.slice(0, 20)) rankColumns(p, nightCols, policy, { today });
  const night = timed(() => {
    let m = 0;
    for (const p of nightPostings) m += rankColumns(p, nightCols, policy, { today }).top.length;
    return m;
  });
  if (sink < 0) console.log(sink);
  return {
    workers: n,
    encodeSeconds: enc.wallMs / 1000,
    typedArrayMb,
    heapMb,
    throughput,
    onePosting,
    nightly: {
      workers: nw,
      postings: np,
      wallSeconds: night.wallMs / 1000,
      cpuSeconds: night.cpuMs / 1000,
      pairsPerSecondWall: (nw * np) / (night.wallMs / 1000),
      pairsPerSecondCpu: (nw * np) / (night.cpuMs / 1000),
      matches: night.value,
    },
  };
}
