// Bearer tokens for /api/v1. The secret is shown once; only its SHA-256 is stored (a token is
// long and random, so a slow hash buys nothing). Tokens are scoped like users: role + region.
import { createHash, randomBytes } from "node:crypto";
import { canStandBehindToken, type Principal, type Role } from "~/domain/access";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "~/domain/api-token";
import type { Prisma } from "~/generated/prisma/client";
import { invalid, type Outcome } from "~/platform/outcome";
import { audit } from "./audit.server";
import { getDb, type Db } from "./db.server";

/** `days`: how long the token works (default 90, at most 365); every token expires. */
export type NewApiToken = {
  name: string;
  role: Role;
  regionCode?: string | null;
  employerId?: string | null;
  userId?: string | null;
  createdById?: string | null;
  days?: number;
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * The person a token acts for, by sign-in name (the admin page's "代表的人" and token:create --for).
 * "unknown" when there is no such account or it is deactivated (a token must not act for someone who
 * can no longer sign in); "outOfScope" when it does not hold the token's role over the token's region
 * (a job seeker cannot stand behind a coordinator's token that prepares and approves subsidy claims,
 * nor a county coordinator behind a province's: canStandBehindToken).
 */
async function accountablePerson(
  username: string,
  token: { role: Role; regionCode?: string | null; employerId?: string | null },
  db: Db = getDb(),
): Promise<{ ok: true; id: string } | { ok: false; reason: "unknown" | "outOfScope" }> {
  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, isActive: true, employerId: true, roles: { where: { role: token.role }, select: { role: true, regionCode: true } } },
  });
  if (!user?.isActive) return { ok: false, reason: "unknown" };
  const scope = { role: token.role, regionCode: token.regionCode ?? null, employerId: token.employerId ?? null };
  return canStandBehindToken({ grants: user.roles, employerId: user.employerId }, scope) ? { ok: true, id: user.id } : { ok: false, reason: "outOfScope" };
}

export async function createApiToken(input: NewApiToken, db: Db | Prisma.TransactionClient = getDb()): Promise<{ id: string; token: string }> {
  if (input.role === "COORDINATOR" && !input.regionCode) throw new Error("a coordinator token needs a region");
  const days = input.days ?? TOKEN_DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS) throw new Error(`a token lives 1 to ${TOKEN_MAX_DAYS} days`);
  // An unknown region is refused by the foreign key; issueApiToken says so beside the field first.
  const prefix = randomBytes(4).toString("hex");
  const token = `lb_${prefix}_${randomBytes(24).toString("base64url")}`;
  const row = await db.apiToken.create({
    data: {
      name: input.name,
      tokenHash: sha256(token),
      prefix,
      role: input.role,
      regionCode: input.regionCode ?? null,
      employerId: input.employerId ?? null,
      userId: input.userId ?? null,
      createdById: input.createdById ?? null,
      expiresAt: new Date(Date.now() + days * 86400_000),
    },
  });
  return { id: row.id, token };
}

export async function principalFromBearer(request: Request, db: Db = getDb()): Promise<Principal | null> {
  const header = request.headers.get("Authorization");
  const match = header?.match(/^Bearer\s+(lb_[0-9a-f]{8}_[A-Za-z0-9_-]+)$/);
  if (!match) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: sha256(match[1]) },
    include: { user: { select: { isActive: true, employerId: true, roles: { select: { role: true, regionCode: true } } } } },
  });
  if (!row || row.revokedAt || row.expiresAt <= new Date()) return null;
  // A token acts for its person only while they could still make it: signed in (not deactivated) and
  // holding its role over its region. Checked on every use, not only when it was made.
  if (row.user && !(row.user.isActive && canStandBehindToken({ grants: row.user.roles, employerId: row.user.employerId }, row))) return null;
  // Recording every use would turn reads into writes; once a minute is enough to see activity.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const employer = row.employerId ? await db.employer.findUnique({ where: { id: row.employerId }, select: { status: true } }) : null;
  return {
    kind: "token",
    id: row.id,
    grants: [{ role: row.role as Role, regionCode: row.regionCode }],
    employerId: row.employerId,
    employerSuspended: employer?.status === "SUSPENDED",
    tokenUserId: row.userId,
    tokenCreatedById: row.createdById,
  };
}

/** Revokes a live token; false when there is no such token or it was already revoked. */
export async function revokeApiToken(id: string, db: Db = getDb()): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const { count } = await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}

/** The admin page's list: newest first, with each token's state. */
export async function listApiTokens(db: Db = getDb()) {
  const rows = await db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      prefix: true,
      role: true,
      regionCode: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      createdAt: true,
      user: { select: { username: true, displayName: true } },
    },
  });
  const now = new Date();
  return rows.map((r) => ({ ...r, state: r.revokedAt ? ("revoked" as const) : r.expiresAt <= now ? ("expired" as const) : ("active" as const) }));
}

/**
 * Making a token, from the admin page (`actor` the admin) or token:create (no actor): the region must
 * exist and the named person (if any) must be able to stand behind it (accountablePerson); each
 * refusal is a problem on its field. The token and its audit row (with who it was issued for) are
 * written together. The secret is in the answer, once.
 */
export async function issueApiToken(
  actor: Principal | null,
  input: Omit<NewApiToken, "userId" | "createdById"> & { issuedFor?: string },
  ip: string | null,
  db: Db = getDb(),
): Promise<{ ok: true; id: string; token: string } | Extract<Outcome, { kind: "invalid" }>> {
  if (input.regionCode && !(await db.region.findUnique({ where: { code: input.regionCode }, select: { code: true } }))) {
    return invalid("regionCode", "admin.unknownRegion");
  }
  const person = input.issuedFor ? await accountablePerson(input.issuedFor, input, db) : null;
  if (person && !person.ok) return invalid("issuedFor", person.reason === "unknown" ? "admin.unknownUser" : "admin.personOutOfScope");
  const { issuedFor, ...token } = input;
  const created = await db.$transaction(async (tx) => {
    const made = await createApiToken({ ...token, userId: person?.ok ? person.id : null, createdById: actor?.id ?? null }, tx);
    const detail = { role: input.role, days: input.days ?? TOKEN_DEFAULT_DAYS, issuedFor: issuedFor ?? null, employerId: input.employerId ?? null };
    await audit({ actor, action: "apiToken.create", entityType: "ApiToken", entityId: made.id, regionCode: input.regionCode, detail, ip }, tx);
    return made;
  });
  return { ok: true, ...created };
}

/** An admin revokes a live token (audited); false when there is no such live token. */
export async function revokeApiTokenAudited(admin: Principal, id: string, ip: string | null, db: Db = getDb()): Promise<boolean> {
  if (!(await revokeApiToken(id, db))) return false;
  await audit({ actor: admin, action: "apiToken.revoke", entityType: "ApiToken", entityId: id, ip }, db);
  return true;
}
