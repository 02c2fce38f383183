import { describe, expect, it } from "vitest";
import { becomesAtRisk, followUpLifecycleEvent, followUpState } from "./follow-up";

describe("follow-up state", () => {
  it("scheduled → open → overdue → done", () => {
    expect(followUpState({ dueAt: "2026-05-01", openedAt: null, completedAt: null }, "2026-04-30")).toBe("scheduled");
    expect(followUpState({ dueAt: "2026-05-01", openedAt: null, completedAt: null }, "2026-05-01")).toBe("open");
    expect(followUpState({ dueAt: "2026-05-01", openedAt: new Date(), completedAt: null }, "2026-05-01")).toBe("open");
    expect(followUpState({ dueAt: "2026-05-01", openedAt: new Date(), completedAt: null }, "2026-05-02")).toBe("overdue");
    expect(followUpState({ dueAt: "2026-05-01", openedAt: new Date(), completedAt: new Date() }, "2026-06-02")).toBe("done");
  });
});

describe("what a result means", () => {
  it("employed at 6 months or later is stable; before, nothing changes; not employed is leaving", () => {
    expect(followUpLifecycleEvent(1, true)).toBeNull();
    expect(followUpLifecycleEvent(3, true)).toBeNull();
    expect(followUpLifecycleEvent(6, true)).toBe("stabilize");
    expect(followUpLifecycleEvent(12, true)).toBe("stabilize");
    expect(followUpLifecycleEvent(1, false)).toBe("leave");
    expect(followUpLifecycleEvent(12, false)).toBe("leave");
  });
  it("a registered-poor worker who lost work is at risk; others, or those still working, are not", () => {
    expect(becomesAtRisk({ isRegisteredPoor: true }, false)).toBe(true);
    expect(becomesAtRisk({ isRegisteredPoor: true }, true)).toBe(false);
    expect(becomesAtRisk({ isRegisteredPoor: false }, false)).toBe(false);
  });
});
