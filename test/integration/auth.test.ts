import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { closeRateLimiters, createRateLimiter, createSessionCookie, getSessionUser, resetSignInLimits, signIn } from "~/services/auth.server";
import { getDb } from "~/services/db.server";
import { getConfig, setConfig } from "~/services/env.server";
import { createUser } from "~/services/users.server";
import { asResponse } from "../setup/api-call";

describe("accounts and sign-in", () => {
  it("creates a scoped coordinator, signs in, and resolves the session cookie to a principal", async () => {
    const created = await createUser(
      { username: "fuping-coord", displayName: "阜平协调员", password: "correct-horse-1", role: "COORDINATOR", regionCode: "130624" },
      null,
    );
    expect(created.ok).toBe(true);
    const result = await signIn("Fuping-Coord", "correct-horse-1", "10.0.0.1");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.principal.grants).toEqual([{ role: "COORDINATOR", regionCode: "130624" }]);

    const cookie = await createSessionCookie(result.userId);
    const request = new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } });
    const user = await getSessionUser(request);
    expect(user?.homePath).toBe("/coordinator");
    expect(user?.displayName).toBe("阜平协调员");

    // The audit log records who created the account.
    expect(await getDb().auditLog.count({ where: { action: "user.create", entityId: created.ok ? created.userId : "" } })).toBe(1);
  });

  it("stores an argon2 hash, never the password", async () => {
    await createUser({ username: "hashcheck", displayName: "x", password: "correct-horse-2", role: "ADMIN" }, null);
    const row = await getDb().user.findUniqueOrThrow({ where: { username: "hashcheck" } });
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(row.passwordHash).not.toContain("correct-horse-2");
  });

  it("refuses a duplicate username and a coordinator without a region", async () => {
    await createUser({ username: "dup", displayName: "x", password: "correct-horse-3", role: "ADMIN" }, null);
    expect(await createUser({ username: "dup", displayName: "y", password: "correct-horse-3", role: "ADMIN" }, null)).toEqual({
      ok: false,
      field: "username",
      message: "admin.usernameTaken",
    });
    expect(await createUser({ username: "nowhere", displayName: "y", password: "correct-horse-3", role: "COORDINATOR", regionCode: "999999" }, null)).toEqual({
      ok: false,
      field: "regionCode",
      message: "admin.unknownRegion",
    });
  });

  it("rejects a wrong password and rate-limits an account after five failures, even with the right password", async () => {
    await resetSignInLimits();
    await createUser({ username: "target", displayName: "x", password: "correct-horse-4", role: "ADMIN" }, null);
    for (let i = 0; i < 5; i++) {
      expect(await signIn("target", "wrong", `10.1.0.${i}`)).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await signIn("target", "correct-horse-4", "10.1.0.99");
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) expect(blocked.reason).toBe("rate-limited");
  });

  it("rate-limits one address trying many accounts", async () => {
    await resetSignInLimits();
    for (let i = 0; i < 30; i++) await signIn(`nobody-${i}`, "wrong", "10.2.0.1");
    const r = await signIn("nobody-31", "wrong", "10.2.0.1");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe("rate-limited");
  });

  it("a deactivated user's session stops working", async () => {
    const created = await createUser({ username: "leaver", displayName: "x", password: "correct-horse-5", role: "ADMIN" }, null);
    if (!created.ok) throw new Error("setup");
    const cookie = await createSessionCookie(created.userId);
    await getDb().user.update({ where: { id: created.userId }, data: { isActive: false } });
    expect(await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } }))).toBeNull();
  });
});

describe("sign-in form reading", () => {
  it("drops names the form does not have, so a crafted list index cannot stall the server", async () => {
    const { action } = await import("~/routes/login");
    const body = new URLSearchParams([
      ["identifier", "nobody"],
      ["password", "x"],
      ["x[4294967294]", "1"],
    ]);
    const res = asResponse(
      await action({
        request: new Request("http://localhost/login", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body }),
        params: {},
        context: {},
      }),
    );
    expect([400, 429]).toContain(res.status);
    const json = await (res as Response).json();
    expect(JSON.stringify(json)).not.toContain("4294967294");
  });

  it("refuses a non-form content type", async () => {
    const { action } = await import("~/routes/login");
    // Thrown (every page action throws the form reader's refusal), so it reaches the error boundary.
    const res = await action({
      request: new Request("http://localhost/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }),
      params: {},
      context: {},
    }).then(
      () => {
        throw new Error("a non-form body was accepted");
      },
      (thrown: unknown) => thrown as Response,
    );
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(415);
  });

  it("without Redis, limits are counted in PostgreSQL: limiters of different web processes share one count", async () => {
    const config = getConfig();
    await closeRateLimiters();
    setConfig({ ...config, queue: { adapter: "postgres", url: config.database.url } });
    try {
      // Two limiter instances with no memory in common, as two web processes have.
      const [a, b] = [
        createRateLimiter("shared_test", { points: 3, durationSeconds: 60 }),
        createRateLimiter("shared_test", { points: 3, durationSeconds: 60 }),
      ];
      expect(a).toBeInstanceOf(RateLimiterPostgres);
      const key = `k${Date.now()}`;
      await a.consume(key);
      await b.consume(key);
      await a.consume(key);
      await expect(b.consume(key)).rejects.toBeInstanceOf(RateLimiterRes);
      const row = await getDb().rateLimit.findUniqueOrThrow({ where: { key: `shared_test:${key}` } });
      expect(row.points).toBe(4);
      expect(Number(row.expire)).toBeGreaterThan(Date.now());
    } finally {
      await closeRateLimiters();
      setConfig(config);
    }
  });
});
