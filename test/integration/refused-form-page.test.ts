// Issue 16's 10,000-request fuzz (2026-12-07): POST /admin/tokens and /admin/queues with a body that
// is not a form answered 500. The action returned the form reader's plain-text refusal (415/400),
// Remix handed that text to the page as its action data, and the page's `"error" in data` threw on
// a string. The refusal is now thrown, so the error page answers with its status. Through the real
// HTTP host (production build), since only rendering the page showed the 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAdmin, type TestUser } from "../setup/factories";
import { startTestWebServer } from "../setup/web-server";

let server: Awaited<ReturnType<typeof startTestWebServer>>;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestWebServer();
  admin = await makeAdmin();
}, 300_000);
afterAll(async () => {
  await server?.close();
});

const BODIES: [string, string, BodyInit][] = [
  ["JSON", "application/json", JSON.stringify({ intent: "create", name: "x" })],
  ["raw bytes under a multipart type", "multipart/form-data; boundary=xyz", new Uint8Array([0xff, 0xfe, 0x00, 0x2d, 0x2d, 0x0d, 0x0a, 0x99])],
];

describe("admin pages given a body that is not a form", () => {
  for (const path of ["/admin/tokens", "/admin/queues"]) {
    for (const [what, type, body] of BODIES) {
      it(`${path}, ${what}: refused with 4xx, never a 500`, async () => {
        const res = await fetch(new URL(path, server.baseURL), {
          method: "POST",
          body,
          headers: { "Content-Type": type, Cookie: await admin.cookie() },
          redirect: "manual",
        });
        await res.text();
        expect(res.status, `${path} ${what}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${what}`).toBeLessThan(500);
      });
    }
  }

  it("a real form still works (a token is created)", async () => {
    const res = await fetch(new URL("/admin/tokens", server.baseURL), {
      method: "POST",
      body: new URLSearchParams({ intent: "create", name: "fuzz-regression", role: "ADMIN" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: await admin.cookie(), "Sec-Fetch-Site": "same-origin" },
      redirect: "manual",
    });
    expect(res.status).toBe(200);
  });
});
