// Accounts, sessions and principals. Staff, employers and providers sign in with a username;
// job seekers with their ID number or mobile number (looked up through the blind index). The
// session cookie holds only a server-side session id, so sign-out and deactivation revoke it.
import type { Prisma } from "~/generated/prisma/client";
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { Redis } from "ioredis";
import type { Principal, Role } from "~/domain/access";
import { homePath, hasRole, isAdmin } from "~/domain/access";
import { normalisePhone } from "~/domain/mask";
import { normaliseResidentId, parseResidentId } from "~/domain/resident-id";
import { audit } from "./audit.server";
import { getDb, type Db } from "./db.server";
import { getConfig } from "./env.server";
import { blindIndex, blindIndexes } from "./pii.server";

/**
 * Session lifetimes. Staff (everyone who is not only a job seeker: admins, coordinators, provider
 * staff, employers — they all see other people's personal data) are signed out after 30 minutes
 * without a request and 12 hours after signing in, whatever they do. Job seekers, who see only
 * their own record and often share one phone with family less than staff share desks, get 7 days
 * idle and 30 days in all, so they are not made to sign in on every visit.
 */
export const SESSION_POLICY = {
  staff: { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600 },
  seeker: { idleSeconds: 7 * 86400, absoluteSeconds: 30 * 86400 },
} as const;
/** lastSeenAt is written at most once a minute, so a page view is not always a write. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

function sessionPolicy(roles: readonly string[]) {
  return roles.length > 0 && roles.every((r) => r === "JOB_SEEKER") ? SESSION_POLICY.seeker : SESSION_POLICY.staff;
}

/** Only this is stored: the cookie's random session id, hashed (a long random id needs no slow hash). */
const hashSessionId = (sid: string) => createHash("sha256").update(sid).digest("hex");

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

const g = globalThis as {
  __lbSessionStorage?: ReturnType<typeof createCookieSessionStorage<{ sid: string }>>;
  __lbLimiters?: Limiters;
  __lbLimiterRedis?: Redis;
  __lbLimiterPg?: pg.Pool;
};

function sessionStorage() {
  g.__lbSessionStorage ??= createCookieSessionStorage<{ sid: string }>({
    cookie: {
      name: "__lb_session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: getConfig().nodeEnv === "production",
      secrets: [getConfig().secrets.session],
    },
  });
  return g.__lbSessionStorage;
}

// ───────────── rate limiting ─────────────

/**
 * A per-key limiter shared by every web process (`npm start` runs one per core): in Redis when
 * REDIS_URL is set, else in PostgreSQL (the "RateLimit" table, rate-limiter-flexible's
 * RateLimiterPostgres on a small pool of its own). Redis keys are namespaced by database, so
 * deployments (and test databases) sharing a Redis do not collide. While the store is unreachable
 * each process counts in memory instead (the library's insurance limiter), so an outage neither
 * fails requests nor lifts the limit.
 */
