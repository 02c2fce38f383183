import { describe, expect, it } from "vitest";
import { maskIdentifiersIn, maskPhone, maskResidentId, normalisePhone, toMaskedWorker } from "./mask";

describe("masking and phone numbers", () => {
  it("masks an ID number to the prefecture prefix only (no sequence, no check character)", () => {
    expect(maskResidentId("13068119900101123X")).toBe("1306**************");
    expect(maskResidentId("1306**********123X")).toBe("1306**************");
  });
  it("a masked worker carries the birth year, never the birth date", () => {
    const w = toMaskedWorker({ id: "w", idNumberMasked: "1306**********123X", birthDate: new Date("1990-05-17T00:00:00Z"), countyCode: "130681" });
    expect(w).toEqual({ id: "w", idNumberMasked: "1306**************", birthYear: 1990, countyCode: "130681" });
    expect(JSON.stringify(w)).not.toMatch(/05-17|0517/);
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
  it("masks ID numbers and mobiles written inside free text, and leaves other numbers alone", () => {
    expect(maskIdentifiersIn("张三_身份证_13062419900517011X.pdf")).toBe("张三_身份证_1306**************.pdf");
    expect(maskIdentifiersIn("130624 19900517 011x 劳动合同")).toBe("1306************** 劳动合同");
    expect(maskIdentifiersIn("１３０６２４１９９００５１７０１１Ｘ")).toBe("1306**************");
    expect(maskIdentifiersIn("电话13812345678、+86 138-1234-5678")).toBe("电话138****5678、138****5678");
    expect(maskIdentifiersIn("合同2026-03-01 编号123456 工资5500 账号6228480012345678901")).toBe("合同2026-03-01 编号123456 工资5500 账号6228480012345678901");
  });
});
