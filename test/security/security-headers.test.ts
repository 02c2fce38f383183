// Issue 11, item 11: the real HTTP host sends a Content-Security-Policy whose script nonce is new
// on every response and carried by every inline script of the page, HSTS in production, and
// Cache-Control: no-store on pages and API answers (static assets keep their long cache).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/services/api-tokens.server";
import { makeCoordinator } from "../setup/factories";
import { startTestWebServer } from "../setup/web-server";

let server: Awaited<ReturnType<typeof startTestWebServer>>;
beforeAll(async () => {
  server = await startTestWebServer({ nodeEnv: "production" });
}, 300_000);
afterAll(async () => {
  await server?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, server.baseURL), { headers, redirect: "manual" });
const nonceOf = (csp: string | null) => csp?.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/)?.[1];

describe("security headers", () => {
  it(
    "script injection: the page's CSP allows scripts from this origin and inline ones carrying this response's " + "nonce only; every inline script carries it",
    async () => {
      const res = await get("/login");
      expect(res.status).toBe(200);
      const csp = res.headers.get("Content-Security-Policy");
      const nonce = nonceOf(csp);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      for (const directive of [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "img-src 'self' data: blob:",
      ])
        expect(csp).toContain(directive);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      // A nonce is good for one response only.
      expect(nonceOf((await get("/login")).headers.get("Content-Security-Policy"))).not.toBe(nonce);
    },
  );

  it("downgrade to plain HTTP: in production every answer carries Strict-Transport-Security", async () => {
    for (const path of ["/login", "/healthz", "/api/v1/workers"]) {
      expect((await get(path)).headers.get("Strict-Transport-Security")).toMatch(/^max-age=31536000/);
    }
    // Outside production (a developer on http://localhost) it is not sent.
    const dev = await startTestWebServer({ nodeEnv: "development" });
    try {
      expect((await fetch(`${dev.baseURL}/login`)).headers.get("Strict-Transport-Security")).toBeNull();
    } finally {
      await dev.close();
    }
  });

  it("personal data left in caches: pages, single-fetch data and /api/v1 answers are Cache-Control: no-store", async () => {
    const coordinator = await makeCoordinator("130624");
    const cookie = await coordinator.cookie();
    const { token } = await createApiToken({ name: "headers", role: "COORDINATOR", regionCode: "130624" });
    const answers = [
      await get("/login"),
      await get("/coordinator/workers", { Cookie: cookie }),
      await get("/coordinator/workers.data", { Cookie: cookie }),
      await get("/coordinator", {}), // a redirect to sign in
      await get("/api/v1/workers", { Authorization: `Bearer ${token}` }),
      await get("/api/v1/workers"), // 401
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 302, 200, 401]);
    for (const res of answers) expect(res.headers.get("Cache-Control")).toMatch(/\bno-store\b/);
  });

  it("static assets keep their long, immutable cache", async () => {
    const html = await (await get("/login")).text();
    const asset = html.match(/\/assets\/[\w.-]+\.js/)?.[0];
    expect(asset).toBeDefined();
    const res = await get(asset!);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toMatch(/max-age=31536000.*immutable/);
    // A script is never sniffed as something else; the content policy is the documents' (it governs them, not a script).
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toBeNull();
    expect((await get("/login")).headers.get("Content-Security-Policy")).toContain("script-src");
  });
});