export function createRateLimiter(name: string, opts: { points: number; durationSeconds: number; blockSeconds?: number }): RateLimiterAbstract {
  const q = getConfig().queue;
  // On Redis, the queue's per-database prefix (env.server.ts) namespaces the keys too.
  const options = {
    keyPrefix: q.adapter === "redis" ? `${q.prefix}_${name}` : name,
    points: opts.points,
    duration: opts.durationSeconds,
    blockDuration: opts.blockSeconds ?? 0,
  };
  if (q.adapter !== "redis") {
    if (!g.__lbLimiterPg) {
      g.__lbLimiterPg = new pg.Pool({ connectionString: getConfig().database.url, max: 4 });
      g.__lbLimiterPg.on("error", () => {}); // an idle client dropped by a database restart; the next query reconnects
    }
    // The table comes from a migration; expired rows are deleted by the library (hourly, per process).
    return new RateLimiterPostgres({
      storeClient: g.__lbLimiterPg,
      storeType: "pool",
      tableName: "RateLimit",
      tableCreated: true,
      ...options,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }
  if (!g.__lbLimiterRedis) {
    g.__lbLimiterRedis = new Redis(q.url, { maxRetriesPerRequest: 1, connectTimeout: 3000 });
    g.__lbLimiterRedis.on("error", () => {});
  }
  return new RateLimiterRedis({ storeClient: g.__lbLimiterRedis, ...options, insuranceLimiter: new RateLimiterMemory(options) });
}

/** Closes the limiters' Redis connection (one-shot commands must let the process end). */
export async function closeRateLimiters(): Promise<void> {
  const client = g.__lbLimiterRedis;
  const pool = g.__lbLimiterPg;
  g.__lbLimiterRedis = undefined;
  g.__lbLimiterPg = undefined;
  g.__lbLimiters = undefined;
  await client?.quit().catch(() => client.disconnect());
  await pool?.end().catch(() => {});
}

/**
 * Sign-in limits after OWASP's authentication cheat sheet: nobody can lock somebody else out.
 *  - per address: 30 failures in 15 min blocks that address for 15 min (one address, many accounts);
 *  - per account + address: 5 failures in 15 min blocks that pair for 15 min (one address, one account);
 *  - per account, from anywhere: after 5 failures in an hour each further attempt must wait
 *    2, 4, 8 … up to 300 s after the last failure (slowing a distributed guesser down) — except from an
 *    address the account has signed in from successfully before, so a stranger cannot keep the
 *    owner out; every failure on a real account is audited and shown to its owner at the next
 *    sign-in (see `takeSignInNotice`).
 * The account is the one the identifier resolves to (an ID number and a phone of the same job seeker
 * count together), else the identifier in its normal spelling. Keys are HMACs (the PII blind-index
 * key), so no phone, ID number or address sits in a Redis key name.
 */
type Limiters = {
  byIp: RateLimiterAbstract;
  byAccountIp: RateLimiterAbstract;
  byAccount: RateLimiterAbstract;
  accountDelay: RateLimiterAbstract;
  knownPair: RateLimiterAbstract;
};
export const SIGNIN_SLOWDOWN_AFTER = 5;
export const SIGNIN_MAX_DELAY_SECONDS = 300;

function limiters(): Limiters {
  const quarterHour = { durationSeconds: 15 * 60, blockSeconds: 15 * 60 };
  g.__lbLimiters ??= {
    byIp: createRateLimiter("signin_ip", { points: 30, ...quarterHour }),
    byAccountIp: createRateLimiter("signin_acct_ip", { points: 5, ...quarterHour }),
    byAccount: createRateLimiter("signin_acct", { points: 100_000, durationSeconds: 3600 }),
    accountDelay: createRateLimiter("signin_acct_delay", { points: 1, durationSeconds: 1 }),
    knownPair: createRateLimiter("signin_known", { points: 1, durationSeconds: 30 * 86400 }),
  };
  return g.__lbLimiters;
}

export type SignInResult =
  | { ok: true; userId: string; principal: Principal; /** failed attempts since the previous sign-in */ failedSignIns: number }
  | { ok: false; reason: "invalid" | "rate-limited"; retryAfterSeconds?: number };

async function isBlocked(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  const res = await limiter.get(key);
  if (res && res.consumedPoints >= limiter.points) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return null;
}

export type SignInIdentifier = { kind: "resident-id" | "phone" | "username"; value: string };

/** One spelling per identifier: an ID number upper-cased without spaces, a mobile without +86/0086, spaces or dashes, else a lower-case username. */
export function normaliseSignInIdentifier(raw: string): SignInIdentifier {
  const id = normaliseResidentId(raw);
  if (/^\d{17}[\dX]$/.test(id)) return { kind: "resident-id", value: id };
  const phone = normalisePhone(raw);
  if (phone) return { kind: "phone", value: phone };
  return { kind: "username", value: raw.normalize("NFKC").trim().toLowerCase() };
}

/** Finds the user an identifier names: a username, or for job seekers an ID number or mobile. */
async function findUserByIdentifier(db: Db, id: SignInIdentifier) {
  if (id.kind === "resident-id" && parseResidentId(id.value).ok) {
    const worker = await db.worker.findFirst({ where: { idNumberHash: { in: blindIndexes("resident-id", id.value) } }, select: { account: true } });
    if (worker?.account) return worker.account;
  }
  if (id.kind === "phone") {
    const worker = await db.worker.findFirst({
      where: { phoneHash: { in: blindIndexes("phone", id.value) }, account: { isNot: null } },
      select: { account: true },
    });
    if (worker?.account) return worker.account;
  }
  return db.user.findUnique({ where: { username: id.kind === "username" ? id.value : id.value.toLowerCase() } });
}

/** A rate limiter's key for `part` (an address, an account): keyed, so Redis never holds them plain. */
export const limiterKey = (part: string) => blindIndex("rate-limit", part);

export async function signIn(identifier: string, password: string, ip: string, db: Db = getDb()): Promise<SignInResult> {
  const l = limiters();
  const ipKey = limiterKey(`ip:${ip}`);
  const ipBlocked = await isBlocked(l.byIp, ipKey);
  if (ipBlocked !== null) return { ok: false, reason: "rate-limited", retryAfterSeconds: ipBlocked };

  const id = normaliseSignInIdentifier(identifier);
  const user = await findUserByIdentifier(db, id);
  const account = user ? `user:${user.id}` : `${id.kind}:${id.value}`;
  const accountKey = limiterKey(`account:${account}`);
  const pairKey = limiterKey(`pair:${account}|${ip}`);
  const pairBlocked = await isBlocked(l.byAccountIp, pairKey);
  if (pairBlocked !== null) return { ok: false, reason: "rate-limited", retryAfterSeconds: pairBlocked };
  const knownAddress = (await l.knownPair.get(pairKey)) !== null;
  if (!knownAddress) {
    const slowed = await isBlocked(l.accountDelay, accountKey);
    if (slowed !== null) return { ok: false, reason: "rate-limited", retryAfterSeconds: slowed };
  }

  dummyHash ??= hashPassword("not-a-real-password");
  const valid = user && user.isActive ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash, password), false);
  if (!user || !valid) {
    const [, , counted] = await Promise.all([l.byIp.penalty(ipKey, 1), l.byAccountIp.penalty(pairKey, 1), l.byAccount.penalty(accountKey, 1)]);
    const failures = counted.consumedPoints;
    if (failures >= SIGNIN_SLOWDOWN_AFTER) {
      await l.accountDelay.block(accountKey, Math.min(2 ** (failures - SIGNIN_SLOWDOWN_AFTER + 1), SIGNIN_MAX_DELAY_SECONDS));
    }
    // A notice to the account: its owner sees the count at the next sign-in, admins in the audit log.
    if (user) await audit({ actor: null, action: "auth.signInFailed", entityType: "User", entityId: user.id, detail: { failuresThisHour: failures }, ip });
    return { ok: false, reason: "invalid" };
  }
  await Promise.all([
    l.byAccount.delete(accountKey),
    l.accountDelay.delete(accountKey),
    l.byAccountIp.delete(pairKey),
    l.knownPair.set(pairKey, 1, 30 * 86400),
  ]);
  const failedSignIns = await db.auditLog.count({
    where: { action: "auth.signInFailed", entityType: "User", entityId: user.id, ...(user.lastSignInAt ? { at: { gt: user.lastSignInAt } } : {}) },
  });
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { ok: true, userId: user.id, principal: (await loadPrincipal(db, user.id))!, failedSignIns };
}

