// Fairness report arithmetic on a hand-built region: counts from the database (aggregated in SQL),
// rates per 100 and ratios to everyone else, and the coordinator's region as the limit.
import { describe, expect, it } from "vitest";
import { loader as fairnessLoader } from "~/routes/coordinator/fairness";
import { getDb } from "~/services/db.server";
import { fairnessReport } from "~/features/matching/index.server";
import { makeCoordinator, makeEmployer, makePosting, makeWorker } from "../setup/factories";

describe("fairness report", () => {
  it("compares each priority group with everyone else, in the coordinator's county only", async () => {
    const db = getDb();
    const { employer } = await makeEmployer();
    const posting = await makePosting(employer.id, { headcount: 10 });
    // Wuqiang county (131123): 4 registered poor, 4 others (2 of them women); a worker elsewhere must not count.
    const county = "131123";
    const poor = await Promise.all([1, 2, 3, 4].map((i) => makeWorker(county, { fullName: `贫困${i}` })));
    const others = await Promise.all([1, 2, 3, 4].map((i) => makeWorker(county, { fullName: `其他${i}` })));
    const elsewhere = await makeWorker("130624", { fullName: "外县" });
    await db.worker.updateMany({ where: { id: { in: poor.map((w) => w.id) } }, data: { isRegisteredPoor: true } });
    await db.worker.updateMany({ where: { id: { in: [others[0].id, others[1].id] } }, data: { sex: "FEMALE" } });
    await db.worker.update({ where: { id: poor[0].id }, data: { atRiskOfPoverty: true } });
    const match = (workerId: string, status: "PROPOSED" | "INVITED" | "HIRED" | "DECLINED", declinedBy?: "WORKER" | "EMPLOYER") =>
      db.match.create({ data: { workerId, postingId: posting.id, score: 70, status, declinedBy, explanationZh: "测试" } });
    // Poor: all 4 proposed, 3 invited (one declined the invitation), 1 hired.
    await match(poor[0].id, "HIRED");
    await match(poor[1].id, "INVITED");
    await match(poor[2].id, "DECLINED", "WORKER");
    await match(poor[3].id, "PROPOSED");
    // Others: 2 proposed, 1 invited, 1 hired through a placement recorded without a match; one declined by the employer only.
    await match(others[0].id, "INVITED");
    await match(others[1].id, "DECLINED", "EMPLOYER");
    await db.placement.create({
      data: {
        workerId: others[2].id,
        employerId: employer.id,
        startDate: new Date("2026-10-01"),
        monthlyWage: 6000,
        workRegionCode: "110105",
        transferType: "BEIJING_TIANJIN",
      },
    });
    await match(elsewhere.id, "HIRED");

    const staff = await makeCoordinator(county);
    const report = await fairnessReport(staff.principal);
    expect(report!.totalWorkers).toBe(8);
    const row = (g: string) => report!.rows.find((r) => r.group === g)!;
    expect(row("registeredPoor")).toMatchObject({
      members: 4,
      rest: 4,
      proposed: { count: 4, ratePer100: 100, restRatePer100: 50, ratioToRest: 2 },
      invited: { count: 3, ratePer100: 75, restRatePer100: 25, ratioToRest: 3 },
      hired: { count: 1, ratePer100: 25, restRatePer100: 25, ratioToRest: 1 },
    });
    expect(row("everyoneElse")).toMatchObject({ members: 4, rest: 4, proposed: { ratioToRest: 0.5 } });
    expect(row("atRisk")).toMatchObject({ members: 1, rest: 7, hired: { count: 1, ratePer100: 100, restRatePer100: 14.29, ratioToRest: 7 } });
    expect(row("women")).toMatchObject({ members: 2, proposed: { count: 2, ratePer100: 100, restRatePer100: 66.67, ratioToRest: 1.5 } });
    expect(row("priorityFactors")).toMatchObject({ members: 0, proposed: { ratePer100: null, ratioToRest: null } });
    expect(report!.readings).toContainEqual({ group: "registeredPoor", outcome: "proposed", ratio: 2, direction: "more" });
    expect(report!.readings).toContainEqual({ group: "registeredPoor", outcome: "hired", ratio: 1, direction: "same" });

    // The page answers the same numbers.
    const cookie = await staff.cookie();
    const page = (await fairnessLoader({
      request: new Request("http://localhost/coordinator/fairness", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    })) as Awaited<ReturnType<typeof fairnessReport>>;
    expect(page!.rows).toEqual(report!.rows);
  });
});
