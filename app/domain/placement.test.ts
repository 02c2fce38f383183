import { describe, expect, it } from "vitest";
import {
  availableDecisions,
  followUpSchedule,
  minimumWageFor,
  periodsOverlap,
  placementFlags,
  placementTransferType,
  readFlags,
  sampleDraw,
  sniffEvidenceType,
  statusAfterFlags,
  verificationStep,
  MINIMUM_WAGES,
  minimumWagesInForce,
  type FlagFacts,
} from "./placement";

const base = (over: Partial<FlagFacts> = {}): FlagFacts => ({
  placement: { id: "p1", startDate: "2026-03-01", endDate: null, monthlyWage: 6000, workRegionCode: "110105" },
  otherPlacements: [],
  employer: { name: "北京家政", status: "VERIFIED" },
  order: null,
  staffLinks: [],
  ...over,
});
const codes = (f: FlagFacts) => placementFlags(f).map((x) => x.code);

describe("placement flags: each raised by its fact, not raised without it", () => {
  it("a clean placement has no flag", () => expect(placementFlags(base())).toEqual([]));

  it("overlap: another job of the same person on the same days (open-ended = ongoing)", () => {
    expect(codes(base({ otherPlacements: [{ id: "p2", startDate: "2026-01-01", endDate: null, employerName: "天津厂" }] }))).toEqual(["overlap"]);
    expect(codes(base({ otherPlacements: [{ id: "p2", startDate: "2026-01-01", endDate: "2026-03-01", employerName: "天津厂" }] }))).toEqual(["overlap"]);
    // Not raised: the earlier job ended the day before; or the same placement itself.
    expect(codes(base({ otherPlacements: [{ id: "p2", startDate: "2026-01-01", endDate: "2026-02-28", employerName: "天津厂" }] }))).toEqual([]);
    expect(codes(base({ otherPlacements: [{ id: "p1", startDate: "2026-01-01", endDate: null, employerName: "x" }] }))).toEqual([]);
    expect(placementFlags(base({ otherPlacements: [{ id: "p2", startDate: "2026-01-01", endDate: null, employerName: "天津厂" }] }))[0].detail).toMatchObject({
      employer: "天津厂",
      start: "2026-01-01",
    });
  });

  it("below the local minimum wage (Beijing 2540 from 2025-09-01): the flag names the rule, the amount and the source", () => {
    const f = placementFlags(base({ placement: { id: "p1", startDate: "2026-03-01", endDate: null, monthlyWage: 2539, workRegionCode: "110105" } }));
    expect(f).toEqual([
      {
        code: "belowMinimumWage",
        detail: { wage: 2539, minimum: 2540, area: "北京市", effective: "2025-09-01", source: expect.stringContaining("京人社劳发〔2025〕7号") },
      },
    ]);
    expect(codes(base({ placement: { id: "p1", startDate: "2026-03-01", endDate: null, monthlyWage: 2540, workRegionCode: "110105" } }))).toEqual([]);
  });

  it("below the order's committed wage", () => {
    expect(codes(base({ order: { title: "订单班", commitWage: 6500 } }))).toEqual(["belowCommittedWage"]);
    expect(codes(base({ order: { title: "订单班", commitWage: 6000 } }))).toEqual([]);
    expect(codes(base({ order: { title: "岗位班", commitWage: null } }))).toEqual([]);
  });

  it("employer not verified", () => {
    expect(codes(base({ employer: { name: "x", status: "PENDING" } }))).toEqual(["employerNotVerified"]);
    expect(codes(base({ employer: { name: "x", status: "SUSPENDED" } }))).toEqual(["employerNotVerified"]);
  });

  it("the worker is staff of the employer or the provider", () => {
    expect(codes(base({ staffLinks: [{ kind: "employer", via: "idNumber" }] }))).toEqual(["staffOfEmployer"]);
    expect(
      codes(
        base({
          staffLinks: [
            { kind: "provider", via: "phone" },
            { kind: "provider", via: "account" },
          ],
        }),
      ),
    ).toEqual(["staffOfProvider"]);
    expect(codes(base({ staffLinks: [] }))).toEqual([]);
  });

  it("several facts raise several flags, each with its reason", () => {
    expect(
      codes(base({ employer: { name: "x", status: "PENDING" }, order: { title: "o", commitWage: 9000 }, staffLinks: [{ kind: "employer", via: "phone" }] })),
    ).toEqual(["belowCommittedWage", "employerNotVerified", "staffOfEmployer"]);
  });

  it("reads stored flags defensively", () => {
    expect(readFlags(null)).toEqual([]);
    expect(readFlags([{ code: "overlap", detail: { a: 1 } }, { code: "nonsense" }, 3])).toEqual([{ code: "overlap", detail: { a: 1 } }]);
  });

  it("an undecided placement's status follows its flags; a decided one keeps it", () => {
    const flag = [{ code: "overlap" as const, detail: {} }];
    expect(statusAfterFlags("UNVERIFIED", flag)).toBe("FLAGGED");
    expect(statusAfterFlags("FLAGGED", [])).toBe("UNVERIFIED");
    expect(statusAfterFlags("VERIFIED", flag)).toBe("VERIFIED");
    expect(statusAfterFlags("REJECTED", [])).toBe("REJECTED");
  });
});