export async function resetSignInLimits(): Promise<void> {
  g.__lbLimiters = undefined;
}

// ───────────── sessions ─────────────

/** A new session for `userId`: a random id in the (signed) cookie, its SHA-256 in the table. */
export async function createSessionCookie(
  userId: string,
  db: Db = getDb(),
  opts: { failedSignIns?: number; /** the user's roles, when the caller has just read them */ roles?: string[] } = {},
): Promise<string> {
  const roles = opts.roles ?? (await db.roleAssignment.findMany({ where: { userId }, select: { role: true } })).map((r) => r.role);
  const policy = sessionPolicy(roles);
  const sid = randomBytes(32).toString("base64url");
  await db.session.create({
    data: { id: hashSessionId(sid), userId, expiresAt: new Date(Date.now() + policy.absoluteSeconds * 1000), failedSignIns: opts.failedSignIns ?? 0 },
  });
  const cookieSession = await sessionStorage().getSession();
  cookieSession.set("sid", sid);
  return sessionStorage().commitSession(cookieSession, { maxAge: policy.absoluteSeconds });
}

export async function destroySessionCookie(request: Request, db: Db = getDb()): Promise<string> {
  const cookieSession = await sessionStorage().getSession(request.headers.get("Cookie"));
  const sid = cookieSession.get("sid");
  if (typeof sid === "string") await db.session.deleteMany({ where: { id: hashSessionId(sid) } });
  return sessionStorage().destroySession(cookieSession);
}

/** The hashed id of the session a request's cookie names, if any. */
async function requestSessionId(request: Request): Promise<string | null> {
  const cookieSession = await sessionStorage().getSession(request.headers.get("Cookie"));
  const sid = cookieSession.get("sid");
  return typeof sid === "string" && sid.length > 0 && sid.length <= 200 ? hashSessionId(sid) : null;
}

