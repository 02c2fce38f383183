// Issue 11, item 17: employer sign-up must not be a cheap oracle for which usernames exist. The
// "taken" answer comes only for an otherwise valid sign-up, is audited against the existing
// account, and an address that collects five of them cannot sign up (or probe) for a day.
import { describe, expect, it } from "vitest";
import { action as signupAction } from "~/routes/employer/signup";
import { USERNAME_TAKEN_ANSWERS_PER_DAY } from "~/features/employers/index.server";
import { getDb } from "~/services/db.server";
import { createUser } from "~/services/users.server";
import { employerSignupFields } from "../setup/factories";
import { callRoute } from "../setup/api-call";

const fields = (over: Record<string, string> = {}) => employerSignupFields({ name: "北京探测物流有限公司", ...over });
function post(body: Record<string, string>, ip: string): Promise<Response> {
  const request = new Request("http://localhost/employer/signup", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "x-lb-client-ip": ip },
    body: new URLSearchParams(body),
  });
  return callRoute(signupAction, request);
}
async function staff(username: string) {
  const created = await createUser({ username, displayName: username, password: "correct-horse-probe", role: "COORDINATOR", regionCode: "130624" }, null);
  if (!created.ok) throw new Error("setup");
  return created.userId;
}

describe("employer sign-up username enumeration", () => {
  it("username probing: a half-filled form does not reveal whether a staff username exists", async () => {
    await staff("fuping-probe");
    const res = await post({ username: "fuping-probe", password: "x", declaration: "" }, "10.80.0.1");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.result.error.username).toBeUndefined();
    // …nor a complete form with some other problem (a district that is not a county).
    const res2 = await post(fields({ username: "fuping-probe", districtCode: "110000" }), "10.80.0.1");
    expect(res2.status).toBe(400);
    const body2 = await res2.json();
    expect(body2.result.error.districtCode).toBeDefined();
    expect(body2.result.error.username).toBeUndefined();
  });

  it("username probing: every 'taken' answer is audited against the existing account, with the address", async () => {
    const holder = await staff("audited-probe");
    const res = await post(fields({ username: "audited-probe" }), "10.81.0.1");
    expect(res.status).toBe(400);
    expect((await res.json()).result.error.username).toEqual(["admin.usernameTaken"]);
    const rows = await getDb().auditLog.findMany({ where: { action: "employer.signup.usernameTaken", entityId: holder } });
    expect(rows).toHaveLength(1);
    expect(rows[0].ip).toBe("10.81.0.1");
  });

  it("username probing: after five 'taken' answers an address can no longer sign up, so taken and free names look the same", async () => {
    for (let i = 0; i < USERNAME_TAKEN_ANSWERS_PER_DAY; i++) {
      await staff(`listed-${i}`);
      expect((await post(fields({ username: `listed-${i}` }), "10.82.0.1")).status).toBe(400);
    }
    await staff("listed-next");
    const taken = await post(fields({ username: "listed-next" }), "10.82.0.1");
    const free = await post(fields({ username: "never-used-name" }), "10.82.0.1");
    expect(taken.status).toBe(429);
    expect(free.status).toBe(429);
    expect(JSON.stringify(await taken.json())).not.toContain("usernameTaken");
    expect(await getDb().user.count({ where: { username: "never-used-name" } })).toBe(0);
    // The typed input survives the refusal (only the passwords are dropped).
    const body = await free.json();
    expect(body.result.initialValue.username).toBe("never-used-name");
    expect(body.result.initialValue.password).toBeUndefined();
    // Another address is unaffected.
    expect((await post(fields({ username: "another-free-name" }), "10.82.9.9")).status).toBe(302);
  });
});
