// Issue 11, item 5: the redirect after sign-in may only name a path on this site.
import { beforeAll, describe, expect, it } from "vitest";
import { action, loader } from "~/routes/login";
import { resetSignInLimits } from "~/services/auth.server";
import { safeRedirect, sameOriginPath } from "~/services/http.server";
import { createUser } from "~/services/users.server";
import { asResponse } from "../setup/api-call";

const PASSWORD = "correct-horse-redirect";

/** Posts the sign-in form the way the page does: redirectTo comes from the page's own query string. */
async function signInVia(loginUrl: string, identifier = "redir-admin") {
  const redirectTo = new URL(loginUrl, "http://localhost").searchParams.get("redirectTo") ?? "";
  const body = new URLSearchParams({ identifier, password: PASSWORD, redirectTo });
  const request = new Request("http://localhost/login", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });
  try {
    return asResponse(await action({ request, params: {}, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

beforeAll(async () => {
  await resetSignInLimits();
  await createUser({ username: "redir-admin", displayName: "x", password: PASSWORD, role: "ADMIN" }, null);
});

describe("open redirect after sign-in", () => {
  it("open redirect: redirectTo=/%09/evil after sign-in is refused with a 400, not sent to another site", async () => {
    const res = await signInVia("/login?redirectTo=/%09/evil");
    expect(res.status).toBe(400);
    expect(res.headers.get("Location")).toBeNull();
    expect(JSON.stringify(await res.json())).toContain("login.badRedirect");
  });

  it("open redirect: a sign-in link with redirectTo=/%09/evil opens a plain sign-in page without it", async () => {
    const res = await loader({ request: new Request("http://localhost/login?redirectTo=/%09/evil"), params: {}, context: {} }).catch(
      (r: unknown) => r as Response,
    );
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).headers.get("Location")).toBe("/login");
    // A same-site target is kept: the page itself is served (no redirect; no demo accounts in this database).
    // The page's title is in the request's language (zh-CN by default).
    expect(await loader({ request: new Request("http://localhost/login?redirectTo=%2Fadmin"), params: {}, context: {} })).toEqual({
      title: "登录 · 劳务桥",
      demo: false,
    });
  });

  it("open redirect: a newline in redirectTo gives a 400, not a 500", async () => {
    const res = await signInVia("/login?redirectTo=/admin%0d%0aSet-Cookie:%20x=1");
    expect(res.status).toBe(400);
  });

  it.each(["//evil.example", "/\\evil.example", "/.//evil.example", "https://evil.example/", "/%5C%5Cevil.example"])(
    "open redirect: redirectTo=%s is never followed off-site",
    async (target) => {
      const res = await signInVia(`/login?redirectTo=${encodeURIComponent(target)}`);
      if (res.status === 302) {
        const location = res.headers.get("Location")!;
        expect(new URL(location, "http://localhost").origin).toBe("http://localhost");
        expect(location.startsWith("//")).toBe(false);
      } else {
        expect(res.status).toBe(400);
      }
    },
  );

  it("a same-site path still works after sign-in", async () => {
    const res = await signInVia(`/login?redirectTo=${encodeURIComponent("/admin/users?q=1")}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin/users?q=1");
  });

  it("open redirect: the locale switch (safeRedirect) falls back home for the same tricks", () => {
    for (const bad of ["/\t/evil", "//evil", "/\\evil", "/.//evil", "/a\nb", "https://evil"]) {
      expect(sameOriginPath(bad)).toBeNull();
      expect(safeRedirect(bad)).toBe("/");
    }
    expect(safeRedirect("/employer?welcome=1")).toBe("/employer?welcome=1");
  });
});
