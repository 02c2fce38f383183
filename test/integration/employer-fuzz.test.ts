// No input produces a 500 or a half-written record: the employer forms, candidate actions and the
// API answered with hostile and random input. Every answer is a redirect, a 4xx with problems, or
// a success; a record that exists was written whole (with its outbox row).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { action as signupAction } from "~/routes/employer/signup";
import { action as newPostingAction } from "~/routes/employer/posting-new";
import { action as postingAction } from "~/routes/employer/posting";
import { action as newOrderAction } from "~/routes/employer/order-new";
import { action as postingsApi } from "~/routes/api/postings";
import { action as ordersApi } from "~/routes/api/training-orders";
import { createApiToken } from "~/services/api-tokens.server";
import { ORDER_FORM_NAMES, POSTING_FORM_NAMES } from "~/features/employers/index.server";
import { getDb } from "~/services/db.server";
import { makeEmployer, makeMatch, makePosting, makeWorker } from "../setup/factories";
import { asResponse } from "../setup/api-call";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's loader/action takes its own args type
const run = async (fn: (a: any) => unknown, request: Request, params: Record<string, string> = {}): Promise<number> => {
  try {
    const r = asResponse(await fn({ request, params, context: {} }));
    return r instanceof Response ? r.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
};

const hostile = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "9".repeat(400),
  "-1",
  "1e400",
  "NaN",
  "0x10",
  "２０００",
  "<script>",
  "'; DROP TABLE x;--",
  "2026-02-30",
  "99999-01-01",
  "限男性",
  "on",
  "true",
  "[]",
  "{}",
);
const value = fc.oneof(hostile, fc.string({ maxLength: 30 }), fc.integer().map(String));
const formBody = (names: string[]) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...names) },
          { weight: 1, arbitrary: fc.constantFrom("skills[4294967294].minLevel", "__proto__", "skills[0][0]", "x[]") },
        ),
        value,
      ),
      { maxLength: 25 },
    )
    .map((pairs) => new URLSearchParams(pairs));

// The forms' own names (what readFormPost lets through), so the fuzz follows the forms as they grow.
const POSTING = [...POSTING_FORM_NAMES];
const ORDER = [...ORDER_FORM_NAMES];
const SIGNUP = [
  "name",
  "creditCode",
  "districtCode",
  "industry",
  "address",
  "contactName",
  "contactPhone",
  "username",
  "password",
  "passwordConfirm",
  "declaration",
];

const post = (path: string, body: URLSearchParams, cookie: string) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      Cookie: cookie,
      "Content-Type": "application/x-www-form-urlencoded",
      "x-lb-client-ip": `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
    body,
  });

describe("hostile input", () => {
  it("the posting, order and sign-up forms answer 302/400/409, never 500, and leave nothing half-written", async () => {
    const { user, employer } = await makeEmployer();
    const cookie = await user.cookie();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("posting", "order", "signup"), formBody(POSTING), formBody(ORDER), formBody(SIGNUP), async (which, p, o, s) => {
        const status =
          which === "posting"
            ? await run(newPostingAction, post("/employer/postings/new", p, cookie))
            : which === "order"
              ? await run(newOrderAction, post("/employer/orders/new", o, cookie))
              : await run(signupAction, post("/employer/signup", s, ""));
        expect([200, 302, 400, 409, 429]).toContain(status);
      }),
      { numRuns: 150 },
    );
    const postings = await getDb().jobPosting.findMany({ where: { employerId: employer.id }, select: { id: true } });
    for (const p of postings) expect(await getDb().outbox.count({ where: { entityId: p.id } })).toBeGreaterThanOrEqual(1);
  });

  it("candidate actions with random fields answer 4xx or success, never 500", async () => {
    const { user, employer } = await makeEmployer();
    const posting = await makePosting(employer.id, { headcount: 5 });
    const match = await makeMatch((await makeWorker("130624")).id, { postingId: posting.id }, "ACCEPTED");
    const cookie = await user.cookie();
    const fields = fc.record({
      intent: fc.oneof(fc.constantFrom("shortlist", "invite", "decline", "hire", "reveal", "publish", "close", "fill"), fc.string({ maxLength: 10 })),
      matchId: fc.oneof(fc.constant(match.id), fc.uuid(), fc.string({ maxLength: 40 })),
      reason: value,
      reasonText: value,
      startDate: value,
      monthlyWage: value,
    });
    await fc.assert(
      fc.asyncProperty(fields, async (f) => {
        const status = await run(postingAction, post(`/employer/postings/${posting.id}`, new URLSearchParams(f), cookie), { postingId: posting.id });
        expect([200, 400, 404, 409]).toContain(status);
      }),
      { numRuns: 120 },
    );
    // However the actions landed, hires never exceed the headcount and each has its placement.
    const hired = await getDb().match.count({ where: { postingId: posting.id, status: "HIRED" } });
    expect(hired).toBeLessThanOrEqual(5);
    expect(await getDb().placement.count({ where: { postingId: posting.id } })).toBe(hired);
  });

  it("the API answers any JSON body with 201 or 4xx", async () => {
    const { employer } = await makeEmployer();
    const token = (await createApiToken({ name: "fuzz", role: "EMPLOYER", employerId: employer.id })).token;
    const json = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        occupationCode: value,
        title: value,
        headcount: fc.oneof(fc.integer(), value),
        wageMin: fc.oneof(fc.integer(), value),
        wageMax: fc.integer(),
        workRegionCode: value,
        skills: fc.jsonValue({ maxDepth: 2 }),
        kind: fc.constantFrom("ORDER_BASED", "COMPOUND", "x"),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(postingsApi, ordersApi), json, async (handler, body) => {
        const request = new Request("http://localhost/api/v1/x", {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        const status = await run(handler, request);
        expect([201, 400, 409]).toContain(status);
      }),
      { numRuns: 150 },
    );
  });
});
