import { describe, expect, it } from "vitest";
import { creditCodeCheckCharacter, isValidCreditCode, makeCreditCode, normaliseCreditCode } from "./credit-code";

describe("GB 32100 unified social credit codes", () => {
  it("accepts a published example", () => {
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
    expect(isValidCreditCode(" 91350100m000100y43 ")).toBe(true);
  });

  it("strips dashes (ASCII and full-width) as ID numbers do", () => {
    expect(normaliseCreditCode("91-350100-M000100Y43")).toBe("91350100M000100Y43");
    expect(normaliseCreditCode("9135 0100－M000 100Y43")).toBe("91350100M000100Y43");
    expect(isValidCreditCode("91350100-M000100Y4-3")).toBe(true);
  });

  it("rejects a changed character, wrong length and forbidden letters", () => {
    expect(isValidCreditCode("91350100M000100Y44")).toBe(false);
    expect(isValidCreditCode("91350100M000100Y4")).toBe(false);
    expect(isValidCreditCode("91350100M0001I0Y43")).toBe(false);
  });

  it("builds valid codes", () => {
    const code = makeCreditCode("91", "110108", "MA01ABCD1");
    expect(code).toHaveLength(18);
    expect(isValidCreditCode(code)).toBe(true);
    expect(creditCodeCheckCharacter("O".repeat(17))).toBeNull();
  });
});
