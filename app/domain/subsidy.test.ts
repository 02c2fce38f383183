import { describe, expect, it } from "vitest";
import {
  accountable,
  approvalCheck,
  approverLevel,
  certificateFits,
  claimFlags,
  claimStep,
  classEntitlements,
  maskAccountNumber,
  normaliseAccountNumber,
  parseBankReturn,
  pickPolicy,
  placementEntitlements,
  reconcile,
  requiredLevel,
  type Entitlement,
  type PolicyRule,
} from "./subsidy";

const policy = (over: Partial<PolicyRule>): PolicyRule => ({
  id: "p1",
  code: "c1",
  version: 1,
  kind: "TRAINING",
  amount: 1000,
  unit: "PERSON",
  maxUnits: null,
  payee: "PROVIDER",
  occupationCode: null,
  transferTypes: [],
  retentionMonths: null,
  requireRegisteredPoor: false,
  requirePovertyCounty: false,
  requireCertificate: false,
  certificateLevel: null,
  validFrom: "2025-01-01",
  validTo: null,
  ...over,
});
const person = { workerId: "w1", countyCode: "130624", isRegisteredPoor: true, inPovertyCounty: true };
const t = { prefecture: 3000, province: 10000 };
const cls = { id: "k1", name: "班", occupationCode: "welder", status: "FINISHED" as const, provider: { id: "pr", name: "机构" } };

describe("pickPolicy", () => {
  it("the version governing the day: a newer version from its start, the older before; an ended newest version pays nothing", () => {
    const v1 = policy({ id: "v1", amount: 1000 });
    const v2 = policy({ id: "v2", version: 2, amount: 1500, validFrom: "2026-06-01" });
    const fits = () => true;
    expect(pickPolicy([v1, v2], "TRAINING", "2026-05-31", person, fits)?.id).toBe("v1");
    expect(pickPolicy([v1, v2], "TRAINING", "2026-06-01", person, fits)?.id).toBe("v2");
    const v3 = policy({ id: "v3", version: 3, validFrom: "2026-07-01", validTo: "2026-07-31" });
    expect(pickPolicy([v1, v2, v3], "TRAINING", "2026-08-01", person, fits)).toBeNull();
  });
  it("the specific occupation beats any occupation; the person must qualify", () => {
    const any = policy({ id: "any", code: "a", amount: 2000 });
    const welder = policy({ id: "welder", code: "w", amount: 800, occupationCode: "welder" });
    expect(pickPolicy([any, welder], "TRAINING", "2026-01-01", person, (p) => p.occupationCode === null || p.occupationCode === "welder")?.id).toBe("welder");
    const poorOnly = policy({ requireRegisteredPoor: true });
    expect(pickPolicy([poorOnly], "TRAINING", "2026-01-01", { ...person, isRegisteredPoor: false }, () => true)).toBeNull();
  });
});

describe("certificate level", () => {
  const fitsAll = (e: Parameters<typeof certificateFits>[1]) => (p: PolicyRule) =>
    (p.occupationCode === null || p.occupationCode === "welder") && certificateFits(p, e);
  const general = policy({ id: "general", code: "general", amount: 1200 });
  const level4 = policy({ id: "level4", code: "level4", amount: 1500, certificateLevel: "LEVEL_4" });
  const welder = policy({ id: "welder", code: "welder", amount: 1300, occupationCode: "welder" });
  const welder4 = policy({ id: "welder4", code: "welder4", amount: 1400, occupationCode: "welder", certificateLevel: "LEVEL_4" });
  const carer4 = policy({ id: "carer4", code: "carer4", amount: 3000, occupationCode: "carer", certificateLevel: "LEVEL_4" });
  const grad: Parameters<typeof certificateFits>[1] = { assessmentPassed: true, certificateNumber: "C1", certificateLevel: "LEVEL_4" };
  const pick = (ps: PolicyRule[], e = grad) => pickPolicy(ps, "TRAINING", "2026-03-05", person, fitsAll(e))?.id ?? null;

  it("occupation and level beat occupation, which beats level, which beats the general one (whatever the amounts)", () => {
    expect(pick([general, level4, welder, welder4, carer4])).toBe("welder4");
    expect(pick([general, level4, welder, carer4])).toBe("welder");
    expect(pick([general, level4, carer4])).toBe("level4");
    expect(pick([general, carer4])).toBe("general");
  });
  it("a level condition pays only that level, and only with a passed assessment and a certificate number", () => {
    const ps = [general, level4, welder4];
    expect(pick(ps, { ...grad, certificateLevel: "LEVEL_5" })).toBe("general");
    expect(pick(ps, { ...grad, certificateLevel: null })).toBe("general");
    expect(pick(ps, { ...grad, certificateNumber: "" })).toBe("general");
    expect(pick(ps, { ...grad, assessmentPassed: false })).toBe("general");
    expect(pick([level4, welder4], { ...grad, certificateLevel: "SPECIAL_ABILITY" })).toBeNull();
    expect(certificateFits(policy({ requireCertificate: true }), { ...grad, certificateLevel: null })).toBe(true);
    expect(certificateFits(policy({ requireCertificate: true }), { ...grad, certificateNumber: null })).toBe(false);
  });
  it("one enrolment gets one training entitlement, from the most specific policy, with the level on its evidence", () => {
    const e = { person, enrollmentId: "e1", status: "COMPLETED" as const, completedOn: "2026-03-05", ...grad, attendedDays: 0 };
    const out = classEntitlements(cls, [e], [general, level4, welder, welder4, carer4]);
    expect(out.map((x) => [x.kind, x.policyId, x.amount])).toEqual([["TRAINING", "welder4", 1400]]);
    expect(out[0].evidence.find((r) => r.type === "assessment")).toEqual({ type: "assessment", id: "e1", label: "C1", level: "LEVEL_4" });
    // A newer version of the level schedule governs from its start; still one entitlement.
    const welder4v2 = { ...welder4, id: "welder4v2", version: 2, amount: 1600, validFrom: "2026-03-01" };
    expect(classEntitlements(cls, [e], [general, welder4, welder4v2]).map((x) => [x.policyId, x.amount])).toEqual([["welder4v2", 1600]]);
  });
});

