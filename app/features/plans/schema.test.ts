import { describe, expect, it } from "vitest";
import { errorsByField } from "../../../test/setup/schema-fixtures";
import { PlanSchema } from "./schema";

const good = {
  trainingPersonTimes: "8,000",
  orderBasedPersonTimes: "３２００",
  transferredPersons: "4800人",
  toBeijingTianjinPersons: "2400",
  stablePersons: "3000",
  poorHouseholdSharePct: "60%",
  completionRatePct: "85",
};

describe("plan schema", () => {
  it("reads numbers as people type them (thousands separators, full-width digits, units)", () => {
    const r = PlanSchema.safeParse(good);
    expect(r.success && r.data).toMatchObject({ trainingPersonTimes: 8000, orderBasedPersonTimes: 3200, transferredPersons: 4800, poorHouseholdSharePct: 60 });
  });
  it("puts each problem on its field as an i18n key", () => {
    const r = PlanSchema.safeParse({ ...good, orderBasedPersonTimes: "9000", toBeijingTianjinPersons: "5000", completionRatePct: "120", stablePersons: "abc" });
    expect(r.success).toBe(false);
    expect(errorsByField(r)).toEqual({
      orderBasedPersonTimes: "plans.err.orderBasedMore",
      toBeijingTianjinPersons: "plans.err.toBjTjMore",
      completionRatePct: "plans.err.percentRange",
      stablePersons: "plans.err.number",
    });
  });
  it("refuses a non-object body without throwing", () => {
    expect(PlanSchema.safeParse(null).success).toBe(false);
    expect(PlanSchema.safeParse([]).success).toBe(false);
  });
});
