// Issue 16: the 10,000-request fuzz found page actions that read `request.formData()` themselves, so a
// body that is not a readable form (raw bytes under a multipart type, JSON under a form type) threw
// inside the action and answered 500. Every page action now reads through `readFormPost`: such a body
// is a 400 that says the form could not be read, and nothing is written.
import { beforeAll, describe, expect, it } from "vitest";
import { action as setLocale } from "~/routes/set-locale";
import { action as regionsAction } from "~/routes/admin/regions";
import { action as importAction } from "~/routes/coordinator/import";
import { action as targetMatchesAction } from "~/routes/coordinator/target-matches";
import { action as workerAction } from "~/routes/coordinator/worker";
import { getDb } from "~/services/db.server";
import { callRoute } from "../setup/api-call";
import { makeAdmin, makeCoordinator, makeEmployer, makePosting, makeWorker, type TestUser } from "../setup/factories";

const FUPING = "130624";
let admin: TestUser;
let coordinator: TestUser;
let workerId: string;

beforeAll(async () => {
  admin = await makeAdmin();
  coordinator = await makeCoordinator(FUPING);
  workerId = (await makeWorker(FUPING)).id;
});

/** A same-origin POST whose body is not what its Content-Type says. */
const broken = (path: string, cookie: string | null, contentType: string, body: BodyInit) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": contentType, "Sec-Fetch-Site": "same-origin", ...(cookie ? { Cookie: cookie } : {}) },
  });

const BODIES: [string, string, BodyInit][] = [
  ["raw bytes under a multipart type", "multipart/form-data; boundary=----x", new Uint8Array([0xff, 0xfe, 0x00, 0x2d, 0x2d, 0x0d, 0x0a, 0x99])],
  ["a multipart type without a boundary", "multipart/form-data", '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
  ["a part that never ends", "multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nrematch'],
];

describe("page actions given a body that is not a readable form", () => {
  for (const [what, type, body] of BODIES) {
    it(`${what}: 400 from every action that used to read the form itself, never a 500`, async () => {
      const calls: [string, Promise<Response>][] = [
        ["/set-locale", callRoute(setLocale, broken("/set-locale", null, type, body))],
        ["/admin/regions", callRoute(regionsAction, broken("/admin/regions", await admin.cookie(), type, body))],
        [
          "/coordinator/imports/:id",
          callRoute(importAction, broken("/coordinator/imports/x", await coordinator.cookie(), type, body), {
            importId: "00000000-0000-0000-0000-000000000000",
          }),
        ],
        ["/coordinator/workers/:id", callRoute(workerAction, broken(`/coordinator/workers/${workerId}`, await coordinator.cookie(), type, body), { workerId })],
      ];
      for (const [path, call] of calls) {
        const res = await call;
        expect(res.status, `${path}: ${what}`).toBe(400);
      }
    });
  }

  it("the re-match action of a posting's page refuses it the same way", async () => {
    const { employer } = await makeEmployer({ status: "VERIFIED" });
    const posting = await makePosting(employer.id, { status: "OPEN" });
    const res = await callRoute(
      targetMatchesAction,
      broken(`/coordinator/postings/${posting.id}/matches`, await coordinator.cookie(), BODIES[0][1], BODIES[0][2]),
      { postingId: posting.id },
    );
    expect(res.status).toBe(400);
    expect(await getDb().matchRun.count({ where: { targetId: posting.id } })).toBe(0);
  });

  it("a well-formed form still works (the locale is set)", async () => {
    const res = await callRoute(
      setLocale,
      new Request("http://localhost/set-locale", {
        method: "POST",
        body: new URLSearchParams({ locale: "en", redirectTo: "/" }),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toContain("en");
  });
});
