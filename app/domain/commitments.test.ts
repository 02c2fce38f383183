import { describe, expect, it } from "vitest";
import { employerCommitments, orderCommitment, type CommitmentPlacement } from "./commitments";

const order = { id: "o1", status: "APPROVED", commitHires: 2, commitWage: 5000, retentionMonths: 6 };
const placement = (over: Partial<CommitmentPlacement> = {}): CommitmentPlacement => ({
  orderId: "o1",
  startDate: "2026-01-10",
  endDate: null,
  monthlyWage: 5000,
  verification: "VERIFIED",
  followUps: [],
  ...over,
});

describe("commitments kept", () => {
  it("counts verified hires at or above the committed wage; unverified ones are pending", () => {
    const c = orderCommitment(
      order,
      [
        placement(),
        placement({ verification: "UNVERIFIED" }),
        placement({ monthlyWage: 4000 }),
        placement({ verification: "FLAGGED" }),
        placement({ verification: "REJECTED" }),
      ],
      "2026-03-01",
    );
    expect(c).toMatchObject({ committedHires: 2, hires: 1, pendingHires: 1, belowWage: 1, retentionDue: 0, retained: 0, outcome: "open" });
  });

  it("judges retention once the period is over: an end date or a follow-up finding the person gone", () => {
    const ps = [
      placement(),
      placement({ endDate: "2026-04-01" }),
      placement({ followUps: [{ dueMonth: 3, completed: true, stillEmployed: false }] }),
      placement({ followUps: [{ dueMonth: 12, completed: true, stillEmployed: false }] }), // left after month 6: retained
      placement({ startDate: "2026-06-01" }), // not due yet
    ];
    const c = orderCommitment({ ...order, commitHires: 5 }, ps, "2026-08-01");
    expect(c).toMatchObject({ hires: 5, retentionDue: 4, retained: 2 });
  });

  it("is kept when enough people were hired and stayed; broken when the class is over and too few are left", () => {
    const kept = orderCommitment(order, [placement(), placement()], "2026-08-01");
    expect(kept.outcome).toBe("kept");
    const notYet = orderCommitment(order, [placement(), placement()], "2026-05-01");
    expect(notYet.outcome).toBe("open");
    const broken = orderCommitment({ ...order, status: "COMPLETED" }, [placement(), placement({ endDate: "2026-02-01" })], "2026-08-01");
    expect(broken.outcome).toBe("broken");
    const stillPossible = orderCommitment({ ...order, status: "COMPLETED" }, [placement(), placement({ verification: "UNVERIFIED" })], "2026-08-01");
    expect(stillPossible.outcome).toBe("open");
    const noRetention = orderCommitment({ ...order, retentionMonths: null }, [placement(), placement({ endDate: "2026-01-20" })], "2026-01-21");
    expect(noRetention.outcome).toBe("kept");
  });

  it("sums an employer's approved orders with a commitment, leaving drafts and orders without one out", () => {
    const orders = [
      order,
      { ...order, id: "o2", status: "COMPLETED", commitHires: 3 },
      { ...order, id: "o3", status: "DRAFT", commitHires: 10 },
      { ...order, id: "o4", status: "APPROVED", commitHires: null, commitWage: null, retentionMonths: null },
    ];
    const ps = [placement(), placement(), placement({ orderId: "o2" }), placement({ orderId: "o2", verification: "UNVERIFIED" }), placement({ orderId: "o3" })];
    const c = employerCommitments(orders, ps, "2026-08-01");
    expect(c.orders.map((o) => o.orderId)).toEqual(["o1", "o2"]);
    expect(c).toMatchObject({ committedHires: 5, hires: 3, pendingHires: 1, retentionDue: 3, retained: 3, kept: 1, broken: 1, open: 0 });
    expect(c.retentionRate).toBe(1);
    expect(employerCommitments([], [], "2026-08-01").retentionRate).toBeNull();
  });
});
