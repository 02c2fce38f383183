// Matching on screen: a coordinator sees a posting's ranking limited to their region (with "why
// not" and the training suggestion), a worker's matches only in scope, re-match requests audited
// and scoped, the job seeker's recommendations without employer-private steps, the coordinator
// search of postings and orders, and the admin policy form (bad weight → field message, nothing saved).
import { describe, expect, it } from "vitest";
import { action as policyAction, loader as policyLoader } from "~/routes/admin/matching";
import { action as postingMatchesAction, loader as postingMatchesLoader } from "~/routes/coordinator/target-matches";
import { loader as workerLoader } from "~/routes/coordinator/worker";
import { loader as breakdownLoader } from "~/routes/match-breakdown";
import { loader as meLoader } from "~/routes/me/index";
import { getDb } from "~/services/db.server";
import { indexEntity } from "~/services/indexing.server";
import { recommendationsFor, requestRematchFor, targetMatchesForStaff, workerMatchesForStaff } from "~/features/matching/index.server";
import { POLICY_SETTING_KEY } from "~/features/matching/index.server";
import { searchTargets } from "~/features/search/index.server";
import { makeAdmin, makeCoordinator, makeEmployer, makeMatch, makePosting, makeSeekerUser, makeTrainingOrder, makeWorker } from "../setup/factories";
import { callForAnswer as run, formPost, getWithCookie as get, jsonOf as body, statusOf as status } from "../setup/api-call";

const post = (path: string, fields: Record<string, string>, cookie: string) => formPost(path, cookie, fields, {});

async function scene() {
  const { employer, user } = await makeEmployer();
  const posting = await makePosting(employer.id, { title: "北京家政服务员" });
  const order = await makeTrainingOrder(employer.id, {
    kind: "ORDER_BASED",
    title: "住家保姆订单班",
    classSize: 30,
    trainingHours: 80,
    commitHires: 20,
    commitWage: 6000,
    retentionMonths: 6,
  });
  const fuping = await makeWorker("130624", { fullName: "阜平甲" });
  const pingquan = await makeWorker("130881", { fullName: "平泉乙" });
  const nearly = await makeWorker("130624", { fullName: "阜平丙" });
  const mine = await makeMatch(fuping.id, { postingId: posting.id });
  const theirs = await makeMatch(pingquan.id, { postingId: posting.id });
  await getDb().match.update({ where: { id: mine.id }, data: { rank: 1, explanationEn: "Has domestic helper skills (level 4)." } });
  await getDb().matchNearMiss.create({
    data: {
      workerId: nearly.id,
      postingId: posting.id,
      score: 70,
      reasons: [{ code: "skillMissing", detail: "缺少住家保姆技能", detailEn: "No domestic helper skills" }],
      explanationZh: "缺少住家保姆技能，可以先参加培训。",
      explanationEn: "Lacks domestic helper skills; training would close the gap.",
      suggestedTrainingOrderId: order.id,
    },
  });
  return { employer, user, posting, order, fuping, pingquan, nearly, mine, theirs };
}

