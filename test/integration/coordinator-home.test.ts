// Issue 15 item 6: the coordinator's home counts today's work, region-scoped, and each count is the
// number of rows on the list it links to (same scope, same filter).
import { describe, expect, it } from "vitest";
import { addDays, chinaToday, dayDate } from "~/platform/china-time";
import { todaysWork } from "~/services/coordinator.server";
import { getDb } from "~/services/db.server";
import { listEmployersForStaff } from "~/features/employers/index.server";
import { listFollowUps } from "~/features/placements/index.server";
import { listPlacements } from "~/features/placements/index.server";
import { listImports } from "~/features/imports/index.server";
import { listOrdersForReview } from "~/features/training/index.server";
import { makeCoordinator, makeEmployer, makeTrainingOrder, makeWorker } from "../setup/factories";

async function placement(countyCode: string, employerId: string, verification: "UNVERIFIED" | "FLAGGED" | "VERIFIED") {
  const worker = await makeWorker(countyCode);
  return getDb().placement.create({
    data: {
      workerId: worker.id,
      employerId,
      startDate: dayDate(addDays(chinaToday(), -40)),
      monthlyWage: 5000,
      workRegionCode: "110105",
      transferType: "BEIJING_TIANJIN",
      verification,
    },
  });
}

describe("the coordinator's home: today's work", () => {
  it("counts employers, orders, placements, follow-ups due and overdue and imports with errors in the region, as the linked lists do", async () => {
    const fuping = await makeCoordinator("130624");
    const pingquan = await makeCoordinator("130881");
    const before = await todaysWork(fuping.principal);

    // Fuping's work, and some of Pingquan's that Fuping must not count.
    await makeEmployer({ status: "PENDING", districtCode: "130624" });
    await makeEmployer({ status: "PENDING", districtCode: "130881" });
    const { employer } = await makeEmployer();
    for (const region of ["130624", "130624", "130881"]) {
      await makeTrainingOrder(employer.id, { title: "待审批", classSize: 5, trainingHours: 40, locationRegionCode: region, status: "SUBMITTED" });
    }
    await placement("130624", employer.id, "UNVERIFIED");
    await placement("130624", employer.id, "FLAGGED");
    await placement("130881", employer.id, "UNVERIFIED");
    const verified = await placement("130624", employer.id, "VERIFIED");
    const yesterday = dayDate(addDays(chinaToday(), -1));
    await getDb().followUp.createMany({
      data: [
        { placementId: verified.id, dueMonth: 1, dueAt: dayDate(chinaToday()), openedAt: new Date(), countyCode: "130624" }, // due today, opened
        { placementId: verified.id, dueMonth: 3, dueAt: yesterday, openedAt: null, countyCode: "130624" }, // overdue, never opened
        { placementId: verified.id, dueMonth: 6, dueAt: yesterday, openedAt: new Date(), completedAt: new Date(), countyCode: "130624" }, // done
      ],
    });
    const upload = { regionCode: "130624", fileName: "花名册.xlsx", fileSha256: "0".repeat(64), status: "DONE" as const, totalRows: 10, processed: 10 };
    await getDb().rosterImport.createMany({
      data: [
        { ...upload, createdById: fuping.userId, imported: 8, rejected: 2 },
        { ...upload, createdById: fuping.userId, imported: 10, rejected: 0 },
        { ...upload, createdById: fuping.userId, status: "FAILED", failure: "unreadable" },
        { ...upload, createdById: pingquan.userId, rejected: 3 },
      ],
    });

    const work = await todaysWork(fuping.principal);
    expect({
      employersToVerify: work.employersToVerify - before.employersToVerify,
      ordersToApprove: work.ordersToApprove - before.ordersToApprove,
      placementsToVerify: work.placementsToVerify - before.placementsToVerify,
      followUpsDue: work.followUpsDue - before.followUpsDue,
      followUpsOverdue: work.followUpsOverdue - before.followUpsOverdue,
      importsWithErrors: work.importsWithErrors - before.importsWithErrors,
    }).toEqual({ employersToVerify: 1, ordersToApprove: 2, placementsToVerify: 2, followUpsDue: 1, followUpsOverdue: 1, importsWithErrors: 2 });

    // Each number equals the rows behind its link.
    const p = fuping.principal;
    expect(work.employersToVerify).toBe((await listEmployersForStaff(p, { status: "PENDING" })).rows.length);
    expect(work.ordersToApprove).toBe((await listOrdersForReview(p, { status: "SUBMITTED" })).rows.length);
    expect(work.placementsToVerify).toBe((await listPlacements(p, { queue: "review" })).total);
    expect(work.followUpsDue).toBe((await listFollowUps(p, "open")).rows.length);
    expect(work.followUpsOverdue).toBe((await listFollowUps(p, "overdue")).rows.length);
    expect(work.importsWithErrors).toBe((await listImports(p)).filter((i) => i.status === "FAILED" || i.rejected > 0).length);

    // Pingquan sees its own, not Fuping's.
    const other = await todaysWork(pingquan.principal);
    expect(other.importsWithErrors).toBe(1);
    expect(other.placementsToVerify).toBe((await listPlacements(pingquan.principal, { queue: "review" })).total);
  });
});