describe("minimum wage table (lookup rules; the figures are checked in reference/minimum-wages.golden.test.ts)", () => {
  it("takes the latest entry in force for the most specific area", () => {
    expect(minimumWageFor("110105", "2025-08-31")?.monthly).toBe(2420);
    expect(minimumWageFor("110105", "2025-09-01")?.monthly).toBe(2540);
    expect(minimumWageFor("130102", "2026-01-01")?.monthly).toBe(2200);
    expect(minimumWageFor("130624", "2022-12-31")?.monthly).toBe(1580); // 2019 notice, lowest of four tiers
    expect(minimumWageFor("130681", "2022-12-31")?.monthly).toBe(1900); // 涿州: a 2019 county row beats the province row
  });
  it("knows nothing for other provinces or before the first entry", () => {
    expect(minimumWageFor("310101", "2026-01-01")).toBeNull();
    expect(minimumWageFor("110105", "2020-01-01")).toBeNull();
  });
  it("every entry names its source and effective date", () => {
    for (const e of MINIMUM_WAGES) {
      expect(e.source.length).toBeGreaterThan(4);
      expect(e.effective).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
  it("an administrator's row is added beside the shipped ones; the same key replaces only that row", () => {
    const table = minimumWagesInForce([{ prefix: "11", effective: "2026-09-01", monthly: 2700, label: "北京市", source: "测试通知" }]);
    expect(minimumWageFor("110105", "2026-09-02", table)?.monthly).toBe(2700);
    expect(minimumWageFor("110105", "2026-08-31", table)?.monthly).toBe(2540);
    const replaced = minimumWagesInForce([{ prefix: "11", effective: "2025-09-01", monthly: 2541, label: "北京市", source: "更正" }]);
    expect(replaced.length).toBe(MINIMUM_WAGES.length);
    expect(minimumWageFor("110105", "2025-10-01", replaced)?.source).toBe("更正");
  });
});

describe("transfer type", () => {
  it("derives from the home county and the place of work; home-based only by choice", () => {
    expect(placementTransferType("130624", "110105", false)).toBe("BEIJING_TIANJIN");
    expect(placementTransferType("130624", "120101", false)).toBe("BEIJING_TIANJIN");
    expect(placementTransferType("130624", "310101", false)).toBe("OTHER_OUT_OF_PROVINCE");
    expect(placementTransferType("130624", "130602", false)).toBe("WITHIN_HEBEI");
    expect(placementTransferType("130624", "130624", false)).toBe("LOCAL_COUNTY");
    expect(placementTransferType("130624", "130624", true)).toBe("HOME_BASED");
  });
});

describe("follow-up schedule", () => {
  it("1, 3, 6 and 12 months after the start", () => {
    expect(followUpSchedule("2026-03-15")).toEqual([
      { dueMonth: 1, dueAt: "2026-04-15" },
      { dueMonth: 3, dueAt: "2026-06-15" },
      { dueMonth: 6, dueAt: "2026-09-15" },
      { dueMonth: 12, dueAt: "2027-03-15" },
    ]);
  });
  it("clamps to the month's end, leap years included", () => {
    expect(followUpSchedule("2026-05-31").map((f) => f.dueAt)).toEqual(["2026-06-30", "2026-08-31", "2026-11-30", "2027-05-31"]);
  });
  it("overlap of periods", () => {
    expect(periodsOverlap({ start: "2026-01-01", end: "2026-01-31" }, { start: "2026-01-31", end: null })).toBe(true);
    expect(periodsOverlap({ start: "2026-01-01", end: "2026-01-30" }, { start: "2026-01-31", end: null })).toBe(false);
  });
});

describe("verification decisions", () => {
  const flag = [{ code: "overlap" as const, detail: {} }];
  it("a clean placement is verified without a note; a flagged one only with a note", () => {
    expect(verificationStep("UNVERIFIED", "verify", { flags: [], note: "" })).toEqual({ ok: true, to: "VERIFIED" });
    expect(verificationStep("FLAGGED", "verify", { flags: flag, note: " " })).toEqual({ ok: false, reason: "noteRequired" });
    expect(verificationStep("FLAGGED", "verify", { flags: flag, note: "查看了劳动合同和工资流水" })).toEqual({ ok: true, to: "VERIFIED" });
  });
  it("reject and flag need a note; rejected is final; verified may be rejected", () => {
    expect(verificationStep("UNVERIFIED", "reject", { flags: [], note: null })).toEqual({ ok: false, reason: "noteRequired" });
    expect(verificationStep("VERIFIED", "reject", { flags: [], note: "回访发现未上岗" })).toEqual({ ok: true, to: "REJECTED" });
    expect(verificationStep("REJECTED", "verify", { flags: [], note: "x" })).toEqual({ ok: false, reason: "notAllowed" });
    expect(verificationStep("VERIFIED", "verify", { flags: [], note: "x" })).toEqual({ ok: false, reason: "notAllowed" });
    expect(availableDecisions("REJECTED")).toEqual([]);
    expect(availableDecisions("VERIFIED")).toEqual(["reject"]);
  });
});

describe("sampled re-verification", () => {
  const list = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, sampled: false }));
  it("draws 10 %, at least one, the same every time", () => {
    expect(sampleDraw("2026-03", list(3))).toHaveLength(1);
    expect(sampleDraw("2026-03", list(25))).toHaveLength(3);
    expect(sampleDraw("2026-03", list(25))).toEqual(sampleDraw("2026-03", list(25)));
    expect(sampleDraw("2026-03", [])).toEqual([]);
  });
  it("draws no more once the month's share is in the queue", () => {
    const drawn = new Set(sampleDraw("2026-03", list(25)));
    expect(
      sampleDraw(
        "2026-03",
        list(25).map((p) => ({ ...p, sampled: drawn.has(p.id) })),
      ),
    ).toEqual([]);
  });
});

describe("evidence files", () => {
  it("recognises PDF, JPEG and PNG by their first bytes, nothing else", () => {
    expect(sniffEvidenceType(new TextEncoder().encode("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffEvidenceType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffEvidenceType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffEvidenceType(new TextEncoder().encode("<html>%PDF-"))).toBeNull();
    expect(sniffEvidenceType(new TextEncoder().encode("MZ\x90\x00"))).toBeNull();
    expect(sniffEvidenceType(new Uint8Array([]))).toBeNull();
  });
});