describe("a match's breakdown, read when its card is opened (issue 15)", () => {
  it(
    "the list pages carry no breakdown; the breakdown route gives staff in scope the full one, the owning employer " + "the fit-only one, anyone else a 404",
    async () => {
      const s = await scene();
      // A priority factor: staff see it, the employer's view never does.
      await getDb().match.update({
        where: { id: s.mine.id },
        data: {
          factors: [
            { factor: "skill", weight: 0.6, value: 4, contribution: 80, note: "住家保姆 4级" },
            { factor: "priority", weight: 0.1, value: 1, contribution: 5, note: "建档立卡" },
          ],
        },
      });
      const fupingStaff = await makeCoordinator("130624");
      const page = (await run(postingMatchesLoader, get(`/coordinator/postings/${s.posting.id}/matches`, await fupingStaff.cookie()), {
        postingId: s.posting.id,
      })) as { matches: Record<string, unknown>[] };
      expect(page.matches.map((m) => m.id)).toEqual([s.mine.id]);
      expect(page.matches[0]).not.toHaveProperty("factors");

      const path = `/matches/${s.mine.id}/breakdown`;
      const staff = (await run(breakdownLoader, get(path, await fupingStaff.cookie()), { matchId: s.mine.id })) as {
        factors: { factor: string }[];
        back: string;
      };
      expect(staff.factors.map((f) => f.factor)).toEqual(["skill", "priority"]);
      expect(staff.back).toBe(`/coordinator/postings/${s.posting.id}/matches`);

      const own = (await run(breakdownLoader, get(path, await s.user.cookie()), { matchId: s.mine.id })) as { factors: { factor: string }[]; back: string };
      expect(own.factors.map((f) => f.factor)).toEqual(["skill"]);
      expect(own.back).toBe(`/employer/postings/${s.posting.id}`);

      // Out of scope (another county's coordinator, audited), another employer, a bad or unknown id: 404 with no breakdown.
      const pingquanStaff = await makeCoordinator("130881");
      const other = await makeEmployer();
      for (const [cookie, id] of [
        [await pingquanStaff.cookie(), s.mine.id],
        [await other.user.cookie(), s.mine.id],
        [await fupingStaff.cookie(), "not-a-uuid"],
        [await fupingStaff.cookie(), crypto.randomUUID()],
      ] as const) {
        const r = await run(breakdownLoader, get(`/matches/${id}/breakdown`, cookie), { matchId: id });
        expect(status(r)).toBe(404);
        expect(await body(r)).toMatchObject({ factors: null });
      }
      expect(await getDb().auditLog.count({ where: { action: "denied.out-of-scope", entityType: "Match", entityId: s.mine.id } })).toBe(1);
      // A job seeker has no business here at all.
      const seeker = await makeSeekerUser(s.fuping.id);
      expect(status(await run(breakdownLoader, get(path, await seeker.cookie()), { matchId: s.mine.id }))).toBe(403);
    },
  );
});

describe("coordinator match views", () => {
  it("shows a county coordinator only their county's people on a posting, with why-not and the suggested order", async () => {
    const s = await scene();
    const fupingStaff = await makeCoordinator("130624");
    const view = await targetMatchesForStaff(fupingStaff.principal, { kind: "posting", id: s.posting.id });
    expect(view!.matches.map((m) => m.worker.id)).toEqual([s.fuping.id]);
    expect(view).toMatchObject({ total: 1, elsewhere: 1 });
    expect(view!.matches[0].factors[0]).toMatchObject({ factor: "skill", contribution: 80, note: "住家保姆 4级" });
    expect(view!.nearMisses).toHaveLength(1);
    expect(view!.nearMisses[0]).toMatchObject({
      reasons: [{ code: "skillMissing", detail: "缺少住家保姆技能" }],
      suggestedTrainingOrder: { id: s.order.id, title: "住家保姆订单班" },
    });
    expect(JSON.stringify(view)).not.toContain("平泉乙");

    const pingquanStaff = await makeCoordinator("130881");
    const other = await targetMatchesForStaff(pingquanStaff.principal, { kind: "posting", id: s.posting.id });
    expect(other!.matches.map((m) => m.worker.id)).toEqual([s.pingquan.id]);
    expect(other!.nearMisses).toEqual([]);

    // The page: explanation text in the loader data; Pingquan's person never in it.
    const page = await run(postingMatchesLoader, get(`/coordinator/postings/${s.posting.id}/matches`, await fupingStaff.cookie()), { postingId: s.posting.id });
    expect(status(page)).toBe(200);
    expect(JSON.stringify(page)).toContain("有住家保姆技能");
    expect(JSON.stringify(page)).not.toContain(s.pingquan.id);
  });

  it("hides drafts and refuses employers and job seekers", async () => {
    const { employer, user } = await makeEmployer();
    const draft = await makePosting(employer.id, { status: "DRAFT" });
    const staff = await makeCoordinator("130624");
    expect(await targetMatchesForStaff(staff.principal, { kind: "posting", id: draft.id })).toBeNull();
    expect(await targetMatchesForStaff(user.principal, { kind: "posting", id: draft.id })).toBeNull();
    expect(status(await run(postingMatchesLoader, get(`/coordinator/postings/${draft.id}/matches`, await user.cookie()), { postingId: draft.id }))).toBe(403);
  });

  it("shows a worker's matches to coordinators in scope only", async () => {
    const s = await scene();
    const fupingStaff = await makeCoordinator("130624");
    const pingquanStaff = await makeCoordinator("130881");
    const mine = await workerMatchesForStaff(fupingStaff.principal, s.fuping.id);
    expect(mine!.matches).toHaveLength(1);
    expect(mine!.matches[0]).toMatchObject({ posting: { id: s.posting.id, title: "北京家政服务员" } });
    expect(await workerMatchesForStaff(pingquanStaff.principal, s.fuping.id)).toBeNull();
    const nearly = await workerMatchesForStaff(fupingStaff.principal, s.nearly.id);
    expect(nearly!.nearMisses[0].suggestedTrainingOrder?.id).toBe(s.order.id);

    const page = (await run(workerLoader, get(`/coordinator/workers/${s.fuping.id}`, await fupingStaff.cookie()), { workerId: s.fuping.id })) as {
      matches: { matches: unknown[] };
    };
    expect(page.matches.matches).toHaveLength(1);
    expect(status(await run(workerLoader, get(`/coordinator/workers/${s.fuping.id}`, await pingquanStaff.cookie()), { workerId: s.fuping.id }))).toBe(404);
  });

  it("queues a re-match for entities in scope, audited; 404 outside it", async () => {
    const s = await scene();
    const fupingStaff = await makeCoordinator("130624");
    const asked: unknown[] = [];
    const fake = async (ref: unknown) => void asked.push(ref);
    expect(await requestRematchFor(fupingStaff.principal, { entityType: "worker", entityId: s.pingquan.id }, null, getDb(), fake)).toBeNull();
    expect(await requestRematchFor(fupingStaff.principal, { entityType: "worker", entityId: s.fuping.id }, null, getDb(), fake)).toEqual({
      queued: true,
      jobId: null,
    });
    expect(await requestRematchFor(s.user.principal, { entityType: "posting", entityId: s.posting.id }, null, getDb(), fake)).toEqual({
      queued: true,
      jobId: null,
    });
    const stranger = await makeEmployer();
    expect(await requestRematchFor(stranger.user.principal, { entityType: "posting", entityId: s.posting.id }, null, getDb(), fake)).toBeNull();
    expect(asked).toEqual([
      { entityType: "worker", entityId: s.fuping.id },
      { entityType: "posting", entityId: s.posting.id },
    ]);
    expect(await getDb().auditLog.count({ where: { action: "match.rematch.request", entityId: s.fuping.id, actorUserId: fupingStaff.userId } })).toBe(1);

    // Through the page, against the real queue.
    const queued = await run(postingMatchesAction, post(`/coordinator/postings/${s.posting.id}/matches`, { intent: "rematch" }, await fupingStaff.cookie()), {
      postingId: s.posting.id,
    });
    expect(await body(queued)).toEqual({ queued: true, jobId: expect.stringContaining(s.posting.id) });
  });
});