describe("accountable (who a token is, for separation of duties)", () => {
  it("a user is themself; a token is the person it was issued for and its creator, recorded as the former; nobody behind it → no persons", () => {
    expect(accountable({ kind: "user", id: "u1" })).toEqual({ persons: ["u1"], recordAs: "u1", tokenId: null });
    expect(accountable({ kind: "token", id: "t1", tokenUserId: "u2", tokenCreatedById: "u1" })).toEqual({
      persons: ["u2", "u1"],
      recordAs: "u2",
      tokenId: "t1",
    });
    expect(accountable({ kind: "token", id: "t1", tokenUserId: null, tokenCreatedById: "u1" })).toEqual({ persons: ["u1"], recordAs: "u1", tokenId: "t1" });
    expect(accountable({ kind: "token", id: "t1" })).toEqual({ persons: [], recordAs: null, tokenId: "t1" });
  });
  it("nobody behind the preparation approves it; a token with nobody behind it approves nothing", () => {
    const c = { preparedBy: ["u1", "u3"], amount: 1000, flags: [] };
    expect(approvalCheck(c, { persons: ["u2", "u1"], level: "COUNTY" }, t, null)).toEqual({ ok: false, reason: "samePerson" });
    expect(approvalCheck(c, { persons: ["u3"], level: "COUNTY" }, t, null)).toEqual({ ok: false, reason: "samePerson" });
    expect(approvalCheck(c, { persons: ["u2"], level: "COUNTY" }, t, null)).toEqual({ ok: true });
    expect(approvalCheck(c, { persons: [], level: "COUNTY" }, t, null)).toEqual({ ok: false, reason: "tokenWithoutPerson" });
  });
});

