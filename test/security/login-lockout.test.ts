// Issue 11, item 6: sign-in limits keyed on the account, not on how its identifier is spelled;
// no lock a stranger can trigger (OWASP: per account+address limit, slowing down, a notice); no
// raw phone or ID number in Redis key names.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, resetSignInLimits, signIn } from "~/services/auth.server";
import { getDb } from "~/services/db.server";
import { getConfig } from "~/services/env.server";
import { decryptPii } from "~/services/pii.server";
import { createUser } from "~/services/users.server";
import { makeSeekerUser, makeWorker } from "../setup/factories";
import { REDIS_URL } from "../setup/env";

const PASSWORD = "correct-horse-lockout";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function seeker() {
  const worker = await makeWorker("130624");
  const user = await makeSeekerUser(worker.id);
  await getDb().user.update({ where: { id: user.userId }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return { userId: user.userId, phone: decryptPii(worker.phoneCipher!), idNumber: decryptPii(worker.idNumberCipher) };
}

async function staff(username: string) {
  const created = await createUser({ username, displayName: username, password: PASSWORD, role: "ADMIN" }, null);
  if (!created.ok) throw new Error("setup");
  return created.userId;
}

const redis = new Redis(REDIS_URL);
beforeAll(() => resetSignInLimits());
afterAll(() => redis.quit());

describe("sign-in limits", () => {
  it("lockout bypass: spelling the same phone differently (138 0000 0001, +86…, 0086…) counts against one account", async () => {
    const { phone } = await seeker();
    const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    const spellings = [phone, spaced, `+86${phone}`, `+86 ${spaced}`, `0086-${phone}`];
    for (const s of spellings) expect(await signIn(s, "wrong-password", "10.60.0.1")).toEqual({ ok: false, reason: "invalid" });
    const sixth = await signIn(`(+86) ${spaced}`, PASSWORD, "10.60.0.1");
    expect(sixth.ok).toBe(false);
    if (!sixth.ok) expect(sixth.reason).toBe("rate-limited");
  });

  it("lockout bypass: a job seeker's ID number (lower-case x, spaces) and phone count against the same account", async () => {
    const { phone, idNumber } = await seeker();
    const spacedId = `${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)} ${idNumber.slice(14)}`.toLowerCase();
    for (const s of [idNumber, spacedId, phone, `+86${phone}`, idNumber.toLowerCase()]) {
      expect(await signIn(s, "wrong-password", "10.61.0.1")).toEqual({ ok: false, reason: "invalid" });
    }
    const next = await signIn(phone.replace(/(\d{3})(\d{4})/, "$1-$2-"), PASSWORD, "10.61.0.1");
    expect(next.ok).toBe(false);
  });

  it("lockout DoS: five failures from strangers' addresses do not lock a staff member out of an address they signed in from before", async () => {
    await staff("dos-admin");
    expect((await signIn("dos-admin", PASSWORD, "10.62.0.1")).ok).toBe(true);
    for (let i = 0; i < 8; i++) await signIn("dos-admin", "wrong-password", `10.62.1.${i}`);
    expect((await signIn("DOS-Admin", PASSWORD, "10.62.0.1")).ok).toBe(true);
  });

  it("lockout DoS: after five strangers' failures a new address waits seconds (slowing down), not a 15-minute lock", async () => {
    await staff("slow-admin");
    for (let i = 0; i < 5; i++) expect(await signIn("slow-admin", "wrong-password", `10.63.1.${i}`)).toEqual({ ok: false, reason: "invalid" });
    const slowed = await signIn("slow-admin", PASSWORD, "10.63.0.1");
    expect(slowed.ok).toBe(false);
    if (!slowed.ok) {
      expect(slowed.reason).toBe("rate-limited");
      expect(slowed.retryAfterSeconds).toBeLessThanOrEqual(2);
    }
    await sleep(2100);
    expect((await signIn("slow-admin", PASSWORD, "10.63.0.1")).ok).toBe(true);
  });

  it("distributed guessing: attempts on one account from many addresses are refused unchecked while the account is slowed down", async () => {
    await staff("spray-admin");
    for (let i = 0; i < 5; i++) await signIn("spray-admin", "wrong-password", `10.64.1.${i}`);
    // Even the right password is not checked inside the wait, so a botnet gets one guess per wait.
    const r = await signIn("spray-admin", PASSWORD, "10.64.2.1");
    expect(r).toMatchObject({ ok: false, reason: "rate-limited" });
  });

  it("one address guessing one account is blocked after five failures", async () => {
    await staff("pair-admin");
    for (let i = 0; i < 5; i++) await signIn("pair-admin", "wrong-password", "10.65.0.1");
    await sleep(2100); // past the account-wide slow-down: the pair block still holds
    const r = await signIn("pair-admin", PASSWORD, "10.65.0.1");
    expect(r).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(!r.ok && r.retryAfterSeconds! > 60).toBe(true);
  });

  it("notice: every failed sign-in on a real account is audited against that account", async () => {
    const userId = await staff("noticed-admin");
    for (let i = 0; i < 3; i++) await signIn("noticed-admin", "wrong-password", `10.66.0.${i}`);
    const rows = await getDb().auditLog.findMany({ where: { action: "auth.signInFailed", entityId: userId } });
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.ip).sort()).toEqual(["10.66.0.0", "10.66.0.1", "10.66.0.2"]);
  });

  it("PII in Redis: no phone, ID number or address appears in a sign-in limiter key name", async () => {
    const { phone, idNumber } = await seeker();
    await signIn(`+86 ${phone}`, "wrong-password", "10.67.0.1");
    await signIn(idNumber, "wrong-password", "10.67.0.1");
    await signIn("13999999999", "wrong-password", "10.67.0.1");
    const q = getConfig().queue;
    if (q.adapter !== "redis") throw new Error("the security tests run against Redis");
    const keys = await redis.keys(`${q.prefix}_signin*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(k).not.toContain(phone);
      expect(k).not.toContain(idNumber);
      expect(k).not.toContain("13999999999");
      expect(k).not.toContain("10.67.0.1");
    }
  });
});
