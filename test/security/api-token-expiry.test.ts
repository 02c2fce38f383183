// Issue 11, item 14 (API tokens): every token expires (90 days by default), expired tokens are
// refused, and an admin can revoke one on the admin page (audited).
import { describe, expect, it } from "vitest";
import { action as tokensAction, loader as tokensLoader } from "~/routes/admin/tokens";
import { loader as meLoader } from "~/routes/api/me";
import { createApiToken } from "~/services/api-tokens.server";
import { getDb } from "~/services/db.server";
import { asResponse, callApi } from "../setup/api-call";
import { makeAdmin, makeCoordinator } from "../setup/factories";

const DAY = 86400_000;

async function adminPost(cookie: string, fields: Record<string, string>) {
  const request = new Request("http://localhost/admin/tokens", {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  const res = asResponse(await tokensAction({ request, params: {}, context: {} }));
  return res instanceof Response ? { status: res.status, body: await res.json() } : { status: 200, body: res };
}

describe("API token expiry and revocation", () => {
  it("a token made without a lifetime expires in 90 days, never lives for ever", async () => {
    const { id } = await createApiToken({ name: "sync", role: "COORDINATOR", regionCode: "130624" });
    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id } });
    expect(Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / DAY)).toBe(90);
    await expect(createApiToken({ name: "forever", role: "ADMIN", days: 100_000 })).rejects.toThrow(/1 to 365 days/);
  });

  it("expired token: a token past its expiry gets 401", async () => {
    const { id, token } = await createApiToken({ name: "old", role: "COORDINATOR", regionCode: "130624", days: 1 });
    expect((await callApi(meLoader, "/api/v1/me", token)).status).toBe(200);
    await getDb().apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await callApi(meLoader, "/api/v1/me", token)).status).toBe(401);
  });

  it("revoked token: an admin revokes a token on the admin page; it gets 401 at once and the revocation is audited", async () => {
    const admin = await makeAdmin();
    const cookie = await admin.cookie();
    const { id, token } = await createApiToken({ name: "leaked", role: "COORDINATOR", regionCode: "130624" });
    const res = await adminPost(cookie, { intent: "revoke", id });
    expect(res.status).toBe(200);
    expect((await callApi(meLoader, "/api/v1/me", token)).status).toBe(401);
    expect(await getDb().auditLog.count({ where: { action: "apiToken.revoke", entityId: id, actorUserId: admin.userId } })).toBe(1);
    // The list shows its state and expiry.
    const page = await tokensLoader({ request: new Request("http://localhost/admin/tokens", { headers: { Cookie: cookie } }), params: {}, context: {} });
    const listed = page.tokens.find((t) => t.id === id)!;
    expect(listed.state).toBe("revoked");
    expect(listed.expiresAt).toBeInstanceOf(Date);
  });

  it("a token stops working when its person can no longer stand behind it: deactivated, or without the role over its region", async () => {
    const coordinator = await makeCoordinator("130624");
    const { token } = await createApiToken({ name: "for a person", role: "COORDINATOR", regionCode: "130624", userId: coordinator.userId });
    expect((await callApi(meLoader, "/api/v1/me", token)).status).toBe(200);
    await getDb().user.update({ where: { id: coordinator.userId }, data: { isActive: false } });
    expect((await callApi(meLoader, "/api/v1/me", token)).status).toBe(401);
    await getDb().user.update({ where: { id: coordinator.userId }, data: { isActive: true } });
    expect((await callApi(meLoader, "/api/v1/me", token)).status).toBe(200);
    // Moved to another county: the role over the token's county is gone.
    await getDb().roleAssignment.updateMany({ where: { userId: coordinator.userId, role: "COORDINATOR" }, data: { regionCode: "130636" } });
    expect((await callApi(meLoader, "/api/v1/me", token)).status).toBe(401);
    // A token with no person behind it is unaffected.
    const { token: unnamed } = await createApiToken({ name: "no person", role: "COORDINATOR", regionCode: "130624" });
    expect((await callApi(meLoader, "/api/v1/me", unnamed)).status).toBe(200);
  });

  it("revoking an unknown or malformed token id answers 404, not 500, and audits nothing", async () => {
    const cookie = await (await makeAdmin()).cookie();
    for (const id of ["00000000-0000-0000-0000-000000000000", "not-a-uuid", ""]) {
      expect((await adminPost(cookie, { intent: "revoke", id })).status).toBe(404);
    }
    expect(
      await getDb().auditLog.count({ where: { action: "apiToken.revoke", entityId: { in: ["00000000-0000-0000-0000-000000000000", "not-a-uuid", ""] } } }),
    ).toBe(0);
  });

  it("the admin page makes tokens with a chosen lifetime (default 90 days) and refuses 0 or more than 365", async () => {
    const cookie = await (await makeAdmin()).cookie();
    const created = await adminPost(cookie, { intent: "create", name: "short", role: "ADMIN", days: "7" });
    expect(created.status).toBe(200);
    const row = await getDb().apiToken.findFirstOrThrow({ where: { name: "short" } });
    expect(Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / DAY)).toBe(7);
    await adminPost(cookie, { intent: "create", name: "default", role: "ADMIN" });
    const def = await getDb().apiToken.findFirstOrThrow({ where: { name: "default" } });
    expect(Math.round((def.expiresAt.getTime() - def.createdAt.getTime()) / DAY)).toBe(90);
    for (const days of ["0", "366", "abc"]) expect((await adminPost(cookie, { intent: "create", name: `bad-${days}`, role: "ADMIN", days })).status).toBe(400);
  });

  it("the admin page names the person a token acts for (by sign-in name); an unknown name is refused beside the field, nothing made", async () => {
    const cookie = await (await makeAdmin()).cookie();
    const coordinator = await makeCoordinator("130624");
    const { username } = await getDb().user.findUniqueOrThrow({ where: { id: coordinator.userId } });
    const made = await adminPost(cookie, { intent: "create", name: "county sync", role: "COORDINATOR", regionCode: "130624", issuedFor: ` ${username} ` });
    expect(made.status).toBe(200);
    const row = await getDb().apiToken.findFirstOrThrow({ where: { name: "county sync" } });
    expect(row.userId).toBe(coordinator.userId);
    const audited = await getDb().auditLog.findFirstOrThrow({ where: { action: "apiToken.create", entityId: row.id } });
    expect(audited.detail).toMatchObject({ issuedFor: username });
    const page = await tokensLoader({ request: new Request("http://localhost/admin/tokens", { headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(page.tokens.find((t) => t.id === row.id)?.user).toEqual({ username, displayName: expect.any(String) });

    const refused = await adminPost(cookie, { intent: "create", name: "nobody's", role: "ADMIN", issuedFor: "no-such-user" });
    expect(refused.status).toBe(400);
    expect(refused.body.result.error).toEqual({ issuedFor: ["admin.unknownUser"] });
    expect(refused.body.result.initialValue).toMatchObject({ name: "nobody's", issuedFor: "no-such-user" });
    expect(await getDb().apiToken.count({ where: { name: "nobody's" } })).toBe(0);
    // A coordinator cannot be the person behind an admin token (nor a job seeker behind a coordinator's).
    const wrongRole = await adminPost(cookie, { intent: "create", name: "wrong role", role: "ADMIN", issuedFor: username });
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.body.result.error).toEqual({ issuedFor: ["admin.personOutOfScope"] });
    expect(await getDb().apiToken.count({ where: { name: "wrong role" } })).toBe(0);
  });

  it("the person behind a coordinator's token holds that role over the token's region: not a county's coordinator behind the prefecture's", async () => {
    const cookie = await (await makeAdmin()).cookie();
    const countyCoordinator = await makeCoordinator("130624");
    const prefectureCoordinator = await makeCoordinator("130600");
    const nameOf = async (userId: string) => (await getDb().user.findUniqueOrThrow({ where: { id: userId } })).username;
    const county = await nameOf(countyCoordinator.userId);
    const prefecture = await nameOf(prefectureCoordinator.userId);

    for (const [name, regionCode] of [
      ["prefecture token, county person", "130600"],
      ["other county's token", "130636"],
    ]) {
      const refused = await adminPost(cookie, { intent: "create", name, role: "COORDINATOR", regionCode, issuedFor: county });
      expect(refused.status).toBe(400);
      expect(refused.body.result.error).toEqual({ issuedFor: ["admin.personOutOfScope"] });
      expect(refused.body.result.initialValue).toMatchObject({ name, regionCode, issuedFor: county });
      expect(await getDb().apiToken.count({ where: { name } })).toBe(0);
    }
    // The prefecture's coordinator may stand behind a token for a county beneath it.
    const made = await adminPost(cookie, {
      intent: "create",
      name: "county token, prefecture person",
      role: "COORDINATOR",
      regionCode: "130624",
      issuedFor: prefecture,
    });
    expect(made.status).toBe(200);
    expect((await getDb().apiToken.findFirstOrThrow({ where: { name: "county token, prefecture person" } })).userId).toBe(prefectureCoordinator.userId);
  });

  it("only admins reach the token page", async () => {
    const cookie = await (await makeCoordinator("130624")).cookie();
    const { id } = await createApiToken({ name: "keep", role: "COORDINATOR", regionCode: "130624" });
    await expect(adminPost(cookie, { intent: "revoke", id })).rejects.toMatchObject({ status: 403 });
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
  });
});