describe("entitlements", () => {
  it("training for the completed and certified, allowance per attended day capped, nothing before finishing", () => {
    const ps = [
      policy({ requireCertificate: true }),
      policy({ id: "l", code: "l", kind: "LIVING_ALLOWANCE", unit: "DAY", amount: 50, maxUnits: 3, payee: "WORKER", requireRegisteredPoor: true }),
    ];
    const e = {
      person,
      enrollmentId: "e1",
      status: "COMPLETED" as const,
      completedOn: "2026-03-05",
      certificateNumber: "C1",
      certificateLevel: null,
      assessmentPassed: true,
      attendedDays: 5,
    };
    const out = classEntitlements(cls, [e], ps);
    expect(out.map((x) => [x.kind, x.units, x.amount, x.period, x.payeeType])).toEqual([
      ["TRAINING", 1, 1000, "2026", "PROVIDER"],
      ["LIVING_ALLOWANCE", 3, 150, "2026", "WORKER"],
    ]);
    expect(classEntitlements(cls, [{ ...e, certificateNumber: null }], ps).map((x) => x.kind)).toEqual(["LIVING_ALLOWANCE"]);
    expect(classEntitlements({ ...cls, status: "RUNNING" }, [e], ps)).toEqual([]);
    expect(classEntitlements(cls, [{ ...e, status: "DROPPED" }], ps)).toEqual([]);
  });
  it("transport by destination band for a verified placement; hiring from the first follow-up at the policy's months", () => {
    const ps = [
      policy({ id: "t", code: "t", kind: "TRANSPORT", transferTypes: ["BEIJING_TIANJIN"], payee: "WORKER" }),
      policy({ id: "h", code: "h", kind: "HIRING", retentionMonths: 6, payee: "EMPLOYER" }),
    ];
    const pl = {
      id: "pl",
      person: { ...person, fullName: "张三" },
      verification: "VERIFIED" as const,
      startDate: "2026-01-10",
      transferType: "BEIJING_TIANJIN" as const,
      employer: { id: "em", name: "公司" },
      followUps: [
        { id: "f3", dueMonth: 3, stillEmployed: true, completedOn: "2026-04-10" },
        { id: "f6", dueMonth: 6, stillEmployed: true, completedOn: "2026-07-10" },
      ],
    };
    expect(placementEntitlements(pl, ps).map((x) => [x.kind, x.payeeId, x.source.followUpId ?? null])).toEqual([
      ["TRANSPORT", "w1", null],
      ["HIRING", "em", "f6"],
    ]);
    expect(placementEntitlements({ ...pl, transferType: "LOCAL_COUNTY" }, ps).map((x) => x.kind)).toEqual(["HIRING"]);
    expect(placementEntitlements({ ...pl, verification: "REJECTED" }, ps)).toEqual([]);
  });
});

describe("reconcile", () => {
  const ent = (over: Partial<Entitlement> = {}): Entitlement => ({
    kind: "TRAINING",
    policyId: "p1",
    policyCode: "c1",
    workerId: "w1",
    countyCode: "130624",
    period: "2026",
    units: 1,
    amount: 1000,
    payeeType: "PROVIDER",
    payeeId: "pr",
    payeeName: "x",
    source: { trainingClassId: "k1", enrollmentId: "e1" },
    evidence: [],
    ...over,
  });
  const claim = (status: "OPEN" | "PAID" | "WITHDRAWN" | "APPROVED", over: object = {}) => ({
    id: "c",
    kind: "TRAINING" as const,
    workerId: "w1",
    period: "2026",
    status,
    amount: 1000,
    units: 1,
    policyId: "p1",
    source: { trainingClassId: "k1", enrollmentId: "e1" },
    ...over,
  });
  it("creates once, changes nothing on a replay, recomputes an open claim, reopens a withdrawn one", () => {
    expect(reconcile([ent()], [], []).create).toHaveLength(1);
    expect(reconcile([ent()], [claim("OPEN")], [claim("OPEN")])).toEqual({ create: [], update: [], withdraw: [], flag: [] });
    expect(reconcile([ent({ amount: 500 })], [claim("OPEN")], [claim("OPEN")]).update).toEqual([
      { claimId: "c", entitlement: ent({ amount: 500 }), reopen: false },
    ]);
    expect(reconcile([ent()], [claim("WITHDRAWN")], [claim("WITHDRAWN")]).update[0].reopen).toBe(true);
  });
  it("one per person, kind and period: a live claim from another source keeps the key", () => {
    const other = claim("OPEN", { id: "o", source: { trainingClassId: "k0", enrollmentId: "e0" } });
    expect(reconcile([ent()], [], [other])).toEqual({ create: [], update: [], withdraw: [], flag: [] });
  });
  it("evidence gone: withdrawn while no money is out, flagged once it is", () => {
    expect(reconcile([], [claim("APPROVED")], []).withdraw).toEqual([{ claimId: "c", reason: "evidenceChanged" }]);
    expect(reconcile([], [claim("PAID")], []).flag).toEqual([{ claimId: "c", reason: "evidenceChanged" }]);
  });
});