describe("为你推荐 on /me", () => {
  it("shows proposals on live jobs with the reason, and training that closes a skill gap; nothing an employer did", async () => {
    const s = await scene();
    const { employer } = await makeEmployer();
    const closed = await makePosting(employer.id, { status: "CLOSED", title: "已关闭的岗位" });
    const declined = await makePosting(employer.id, { title: "婉拒过的岗位" });
    await makeMatch(s.fuping.id, { postingId: closed.id });
    const d = await makeMatch(s.fuping.id, { postingId: declined.id });
    await getDb().match.update({ where: { id: d.id }, data: { status: "DECLINED", declinedBy: "EMPLOYER", declineReason: "skills" } });

    const seeker = await makeSeekerUser(s.fuping.id);
    const recs = await recommendationsFor(seeker.principal);
    expect(recs.jobs.map((j) => j.posting.title)).toEqual(["北京家政服务员"]);
    expect(recs.jobs[0].explanationZh).toContain("有住家保姆技能");
    expect(JSON.stringify(recs)).not.toMatch(/婉拒过的岗位|已关闭的岗位|declineReason|"score"/);

    const other = await makeSeekerUser(s.nearly.id);
    const page = (await run(meLoader, get("/me", await other.cookie()))) as { recommended: Awaited<ReturnType<typeof recommendationsFor>> };
    expect(page.recommended.suggestions).toHaveLength(1);
    expect(page.recommended.suggestions[0]).toMatchObject({ posting: { title: "北京家政服务员" }, order: { id: s.order.id, title: "住家保姆订单班" } });
  });
});

