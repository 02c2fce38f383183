// Candidate review and invitations: what an employer may know of a person at each step, who may
// act on a match, and hiring (placement for verification, headcount, races), plus commitments kept.
import { describe, expect, it } from "vitest";
import { action as postingAction, loader as postingLoader } from "~/routes/employer/posting";
import { action as meAction, loader as meLoader } from "~/routes/me/index";
import { actOnCandidate, answerInvitation, candidatesFor, revealCandidatePhone } from "~/features/employers/index.server";
import { commitmentsFor } from "~/features/employers/index.server";
import { getDb } from "~/services/db.server";
import { makeEmployer, makeMatch, makePosting, makeSeekerUser, makeTrainingOrder, makeWorker } from "../setup/factories";
import { callForAnswer as run, formPost, getWithCookie as get, jsonOf as body, statusOf as status } from "../setup/api-call";

const post = (path: string, fields: Record<string, string>, cookie: string) => formPost(path, cookie, fields, {});

async function scene() {
  const { employer, user } = await makeEmployer();
  const posting = await makePosting(employer.id, { headcount: 1 });
  const worker = await makeWorker("130624", { fullName: "王小明" });
  const match = await makeMatch(worker.id, { postingId: posting.id });
  return { employer, user, posting, worker, match };
}

describe("candidate review", () => {
  it("shows a proposed candidate masked: surname, age band, skills and reasons, never name, phone or ID", async () => {
    const { user, posting, worker } = await scene();
    const data = (await run(postingLoader, get(`/employer/postings/${posting.id}`, await user.cookie()), { postingId: posting.id })) as {
      candidates: { person: { name: string } }[];
    };
    expect(data.candidates).toHaveLength(1);
    expect(data.candidates[0].person.name).toBe("王**");
    const serialised = JSON.stringify(data);
    for (const secret of ["王小明", worker.idNumberMasked, worker.phoneMasked!, worker.id, worker.countyCode, "Cipher", "1990-05-17"])
      expect(serialised).not.toContain(secret);
    expect(serialised).toContain("有住家保姆技能");
  });

  it("shows an empty list, not an error, before matching has proposed anyone", async () => {
    const { employer, user } = await makeEmployer();
    const posting = await makePosting(employer.id);
    expect(await candidatesFor(user.principal, { kind: "posting", id: posting.id })).toMatchObject({ candidates: [] });
  });

  it("walks invite → the worker accepts → name and (audited) phone → hire with an UNVERIFIED placement that fills the posting", async () => {
    const { user, posting, worker, match } = await scene();
    const cookie = await user.cookie();
    const invited = await run(postingAction, post(`/employer/postings/${posting.id}`, { intent: "invite", matchId: match.id }, cookie), {
      postingId: posting.id,
    });
    expect(await body(invited)).toMatchObject({ candidate: { done: "invite" } });
    // Phone stays hidden while only invited.
    expect(
      status(await run(postingAction, post(`/employer/postings/${posting.id}`, { intent: "reveal", matchId: match.id }, cookie), { postingId: posting.id })),
    ).toBe(404);

    const seeker = await makeSeekerUser(worker.id);
    const me = (await run(meLoader, get("/me", await seeker.cookie()))) as { offers: { invited: { id: string }[] } };
    expect(me.offers.invited.map((o) => o.id)).toEqual([match.id]);
    const accepted = await run(meAction, post("/me", { intent: "accept", matchId: match.id }, await seeker.cookie()));
    expect(await body(accepted)).toMatchObject({ answer: { done: "accept" } });
    expect(await getDb().consent.count({ where: { workerId: worker.id, purpose: "SHARE_WITH_EMPLOYER" } })).toBe(1);

    const view = await candidatesFor(user.principal, { kind: "posting", id: posting.id });
    expect(view!.candidates[0].person).toMatchObject({ name: "王小明", known: true });
    const revealed = await run(postingAction, post(`/employer/postings/${posting.id}`, { intent: "reveal", matchId: match.id }, cookie), {
      postingId: posting.id,
    });
    expect(await body(revealed)).toMatchObject({ candidate: { phone: expect.stringMatching(/^1380000\d{4}$/) } });
    expect(await getDb().auditLog.count({ where: { action: "match.contact.reveal", entityId: worker.id, actorUserId: user.userId } })).toBe(1);

    const badHire = (await run(
      postingAction,
      post(`/employer/postings/${posting.id}`, { intent: "hire", matchId: match.id, startDate: "2027-02-30", monthlyWage: "abc" }, cookie),
      { postingId: posting.id },
    )) as Response;
    expect(badHire.status).toBe(400);
    expect((await badHire.json()).candidate).toMatchObject({
      fieldErrors: { startDate: ["emp.dateFormat"], monthlyWage: ["emp.numberFormat"] },
      values: { startDate: "2027-02-30" },
    });
    expect(await getDb().placement.count({ where: { workerId: worker.id } })).toBe(0);

    const hired = await run(
      postingAction,
      post(`/employer/postings/${posting.id}`, { intent: "hire", matchId: match.id, startDate: "2027-03-01", monthlyWage: "6500" }, cookie),
      { postingId: posting.id },
    );
    expect(await body(hired)).toMatchObject({ candidate: { done: "hire" } });
    const placement = await getDb().placement.findFirstOrThrow({ where: { workerId: worker.id } });
    expect(placement).toMatchObject({
      verification: "UNVERIFIED",
      monthlyWage: 6500,
      postingId: posting.id,
      matchId: match.id,
      transferType: "BEIJING_TIANJIN",
      workRegionCode: "110105",
      recordedById: user.userId,
    });
    const filled = await getDb().jobPosting.findUniqueOrThrow({ where: { id: posting.id } });
    expect(filled.status).toBe("FILLED");
    // The fill is audited on the posting, in its work region (so that region's coordinators see it), and queued for search.
    const fill = await getDb().auditLog.findFirstOrThrow({ where: { action: "posting.fill", entityId: posting.id } });
    expect(fill).toMatchObject({ entityType: "JobPosting", regionCode: filled.workRegionCode });
    expect(await getDb().outbox.count({ where: { entityType: "posting", entityId: posting.id, entityVersion: filled.version } })).toBe(1);
    expect((await getDb().match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("HIRED");
  });

  it("declining needs a reason and records who said no", async () => {
    const { user, match, worker, posting } = await scene();
    expect(await actOnCandidate(user.principal, match.id, { intent: "decline" }, null)).toMatchObject({ ok: false, kind: "invalid" });
    expect(await actOnCandidate(user.principal, match.id, { intent: "decline", reason: "distance" }, null)).toMatchObject({ ok: true, status: "DECLINED" });
    expect(await getDb().match.findUniqueOrThrow({ where: { id: match.id } })).toMatchObject({ declineReason: "distance", declinedBy: "EMPLOYER" });

    const other = await makeMatch((await makeWorker("130624")).id, { postingId: posting.id }, "INVITED");
    const seeker = await makeSeekerUser(other.workerId);
    expect(await answerInvitation(seeker.principal, other.id, "decline", "wage", null)).toMatchObject({ ok: true, status: "DECLINED" });
    expect(await getDb().match.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ declineReason: "wage", declinedBy: "WORKER" });
    // Nobody answers someone else's invitation.
    const stranger = await makeSeekerUser((await makeWorker("130624")).id);
    const third = await makeMatch(worker.id, { postingId: (await makePosting(posting.employerId)).id }, "INVITED");
    expect(await answerInvitation(stranger.principal, third.id, "accept", undefined, null)).toBeNull();
  });

  it("an employer never reads or acts on another employer's candidates", async () => {
    const { posting, match } = await scene();
    const other = await makeEmployer();
    expect(await candidatesFor(other.user.principal, { kind: "posting", id: posting.id })).toBeNull();
    expect(await actOnCandidate(other.user.principal, match.id, { intent: "invite" }, null)).toBeNull();
    expect(await revealCandidatePhone(other.user.principal, match.id, null)).toBeNull();
    const res = await run(postingAction, post(`/employer/postings/${posting.id}`, { intent: "shortlist", matchId: match.id }, await other.user.cookie()), {
      postingId: posting.id,
    });
    expect(status(res)).toBe(404);
    expect((await getDb().match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("PROPOSED");
  });

  it("a suspended employer can no longer invite", async () => {
    const { user, employer, match } = await scene();
    await getDb().employer.update({ where: { id: employer.id }, data: { status: "SUSPENDED" } });
    expect(await actOnCandidate(user.principal, match.id, { intent: "invite" }, null)).toMatchObject({ ok: false, message: "emp.refusal.employerNotVerified" });
  });

  it("two hires racing for the last place: one placement, never more than the headcount", async () => {
    const { employer, user } = await makeEmployer();
    const posting = await makePosting(employer.id, { headcount: 1 });
    const a = await makeMatch((await makeWorker("130624")).id, { postingId: posting.id }, "ACCEPTED");
    const b = await makeMatch((await makeWorker("130624")).id, { postingId: posting.id }, "ACCEPTED");
    const results = await Promise.all(
      [a, b].map((m) => actOnCandidate(user.principal, m.id, { intent: "hire", startDate: "2027-03-01", monthlyWage: 6000 }, null)),
    );
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    expect(results.find((r) => !r?.ok)).toMatchObject({ kind: "refused", message: "emp.refusal.headcountReached" });
    expect(await getDb().placement.count({ where: { postingId: posting.id } })).toBe(1);
  });
});

describe("candidate list order", () => {
  it("a page of 20 still shows the person just hired, ahead of 25 proposed candidates with higher scores", async () => {
    const { employer } = await makeEmployer();
    const posting = await makePosting(employer.id, { headcount: 3 });
    for (let i = 0; i < 25; i++) {
      const m = await makeMatch((await makeWorker("130624")).id, { postingId: posting.id });
      await getDb().match.update({ where: { id: m.id }, data: { score: 0.9 } });
    }
    const hired = await makeMatch((await makeWorker("130624")).id, { postingId: posting.id }, "ACCEPTED");
    await getDb().match.update({ where: { id: hired.id }, data: { status: "HIRED", score: 0.1 } });
    const list = (await candidatesFor(
      {
        kind: "user",
        id: "x",
        grants: [{ role: "EMPLOYER", regionCode: null }],
        employerId: employer.id,
        workerId: null,
        providerId: null,
        employerSuspended: false,
      },
      { kind: "posting", id: posting.id },
      getDb(),
      20,
    ))!;
    expect(list.total).toBe(26);
    expect(list.candidates).toHaveLength(20);
    expect(list.candidates.map((c) => c.matchId)).toContain(hired.id);
    expect(list.candidates[0].status).toBe("HIRED");
  });
});

describe("commitments kept", () => {
  it("counts verified hires from an order at the committed wage, with retention", async () => {
    const { employer } = await makeEmployer();
    const order = await makeTrainingOrder(employer.id, {
      kind: "ORDER_BASED",
      occupationCode: "elderly-carer",
      title: "订单班",
      classSize: 30,
      trainingHours: 120,
      commitHires: 2,
      commitWage: 5000,
      retentionMonths: 6,
    });
    const place = async (status: "VERIFIED" | "UNVERIFIED", wage: number) => {
      const worker = await makeWorker("130624");
      const match = await makeMatch(worker.id, { trainingOrderId: order.id }, "ACCEPTED");
      await getDb().match.update({ where: { id: match.id }, data: { status: "HIRED" } });
      await getDb().placement.create({
        data: {
          workerId: worker.id,
          employerId: employer.id,
          matchId: match.id,
          startDate: new Date("2026-01-05T00:00:00Z"),
          monthlyWage: wage,
          workRegionCode: "110105",
          transferType: "BEIJING_TIANJIN",
          verification: status,
        },
      });
    };
    await place("VERIFIED", 5200);
    await place("UNVERIFIED", 5200);
    await place("VERIFIED", 4000);
    const c = (await commitmentsFor([employer.id], "2026-08-01")).get(employer.id)!;
    expect(c).toMatchObject({ committedHires: 2, hires: 1, pendingHires: 1, retentionDue: 1, retained: 1, open: 1 });
    expect(c.orders[0]).toMatchObject({ belowWage: 1, outcome: "open" });
  });
});