describe("review", () => {
  it("steps: only the listed transitions", () => {
    expect(claimStep("OPEN", "prepare")).toBe("PREPARED");
    expect(claimStep("OPEN", "approve")).toBeNull();
    expect(claimStep("BATCHED", "paymentFailed")).toBe("OPEN");
    expect(claimStep("PAID", "withdraw")).toBeNull();
  });
  it("separation of duties, thresholds, flagged needs a note", () => {
    const c = { preparedBy: ["u1"], amount: 1000, flags: [] };
    expect(approvalCheck(c, { persons: ["u1"], level: "PROVINCE" }, t, null)).toEqual({ ok: false, reason: "samePerson" });
    expect(approvalCheck(c, { persons: ["u2"], level: "COUNTY" }, t, null)).toEqual({ ok: true });
    expect(approvalCheck({ ...c, amount: 3000 }, { persons: ["u2"], level: "COUNTY" }, t, null)).toEqual({ ok: false, reason: "needsPrefecture" });
    expect(approvalCheck({ ...c, amount: 10000 }, { persons: ["u2"], level: "PREFECTURE" }, t, null)).toEqual({ ok: false, reason: "needsProvince" });
    expect(approvalCheck({ ...c, flags: [{}] }, { persons: ["u2"], level: "COUNTY" }, t, " ")).toEqual({ ok: false, reason: "flaggedNoteRequired" });
    expect(approvalCheck(c, { persons: ["u2"], level: null }, t, null)).toEqual({ ok: false, reason: "notCoordinator" });
    expect(requiredLevel(2999, t)).toBe("COUNTY");
  });
  it("approver level: the highest coordinator grant covering the county", () => {
    expect(
      approverLevel(
        [
          { role: "COORDINATOR", regionCode: "130624" },
          { role: "COORDINATOR", regionCode: "130600" },
        ],
        "130624",
        false,
      ),
    ).toBe("PREFECTURE");
    expect(approverLevel([{ role: "COORDINATOR", regionCode: "130881" }], "130624", false)).toBeNull();
    expect(approverLevel([{ role: "PROVIDER_STAFF", regionCode: "130000" }], "130624", false)).toBeNull();
    expect(approverLevel([], "130624", true)).toBe("PROVINCE");
  });
});

describe("flags, accounts, bank files", () => {
  it("flags each fact with its reason; no budget set counts as over budget", () => {
    const base = {
      placementFlags: [],
      staffOfProvider: false,
      otherClassesSameDays: [],
      budget: 1000,
      committedOthers: 0,
      amount: 500,
      sharedWith: 0,
      evidenceChanged: false,
      accountChanged: null,
    };
    expect(claimFlags(base)).toEqual([]);
    expect(claimFlags({ ...base, committedOthers: 600 }).map((f) => f.code)).toEqual(["overBudget"]);
    expect(claimFlags({ ...base, budget: null }).map((f) => f.code)).toEqual(["overBudget"]);
    expect(
      claimFlags({ ...base, placementFlags: [{ code: "overlap" }], sharedWith: 2, otherClassesSameDays: [{ className: "B", day: "2026-01-02" }] }).map(
        (f) => f.code,
      ),
    ).toEqual(["placement", "twoClassesAtOnce", "sharedAccount"]);
    expect(claimFlags({ ...base, accountChanged: { approved: "****1234", current: "****5678" } })).toEqual([
      { code: "accountChanged", detail: { approved: "****1234", current: "****5678" } },
    ]);
  });
  it("account numbers: 12–30 digits, spaces and dashes tolerated (full-width too), masked to the last four", () => {
    expect(normaliseAccountNumber("6228 4801-2345 6789")).toBe("6228480123456789");
    expect(normaliseAccountNumber("６２２８４８０１２３４５")).toBe("622848012345");
    expect(normaliseAccountNumber("12345678901")).toBeNull();
    expect(normaliseAccountNumber("6228a80123456789")).toBeNull();
    expect(maskAccountNumber("6228480123456789")).toBe("************6789");
  });
  it("bank return files: columns by name, every bad line reported, a failure needs its reason", () => {
    const id = "0b9f3c1e-3b6e-4a55-9d1d-111111111111";
    const id2 = "0b9f3c1e-3b6e-4a55-9d1d-222222222222";
    expect(
      parseBankReturn([
        ["Result", "Claim", "Reason"],
        ["success", id, ""],
        ["F", id2, "closed"],
      ]).rows,
    ).toEqual([
      { claimId: id, outcome: "PAID", bankReference: null, reason: null },
      { claimId: id2, outcome: "FAILED", bankReference: null, reason: "closed" },
    ]);
    expect(
      parseBankReturn([
        ["流水号", "结果"],
        ["x", "成功"],
        [id, "也许"],
        [id, "成功"],
        [id, "成功"],
        [id2, "失败"],
      ]).problems.map((p) => [p.line, p.message]),
    ).toEqual([
      [2, "badClaimId"],
      [3, "badOutcome"],
      [5, "duplicate"],
      [6, "reasonRequired"],
    ]);
    expect(parseBankReturn([["a", "b"]]).problems).toEqual([{ line: 1, message: "missingColumns" }]);
  });
});
