// Employers: who may verify them, what each status allows, and where they may be located.
// Pure: no I/O; services ask here and enforce the answer inside their transactions.
//
// Who verifies: Beijing and Tianjin employers sit outside every Hebei county's scope, so the
// province-level coordinators (a COORDINATOR grant on a province code, e.g. 130000, the Hebei
// human-resources department that runs the Beijing–Tianjin–Hebei labour cooperation) and
// administrators verify any employer; a prefecture or county coordinator verifies the employers
// located inside their own region (local Hebei employers). See docs/decisions/0004-employers.md.
import { hasRole, isAdmin, type Principal } from "./access";
import { isWithinRegion, levelOfCode } from "./regions";

export const EMPLOYER_STATUSES = ["PENDING", "VERIFIED", "REJECTED", "SUSPENDED"] as const;
export type EmployerStatus = (typeof EMPLOYER_STATUSES)[number];

/** What a coordinator can decide about an employer. */
export const EMPLOYER_DECISIONS = ["verify", "reject", "suspend", "reinstate"] as const;
export type EmployerDecision = (typeof EMPLOYER_DECISIONS)[number];

const DECISIONS: Record<EmployerDecision, { from: readonly EmployerStatus[]; to: EmployerStatus; needsReason: boolean }> = {
  // A rejected employer that corrected its details is verified on a second look.
  verify: { from: ["PENDING", "REJECTED"], to: "VERIFIED", needsReason: false },
  reject: { from: ["PENDING"], to: "REJECTED", needsReason: true },
  suspend: { from: ["VERIFIED"], to: "SUSPENDED", needsReason: true },
  reinstate: { from: ["SUSPENDED"], to: "VERIFIED", needsReason: false },
};

export function decisionNeedsReason(d: EmployerDecision): boolean {
  return DECISIONS[d].needsReason;
}

/** The status a decision leads to from `status`, or null when it does not apply there. */
export function applyEmployerDecision(status: EmployerStatus, d: EmployerDecision): EmployerStatus | null {
  const rule = DECISIONS[d];
  return rule.from.includes(status) ? rule.to : null;
}

/** The decisions open on an employer in `status` (the buttons a coordinator sees). */
export function availableDecisions(status: EmployerStatus): EmployerDecision[] {
  return EMPLOYER_DECISIONS.filter((d) => DECISIONS[d].from.includes(status));
}

/** The status an API client may ask for maps onto one decision. */
export function decisionForStatus(from: EmployerStatus, to: EmployerStatus): EmployerDecision | null {
  return EMPLOYER_DECISIONS.find((d) => DECISIONS[d].to === to && DECISIONS[d].from.includes(from)) ?? null;
}

/** Pending (and rejected) employers may draft; only verified ones publish, submit orders and contact people. */
export function canPublish(status: EmployerStatus): boolean {
  return status === "VERIFIED";
}

/** A suspended or rejected account keeps its records but may change nothing. */
export function canEditDrafts(status: EmployerStatus): boolean {
  return status === "PENDING" || status === "VERIFIED";
}

/** Province-level coordinators (and admins) look after every employer. */
export function isProvinceStaff(p: Principal): boolean {
  return isAdmin(p) || p.grants.some((g) => g.role === "COORDINATOR" && g.regionCode !== null && levelOfCode(g.regionCode) === "PROVINCE");
}

/** May `p` verify, reject, suspend or reinstate an employer located in `districtCode`? */
export function canDecideEmployer(p: Principal, districtCode: string): boolean {
  if (isProvinceStaff(p)) return true;
  return p.grants.some((g) => g.role === "COORDINATOR" && g.regionCode !== null && isWithinRegion(districtCode, g.regionCode));
}

/** Coordinators (any level) see employers; the list each sees is narrowed by `employerScope`. */
export function isEmployerStaff(p: Principal): boolean {
  return isAdmin(p) || hasRole(p, "COORDINATOR");
}

/** Employers are located in Beijing or Tianjin districts, or in Hebei counties. */
export function isEmployerLocation(code: string): boolean {
  return /^\d{6}$/.test(code) && levelOfCode(code) === "COUNTY" && ["11", "12", "13"].includes(code.slice(0, 2));
}

/** Industries offered on the sign-up form (labels in i18n: emp.industries.*). */
export const INDUSTRIES = [
  "domestic-services",
  "elderly-care",
  "healthcare",
  "logistics",
  "construction",
  "security",
  "property",
  "catering",
  "hospitality",
  "manufacturing",
  "electronics",
  "automotive",
  "textiles",
  "ecommerce",
  "retail",
  "agriculture",
  "other",
] as const;
export type Industry = (typeof INDUSTRIES)[number];
