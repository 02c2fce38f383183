// Placements (转移就业): the transfer type, the fraud flags a placement is checked against, the
// verification steps, the follow-up schedule, the local minimum wage, and the sampled
// re-verification draw. Pure functions; the services load the facts and store the results.
//
// Why so much care: a placement only counts toward a county's plan once VERIFIED (PRODUCT.md), and
// comparable programmes were undone by placements that were never real. So every suspicious fact
// becomes a flag with its reason, shown to the coordinator, never silently dropped or counted.
import { addMonths } from "~/platform/china-time";
import { transferTypeFor } from "./match";
import { minimumWageFor, type MinimumWageEntry } from "./reference/minimum-wages";

export const TRANSFER_TYPES = ["BEIJING_TIANJIN", "OTHER_OUT_OF_PROVINCE", "WITHIN_HEBEI", "LOCAL_COUNTY", "HOME_BASED"] as const;
export type TransferType = (typeof TRANSFER_TYPES)[number];

export const VERIFICATION_STATUSES = ["UNVERIFIED", "VERIFIED", "FLAGGED", "REJECTED"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/**
 * The transfer type is derived from the worker's household county and the place of work; the only
 * override a coordinator may choose is home-based work (a cottage workshop near home), which the
 * place alone cannot tell.
 */
export function placementTransferType(workerCountyCode: string, workRegionCode: string, homeBased: boolean): TransferType {
  return homeBased ? "HOME_BASED" : transferTypeFor(workerCountyCode, workRegionCode);
}

// ───────────── dates ─────────────

/** 跟踪回访 at 1, 3, 6 and 12 months after the start of work. */
export const FOLLOW_UP_MONTHS = [1, 3, 6, 12] as const;

export function followUpSchedule(startDate: string): { dueMonth: number; dueAt: string }[] {
  return FOLLOW_UP_MONTHS.map((dueMonth) => ({ dueMonth, dueAt: addMonths(startDate, dueMonth) }));
}

/** Do two employment periods share a day? An open end (null) means still working. Days are ISO strings. */
export function periodsOverlap(a: { start: string; end: string | null }, b: { start: string; end: string | null }): boolean {
  return a.start <= (b.end ?? "9999-12-31") && b.start <= (a.end ?? "9999-12-31");
}

// ───────────── the local minimum wage ─────────────

// The table (per-row sources, Hebei's tier-to-county list) lives in ./reference/minimum-wages; an
// administrator's rows come from reference overrides (services/reference.server), merged by
// minimumWagesInForce. See docs/reference-data.md.
export { MINIMUM_WAGES, minimumWageFor, minimumWagesInForce, type MinimumWageEntry } from "./reference/minimum-wages";

// ───────────── fraud flags ─────────────

export const FLAG_CODES = ["overlap", "belowMinimumWage", "belowCommittedWage", "employerNotVerified", "staffOfEmployer", "staffOfProvider"] as const;
export type FlagCode = (typeof FLAG_CODES)[number];
/** `detail` carries the facts behind the reason (numbers, dates, names) for the i18n message. */
export type PlacementFlag = { code: FlagCode; detail: Record<string, string | number> };

export type FlagFacts = {
  placement: { id: string | null; startDate: string; endDate: string | null; monthlyWage: number; workRegionCode: string };
  /** The same person's other placements (rejected ones left out by the caller). */
  otherPlacements: { id: string; startDate: string; endDate: string | null; employerName: string }[];
  employer: { name: string; status: string };
  /** The ORDER_BASED training order the placement comes from (through its class or match), if any. */
  order: { title: string; commitWage: number | null } | null;
  /** Accounts that are the same person (ID number or phone blind index, or their own account) and belong to the employer or the class's provider. */
  staffLinks: { kind: "employer" | "provider"; via: "idNumber" | "phone" | "account" }[];
  minimumWages?: readonly MinimumWageEntry[];
};

export function placementFlags(f: FlagFacts): PlacementFlag[] {
  const flags: PlacementFlag[] = [];
  const me = { start: f.placement.startDate, end: f.placement.endDate };
  for (const other of f.otherPlacements) {
    if (other.id === f.placement.id) continue;
    if (periodsOverlap(me, { start: other.startDate, end: other.endDate })) {
      flags.push({ code: "overlap", detail: { employer: other.employerName, start: other.startDate, end: other.endDate ?? "" } });
    }
  }
  const minimum = minimumWageFor(f.placement.workRegionCode, f.placement.startDate, f.minimumWages);
  if (minimum && f.placement.monthlyWage < minimum.monthly) {
    // The flag names the rule, the amount and the document it comes from (shown to the coordinator).
    flags.push({
      code: "belowMinimumWage",
      detail: { wage: f.placement.monthlyWage, minimum: minimum.monthly, area: minimum.label, effective: minimum.effective, source: minimum.source },
    });
  }
  if (f.order?.commitWage != null && f.placement.monthlyWage < f.order.commitWage) {
    flags.push({ code: "belowCommittedWage", detail: { wage: f.placement.monthlyWage, committed: f.order.commitWage, order: f.order.title } });
  }
  if (f.employer.status !== "VERIFIED") flags.push({ code: "employerNotVerified", detail: { employer: f.employer.name, status: f.employer.status } });
  for (const kind of ["employer", "provider"] as const) {
    const link = f.staffLinks.find((l) => l.kind === kind);
    if (link) flags.push({ code: kind === "employer" ? "staffOfEmployer" : "staffOfProvider", detail: { via: link.via } });
  }
  return flags;
}

/** Stored flags, read defensively (the column is JSON). */
export const readFlags = (json: unknown): PlacementFlag[] => readStoredFlags(json, FLAG_CODES);

/** A JSON column of flags ({ code, detail }), read defensively: entries with an unknown code are dropped, a missing detail is empty. */
export function readStoredFlags<C extends string>(json: unknown, codes: readonly C[]): { code: C; detail: Record<string, string | number> }[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter(
      (f): f is { code: C; detail: Record<string, string | number> } =>
        typeof f === "object" && f !== null && (codes as readonly string[]).includes((f as { code?: string }).code ?? ""),
    )
    .map((f) => ({ code: f.code, detail: typeof f.detail === "object" && f.detail !== null ? f.detail : {} }));
}

/**
 * While nobody has decided, the status follows the flags: FLAGGED with any flag, UNVERIFIED without.
 * A decided placement (VERIFIED, REJECTED) keeps its status; new flags still show on it.
 */
export function statusAfterFlags(current: VerificationStatus, flags: PlacementFlag[]): VerificationStatus {
  if (current === "UNVERIFIED" || current === "FLAGGED") return flags.length > 0 ? "FLAGGED" : "UNVERIFIED";
  return current;
}

// ───────────── verification ─────────────

export const VERIFICATION_DECISIONS = ["verify", "flag", "reject"] as const;
export type VerificationDecision = (typeof VERIFICATION_DECISIONS)[number];

const DECISIONS: Record<VerificationDecision, { from: readonly VerificationStatus[]; to: VerificationStatus }> = {
  verify: { from: ["UNVERIFIED", "FLAGGED"], to: "VERIFIED" },
  flag: { from: ["UNVERIFIED"], to: "FLAGGED" },
  // Rejecting a verified placement withdraws it from the plan (the worker's status is revoked).
  reject: { from: ["UNVERIFIED", "FLAGGED", "VERIFIED"], to: "REJECTED" },
};

export type DecisionStep = { ok: true; to: VerificationStatus } | { ok: false; reason: "notAllowed" | "noteRequired" };

/**
 * A coordinator's decision. Flagging, rejecting, and verifying a placement that carries flags need
 * a note saying why (the review is audited); verifying a clean one does not.
 */
export function verificationStep(
  current: VerificationStatus,
  decision: VerificationDecision,
  ctx: { flags: PlacementFlag[]; note: string | null | undefined },
): DecisionStep {
  const rule = DECISIONS[decision];
  if (!rule.from.includes(current)) return { ok: false, reason: "notAllowed" };
  const hasNote = (ctx.note ?? "").trim().length > 0;
  if (!hasNote && (decision !== "verify" || ctx.flags.length > 0)) return { ok: false, reason: "noteRequired" };
  return { ok: true, to: rule.to };
}

export function availableDecisions(current: VerificationStatus): VerificationDecision[] {
  return VERIFICATION_DECISIONS.filter((d) => DECISIONS[d].from.includes(current));
}

/** Only verified placements count toward plans (PRODUCT.md). */
export const countsTowardPlan = (status: VerificationStatus) => status === "VERIFIED";

// ───────────── sampled re-verification ─────────────

/** FNV-1a (32 bit): a stable, well-spread number from a string, so a draw is reproducible. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export const SAMPLE_RATE = 0.1;

/**
 * Which verified placements of one county and month to draw into the re-verification queue:
 * 10 % (at least one) of those verified in the month, less those already drawn. The order is a
 * keyed hash of the placement id and the month, so the draw is the same however often it runs and
 * cannot be predicted from the order of entry.
 */
export function sampleDraw(month: string, placements: { id: string; sampled: boolean }[], rate = SAMPLE_RATE): string[] {
  if (placements.length === 0) return [];
  const target = Math.max(1, Math.ceil(placements.length * rate));
  const already = placements.filter((p) => p.sampled).length;
  const need = target - already;
  if (need <= 0) return [];
  return placements
    .filter((p) => !p.sampled)
    .sort((a, b) => stableHash(`${month}:${a.id}`) - stableHash(`${month}:${b.id}`) || (a.id < b.id ? -1 : 1))
    .slice(0, need)
    .map((p) => p.id);
}

// ───────────── evidence files ─────────────

export const EVIDENCE_KINDS = ["LABOUR_CONTRACT", "PAY_RECORD", "SOCIAL_INSURANCE", "OTHER"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/** The file's real type from its first bytes (never its name): PDF, JPEG or PNG; anything else is refused. */
export function sniffEvidenceType(bytes: Uint8Array): "application/pdf" | "image/jpeg" | "image/png" | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  return null;
}

export const EVIDENCE_EXTENSION = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" } as const;
