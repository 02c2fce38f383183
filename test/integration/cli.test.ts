// The operator commands run as a person would run them, against this test's database.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loader as meLoader } from "~/routes/api/me";
import { getDb } from "~/services/db.server";
import { makeCoordinator } from "../setup/factories";
import { childEnv } from "../setup/env";

function run(script: string, args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    encoding: "utf8",
    env: childEnv(),
  });
}

describe("operator commands", () => {
  it("token:create prints a working token scoped to the region", async () => {
    const r = run("app/cli/token-create.ts", ["--role", "COORDINATOR", "--region", "130624", "--name", "county sync"]);
    expect(r.status).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^lb_[0-9a-f]{8}_[A-Za-z0-9_-]{32}$/);
    const res = await meLoader({ request: new Request("http://x/api/v1/me", { headers: { Authorization: `Bearer ${token}` } }), params: {}, context: {} });
    expect((await res.json()).grants).toEqual([{ role: "COORDINATOR", regionCode: "130624" }]);
  });

  it("token:create --days N sets the expiry (default 90) and refuses a lifetime outside 1–365", async () => {
    const r = run("app/cli/token-create.ts", ["--role", "ADMIN", "--name", "week", "--days", "7"]);
    expect(r.status).toBe(0);
    const row = await getDb().apiToken.findFirstOrThrow({ where: { name: "week" } });
    expect(Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 86400_000)).toBe(7);
    expect(run("app/cli/token-create.ts", ["--role", "ADMIN", "--days", "0"]).status).toBe(2);
    expect(run("app/cli/token-create.ts", ["--role", "ADMIN", "--days", "400"]).status).toBe(2);
  });

  it("token:create --for USERNAME names the person accountable for the token (separation of duties on subsidies)", async () => {
    const person = await makeCoordinator("130624");
    const { username } = await getDb().user.findUniqueOrThrow({ where: { id: person.userId }, select: { username: true } });
    const r = run("app/cli/token-create.ts", ["--role", "COORDINATOR", "--region", "130624", "--for", username, "--name", "for a person"]);
    expect(r.status).toBe(0);
    const row = await getDb().apiToken.findFirstOrThrow({ where: { name: "for a person" } });
    expect(row.userId).toBe(person.userId);
    // Made from the command line, it is audited like one made on the admin page (no signed-in actor).
    const audited = await getDb().auditLog.findFirstOrThrow({ where: { action: "apiToken.create", entityId: row.id } });
    expect(audited).toMatchObject({ actorUserId: null, regionCode: "130624", detail: { role: "COORDINATOR", issuedFor: username } });
    const nobody = run("app/cli/token-create.ts", ["--role", "COORDINATOR", "--region", "130624", "--for", "no-such-user"]);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain("unknown user no-such-user");
    // A county's coordinator cannot be the person behind the prefecture's token.
    const outOfScope = run("app/cli/token-create.ts", ["--role", "COORDINATOR", "--region", "130600", "--for", username, "--name", "too wide"]);
    expect(outOfScope.status).toBe(1);
    expect(outOfScope.stderr).toContain(`${username} does not hold the role COORDINATOR over 130600`);
    expect(await getDb().apiToken.count({ where: { name: "too wide" } })).toBe(0);
  });

  it("token:create refuses a missing role and an unknown region", () => {
    expect(run("app/cli/token-create.ts", []).status).toBe(2);
    const r = run("app/cli/token-create.ts", ["--role", "COORDINATOR", "--region", "999999"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("unknown region");
  });

  it("user:create makes the first admin and reports bad input by flag", async () => {
    const ok = run("app/cli/user-create.ts", ["--username", "ops", "--password", "long-enough-1"]);
    expect(ok.status).toBe(0);
    const user = await getDb().user.findUniqueOrThrow({ where: { username: "ops" }, include: { roles: true } });
    expect(user.roles.map((r) => r.role)).toEqual(["ADMIN"]);
    const bad = run("app/cli/user-create.ts", ["--username", "x", "--password", "short"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--password");
  });
});
