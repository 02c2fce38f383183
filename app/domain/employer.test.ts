import { describe, expect, it } from "vitest";
import type { Principal } from "./access";
import {
  applyEmployerDecision,
  availableDecisions,
  canDecideEmployer,
  canEditDrafts,
  canPublish,
  decisionForStatus,
  decisionNeedsReason,
  isEmployerLocation,
  isProvinceStaff,
} from "./employer";

const coordinator = (regionCode: string): Principal => ({ kind: "user", id: "c", grants: [{ role: "COORDINATOR", regionCode }] });

describe("employer verification", () => {
  it("moves through verify, reject, suspend and reinstate only from the right statuses", () => {
    expect(applyEmployerDecision("PENDING", "verify")).toBe("VERIFIED");
    expect(applyEmployerDecision("PENDING", "reject")).toBe("REJECTED");
    expect(applyEmployerDecision("REJECTED", "verify")).toBe("VERIFIED");
    expect(applyEmployerDecision("VERIFIED", "suspend")).toBe("SUSPENDED");
    expect(applyEmployerDecision("SUSPENDED", "reinstate")).toBe("VERIFIED");
    expect(applyEmployerDecision("VERIFIED", "verify")).toBeNull();
    expect(applyEmployerDecision("PENDING", "suspend")).toBeNull();
    expect(applyEmployerDecision("VERIFIED", "reject")).toBeNull();
    expect(applyEmployerDecision("SUSPENDED", "verify")).toBeNull();
    expect(availableDecisions("PENDING")).toEqual(["verify", "reject"]);
    expect(availableDecisions("SUSPENDED")).toEqual(["reinstate"]);
  });

  it("asks for a reason when rejecting or suspending", () => {
    expect(decisionNeedsReason("reject")).toBe(true);
    expect(decisionNeedsReason("suspend")).toBe(true);
    expect(decisionNeedsReason("verify")).toBe(false);
  });

  it("maps an API status change onto a decision", () => {
    expect(decisionForStatus("PENDING", "VERIFIED")).toBe("verify");
    expect(decisionForStatus("SUSPENDED", "VERIFIED")).toBe("reinstate");
    expect(decisionForStatus("VERIFIED", "PENDING")).toBeNull();
  });

  it("lets only verified employers publish; pending ones draft", () => {
    expect(canPublish("VERIFIED")).toBe(true);
    for (const s of ["PENDING", "REJECTED", "SUSPENDED"] as const) expect(canPublish(s)).toBe(false);
    expect(canEditDrafts("PENDING")).toBe(true);
    expect(canEditDrafts("SUSPENDED")).toBe(false);
    expect(canEditDrafts("REJECTED")).toBe(false);
  });

  it("province coordinators and admins decide on any employer; others inside their region only", () => {
    const hebei = coordinator("130000");
    const fuping = coordinator("130624");
    const admin: Principal = { kind: "user", id: "a", grants: [{ role: "ADMIN", regionCode: null }] };
    const employer: Principal = { kind: "user", id: "e", grants: [{ role: "EMPLOYER", regionCode: null }], employerId: "x" };
    expect(isProvinceStaff(hebei)).toBe(true);
    expect(canDecideEmployer(hebei, "110105")).toBe(true);
    expect(canDecideEmployer(admin, "120116")).toBe(true);
    expect(canDecideEmployer(fuping, "110105")).toBe(false);
    expect(canDecideEmployer(fuping, "130624")).toBe(true);
    expect(canDecideEmployer(coordinator("130600"), "130624")).toBe(true);
    expect(canDecideEmployer(employer, "110105")).toBe(false);
  });

  it("places employers in Beijing and Tianjin districts or Hebei counties", () => {
    expect(isEmployerLocation("110105")).toBe(true);
    expect(isEmployerLocation("120116")).toBe(true);
    expect(isEmployerLocation("130624")).toBe(true);
    expect(isEmployerLocation("110000")).toBe(false);
    expect(isEmployerLocation("130600")).toBe(false);
    expect(isEmployerLocation("310101")).toBe(false);
    expect(isEmployerLocation("1101")).toBe(false);
  });
});
