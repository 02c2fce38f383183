// Accounts, sessions and principals. Staff, employers and providers sign in with a username;
// job seekers with their ID number or mobile number (looked up through the blind index). The
// session cookie holds only a server-side session id, so sign-out and deactivation revoke it.
import { hash, verify } from "@node-rs/argon2";
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { Redis } from "ioredis";
import type { Principal, Role } from "~/domain/access";
import { homePath, hasRole, isAdmin } from "~/domain/access";
import { normalisePhone } from "~/domain/mask";
import { parseResidentId } from "~/domain/resident-id";
import { getDb, type Db } from "./db.server";
import { getConfig } from "./env.server";
import { blindIndex } from "./pii.server";

const SESSION_DAYS = 14;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A valid hash to verify against when no account matches, so timing does not reveal which
// identifiers exist.
let dummyHash: Promise<string> | undefined;

const g = globalThis as { __lbSessionStorage?: ReturnType<typeof createCookieSessionStorage<{ sid: string }>>; __lbLimiters?: Limiters; __lbLimiterRedis?: Redis };

function sessionStorage() {
  g.__lbSessionStorage ??= createCookieSessionStorage<{ sid: string }>({
    cookie: {
      name: "__lb_session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: getConfig().nodeEnv === "production",
      secrets: [getConfig().secrets.session],
      maxAge: SESSION_DAYS * 24 * 3600,
    },
  });
  return g.__lbSessionStorage;
}

// ───────────── rate limiting ─────────────

type Limiters = { byAccount: RateLimiterAbstract; byIp: RateLimiterAbstract };

/**
 * A per-key limiter: in Redis when REDIS_URL is set (shared by every web instance), in memory for
 * the single embedded web process. Keys are namespaced by database, so deployments (and test
 * databases) sharing a Redis do not collide. While Redis is unreachable each process counts in
 * memory instead (the library's insurance limiter), so a Redis outage neither fails requests nor
 * lifts the limit.
 */
export function createRateLimiter(name: string, opts: { points: number; durationSeconds: number; blockSeconds?: number }): RateLimiterAbstract {
  const q = getConfig().queue;
  // On Redis, the queue's per-database prefix (env.server.ts) namespaces the keys too.
  const options = { keyPrefix: q.adapter === "redis" ? `${q.prefix}_${name}` : name, points: opts.points, duration: opts.durationSeconds, blockDuration: opts.blockSeconds ?? 0 };
  if (q.adapter !== "redis") return new RateLimiterMemory(options);
  if (!g.__lbLimiterRedis) {
    g.__lbLimiterRedis = new Redis(q.url, { maxRetriesPerRequest: 1, connectTimeout: 3000 });
    g.__lbLimiterRedis.on("error", () => {});
  }
  return new RateLimiterRedis({ storeClient: g.__lbLimiterRedis, ...options, insuranceLimiter: new RateLimiterMemory(options) });
}

/** Closes the limiters' Redis connection (one-shot commands must let the process end). */
export async function closeRateLimiters(): Promise<void> {
  const client = g.__lbLimiterRedis;
  g.__lbLimiterRedis = undefined;
  g.__lbLimiters = undefined;
  await client?.quit().catch(() => client.disconnect());
}

function limiters(): Limiters {
  const quarterHour = { durationSeconds: 15 * 60, blockSeconds: 15 * 60 };
  g.__lbLimiters ??= {
    byAccount: createRateLimiter("signin_acct", { points: 5, ...quarterHour }),
    byIp: createRateLimiter("signin_ip", { points: 30, ...quarterHour }),
  };
  return g.__lbLimiters;
}

export type SignInResult =
  | { ok: true; userId: string; principal: Principal }
  | { ok: false; reason: "invalid" | "rate-limited"; retryAfterSeconds?: number };

async function isBlocked(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  const res = await limiter.get(key);
  if (res && res.consumedPoints >= limiter.points) return Math.ceil(res.msBeforeNext / 1000);
  return null;
}

