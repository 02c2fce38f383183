// Issue 11, item 14 (sessions): idle timeout, absolute lifetime, only hashed session ids stored.
import { createCookieSessionStorage } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { action as loginAction } from "~/routes/login";
import { createSessionCookie, getSessionUser, hashPassword, resetSignInLimits, SESSION_POLICY } from "~/services/auth.server";
import { getDb } from "~/services/db.server";
import { getConfig } from "~/services/env.server";
import { createUser } from "~/services/users.server";
import { makeAdmin, makeEmployer, makeSeekerUser, makeWorker } from "../setup/factories";
import { asResponse } from "../setup/api-call";

const asRequest = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
/** The raw session id the browser holds (the cookie is signed, not encrypted). */
function sidOf(cookie: string): string {
  const value = decodeURIComponent(cookie.split(";")[0].split("=").slice(1).join("="));
  return JSON.parse(Buffer.from(value.slice(0, value.lastIndexOf(".")), "base64").toString("utf8")).sid;
}

describe("session lifetime", () => {
  it("stolen session table: the stored id is a SHA-256, and replaying a stored id as a cookie signs nobody in", async () => {
    const admin = await makeAdmin();
    const cookie = await admin.cookie();
    const sid = sidOf(cookie);
    const rows = await getDb().session.findMany({ where: { userId: admin.userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0].id).not.toBe(sid);
    expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
    // Someone with a copy of the table (and even the cookie-signing secret) forges a cookie from a row.
    const forger = createCookieSessionStorage<{ sid: string }>({ cookie: { name: "__lb_session", secrets: [getConfig().secrets.session] } });
    const forged = await forger.getSession();
    forged.set("sid", rows[0].id);
    expect(await getSessionUser(asRequest(await forger.commitSession(forged)))).toBeNull();
    expect(await getSessionUser(asRequest(cookie))).not.toBeNull();
  });

  it("idle staff session: a coordinator's or employer's session left for 31 minutes is signed out", async () => {
    for (const user of [await makeAdmin(), (await makeEmployer()).user]) {
      const cookie = await user.cookie();
      await getDb().session.updateMany({ where: { userId: user.userId }, data: { lastSeenAt: minutesAgo(29) } });
      expect(await getSessionUser(asRequest(cookie))).not.toBeNull(); // still active, and the clock restarts
      await getDb().session.updateMany({ where: { userId: user.userId }, data: { lastSeenAt: minutesAgo(31) } });
      expect(await getSessionUser(asRequest(cookie))).toBeNull();
      expect(await getDb().session.count({ where: { userId: user.userId } })).toBe(0);
    }
  });

  it("a request keeps an active staff session alive (the idle clock restarts)", async () => {
    const admin = await makeAdmin();
    const cookie = await admin.cookie();
    await getDb().session.updateMany({ where: { userId: admin.userId }, data: { lastSeenAt: minutesAgo(20) } });
    expect(await getSessionUser(asRequest(cookie))).not.toBeNull();
    const row = await getDb().session.findFirstOrThrow({ where: { userId: admin.userId } });
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it("absolute lifetime: a staff session ends 12 hours after sign-in however busy, a job seeker's after 30 days", async () => {
    const admin = await makeAdmin();
    const cookie = await createSessionCookie(admin.userId);
    const row = await getDb().session.findFirstOrThrow({ where: { userId: admin.userId } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(SESSION_POLICY.staff.absoluteSeconds * 1000 + 1000);
    expect(cookie).toMatch(new RegExp(`Max-Age=${SESSION_POLICY.staff.absoluteSeconds}`));
    await getDb().session.updateMany({ where: { userId: admin.userId }, data: { expiresAt: minutesAgo(1), lastSeenAt: new Date() } });
    expect(await getSessionUser(asRequest(cookie))).toBeNull();

    const seeker = await makeSeekerUser((await makeWorker("130624")).id);
    await seeker.cookie();
    const seekerRow = await getDb().session.findFirstOrThrow({ where: { userId: seeker.userId } });
    expect(Math.round((seekerRow.expiresAt.getTime() - seekerRow.createdAt.getTime()) / 86400_000)).toBe(30);
  });

  it("a job seeker's session survives an hour idle but not eight days", async () => {
    const seeker = await makeSeekerUser((await makeWorker("130624")).id);
    const cookie = await seeker.cookie();
    await getDb().session.updateMany({ where: { userId: seeker.userId }, data: { lastSeenAt: minutesAgo(60) } });
    expect(await getSessionUser(asRequest(cookie))).not.toBeNull();
    await getDb().session.updateMany({ where: { userId: seeker.userId }, data: { lastSeenAt: minutesAgo(8 * 24 * 60) } });
    expect(await getSessionUser(asRequest(cookie))).toBeNull();
  });

  it("notice: after failed attempts on the account, the owner is told once at the next sign-in", async () => {
    await resetSignInLimits();
    await createUser({ username: "told-admin", displayName: "x", password: "correct-horse-told", role: "ADMIN" }, null);
    const post = (password: string, ip: string) =>
      loginAction({
        request: new Request("http://localhost/login", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", "x-lb-client-ip": ip },
          body: new URLSearchParams({ identifier: "told-admin", password }),
        }),
        params: {},
        context: {},
      }).then(asResponse);
    for (let i = 0; i < 3; i++) expect((await post("wrong-password", `10.70.0.${i}`)).status).toBe(400);
    const ok = await post("correct-horse-told", "10.70.1.1");
    expect(ok.status).toBe(302);
    const cookie = ok.headers.get("Set-Cookie")!;
    const first = await rootLoader({ request: asRequest(cookie), params: {}, context: {} });
    expect(first.failedSignIns).toBe(3);
    const second = await rootLoader({ request: asRequest(cookie), params: {}, context: {} });
    expect(second.failedSignIns).toBeNull();
  });

  it("createSessionCookie still signs in a job seeker whose password was just set", async () => {
    const seeker = await makeSeekerUser((await makeWorker("130624")).id);
    await getDb().user.update({ where: { id: seeker.userId }, data: { passwordHash: await hashPassword("x-long-password") } });
    expect((await getSessionUser(asRequest(await createSessionCookie(seeker.userId))))?.principal.id).toBe(seeker.userId);
  });
});
