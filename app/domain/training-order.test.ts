import { describe, expect, it } from "vitest";
import type { Principal } from "./access";
import { availableOrderActions, canReviewOrder, checkOrderTerms, orderActionFor, orderEditable, orderTransition } from "./training-order";

const ok = { employerStatus: "VERIFIED" as const };

describe("training order lifecycle", () => {
  it("submits a draft for a verified employer only", () => {
    expect(orderTransition("DRAFT", "submit", ok)).toEqual({ ok: true, to: "SUBMITTED" });
    expect(orderTransition("DRAFT", "submit", { employerStatus: "PENDING" })).toEqual({ ok: false, reason: "employerNotVerified" });
  });

  it("is approved or rejected (with a reason) only while submitted", () => {
    expect(orderTransition("SUBMITTED", "approve", ok)).toEqual({ ok: true, to: "APPROVED" });
    expect(orderTransition("SUBMITTED", "reject", { ...ok, reason: "课时不足" })).toEqual({ ok: true, to: "REJECTED" });
    expect(orderTransition("SUBMITTED", "reject", { ...ok, reason: "  " })).toEqual({ ok: false, reason: "reasonRequired" });
    expect(orderTransition("DRAFT", "approve", ok)).toEqual({ ok: false, reason: "notAllowed" });
    expect(orderTransition("APPROVED", "approve", ok)).toEqual({ ok: false, reason: "notAllowed" });
    // An employer suspended while its order waited is not approved.
    expect(orderTransition("SUBMITTED", "approve", { employerStatus: "SUSPENDED" })).toEqual({ ok: false, reason: "employerNotVerified" });
  });

  it("lets the employer withdraw a submitted order and cancel with a reason", () => {
    expect(orderTransition("SUBMITTED", "withdraw", ok)).toEqual({ ok: true, to: "DRAFT" });
    expect(orderTransition("APPROVED", "cancel", { ...ok, reason: "岗位取消" })).toEqual({ ok: true, to: "CANCELLED" });
    expect(orderTransition("APPROVED", "cancel", ok)).toEqual({ ok: false, reason: "reasonRequired" });
    expect(orderTransition("IN_PROGRESS", "cancel", { ...ok, reason: "x" })).toEqual({ ok: false, reason: "notAllowed" });
  });

  it("offers each side its own actions", () => {
    expect(availableOrderActions("SUBMITTED", "employer")).toEqual(["withdraw", "cancel"]);
    expect(availableOrderActions("SUBMITTED", "reviewer")).toEqual(["approve", "reject"]);
    expect(availableOrderActions("DRAFT", "reviewer")).toEqual([]);
    expect(orderActionFor("SUBMITTED", "APPROVED")).toBe("approve");
    expect(orderActionFor("DRAFT", "APPROVED")).toBeNull();
  });

  it("edits drafts and rejected orders only", () => {
    expect(orderEditable("DRAFT")).toBe(true);
    expect(orderEditable("REJECTED")).toBe(true);
    expect(orderEditable("SUBMITTED")).toBe(false);
    expect(orderEditable("APPROVED")).toBe(false);
  });
});

describe("what each kind of order obliges", () => {
  const base = { classSize: 30, generalModules: [] as string[] };
  const fields = (p: { field: string }[]) => p.map((x) => x.field).sort();

  it("order-based: hires, wage and retention are all required, and hires fit the class", () => {
    expect(fields(checkOrderTerms({ ...base, kind: "ORDER_BASED" }))).toEqual(["commitHires", "commitWage", "retentionMonths"]);
    expect(checkOrderTerms({ ...base, kind: "ORDER_BASED", commitHires: 20, commitWage: 5000, retentionMonths: 6 })).toEqual([]);
    expect(checkOrderTerms({ ...base, kind: "ORDER_BASED", commitHires: 31, commitWage: 5000, retentionMonths: 6 })).toEqual([
      { field: "commitHires", message: "emp.order.commitAboveClassSize" },
    ]);
  });

  it("post-based: the posts and their wage are required, retention optional", () => {
    expect(fields(checkOrderTerms({ ...base, kind: "POST_BASED" }))).toEqual(["commitHires", "commitWage"]);
    expect(checkOrderTerms({ ...base, kind: "POST_BASED", commitHires: 10, commitWage: 4800 })).toEqual([]);
  });

  it("compound: at least one general module; a commitment is optional but must make sense", () => {
    expect(fields(checkOrderTerms({ ...base, kind: "COMPOUND" }))).toEqual(["generalModules"]);
    expect(checkOrderTerms({ ...base, kind: "COMPOUND", generalModules: ["safety"] })).toEqual([]);
    expect(fields(checkOrderTerms({ ...base, kind: "COMPOUND", generalModules: ["safety"], retentionMonths: 6 }))).toEqual(["commitHires"]);
  });
});

describe("who reviews an order", () => {
  const coordinator = (regionCode: string): Principal => ({ kind: "user", id: "c", grants: [{ role: "COORDINATOR", regionCode }] });
  it("the coordinators of the training location or the provider's region, and province staff", () => {
    const order = { locationRegionCode: "130624", providerRegionCode: "130881" };
    expect(canReviewOrder(coordinator("130624"), order)).toBe(true);
    expect(canReviewOrder(coordinator("130600"), order)).toBe(true);
    expect(canReviewOrder(coordinator("130881"), order)).toBe(true);
    expect(canReviewOrder(coordinator("130000"), { locationRegionCode: "110105", providerRegionCode: null })).toBe(true);
    expect(canReviewOrder(coordinator("130636"), order)).toBe(false);
    expect(canReviewOrder(coordinator("130636"), { locationRegionCode: "110105", providerRegionCode: null })).toBe(false);
    const employer: Principal = { kind: "user", id: "e", grants: [{ role: "EMPLOYER", regionCode: null }], employerId: "x" };
    expect(canReviewOrder(employer, order)).toBe(false);
  });
});
