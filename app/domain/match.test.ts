import { describe, expect, it } from "vitest";
import {
  availableEmployerActions,
  employerMatchTransition,
  employerMaySeeContact,
  maskName,
  postingFilledAfterHire,
  readFactors,
  transferTypeFor,
  workerMatchTransition,
  type MatchTarget,
} from "./match";

const open: MatchTarget = { kind: "posting", status: "OPEN", headcount: 2, hired: 0 };
const ctx = { employerStatus: "VERIFIED" as const, target: open };

describe("candidate review", () => {
  it("shortlists, invites and declines (with a reason) before the worker answers", () => {
    expect(employerMatchTransition("PROPOSED", "shortlist", ctx)).toEqual({ ok: true, to: "SHORTLISTED" });
    expect(employerMatchTransition("SHORTLISTED", "invite", ctx)).toEqual({ ok: true, to: "INVITED" });
    expect(employerMatchTransition("PROPOSED", "invite", ctx)).toEqual({ ok: true, to: "INVITED" });
    expect(employerMatchTransition("PROPOSED", "decline", { ...ctx, reason: "skills" })).toEqual({ ok: true, to: "DECLINED" });
    expect(employerMatchTransition("PROPOSED", "decline", ctx)).toEqual({ ok: false, reason: "reasonRequired" });
    expect(employerMatchTransition("INVITED", "invite", ctx)).toEqual({ ok: false, reason: "notAllowed" });
    expect(employerMatchTransition("DECLINED", "shortlist", ctx)).toEqual({ ok: false, reason: "notAllowed" });
  });

  it("hires only someone who accepted, within the headcount", () => {
    expect(employerMatchTransition("INVITED", "hire", ctx)).toEqual({ ok: false, reason: "notAllowed" });
    expect(employerMatchTransition("ACCEPTED", "hire", ctx)).toEqual({ ok: true, to: "HIRED" });
    expect(employerMatchTransition("ACCEPTED", "hire", { ...ctx, target: { ...open, hired: 2 } })).toEqual({ ok: false, reason: "headcountReached" });
    // The deadline is for applying: someone who accepted may still be hired after expiry.
    expect(employerMatchTransition("ACCEPTED", "hire", { ...ctx, target: { ...open, status: "EXPIRED" } }).ok).toBe(true);
    expect(postingFilledAfterHire(2, 2)).toBe(true);
    expect(postingFilledAfterHire(1, 2)).toBe(false);
  });

  it("invites only to a live job, and only as a verified employer", () => {
    expect(employerMatchTransition("PROPOSED", "invite", { ...ctx, target: { ...open, status: "CLOSED" } })).toEqual({ ok: false, reason: "targetNotOpen" });
    const order: MatchTarget = { kind: "trainingOrder", status: "SUBMITTED", headcount: 30, hired: 0 };
    expect(employerMatchTransition("PROPOSED", "invite", { ...ctx, target: order })).toEqual({ ok: false, reason: "targetNotOpen" });
    expect(employerMatchTransition("PROPOSED", "invite", { ...ctx, target: { ...order, status: "APPROVED" } }).ok).toBe(true);
    expect(employerMatchTransition("PROPOSED", "shortlist", { ...ctx, employerStatus: "SUSPENDED" })).toEqual({ ok: false, reason: "employerNotVerified" });
  });

  it("lets the worker answer an invitation, and withdraw after accepting", () => {
    expect(workerMatchTransition("INVITED", "accept")).toEqual({ ok: true, to: "ACCEPTED" });
    expect(workerMatchTransition("INVITED", "decline")).toEqual({ ok: true, to: "DECLINED" });
    expect(workerMatchTransition("ACCEPTED", "withdraw")).toEqual({ ok: true, to: "WITHDRAWN" });
    expect(workerMatchTransition("PROPOSED", "accept")).toEqual({ ok: false, reason: "notAllowed" });
    expect(workerMatchTransition("SHORTLISTED", "accept")).toEqual({ ok: false, reason: "notAllowed" });
  });

  it("shows contact details only once the worker accepted", () => {
    for (const s of ["PROPOSED", "SHORTLISTED", "INVITED", "DECLINED", "WITHDRAWN"] as const) expect(employerMaySeeContact(s), s).toBe(false);
    expect(employerMaySeeContact("ACCEPTED")).toBe(true);
    expect(employerMaySeeContact("HIRED")).toBe(true);
    expect(availableEmployerActions("ACCEPTED")).toEqual(["decline", "hire"]);
  });

  it("masks names to the surname", () => {
    expect(maskName("王小明")).toBe("王**");
    expect(maskName("李四")).toBe("李*");
    expect(maskName("Ma Li")).toBe("M.");
  });

  it("derives the transfer type from household county and place of work", () => {
    expect(transferTypeFor("130624", "110105")).toBe("BEIJING_TIANJIN");
    expect(transferTypeFor("130624", "120116")).toBe("BEIJING_TIANJIN");
    expect(transferTypeFor("130624", "310101")).toBe("OTHER_OUT_OF_PROVINCE");
    expect(transferTypeFor("130624", "130602")).toBe("WITHIN_HEBEI");
    expect(transferTypeFor("130624", "130624")).toBe("LOCAL_COUNTY");
  });

  it("reads factor breakdowns defensively", () => {
    expect(readFactors("x")).toEqual([]);
    expect(readFactors([{ factor: "skill", weight: 0.4, contribution: 32, note: "焊工四级" }, { nope: 1 }])).toEqual([
      { factor: "skill", weight: 0.4, contribution: 32, note: "焊工四级" },
    ]);
  });
});