/** Finds the user an identifier names: a username, or for job seekers an ID number or mobile. */
async function findUserByIdentifier(db: Db, identifier: string) {
  const trimmed = identifier.trim();
  const asId = parseResidentId(trimmed);
  if (asId.ok) {
    const worker = await db.worker.findUnique({ where: { idNumberHash: blindIndex("resident-id", asId.id.value) }, select: { account: true } });
    if (worker?.account) return worker.account;
  }
  const phone = normalisePhone(trimmed);
  if (phone) {
    const worker = await db.worker.findFirst({ where: { phoneHash: blindIndex("phone", phone), account: { isNot: null } }, select: { account: true } });
    if (worker?.account) return worker.account;
  }
  return db.user.findUnique({ where: { username: trimmed.toLowerCase() } });
}

export async function signIn(identifier: string, password: string, ip: string, db: Db = getDb()): Promise<SignInResult> {
  const l = limiters();
  const accountKey = identifier.trim().toLowerCase();
  const blocked = (await isBlocked(l.byIp, ip)) ?? (await isBlocked(l.byAccount, accountKey));
  if (blocked !== null) return { ok: false, reason: "rate-limited", retryAfterSeconds: blocked };

  const user = await findUserByIdentifier(db, identifier);
  dummyHash ??= hashPassword("not-a-real-password");
  const valid = user && user.isActive ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash, password), false);
  if (!user || !valid) {
    await Promise.all([l.byIp.penalty(ip, 1), l.byAccount.penalty(accountKey, 1)]);
    return { ok: false, reason: "invalid" };
  }
  await l.byAccount.delete(accountKey);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { ok: true, userId: user.id, principal: (await loadPrincipal(db, user.id))! };
}

export async function resetSignInLimits(): Promise<void> {
  g.__lbLimiters = undefined;
}

// ───────────── sessions ─────────────

export async function createSessionCookie(userId: string, db: Db = getDb()): Promise<string> {
  const session = await db.session.create({ data: { userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000) } });
  const cookieSession = await sessionStorage().getSession();
  cookieSession.set("sid", session.id);
  return sessionStorage().commitSession(cookieSession);
}

export async function destroySessionCookie(request: Request, db: Db = getDb()): Promise<string> {
  const cookieSession = await sessionStorage().getSession(request.headers.get("Cookie"));
  const sid = cookieSession.get("sid");
  if (typeof sid === "string") await db.session.deleteMany({ where: { id: sid } });
  return sessionStorage().destroySession(cookieSession);
}

/** The principal of an active user (for sessions, and for jobs acting with a user's current rights). */
export async function loadPrincipal(db: Db, userId: string): Promise<Principal | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { roles: true, employer: { select: { status: true } } } });
  if (!user || !user.isActive) return null;
  return {
    kind: "user",
    id: user.id,
    grants: user.roles.map((r) => ({ role: r.role as Role, regionCode: r.regionCode })),
    employerId: user.employerId,
    workerId: user.workerId,
    providerId: user.providerId,
    employerSuspended: user.employer?.status === "SUSPENDED",
  };
}

export type SessionUser = { principal: Principal; displayName: string; locale: string; homePath: string };

export async function getSessionUser(request: Request, db: Db = getDb()): Promise<SessionUser | null> {
  const cookieSession = await sessionStorage().getSession(request.headers.get("Cookie"));
  const sid = cookieSession.get("sid");
  if (typeof sid !== "string") return null;
  const session = await db.session.findUnique({ where: { id: sid }, include: { user: { include: { roles: true } } } });
  if (!session || session.expiresAt < new Date() || !session.user.isActive) return null;
  const principal = await loadPrincipal(db, session.userId);
  if (!principal) return null;
  return { principal, displayName: session.user.displayName, locale: session.user.locale, homePath: homePath(principal) };
}

/** For loaders and actions: the signed-in user holding one of `roles`, or a redirect/403. */
export async function requireUser(request: Request, roles?: Role[]): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (roles && !isAdmin(user.principal) && !roles.some((r) => hasRole(user.principal, r))) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}
