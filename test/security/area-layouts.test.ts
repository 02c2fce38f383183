// Issue 17 item 4: coordinator, provider, employer and job-seeker pages sit under one layout route
// per area that checks access once for the page. Remix runs a page's loader beside the layout's
// (not after it), an action and a resource route (exports, downloads) without it, so the layout's
// check alone would protect nothing: every page module must still refuse a signed-in user of
// another role, and send someone not signed in to the sign-in page, by itself. Pages for people
// outside the area (employer sign-up, a match's breakdown) stay outside the layouts.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import routes from "~/routes";
import { requireCoordinator, sessionUserOnce } from "~/services/auth.server";
import { getDb } from "~/services/db.server";
import { callRoute, formPost } from "../setup/api-call";
import { makeCoordinator, makeEmployer, makeSeekerUser, makeWorker, type TestUser } from "../setup/factories";

type Entry = { path?: string; file: string; index?: boolean; children?: Entry[] };
type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => unknown;
const config = routes as unknown as Entry[];
const AREAS = ["coordinator", "provider", "employer", "me"] as const;
const layoutOf = (area: string) => config.find((r) => r.path === area && r.children);
/** The page modules of an area, with the URL each serves. */
const modules = (area: string) =>
  Promise.all(
    (layoutOf(area)?.children ?? []).map(async (r) => ({
      url: `/${area}${r.path ? `/${r.path}` : ""}`,
      mod: (await import(path.resolve("app", r.file))) as { loader?: Handler; action?: Handler },
    })),
  );
// Every dynamic segment gets a value; the access check comes before anything reads it.
const paramsOf = (url: string) => Object.fromEntries([...url.matchAll(/:(\w+)/g)].map((m) => [m[1], "00000000-0000-4000-8000-000000000000"]));

let employer: TestUser;
let suspended: TestUser;
let coordinator: TestUser;
let seeker: TestUser;
/** For each area, a signed-in user who does not belong in it. */
let outsider: Record<(typeof AREAS)[number], TestUser>;

type Target = { url: string; fn: Handler; post: boolean };
/** Each area's layout loader and every page's loader and action (imported before the tests: transforming them takes long under load). */
const handlersOf = {} as Record<(typeof AREAS)[number], Target[]>;

beforeAll(async () => {
  for (const area of AREAS) {
    const layout = (await import(path.resolve("app", `routes/${area}/layout.tsx`))) as { loader: Handler };
    const handlers: Target[] = [{ url: `/${area}`, fn: layout.loader, post: false }];
    for (const { url, mod } of await modules(area)) {
      if (mod.loader) handlers.push({ url, fn: mod.loader, post: false });
      if (mod.action) handlers.push({ url, fn: mod.action, post: true });
    }
    handlersOf[area] = handlers;
  }
});

beforeAll(async () => {
  employer = (await makeEmployer()).user;
  suspended = (await makeEmployer({ status: "SUSPENDED" })).user;
  coordinator = await makeCoordinator("130624");
  seeker = await makeSeekerUser((await makeWorker("130624")).id);
  outsider = { coordinator: employer, provider: coordinator, employer: seeker, me: coordinator };
});

describe("area layouts", () => {
  it("every page under /coordinator, /provider, /employer and /me is a child of its area's layout, except the pages for people outside it", () => {
    const flat = config.filter((r) => !r.children).map((r) => r.path ?? "");
    for (const area of AREAS) {
      expect(layoutOf(area)?.file).toBe(`routes/${area}/layout.tsx`);
      expect(flat.filter((p) => p === area || p.startsWith(`${area}/`))).toEqual(area === "employer" ? ["employer/signup"] : []);
    }
    expect(flat).toContain("matches/:matchId/breakdown");
  });

  for (const area of AREAS) {
    it(`${area}: the layout and every page's loader and action refuse another role (403) and send the signed-out to sign in, each by itself`, async () => {
      const wrongCookie = await outsider[area].cookie();
      const handlers = handlersOf[area];
      expect(handlers.length).toBeGreaterThan(area === "me" ? 3 : 4);
      await Promise.all(
        handlers.map(async ({ url, fn, post }) => {
          const concrete = url.replace(/:(\w+)/g, "00000000-0000-4000-8000-000000000000");
          const request = (cookie: string) =>
            post ? formPost(concrete, cookie, { intent: "x" }) : new Request(`http://localhost${concrete}`, { headers: cookie ? { Cookie: cookie } : {} });
          const refused = await callRoute(fn, request(wrongCookie), paramsOf(url));
          expect([url, post, refused.status]).toEqual([url, post, 403]);
          const anonymous = await callRoute(fn, request(""), paramsOf(url));
          expect([url, post, anonymous.status]).toEqual([url, post, 302]);
          expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(concrete)}`);
        }),
      );
    });
  }

  it("the employer layout lets a suspended employer in (to read why); the pages refuse it personal data themselves", async () => {
    const layout = (await import("~/routes/employer/layout")) as { loader: Handler };
    const home = (await import("~/routes/employer/index")) as { loader: Handler };
    const request = async (user: TestUser) => new Request("http://localhost/employer", { headers: { Cookie: await user.cookie() } });
    expect(await callRoute(layout.loader, await request(suspended))).toEqual({});
    expect(await callRoute(home.loader, await request(suspended))).toHaveProperty("employer.status", "SUSPENDED");
    expect(await callRoute(layout.loader, await request(employer))).toEqual({});
  });

  it("employer sign-up stays open to people who are not employers (no sign-in needed)", async () => {
    const signup = (await import("~/routes/employer/signup")) as { loader: Handler };
    expect(await callRoute(signup.loader, new Request("http://localhost/employer/signup"))).toHaveProperty("places");
  });
});

describe("one session read per request", () => {
  it("the loaders of one request (one load context, each with its own copy of the Request) share one read; another cookie never gets it", async () => {
    const context = {};
    const withCookie = (cookie: string) => new Request("http://localhost/coordinator", { headers: { Cookie: cookie } });
    const cookie = await coordinator.cookie();
    const first = sessionUserOnce(withCookie(cookie), context);
    expect(sessionUserOnce(withCookie(cookie), context)).toBe(first);
    expect((await requireCoordinator(withCookie(cookie), context)).principal.id).toBe(coordinator.userId);
    // The same context with someone else's cookie reads that session, not the memoised one.
    expect((await sessionUserOnce(withCookie(await employer.cookie()), context))?.principal.id).toBe(employer.userId);
    // Another request (another context) reads again: a session ended in between is not served from memory.
    await getDb().session.deleteMany({ where: { userId: coordinator.userId } });
    expect(await sessionUserOnce(withCookie(cookie), {})).toBeNull();
    expect((await first)?.principal.id).toBe(coordinator.userId);
  });
});
