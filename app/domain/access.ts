// Who may do what, as pure functions over a Principal. Loaders and API handlers build the
// Principal (from a session or a bearer token) and ask here; nothing else decides access.
import { isWithinRegion } from "./regions";

export const ROLES = ["ADMIN", "COORDINATOR", "PROVIDER_STAFF", "EMPLOYER", "JOB_SEEKER"] as const;
export type Role = (typeof ROLES)[number];

export type RoleGrant = { role: Role; regionCode: string | null };

export type Principal = {
  kind: "user" | "token";
  id: string;
  grants: RoleGrant[];
  employerId?: string | null;
  workerId?: string | null;
  providerId?: string | null;
  /** The employer this principal acts for is SUSPENDED (set where principals are resolved). */
  employerSuspended?: boolean;
  /**
   * A token's people (ApiToken.userId / createdById): the person it was issued for and the person
   * who created it (and saw its secret once). Separation of duties counts a token as both.
   */
  tokenUserId?: string | null;
  tokenCreatedById?: string | null;
};

export function hasRole(p: Principal, role: Role): boolean {
  return p.grants.some((g) => g.role === role);
}

export function isAdmin(p: Principal): boolean {
  return hasRole(p, "ADMIN");
}

/** Region roots this principal may read as staff (admins: everything, as null). */
export function staffScopes(p: Principal): string[] | null {
  if (isAdmin(p)) return null;
  return p.grants.filter((g) => (g.role === "COORDINATOR" || g.role === "PROVIDER_STAFF") && g.regionCode).map((g) => g.regionCode as string);
}

/** May this principal read records (workers, classes, placements) registered in `regionCode`? */
export function canReadRegion(p: Principal, regionCode: string, roles: Role[] = ["COORDINATOR"]): boolean {
  if (isAdmin(p)) return true;
  return p.grants.some((g) => roles.includes(g.role) && g.regionCode !== null && isWithinRegion(regionCode, g.regionCode));
}

/**
 * May a person be the one accountable for an API token (the person it acts for)? They must hold the
 * token's role over the token's region or a region containing it (a county coordinator cannot stand
 * behind a prefecture's token, nor one county's behind another's); a role held without a region
 * (admin, employer) covers any. An employer's token needs a person of that same employer.
 */
export function canStandBehindToken(
  person: { grants: RoleGrant[]; employerId: string | null },
  token: { role: Role; regionCode: string | null; employerId: string | null },
): boolean {
  if (token.employerId && person.employerId !== token.employerId) return false;
  return person.grants.some(
    (g) => g.role === token.role && (g.regionCode === null || (token.regionCode !== null && isWithinRegion(token.regionCode, g.regionCode))),
  );
}

/** May this principal read one worker's record? Staff by region; the worker themself. */
export function canReadWorker(p: Principal, worker: { id: string; countyCode: string }): boolean {
  if (p.workerId === worker.id) return true;
  return canReadRegion(p, worker.countyCode);
}

/**
 * A suspended employer keeps its account (to read why, and its own postings) but no longer reads
 * anyone's personal data: candidates, matches, placements, evidence.
 */
export function isSuspendedEmployer(p: Principal): boolean {
  return p.employerSuspended === true && !isAdmin(p);
}

/** The body of the 403 a suspended employer gets for personal data; the error page words it (root.tsx). */
export const EMPLOYER_SUSPENDED = "employer-suspended";

/** The most specific home page for a principal's roles. */
export function homePath(p: Principal): string {
  if (isAdmin(p)) return "/admin";
  if (hasRole(p, "COORDINATOR")) return "/coordinator";
  if (hasRole(p, "PROVIDER_STAFF")) return "/provider";
  if (hasRole(p, "EMPLOYER")) return "/employer";
  if (hasRole(p, "JOB_SEEKER")) return "/me";
  return "/";
}
