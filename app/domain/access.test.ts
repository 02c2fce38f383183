import { describe, expect, it } from "vitest";
import { canReadRegion, canReadWorker, canStandBehindToken, homePath, type Principal } from "./access";
import { isWithinRegion, levelOfCode, prefectureOf, provinceOf, regionPrefix } from "./regions";

const county = (code: string): Principal => ({ kind: "user", id: "u", grants: [{ role: "COORDINATOR", regionCode: code }] });

describe("region scope", () => {
  it("derives prefixes and levels from GB/T 2260 codes", () => {
    expect(regionPrefix("130000")).toBe("13");
    expect(regionPrefix("130600")).toBe("1306");
    expect(regionPrefix("130624")).toBe("130624");
    expect(levelOfCode("130624")).toBe("COUNTY");
    expect(levelOfCode("130624100")).toBe("TOWNSHIP");
    expect(isWithinRegion("130624100", "130624")).toBe(true);
    expect([provinceOf("130624"), prefectureOf("130624")]).toEqual(["130000", "130600"]);
    expect([provinceOf("110115"), prefectureOf("110115")]).toEqual(["110000", "110100"]);
  });

  it("a county coordinator reads their county only", () => {
    const fuping = county("130624");
    expect(canReadRegion(fuping, "130624")).toBe(true);
    expect(canReadRegion(fuping, "130636")).toBe(false);
    expect(canReadWorker(fuping, { id: "w", countyCode: "130881" })).toBe(false);
  });

  it("a prefecture coordinator reads every county beneath it", () => {
    const baoding = county("130600");
    expect(canReadRegion(baoding, "130624")).toBe(true);
    expect(canReadRegion(baoding, "130881")).toBe(false);
  });

  it("employers and job seekers are not staff", () => {
    const employer: Principal = { kind: "user", id: "e", grants: [{ role: "EMPLOYER", regionCode: null }], employerId: "x" };
    expect(canReadRegion(employer, "130624")).toBe(false);
    const seeker: Principal = { kind: "user", id: "s", grants: [{ role: "JOB_SEEKER", regionCode: null }], workerId: "w1" };
    expect(canReadWorker(seeker, { id: "w1", countyCode: "130624" })).toBe(true);
    expect(canReadWorker(seeker, { id: "w2", countyCode: "130624" })).toBe(false);
    expect(homePath(seeker)).toBe("/me");
  });

  it("admins read everything", () => {
    const admin: Principal = { kind: "user", id: "a", grants: [{ role: "ADMIN", regionCode: null }] };
    expect(canReadRegion(admin, "120101")).toBe(true);
    expect(homePath(admin)).toBe("/admin");
  });
});

describe("the person behind an API token", () => {
  const coordinatorOf = (regionCode: string) => ({ grants: [{ role: "COORDINATOR" as const, regionCode }], employerId: null });
  const coordinatorToken = (regionCode: string | null) => ({ role: "COORDINATOR" as const, regionCode, employerId: null });

  it("holds the token's role over the token's region or one containing it", () => {
    expect(canStandBehindToken(coordinatorOf("130624"), coordinatorToken("130624"))).toBe(true);
    expect(canStandBehindToken(coordinatorOf("130600"), coordinatorToken("130624"))).toBe(true);
    expect(canStandBehindToken(coordinatorOf("130000"), coordinatorToken("130600"))).toBe(true);
  });

  it("a county's coordinator stands behind neither the prefecture's token nor another county's, nor one without a region", () => {
    expect(canStandBehindToken(coordinatorOf("130624"), coordinatorToken("130600"))).toBe(false);
    expect(canStandBehindToken(coordinatorOf("130624"), coordinatorToken("130636"))).toBe(false);
    expect(canStandBehindToken(coordinatorOf("130624"), coordinatorToken(null))).toBe(false);
  });

  it("another role does not count; a role held without a region covers any", () => {
    const admin = { grants: [{ role: "ADMIN" as const, regionCode: null }], employerId: null };
    expect(canStandBehindToken(admin, coordinatorToken("130624"))).toBe(false);
    expect(canStandBehindToken(admin, { role: "ADMIN", regionCode: null, employerId: null })).toBe(true);
    expect(canStandBehindToken(coordinatorOf("130624"), { role: "ADMIN", regionCode: null, employerId: null })).toBe(false);
  });

  it("an employer's token needs a person of that employer", () => {
    const staff = (employerId: string) => ({ grants: [{ role: "EMPLOYER" as const, regionCode: null }], employerId });
    expect(canStandBehindToken(staff("e1"), { role: "EMPLOYER", regionCode: null, employerId: "e1" })).toBe(true);
    expect(canStandBehindToken(staff("e2"), { role: "EMPLOYER", regionCode: null, employerId: "e1" })).toBe(false);
  });
});