describe("coordinator search of postings and training orders", () => {
  it("finds by Chinese text with facet counts; orders only in the coordinator's region; never drafts", async () => {
    const { employer } = await makeEmployer({ name: "北京好家政" });
    const open = await makePosting(employer.id, { title: "朝阳区育婴员", occupationCode: "domestic-helper" });
    const draft = await makePosting(employer.id, { title: "草稿育婴员", status: "DRAFT" });
    const mkOrder = (title: string, locationRegionCode: string) => makeTrainingOrder(employer.id, { title, locationRegionCode });
    const here = await mkOrder("阜平育婴员培训", "130624");
    const there = await mkOrder("平泉育婴员培训", "130881");
    for (const [entityType, entityId] of [
      ["posting", open.id],
      ["posting", draft.id],
      ["trainingOrder", here.id],
      ["trainingOrder", there.id],
    ] as const) {
      await indexEntity({ entityType, entityId, entityVersion: 1 });
    }
    const fuping = (await makeCoordinator("130624")).principal;
    const found = await searchTargets(fuping, { type: "postings", q: "育婴员" });
    expect(found.postings.map((p) => p.id)).toEqual([open.id]);
    expect(found.facets.status).toEqual({ OPEN: 1 });
    expect(found.places.find((r) => r.code === "110000")?.count).toBe(1);
    expect((await searchTargets(fuping, { type: "postings", wageFrom: 9000 })).postings.map((p) => p.id)).not.toContain(open.id);

    const orders = await searchTargets(fuping, { type: "orders", q: "育婴员" });
    expect(orders.orders.map((o) => o.id)).toEqual([here.id]);
    expect(orders.facets.kind).toEqual({ POST_BASED: 1 });
    // Asking for another county's place is ignored, not obeyed.
    expect((await searchTargets(fuping, { type: "orders", regionCode: "130881" })).orders).toEqual([]);
    const province = (await makeCoordinator("130000")).principal;
    expect((await searchTargets(province, { type: "orders", q: "育婴员" })).orders.map((o) => o.id).sort()).toEqual([here.id, there.id].sort());
  });
});

describe("admin matching policy", () => {
  it("refuses a bad weight with a message next to the field and saves nothing; a good policy is saved and audited", async () => {
    const admin = await makeAdmin();
    const cookie = await admin.cookie();
    const current = (await run(policyLoader, get("/admin/matching", cookie))) as { policy: Record<string, unknown>; fields: { path: string }[] };
    const form: Record<string, string> = {};
    const valueAt = (path: string) => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], current.policy);
    for (const f of current.fields) form[f.path] = String(valueAt(f.path));

    const bad = await run(
      policyAction,
      post("/admin/matching", { ...form, intent: "save", "priority.registeredPoor": "99", "workerSide.wage": "abc" }, cookie),
    );
    expect(status(bad)).toBe(400);
    const reply = (await body(bad)) as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };
    expect(reply.result.error["priority.registeredPoor"]).toEqual(["matching.policy.outOfRange"]);
    expect(reply.result.error["workerSide.wage"]).toEqual(["matching.policy.number"]);
    expect(JSON.stringify(reply.result.initialValue)).toContain("99");
    expect(await getDb().setting.findUnique({ where: { key: POLICY_SETTING_KEY } })).toBeNull();
    // The schema's own rule: the points may add up to 100 at most (a message, not a 500).
    const over = await run(policyAction, post("/admin/matching", { ...form, intent: "save", "priority.registeredPoor": "8" }, cookie));
    expect(((await body(over)) as { result: { error: Record<string, string[]> } }).result.error.sidePoints).toEqual(["matching.policy.overHundred"]);
    expect(await getDb().setting.count({ where: { key: POLICY_SETTING_KEY } })).toBe(0);

    const good = await run(policyAction, post("/admin/matching", { ...form, intent: "save", "priority.registeredPoor": "4" }, cookie));
    expect(await body(good)).toMatchObject({ done: "saved" });
    const saved = await getDb().setting.findUnique({ where: { key: POLICY_SETTING_KEY } });
    expect((saved!.value as { priority: { registeredPoor: number } }).priority.registeredPoor).toBe(4);
    const log = await getDb().auditLog.findFirst({ where: { action: "matching.policy.update" } });
    expect(log!.detail).toMatchObject({ before: null, after: { priority: { registeredPoor: 4 } } });

    const coordinator = await makeCoordinator("130000");
    expect(status(await run(policyAction, post("/admin/matching", { ...form, intent: "save" }, await coordinator.cookie())))).toBe(403);
  });
});
