import { describe, expect, it } from "vitest";
import { neutraliseFormula } from "./spreadsheet";

describe("neutraliseFormula", () => {
  it("quotes text that a spreadsheet would run as a formula", () => {
    for (const v of ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutraliseFormula(v)).toBe(`'${v}`);
  });
  it("leaves other text, numbers and empty cells alone", () => {
    expect(neutraliseFormula("张三")).toBe("张三");
    expect(neutraliseFormula("a=b")).toBe("a=b");
    expect(neutraliseFormula(-5)).toBe(-5);
    expect(neutraliseFormula(null)).toBe("");
  });
});