/**
 * The failed sign-ins on the account between its previous sign-in and this session's, handed out
 * once (the root layout shows them), so the owner learns someone tried their password.
 */
export async function takeSignInNotice(user: SessionUser, db: Db = getDb()): Promise<number | null> {
  const count = user.failedSignIns ?? 0;
  if (count === 0) return null;
  // The count was read with the session: only the request that clears it shows it.
  const taken = await db.session.updateMany({ where: { id: user.sessionId, failedSignIns: count }, data: { failedSignIns: 0 } });
  return taken.count === 1 ? count : null;
}

/** The principal of an active user (for sessions, and for jobs acting with a user's current rights). */
const principalInclude = { roles: true, employer: { select: { status: true } } } as const;
type PrincipalUser = Prisma.UserGetPayload<{ include: typeof principalInclude }>;

export async function loadPrincipal(db: Db, userId: string): Promise<Principal | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: principalInclude });
  return user ? principalOf(user) : null;
}

function principalOf(user: PrincipalUser): Principal | null {
  if (!user.isActive) return null;
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

export type SessionUser = {
  principal: Principal;
  displayName: string;
  locale: string;
  homePath: string;
  /** the stored (hashed) id of the request's session */
  sessionId: string;
  /** failed sign-ins not yet shown (takeSignInNotice) */
  failedSignIns?: number;
};

export async function getSessionUser(request: Request, db: Db = getDb()): Promise<SessionUser | null> {
  const id = await requestSessionId(request);
  if (!id) return null;
  // One read: the session with its user, roles and employer status (the principal needs no second).
  const session = await db.session.findUnique({ where: { id }, include: { user: { include: principalInclude } } });
  if (!session) return null;
  const now = Date.now();
  const policy = sessionPolicy(session.user.roles.map((r) => r.role));
  // Past its absolute end, or idle too long (judged by the user's roles now, not at sign-in).
  if (session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > policy.idleSeconds * 1000 || !session.user.isActive) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  const principal = principalOf(session.user);
  if (!principal) return null;
  if (now - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.session.updateMany({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  return {
    principal,
    displayName: session.user.displayName,
    locale: session.user.locale,
    homePath: homePath(principal),
    sessionId: id,
    failedSignIns: session.failedSignIns,
  };
}

/** For loaders and actions: the signed-in user holding one of `roles`, or a redirect/403. */
export async function requireUser(request: Request, roles?: Role[], context?: unknown): Promise<SessionUser> {
  const user = await sessionUserOnce(request, context);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (roles && !isAdmin(user.principal) && !roles.some((r) => hasRole(user.principal, r))) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

// ───────────── one session read per request ─────────────

/**
 * The request's session user, read once per HTTP request however many loaders ask (root, the area
 * layout and the page run in parallel). Memoised on the request's load context, not on the Request:
 * Remix 2 hands every loader and action a fresh copy of the Request (data.js, stripIndexParam /
 * stripRoutesParam), so a WeakMap on it would never hit across loaders; the context object
 * (app/server/web.ts) is one per HTTP request and shared by all of them. Without a context (a
 * loader called directly) the Request is the key. Within a key, entries are per Cookie header, so a
 * context reused with another cookie never answers with someone else's session.
 */
const sessionMemo = new WeakMap<object, Map<string, Promise<SessionUser | null>>>();

export function sessionUserOnce(request: Request, context?: unknown): Promise<SessionUser | null> {
  const key = typeof context === "object" && context !== null ? context : request;
  let byCookie = sessionMemo.get(key);
  if (!byCookie) sessionMemo.set(key, (byCookie = new Map()));
  const cookie = request.headers.get("Cookie") ?? "";
  let user = byCookie.get(cookie);
  if (!user) byCookie.set(cookie, (user = getSessionUser(request)));
  return user;
}

/**
 * Each area's principal, for every loader and action of the area (its layout's and each page's:
 * Remix runs a page's loader beside the layout's, not after it, and an action without it, so the
 * layout's check alone protects nothing). Admins pass every check, as with requireUser.
 */
export const requireCoordinator = (request: Request, context?: unknown) => requireUser(request, ["COORDINATOR"], context);
export const requireEmployer = (request: Request, context?: unknown) => requireUser(request, ["EMPLOYER"], context);
export const requireProviderStaff = (request: Request, context?: unknown) => requireUser(request, ["PROVIDER_STAFF"], context);
export const requireJobSeeker = (request: Request, context?: unknown) => requireUser(request, ["JOB_SEEKER"], context);
