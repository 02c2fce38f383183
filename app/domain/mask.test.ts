import { describe, expect, it } from "vitest";
import { maskPhone, maskResidentId, normalisePhone } from "./mask";

describe("masking and phone numbers", () => {
  it("masks an ID number to area prefix and last four", () => {
    expect(maskResidentId("13068119900101123X")).toBe("1306**********123X");
  });
  it("masks a phone number", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
  });
  it("normalises mainland mobiles with +86 and spaces, rejects others", () => {
    expect(normalisePhone("+86 138-1234-5678")).toBe("13812345678");
    expect(normalisePhone("0086 138 1234 5678")).toBe("13812345678");
    expect(normalisePhone("(+86) 138 1234 5678")).toBe("13812345678");
    expect(normalisePhone("１３８１２３４５６７８")).toBe("13812345678");
    expect(normalisePhone("12812345678")).toBeNull();
    expect(normalisePhone("010-12345678")).toBeNull();
  });
});
