import { describe, expect, it } from "vitest";
import { canReadRegion, canReadWorker, homePath, type Principal } from "./access";
import { isWithinRegion, levelOfCode, regionPrefix } from "./regions";

const county = (code: string): Principal => ({ kind: "user", id: "u", grants: [{ role: "COORDINATOR", regionCode: code }] });

describe("region scope", () => {
  it("derives prefixes and levels from GB/T 2260 codes", () => {
    expect(regionPrefix("130000")).toBe("13");
    expect(regionPrefix("130600")).toBe("1306");
    expect(regionPrefix("130624")).toBe("130624");
    expect(levelOfCode("130624")).toBe("COUNTY");
    expect(levelOfCode("130624100")).toBe("TOWNSHIP");
    expect(isWithinRegion("130624100", "130624")).toBe(true);
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
