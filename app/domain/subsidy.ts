// Subsidies (补贴): which claims the records entitle, how a claim moves from generated to paid,
// who may approve it, and which facts raise a flag. Pure: the service loads the facts and writes.
// Amounts and eligibility live in versioned SubsidyPolicy rows (docs/subsidies.md), never here.
import { levelOfCode, isWithinRegion } from "./regions";
import { readStoredFlags, type TransferType } from "./placement";

export const SUBSIDY_KINDS = ["TRAINING", "LIVING_ALLOWANCE", "TRANSPORT", "HIRING"] as const;
export type SubsidyKind = (typeof SUBSIDY_KINDS)[number];
export const SUBSIDY_PAYEES = ["PROVIDER", "WORKER", "EMPLOYER"] as const;
export type SubsidyPayee = (typeof SUBSIDY_PAYEES)[number];
export const SUBSIDY_UNITS = ["PERSON", "DAY"] as const;
export type SubsidyUnit = (typeof SUBSIDY_UNITS)[number];
export const CLAIM_STATUSES = ["OPEN", "PREPARED", "APPROVED", "REJECTED", "BATCHED", "PAID", "WITHDRAWN"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
/**
 * The certificate a graduate earned, as 《就业补助资金管理办法》（财社〔2017〕164号） pays the training
 * subsidy by it: a vocational qualification / skill-level certificate at national level 5 (初级工) … 1
 * (高级技师), a 专项职业能力证书, or a 培训合格证书. Provinces set the amount per level in their notices.
 */
export const CERTIFICATE_LEVELS = ["LEVEL_5", "LEVEL_4", "LEVEL_3", "LEVEL_2", "LEVEL_1", "SPECIAL_ABILITY", "TRAINING_CERTIFICATE"] as const;
export type CertificateLevel = (typeof CERTIFICATE_LEVELS)[number];

/** The parts of a policy row the rules read (days are "YYYY-MM-DD", China calendar). */
export type PolicyRule = {
  id: string;
  code: string;
  version: number;
  kind: SubsidyKind;
  amount: number;
  unit: SubsidyUnit;
  maxUnits: number | null;
  payee: SubsidyPayee;
  occupationCode: string | null;
  transferTypes: TransferType[];
  retentionMonths: number | null;
  requireRegisteredPoor: boolean;
  requirePovertyCounty: boolean;
  requireCertificate: boolean;
  /** Pays only graduates holding a certificate of this level (null = any level). */
  certificateLevel: CertificateLevel | null;
  validFrom: string;
  validTo: string | null;
};

/** The newest version of each policy code; a claim is computed with the policy in force on its record's day. */
export function currentVersions<T extends { code: string; version: number }>(rows: T[]): T[] {
  const best = new Map<string, T>();
  for (const r of rows) {
    const b = best.get(r.code);
    if (!b || r.version > b.version) best.set(r.code, r);
  }
  return [...best.values()];
}

export const inForce = (p: Pick<PolicyRule, "validFrom" | "validTo">, day: string) => p.validFrom <= day && (p.validTo === null || day <= p.validTo);

/** The person as the eligibility rules see them. */
export type PersonFacts = { workerId: string; countyCode: string; isRegisteredPoor: boolean; inPovertyCounty: boolean };

function personQualifies(p: PolicyRule, person: PersonFacts): boolean {
  if (p.requireRegisteredPoor && !person.isRegisteredPoor) return false;
  if (p.requirePovertyCounty && !person.inPovertyCounty) return false;
  return true;
}

/**
 * The version of each code that governs `day`: a version supersedes the earlier ones from its
 * `validFrom` on, so the newest version that had started by then — and only if it has not ended.
 */
export function versionsOn(policies: PolicyRule[], day: string): PolicyRule[] {
  return currentVersions(policies.filter((p) => p.validFrom <= day)).filter((p) => inForce(p, day));
}

/**
 * How specific a policy is: occupation and certificate level (3) over occupation (2) over level (1)
 * over neither (0). A policy naming its occupation is about that trade; the level refines it.
 */
export const specificity = (p: Pick<PolicyRule, "occupationCode" | "certificateLevel">) =>
  (p.occupationCode !== null ? 2 : 0) + (p.certificateLevel !== null ? 1 : 0);

/**
 * Among the policies of a kind governing `day` that the person and record qualify for, the one
 * that pays: the most specific (see `specificity`), then the highest amount, then the code (so the
 * choice is stable). One policy, so one claim of the kind per record.
 */
export function pickPolicy(policies: PolicyRule[], kind: SubsidyKind, day: string, person: PersonFacts, fits: (p: PolicyRule) => boolean): PolicyRule | null {
  const candidates = versionsOn(policies, day).filter((p) => p.kind === kind && personQualifies(p, person) && fits(p));
  candidates.sort((a, b) => specificity(b) - specificity(a) || b.amount - a.amount || a.code.localeCompare(b.code));
  return candidates[0] ?? null;
}

/**
 * Does the graduate's certificate meet the policy's certificate terms? A level condition (or
 * `requireCertificate`) needs a passed assessment with a certificate number; a level condition also
 * needs that exact level recorded.
 */
export function certificateFits(
  p: Pick<PolicyRule, "requireCertificate" | "certificateLevel">,
  e: Pick<EnrollmentFacts, "assessmentPassed" | "certificateNumber" | "certificateLevel">,
): boolean {
  if (!p.requireCertificate && p.certificateLevel === null) return true;
  if (e.assessmentPassed !== true || !e.certificateNumber) return false;
  return p.certificateLevel === null || p.certificateLevel === e.certificateLevel;
}

/** `level`: on an assessment, the certificate level it recorded (shown on the claim's evidence). */
export type EvidenceRef = {
  type: "trainingClass" | "enrollment" | "assessment" | "attendance" | "placement" | "followUp";
  id: string;
  label: string;
  level?: CertificateLevel;
};

/** What a record entitles: one claim, before it is written. `period` makes it one per person, kind and period. */
export type Entitlement = {
  kind: SubsidyKind;
  policyId: string;
  policyCode: string;
  workerId: string;
  countyCode: string;
  period: string;
  units: number;
  amount: number;
  payeeType: SubsidyPayee;
  payeeId: string;
  payeeName: string;
  source: { trainingClassId?: string; enrollmentId?: string; placementId?: string; followUpId?: string };
  evidence: EvidenceRef[];
};

const units = (p: PolicyRule, n: number) => Math.max(0, p.maxUnits === null ? n : Math.min(n, p.maxUnits));

/** One enrollment of a finished class, as its claims need it. */
export type EnrollmentFacts = {
  person: PersonFacts;
  enrollmentId: string;
  status: "COMPLETED" | "FAILED" | "DROPPED" | "ENROLLED" | "WAITLISTED";
  /** China day the class finished (completion). */
  completedOn: string | null;
  certificateNumber: string | null;
  /** The level of the certificate earned (null: none recorded). */
  certificateLevel: CertificateLevel | null;
  assessmentPassed: boolean | null;
  /** Distinct China days with a PRESENT mark. */
  attendedDays: number;
};
export type ClassFacts = {
  id: string;
  name: string;
  occupationCode: string;
  status: "PLANNED" | "RUNNING" | "FINISHED" | "CANCELLED";
  provider: { id: string; name: string };
};

/**
 * A finished class entitles, per person: the training subsidy when they COMPLETED (and, if the policy
 * asks, hold a certificate), and the living allowance per attended day when they completed or failed
 * (they were in training those days) and qualify (registered poor …). Nothing before the class finished.
 */
export function classEntitlements(cls: ClassFacts, people: EnrollmentFacts[], policies: PolicyRule[]): Entitlement[] {
  if (cls.status !== "FINISHED") return [];
  const out: Entitlement[] = [];
  for (const e of people) {
    if (!e.completedOn || (e.status !== "COMPLETED" && e.status !== "FAILED")) continue;
    const period = e.completedOn.slice(0, 4);
    const base = { workerId: e.person.workerId, countyCode: e.person.countyCode, period, source: { trainingClassId: cls.id, enrollmentId: e.enrollmentId } };
    const classRef: EvidenceRef = { type: "trainingClass", id: cls.id, label: cls.name };
    const fitsClass = (p: PolicyRule) => (p.occupationCode === null || p.occupationCode === cls.occupationCode) && certificateFits(p, e);
    if (e.status === "COMPLETED") {
      const p = pickPolicy(policies, "TRAINING", e.completedOn, e.person, fitsClass);
      if (p) {
        const n = units(p, 1);
        out.push({
          ...base,
          ...paid(p, n),
          ...payee(p, cls, e),
          evidence: [
            classRef,
            { type: "enrollment", id: e.enrollmentId, label: "COMPLETED" },
            ...(e.certificateNumber
              ? [{ type: "assessment" as const, id: e.enrollmentId, label: e.certificateNumber, ...(e.certificateLevel ? { level: e.certificateLevel } : {}) }]
              : []),
          ],
        });
      }
    }
    if (e.attendedDays > 0) {
      const p = pickPolicy(policies, "LIVING_ALLOWANCE", e.completedOn, e.person, fitsClass);
      if (p) {
        const n = p.unit === "DAY" ? units(p, e.attendedDays) : units(p, 1);
        out.push({
          ...base,
          ...paid(p, n),
          ...payee(p, cls, e),
          evidence: [classRef, { type: "attendance", id: e.enrollmentId, label: String(e.attendedDays) }],
        });
      }
    }
  }
  return out;
}

/** The policy an entitlement is paid under (its kind is the entitlement's: pickPolicy picked it by kind), and what it pays for `n` units. */
const paid = (p: PolicyRule, n: number) => ({ kind: p.kind, policyId: p.id, policyCode: p.code, units: n, amount: n * p.amount });

function payee(
  p: PolicyRule,
  cls: ClassFacts | null,
  e: { person: PersonFacts; fullName?: string },
  employer?: { id: string; name: string },
  worker?: { id: string; fullName: string },
) {
  if (p.payee === "PROVIDER" && cls) return { payeeType: "PROVIDER" as const, payeeId: cls.provider.id, payeeName: cls.provider.name };
  if (p.payee === "EMPLOYER" && employer) return { payeeType: "EMPLOYER" as const, payeeId: employer.id, payeeName: employer.name };
  return { payeeType: "WORKER" as const, payeeId: e.person.workerId, payeeName: worker?.fullName ?? e.fullName ?? "" };
}

/** A placement, its follow-ups, and the person. */
export type PlacementFacts = {
  id: string;
  person: PersonFacts & { fullName: string };
  verification: "UNVERIFIED" | "VERIFIED" | "FLAGGED" | "REJECTED";
  startDate: string;
  transferType: TransferType;
  employer: { id: string; name: string };
  /** Recorded follow-ups. */
  followUps: { id: string; dueMonth: number; stillEmployed: boolean | null; completedOn: string | null }[];
};

/**
 * A VERIFIED placement entitles the one-off transport subsidy by destination band, and, once a
 * follow-up at N months or later records the person still employed, the hiring subsidy for keeping
 * them N months (the employer is paid). The period is the China year the placement started.
 */
export function placementEntitlements(pl: PlacementFacts, policies: PolicyRule[]): Entitlement[] {
  if (pl.verification !== "VERIFIED") return [];
  const out: Entitlement[] = [];
  const period = pl.startDate.slice(0, 4);
  const base = { workerId: pl.person.workerId, countyCode: pl.person.countyCode, period };
  const plRef: EvidenceRef = { type: "placement", id: pl.id, label: `${pl.employer.name} ${pl.startDate}` };
  const payeeOf = (p: PolicyRule) => payee(p, null, { person: pl.person }, pl.employer, { id: pl.person.workerId, fullName: pl.person.fullName });
  const transport = pickPolicy(policies, "TRANSPORT", pl.startDate, pl.person, (p) => p.transferTypes.includes(pl.transferType));
  if (transport) {
    const n = units(transport, 1);
    out.push({
      ...base,
      ...paid(transport, n),
      ...payeeOf(transport),
      source: { placementId: pl.id },
      evidence: [plRef],
    });
  }
  // The earliest still-employed follow-up that satisfies a hiring policy's months.
  const kept = pl.followUps.filter((f) => f.stillEmployed === true && f.completedOn).sort((a, b) => a.dueMonth - b.dueMonth);
  for (const f of kept) {
    const hiring = pickPolicy(
      policies,
      "HIRING",
      f.completedOn!,
      pl.person,
      (p) => (p.retentionMonths ?? 0) <= f.dueMonth && (p.transferTypes.length === 0 || p.transferTypes.includes(pl.transferType)),
    );
    if (!hiring) continue;
    const n = units(hiring, 1);
    out.push({
      ...base,
      ...paid(hiring, n),
      ...payeeOf(hiring),
      source: { placementId: pl.id, followUpId: f.id },
      evidence: [plRef, { type: "followUp", id: f.id, label: String(f.dueMonth) }],
    });
    break;
  }
  return out;
}

// ───────────── reconciling records with the claims already made ─────────────

export type ExistingClaim = {
  id: string;
  kind: SubsidyKind;
  workerId: string;
  period: string;
  status: ClaimStatus;
  amount: number;
  units: number;
  policyId: string;
  source: Entitlement["source"];
};

export const claimKey = (c: { workerId: string; kind: SubsidyKind; period: string }) => `${c.workerId}|${c.kind}|${c.period}`;

/** Statuses in which no money has left and the claim can still be taken back quietly (with a reason). */
export const WITHDRAWABLE: readonly ClaimStatus[] = ["OPEN", "PREPARED", "APPROVED"];
/** Money is on its way or paid: a claim whose evidence fell away is flagged for recovery instead. */
export const MONEY_OUT: readonly ClaimStatus[] = ["BATCHED", "PAID"];
/**
 * Approved and not yet paid: the claim will be paid to the account recorded at its approval (a later
 * change of the payee's account does not reach it, and is flagged on it).
 */
export const AWAITING_PAYMENT: readonly ClaimStatus[] = ["APPROVED", "BATCHED"];

export type Reconciliation = {
  create: Entitlement[];
  /** Existing rows for the same key that should now carry this entitlement (re-opened or re-computed). */
  update: { claimId: string; entitlement: Entitlement; reopen: boolean }[];
  withdraw: { claimId: string; reason: string }[];
  flag: { claimId: string; reason: string }[];
};

const sameSource = (a: Entitlement["source"], b: Entitlement["source"]) =>
  (a.trainingClassId ?? null) === (b.trainingClassId ?? null) &&
  (a.enrollmentId ?? null) === (b.enrollmentId ?? null) &&
  (a.placementId ?? null) === (b.placementId ?? null) &&
  (a.followUpId ?? null) === (b.followUpId ?? null);

/**
 * `fromSource`: the claims this source (a class, a placement) made before; `sameKey`: any claim
 * holding a key an entitlement wants (from whatever source). Rules:
 * - an entitlement whose key is free → create;
 * - held by a claim from this source, not yet paid out, with a different amount or policy → update;
 * - held by a WITHDRAWN claim (its evidence fell away earlier, now it is back, or another record proves it) → reopen;
 * - held by a live claim of another source → nothing (one per person, kind and period);
 * - a claim of this source that no entitlement backs any more → withdrawn while no money is out,
 *   flagged once money is on its way (never silently kept).
 */
export function reconcile(entitlements: Entitlement[], fromSource: ExistingClaim[], sameKey: ExistingClaim[]): Reconciliation {
  const r: Reconciliation = { create: [], update: [], withdraw: [], flag: [] };
  const byKey = new Map(sameKey.map((c) => [claimKey(c), c]));
  const backed = new Set<string>();
  for (const e of entitlements) {
    const held = byKey.get(claimKey(e));
    if (!held) {
      r.create.push(e);
      continue;
    }
    backed.add(held.id);
    if (held.status === "WITHDRAWN") {
      r.update.push({ claimId: held.id, entitlement: e, reopen: true });
      continue;
    }
    if (!sameSource(held.source, e.source) && !fromSource.some((c) => c.id === held.id)) continue;
    if (
      (held.status === "OPEN" || held.status === "PREPARED") &&
      (held.amount !== e.amount || held.policyId !== e.policyId || held.units !== e.units || !sameSource(held.source, e.source))
    ) {
      r.update.push({ claimId: held.id, entitlement: e, reopen: false });
    }
  }
  for (const c of fromSource) {
    if (backed.has(c.id) || c.status === "WITHDRAWN" || c.status === "REJECTED") continue;
    const reason = "evidenceChanged";
    if (WITHDRAWABLE.includes(c.status)) r.withdraw.push({ claimId: c.id, reason });
    else if (MONEY_OUT.includes(c.status)) r.flag.push({ claimId: c.id, reason });
  }
  return r;
}

// ───────────── review, approval, payment ─────────────

export const CLAIM_ACTIONS = ["prepare", "approve", "reject", "batch", "paid", "paymentFailed", "withdraw"] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

const STEPS: Record<ClaimAction, { from: readonly ClaimStatus[]; to: ClaimStatus }> = {
  prepare: { from: ["OPEN"], to: "PREPARED" },
  approve: { from: ["PREPARED"], to: "APPROVED" },
  reject: { from: ["PREPARED"], to: "REJECTED" },
  batch: { from: ["APPROVED"], to: "BATCHED" },
  paid: { from: ["BATCHED"], to: "PAID" },
  // The bank refused (closed account, wrong name): the claim is open again, to be fixed and re-approved.
  paymentFailed: { from: ["BATCHED"], to: "OPEN" },
  withdraw: { from: WITHDRAWABLE, to: "WITHDRAWN" },
};

export function claimStep(status: ClaimStatus, action: ClaimAction): ClaimStatus | null {
  const s = STEPS[action];
  return s.from.includes(status) ? s.to : null;
}

export type ApprovalThresholds = { prefecture: number; province: number };
/** Defaults when the Setting `subsidy.approvalThresholds` is absent (whole CNY per claim). */
export const DEFAULT_APPROVAL_THRESHOLDS: ApprovalThresholds = { prefecture: 3000, province: 10000 };
export const APPROVAL_SETTING = "subsidy.approvalThresholds";

export function readThresholds(v: unknown): ApprovalThresholds {
  if (v && typeof v === "object") {
    const { prefecture, province } = v as Record<string, unknown>;
    if (Number.isInteger(prefecture) && Number.isInteger(province) && (prefecture as number) > 0 && (province as number) >= (prefecture as number))
      return { prefecture: prefecture as number, province: province as number };
  }
  return DEFAULT_APPROVAL_THRESHOLDS;
}

export type ApproverLevel = "COUNTY" | "PREFECTURE" | "PROVINCE";
const RANK: Record<ApproverLevel, number> = { COUNTY: 1, PREFECTURE: 2, PROVINCE: 3 };

/** The level a claim of this amount needs. */
export function requiredLevel(amount: number, t: ApprovalThresholds): ApproverLevel {
  return amount >= t.province ? "PROVINCE" : amount >= t.prefecture ? "PREFECTURE" : "COUNTY";
}

/** The highest level at which these coordinator grants cover the county (admins act at province level). */
export function approverLevel(grants: { role: string; regionCode: string | null }[], countyCode: string, admin: boolean): ApproverLevel | null {
  if (admin) return "PROVINCE";
  let best: ApproverLevel | null = null;
  for (const g of grants) {
    if (g.role !== "COORDINATOR" || !g.regionCode || !isWithinRegion(countyCode, g.regionCode)) continue;
    const level = levelOfCode(g.regionCode);
    const l: ApproverLevel = level === "PROVINCE" ? "PROVINCE" : level === "PREFECTURE" ? "PREFECTURE" : "COUNTY";
    if (!best || RANK[l] > RANK[best]) best = l;
  }
  return best;
}

export type ApprovalCheck =
  { ok: true } | { ok: false; reason: "samePerson" | "needsPrefecture" | "needsProvince" | "notCoordinator" | "flaggedNoteRequired" | "tokenWithoutPerson" };

/**
 * Who acts, for separation of duties. A user is themself. An API token is the people behind it: the
 * person it was issued for (`userId`) and the person who created it (`createdById`, who saw the secret)
 * — both are accountable for what it does, so neither may approve what the token prepared nor use it
 * to approve what they prepared. It is recorded under the person it was issued for, else its creator.
 * A token with nobody behind it (made on the command line) has no persons: it may read, not decide.
 */
export type Accountable = { persons: string[]; recordAs: string | null; tokenId: string | null };
export function accountable(p: { kind: "user" | "token"; id: string; tokenUserId?: string | null; tokenCreatedById?: string | null }): Accountable {
  if (p.kind === "user") return { persons: [p.id], recordAs: p.id, tokenId: null };
  const persons = [...new Set([p.tokenUserId, p.tokenCreatedById].filter((x): x is string => !!x))];
  return { persons, recordAs: persons[0] ?? null, tokenId: p.id };
}

/**
 * Separation of duties: nobody behind the preparation (its recorded person, and the people behind the
 * token it was prepared with) approves it; above the thresholds only a prefecture (or province)
 * coordinator does; a flagged claim is approved only with a note saying what was checked.
 */
export function approvalCheck(
  c: { preparedBy: string[]; amount: number; flags: unknown[] },
  approver: { persons: string[]; level: ApproverLevel | null },
  t: ApprovalThresholds,
  note: string | null | undefined,
): ApprovalCheck {
  if (!approver.level) return { ok: false, reason: "notCoordinator" };
  if (approver.persons.length === 0) return { ok: false, reason: "tokenWithoutPerson" };
  if (approver.persons.some((id) => c.preparedBy.includes(id))) return { ok: false, reason: "samePerson" };
  const need = requiredLevel(c.amount, t);
  if (RANK[approver.level] < RANK[need]) return { ok: false, reason: need === "PROVINCE" ? "needsProvince" : "needsPrefecture" };
  if (c.flags.length > 0 && !note?.trim()) return { ok: false, reason: "flaggedNoteRequired" };
  return { ok: true };
}

// ───────────── fraud flags ─────────────

export const CLAIM_FLAG_CODES = [
  "placement",
  "staffOfProvider",
  "twoClassesAtOnce",
  "overBudget",
  "sharedAccount",
  "evidenceChanged",
  "accountChanged",
] as const;
export type ClaimFlagCode = (typeof CLAIM_FLAG_CODES)[number];
export type ClaimFlag = { code: ClaimFlagCode; detail: Record<string, string | number> };

export type ClaimFlagFacts = {
  /** The proving placement's own flags (overlap, unverified employer, staff of employer/provider …), reused as they are. */
  placementFlags: { code: string }[];
  /** The trainee is staff of the class's provider (an account with their ID number or phone). */
  staffOfProvider: boolean;
  /** Other classes in which the person was marked PRESENT on a day inside this class's window. */
  otherClassesSameDays: { className: string; day: string }[];
  /** Budget of the policy for the county and year (null = none set), and what is already committed without this claim. */
  budget: number | null;
  committedOthers: number;
  amount: number;
  /** Payees (other owners) with the same account number who are not of the same household. */
  sharedWith: number;
  /** Carried over: set when the evidence fell away after money went out. */
  evidenceChanged: boolean;
  /**
   * Approved, not yet paid, and the payee's account on file is no longer the one approved (masked
   * forms; `current` empty when none is on file). The claim is still paid to the approved one.
   */
  accountChanged: { approved: string; current: string } | null;
};

export function claimFlags(f: ClaimFlagFacts): ClaimFlag[] {
  const flags: ClaimFlag[] = [];
  if (f.placementFlags.length) flags.push({ code: "placement", detail: { codes: f.placementFlags.map((p) => p.code).join(",") } });
  if (f.staffOfProvider) flags.push({ code: "staffOfProvider", detail: {} });
  if (f.otherClassesSameDays.length)
    flags.push({
      code: "twoClassesAtOnce",
      detail: { class: f.otherClassesSameDays[0].className, day: f.otherClassesSameDays[0].day, days: f.otherClassesSameDays.length },
    });
  // No budget set for the county and year means nothing was granted: any claim is over it.
  if (f.committedOthers + f.amount > (f.budget ?? 0))
    flags.push({ code: "overBudget", detail: { budget: f.budget ?? 0, committed: f.committedOthers + f.amount } });
  if (f.sharedWith > 0) flags.push({ code: "sharedAccount", detail: { others: f.sharedWith } });
  if (f.evidenceChanged) flags.push({ code: "evidenceChanged", detail: {} });
  if (f.accountChanged) flags.push({ code: "accountChanged", detail: { ...f.accountChanged } });
  return flags;
}

export const readClaimFlags = (json: unknown): ClaimFlag[] => readStoredFlags(json, CLAIM_FLAG_CODES);

// ───────────── bank accounts and bank files ─────────────

/** Mainland bank account / card numbers: 12–30 digits (spaces and dashes tolerated). Null when not one. */
export function normaliseAccountNumber(raw: string): string | null {
  const v = raw.normalize("NFKC").replace(/[\s-]/g, "");
  return /^\d{12,30}$/.test(v) ? v : null;
}

/** 6222021234567890123 → ************0123 (the last four only, as banks print them). */
export function maskAccountNumber(account: string): string {
  return "*".repeat(Math.max(0, account.length - 4)) + account.slice(-4);
}

export type BankReturnRow = { claimId: string; outcome: "PAID" | "FAILED"; bankReference: string | null; reason: string | null };
export type BankReturnParse = {
  rows: BankReturnRow[];
  problems: { line: number; message: "missingColumns" | "badClaimId" | "badOutcome" | "duplicate" | "reasonRequired" }[];
};

const SUCCESS = new Set(["成功", "已支付", "SUCCESS", "PAID", "OK", "S"]);
const FAILURE = new Set(["失败", "退回", "FAILED", "FAIL", "RETURNED", "F"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The bank's return file as rows of cells (first row = header): columns found by name (the export's
 * own Chinese or English header: 流水号/claim, 结果/result, 银行交易号/bank reference, 失败原因/reason).
 */
export function parseBankReturn(table: string[][]): BankReturnParse {
  const problems: BankReturnParse["problems"] = [];
  const [header = [], ...body] = table;
  const find = (...names: string[]) =>
    header.findIndex((h) =>
      names.some(
        (n) =>
          h
            .replace(/^\uFEFF/, "")
            .trim()
            .toLowerCase() === n.toLowerCase(),
      ),
    );
  const col = {
    id: find("流水号", "申领编号", "claim", "claim id"),
    outcome: find("结果", "支付结果", "result", "outcome"),
    ref: find("银行交易号", "bank reference", "reference"),
    reason: find("失败原因", "reason", "failure reason"),
  };
  if (col.id < 0 || col.outcome < 0) return { rows: [], problems: [{ line: 1, message: "missingColumns" }] };
  const rows: BankReturnRow[] = [];
  const seen = new Set<string>();
  body.forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => !c?.trim())) return;
    const claimId = (cells[col.id] ?? "").trim();
    const o = (cells[col.outcome] ?? "").trim().toUpperCase();
    if (!UUID.test(claimId)) return void problems.push({ line, message: "badClaimId" });
    if (seen.has(claimId)) return void problems.push({ line, message: "duplicate" });
    const outcome = SUCCESS.has(o) ? "PAID" : FAILURE.has(o) ? "FAILED" : null;
    if (!outcome) return void problems.push({ line, message: "badOutcome" });
    const reason = col.reason >= 0 ? (cells[col.reason] ?? "").trim() || null : null;
    if (outcome === "FAILED" && !reason) return void problems.push({ line, message: "reasonRequired" });
    seen.add(claimId);
    rows.push({ claimId: claimId.toLowerCase(), outcome, bankReference: col.ref >= 0 ? (cells[col.ref] ?? "").trim() || null : null, reason });
  });
  return { rows, problems };
}
