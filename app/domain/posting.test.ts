import { chinaToday } from "~/platform/china-time";
import { describe, expect, it } from "vitest";
import {
  availablePostingActions,
  findDiscriminatoryCondition,
  isPastDeadline,
  postingActionFor,
  postingEdit,
  postingTransition,
  readRequirements,
} from "./posting";

const verified = { employerStatus: "VERIFIED" as const, today: "2026-12-01" };

describe("posting lifecycle", () => {
  it("publishes a draft for a verified employer only", () => {
    expect(postingTransition({ status: "DRAFT", deadline: null }, "publish", verified)).toEqual({ ok: true, to: "OPEN" });
    expect(postingTransition({ status: "DRAFT", deadline: null }, "publish", { ...verified, employerStatus: "PENDING" })).toEqual({
      ok: false,
      reason: "employerNotVerified",
    });
    expect(postingTransition({ status: "DRAFT", deadline: null }, "publish", { ...verified, employerStatus: "SUSPENDED" })).toEqual({
      ok: false,
      reason: "employerNotVerified",
    });
  });

  it("refuses to publish or reopen past the deadline; the deadline day itself is still open", () => {
    expect(postingTransition({ status: "DRAFT", deadline: "2026-11-30" }, "publish", verified)).toEqual({ ok: false, reason: "deadlinePassed" });
    expect(postingTransition({ status: "DRAFT", deadline: "2026-12-01" }, "publish", verified).ok).toBe(true);
    expect(postingTransition({ status: "FILLED", deadline: "2026-11-30" }, "reopen", verified)).toEqual({ ok: false, reason: "deadlinePassed" });
  });

  it("fills, closes and reopens only from the right statuses; expired and closed are final", () => {
    expect(postingTransition({ status: "OPEN", deadline: null }, "fill", verified)).toEqual({ ok: true, to: "FILLED" });
    expect(postingTransition({ status: "OPEN", deadline: null }, "close", verified)).toEqual({ ok: true, to: "CLOSED" });
    expect(postingTransition({ status: "FILLED", deadline: null }, "reopen", verified)).toEqual({ ok: true, to: "OPEN" });
    expect(postingTransition({ status: "DRAFT", deadline: null }, "fill", verified)).toEqual({ ok: false, reason: "notAllowed" });
    expect(postingTransition({ status: "OPEN", deadline: null }, "publish", verified)).toEqual({ ok: false, reason: "notAllowed" });
    for (const status of ["CLOSED", "EXPIRED"] as const) expect(availablePostingActions(status)).toEqual([]);
    expect(availablePostingActions("DRAFT")).toEqual(["publish", "close"]);
  });

  it("maps API status changes to actions, and never to EXPIRED (the scheduled job's alone)", () => {
    expect(postingActionFor("DRAFT", "OPEN")).toBe("publish");
    expect(postingActionFor("FILLED", "OPEN")).toBe("reopen");
    expect(postingActionFor("OPEN", "EXPIRED")).toBeNull();
    expect(postingActionFor("CLOSED", "OPEN")).toBeNull();
  });

  it("edits drafts in place and keeps a revision when an open posting changes", () => {
    expect(postingEdit("DRAFT")).toBe("inPlace");
    expect(postingEdit("OPEN")).toBe("withRevision");
    expect(postingEdit("FILLED")).toBeNull();
    expect(postingEdit("EXPIRED")).toBeNull();
  });

  it("expires the day after the deadline, in China time", () => {
    expect(isPastDeadline("2026-11-30", "2026-12-01")).toBe(true);
    expect(isPastDeadline("2026-12-01", "2026-12-01")).toBe(false);
    expect(isPastDeadline(null, "2099-01-01")).toBe(false);
    // 2026-11-30 16:30 UTC is already 2026-12-01 00:30 in Beijing.
    expect(chinaToday(new Date("2026-11-30T16:30:00Z"))).toBe("2026-12-01");
    expect(chinaToday(new Date("2026-11-30T15:59:00Z"))).toBe("2026-11-30");
  });
});

describe("lawful requirements", () => {
  it("finds conditions on sex, ethnicity, hukou, marriage and hepatitis B written into the text", () => {
    const cases: [string, string][] = [
      ["招聘保安，限男性，身体健康", "sex"],
      ["月嫂，只招女", "sex"],
      ["女士优先", "sex"],
      ["仅限汉族", "ethnicity"],
      ["要求北京户口", "hukou"],
      ["本地户口优先", "hukou"],
      ["谢绝外地户口", "hukou"],
      ["已婚已育者优先", "marriage"],
      ["乙肝携带者勿扰", "health"],
      ["限 男 性", "sex"],
      ["限男性", "sex"],
    ];
    for (const [text, ground] of cases) expect(findDiscriminatoryCondition(text)?.ground, text).toBe(ground);
  });

  it("lets ordinary wording through", () => {
    for (const text of [
      "男女不限，包吃住",
      "要求男女均可",
      "工作地点：朝阳区民族园路",
      "有户外工作经验者优先",
      "要求持有电工证",
      "年龄18–50周岁",
      "女装缝纫，计件工资",
    ]) {
      expect(findDiscriminatoryCondition(text), text).toBeNull();
    }
  });

  it("reads stored requirements defensively", () => {
    expect(readRequirements(null)).toEqual({ skills: [], certificates: [] });
    expect(readRequirements({ skills: [{ occupationCode: "welder", minLevel: 4 }, { bad: 1 }], certificates: ["焊工证", 3] })).toEqual({
      skills: [{ occupationCode: "welder", minLevel: 4 }],
      certificates: ["焊工证"],
    });
  });
});
