// Issue 11, item 15: a suspended employer kept reading its candidates and placements (names,
// phones after acceptance, counties). Suspension now ends access to personal data on every
// surface: the posting page's candidates, the phone reveal, the API with an employer token.
// The refusal is a clear 403, not a 500; the employer's home (with the suspension notice) stays.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as apiMatchesLoader } from "~/routes/api/posting-matches";
import { loader as apiPlacementsLoader } from "~/routes/api/placements";
import { loader as homeLoader } from "~/routes/employer/index";
import { action as postingAction, loader as postingLoader } from "~/routes/employer/posting";
import { createApiToken } from "~/services/api-tokens.server";
import { getDb } from "~/services/db.server";
import { listPlacements, placementFor } from "~/features/placements/index.server";
import { callApi, callRoute, formPost } from "../setup/api-call";
import { makeEmployer, makeMatch, makePosting, makeWorker, type TestUser } from "../setup/factories";

let user: TestUser;
let employerId: string;
let postingId: string;
let matchId: string;
let token: string;

beforeAll(async () => {
  const made = await makeEmployer();
  user = made.user;
  employerId = made.employer.id;
  const worker = await makeWorker("130624");
  const posting = await makePosting(employerId);
  postingId = posting.id;
  matchId = (await makeMatch(worker.id, { postingId }, "ACCEPTED")).id;
  await getDb().placement.create({
    data: {
      workerId: worker.id,
      employerId,
      postingId,
      startDate: new Date("2026-04-01T00:00:00Z"),
      monthlyWage: 6500,
      workRegionCode: "110105",
      transferType: "BEIJING_TIANJIN",
    },
  });
  token = (await createApiToken({ name: "hr system", role: "EMPLOYER", employerId })).token;
});

const suspend = (status: "SUSPENDED" | "VERIFIED") => getDb().employer.update({ where: { id: employerId }, data: { status } });
const page = async (path: string) =>
  callRoute(postingLoader, new Request(`http://localhost${path}`, { headers: { Cookie: await user.cookie() } }), { postingId });

describe("a suspended employer reads no personal data", () => {
  it(
    "suspended after signing in: the posting page with its candidates answers 403 with the suspension message (the " + "same session read them before)",
    async () => {
      await suspend("VERIFIED");
      const before = await page(`/employer/postings/${postingId}`);
      expect(before).toHaveProperty("candidates"); // loader data: the accepted candidate by name
      await suspend("SUSPENDED");
      const res = await page(`/employer/postings/${postingId}`);
      expect(res.status).toBe(403);
      expect(await res.text()).toBe("employer-suspended");
    },
  );

  it("suspended employer reveals an accepted candidate's phone: 403, nothing decrypted, nothing audited as a reveal", async () => {
    await suspend("SUSPENDED");
    const res = await callRoute(postingAction, formPost(`/employer/postings/${postingId}`, await user.cookie(), { intent: "reveal", matchId }), { postingId });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toMatch(/1380000\d{4}/);
    expect(await getDb().auditLog.count({ where: { action: "match.contact.reveal" } })).toBe(0);
  });

  it("suspended employer's API token lists placements and matches: 403 employer_suspended, no people", async () => {
    await suspend("SUSPENDED");
    for (const [fn, path, params] of [
      [apiPlacementsLoader, "/api/v1/placements", {}],
      [apiMatchesLoader, `/api/v1/postings/${postingId}/matches`, { postingId }],
    ] as const) {
      const res = await callApi(fn, path, token, {}, params);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("employer_suspended");
    }
    await suspend("VERIFIED");
    expect((await callApi(apiPlacementsLoader, "/api/v1/placements", token)).status).toBe(200);
  });

  it("the service itself gives a suspended employer's principal no placements (defence below the routes)", async () => {
    await suspend("VERIFIED");
    expect((await listPlacements({ ...user.principal, employerSuspended: false })).total).toBe(1);
    expect((await listPlacements({ ...user.principal, employerSuspended: true })).total).toBe(0);
  });

  it("a suspended employer opening its own placement is told it is suspended (403), not logged as probing another region", async () => {
    const placement = await getDb().placement.findFirstOrThrow({ where: { employerId } });
    const suspended = { ...user.principal, employerSuspended: true };
    const refused = await placementFor(suspended, placement.id).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    expect(await getDb().auditLog.count({ where: { action: "denied.out-of-scope", entityId: placement.id } })).toBe(0);
    expect(await placementFor({ ...user.principal, employerSuspended: false }, placement.id)).not.toBeNull();
  });

  it("the suspended employer's home page still loads, to say why", async () => {
    await suspend("SUSPENDED");
    const res = await callRoute(homeLoader, new Request("http://localhost/employer", { headers: { Cookie: await user.cookie() } }));
    expect(res).toHaveProperty("employer.status", "SUSPENDED");
  });
});
