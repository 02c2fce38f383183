// Issue 11, item 3: employers saw poverty and priority status. The priority factor and the end of
// the explanation ("建档立卡户优先（政策加分5分）", "重点帮扶对象…") reached employers through the
// posting page and GET /api/v1/postings/:id/matches, before and after acceptance, although the
// priority factors rest on consent-gated health and disability facts. Employers now get a fit-only
// view (domain/match-display.ts employerMatchView): no priority factor, no poverty or priority
// words, a score (and rank) without the priority points. Coordinators keep the full view.
import { beforeEach, describe, expect, it } from "vitest";
import { loader as apiPostingMatches } from "~/routes/api/posting-matches";
import { loader as employerPosting } from "~/routes/employer/posting";
import { loader as staffTargetMatches } from "~/routes/coordinator/target-matches";
import { loader as matchBreakdown } from "~/routes/match-breakdown";
import { createApiToken } from "~/services/api-tokens.server";
import { getDb } from "~/services/db.server";
import { indexEntity } from "~/services/indexing.server";
import { matchTarget } from "~/features/matching/index.server";
import { makeCoordinator, makeEmployer, makeFittingWorker, makePosting } from "../setup/factories";
import { asResponse } from "../setup/api-call";

// Each test ranks only its own people.
beforeEach(async () => {
  await getDb().match.deleteMany({});
  await getDb().matchNearMiss.deleteMany({});
  await getDb().worker.deleteMany({});
  await getDb().jobPosting.updateMany({ where: { status: "OPEN" }, data: { status: "CLOSED" } });
});

/** Poverty or priority status in either language, as text or as a factor name. */
const STATUS_WORDS = /建档立卡|脱贫|贫困|返贫|重点帮扶|帮扶对象|优先|政策加分|priority|poor|poverty|policy \+/i;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's loader/action takes its own args type
const run = async (fn: (a: any) => unknown, url: string, headers: Record<string, string>, params: Record<string, string>) => {
  let out: unknown;
  try {
    out = asResponse(await fn({ request: new Request(`http://localhost${url}`, { headers }), params, context: {} }));
  } catch (thrown) {
    out = thrown;
  }
  if (out instanceof Response) return { status: out.status, body: JSON.parse(await out.text()) };
  return { status: 200, body: JSON.parse(JSON.stringify(out)) };
};

async function seeker(opts: { level: number; priority: boolean }) {
  const w = await makeFittingWorker("130624", { level: opts.level });
  if (opts.priority) await getDb().worker.update({ where: { id: w.id }, data: { isRegisteredPoor: true, hasPriorityFactors: true, atRiskOfPoverty: true } });
  await indexEntity({ entityType: "worker", entityId: w.id, entityVersion: 1 });
  return w;
}

type Factor = { factor: string; contribution: number | null };
type StaffMatch = { id: string; rank: number | null; score: number; factors: Factor[]; explanationZh: string; worker: { id: string } };

/** A posting matched by the real matching service: one person with all three priority facts and a weaker fit, one without. */
async function scene() {
  const { employer, user } = await makeEmployer();
  const posting = await makePosting(employer.id);
  const poor = await seeker({ level: 4, priority: true });
  const other = await seeker({ level: 3, priority: false });
  await indexEntity({ entityType: "posting", entityId: posting.id, entityVersion: posting.version });
  await matchTarget({ kind: "posting", id: posting.id });

  // Coordinators keep the full view: the priority factor, its sentences and its points.
  const coordinator = await makeCoordinator("130624");
  const staff = await run(staffTargetMatches, `/coordinator/postings/${posting.id}/matches`, { Cookie: await coordinator.cookie() }, { postingId: posting.id });
  expect(staff.status).toBe(200);
  const staffMatches = staff.body.matches as StaffMatch[];
  expect(staffMatches).toHaveLength(2);
  const poorMatch = staffMatches.find((m) => m.worker.id === poor.id)!;
  const otherMatch = staffMatches.find((m) => m.worker.id === other.id)!;
  expect(poorMatch.explanationZh).toContain("建档立卡户优先（政策加分5分）");
  // The breakdown is read when a card is opened (issue 15): the staff's one has the priority points.
  const staffBreakdown = await run(matchBreakdown, `/matches/${poorMatch.id}/breakdown`, { Cookie: await coordinator.cookie() }, { matchId: poorMatch.id });
  expect(staffBreakdown.status).toBe(200);
  const prio = (staffBreakdown.body.factors as Factor[]).find((f) => f.factor === "priority")!;
  expect(prio.contribution).toBe(10);
  // The priority points are what put this person first.
  expect(poorMatch.rank).toBe(1);
  expect(poorMatch.score - 10).toBeLessThan(otherMatch.score);
  return { employer, user, posting, poor, other, poorMatch, otherMatch };
}

type Seen = { id: string; score: number; rank: number | null; factors: Factor[]; explanationZh: string; explanationEn: string | null };

/** Every text value of a payload (keys are the API's field names, not facts about a person). */
function texts(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(texts);
  if (v && typeof v === "object") return Object.values(v).flatMap(texts);
  return [];
}

function expectNoStatusWords(payload: unknown, where: string) {
  const found = texts(payload).filter((t) => STATUS_WORDS.test(t));
  expect(found, where).toEqual([]);
}

function expectFitOnly(seen: Seen[], s: Awaited<ReturnType<typeof scene>>, where: string) {
  expectNoStatusWords(seen, where);
  const poor = seen.find((c) => c.id === s.poorMatch.id)!;
  const other = seen.find((c) => c.id === s.otherMatch.id)!;
  expect(
    poor.factors.map((f) => f.factor),
    where,
  ).not.toContain("priority");
  expect(poor.score, where).toBeCloseTo(s.poorMatch.score - 10, 1);
  expect(other.score, where).toBeCloseTo(s.otherMatch.score, 1);
  // The order and ranks follow the fit score: the priority points cannot be read off the ranking.
  expect([other.rank, poor.rank], where).toEqual([1, 2]);
}

async function accept(matchId: string) {
  await getDb().match.update({ where: { id: matchId }, data: { status: "ACCEPTED" } });
}

describe("employers see fit, never poverty or priority status", () => {
  it(
    "poverty and priority status on the employer's posting page: no priority factor or words, score and rank " +
      "without the priority points, before and after acceptance",
    async () => {
      const s = await scene();
      const page = async () => {
        const r = await run(employerPosting, `/employer/postings/${s.posting.id}`, { Cookie: await s.user.cookie() }, { postingId: s.posting.id });
        expect(r.status).toBe(200);
        expectNoStatusWords(r.body, "posting page");
        const candidates = r.body.candidates as (Seen & { matchId: string })[];
        expect(candidates).toHaveLength(2);
        // Each card's breakdown, as the employer's browser reads it when the card is opened.
        return Promise.all(
          candidates.map(async (c) => {
            const b = await run(matchBreakdown, `/matches/${c.matchId}/breakdown`, { Cookie: await s.user.cookie() }, { matchId: c.matchId });
            expect(b.status).toBe(200);
            expectNoStatusWords(b.body, "breakdown opened from the posting page");
            return { ...c, id: c.matchId, factors: b.body.factors as Factor[] };
          }),
        );
      };
      const before = await page();
      // Same status: listed by fit score, so the order does not give the priority points away either.
      expect(before.map((c) => c.id)).toEqual([s.otherMatch.id, s.poorMatch.id]);
      expectFitOnly(before, s, "before acceptance");
      expect(JSON.stringify((await page()).find((c) => c.id === s.poorMatch.id))).toContain("家政服务员");
      await accept(s.poorMatch.id);
      expectFitOnly(await page(), s, "after acceptance");
    },
  );

  it("poverty and priority status through GET /api/v1/postings/:id/matches with an employer token, before and after acceptance", async () => {
    const s = await scene();
    const { token } = await createApiToken({ name: "e", role: "EMPLOYER", employerId: s.employer.id });
    const api = async () => {
      const r = await run(apiPostingMatches, `/api/v1/postings/${s.posting.id}/matches`, { Authorization: `Bearer ${token}` }, { postingId: s.posting.id });
      expect(r.status).toBe(200);
      expectNoStatusWords(r.body, "API");
      expect((r.body.items as { worker: { isRegisteredPoor: unknown } }[]).every((i) => i.worker.isRegisteredPoor === null)).toBe(true);
      return r.body.items as Seen[];
    };
    expectFitOnly(await api(), s, "before acceptance");
    await accept(s.poorMatch.id);
    expectFitOnly(await api(), s, "after acceptance");

    // A coordinator token still gets the full view.
    const staffToken = (await createApiToken({ name: "c", role: "COORDINATOR", regionCode: "130624" })).token;
    const staff = await run(
      apiPostingMatches,
      `/api/v1/postings/${s.posting.id}/matches`,
      { Authorization: `Bearer ${staffToken}` },
      { postingId: s.posting.id },
    );
    const poor = (staff.body.items as Seen[]).find((i) => i.id === s.poorMatch.id)!;
    expect(poor.factors.map((f) => f.factor)).toContain("priority");
    expect(poor.explanationZh).toContain("重点帮扶对象");
    expect(poor.score).toBe(s.poorMatch.score);
  });
});
