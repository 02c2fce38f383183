import { describe, expect, it } from "vitest";
import { ageOn, checkCharacter, makeResidentId, normaliseResidentId, parseResidentId } from "./resident-id";

const today = new Date(Date.UTC(2026, 10, 28));

describe("GB 11643 resident ID numbers", () => {
  it("accepts the standard's own example and derives birth date and sex", () => {
    const r = parseResidentId("11010519491231002X", { today });
    expect(r).toEqual({ ok: true, id: { value: "11010519491231002X", areaCode: "110105", birthDate: "1949-12-31", sex: "FEMALE", areaStatus: "current" } });
  });

  it("normalises a lowercase x, full-width digits and spaces", () => {
    expect(normaliseResidentId("１１０１０５ 19491231002x")).toBe("11010519491231002X");
    expect(parseResidentId("１１０１０５１９４９１２３１００２ｘ", { today }).ok).toBe(true);
  });

  it("rejects a wrong check character", () => {
    expect(parseResidentId("110105194912310021", { today })).toEqual({ ok: false, problem: "checksum" });
  });

  it("rejects wrong length and stray characters", () => {
    expect(parseResidentId("1101051949123100", { today })).toEqual({ ok: false, problem: "format" });
    expect(parseResidentId("11010519491231002Y", { today })).toEqual({ ok: false, problem: "format" });
    expect(parseResidentId("", { today })).toEqual({ ok: false, problem: "format" });
  });

  it("rejects impossible and future birth dates even with a valid check character", () => {
    expect(parseResidentId(makeResidentId("130681", "1990-02-30", 123), { today })).toEqual({ ok: false, problem: "birthDate" });
    expect(parseResidentId(makeResidentId("130681", "2027-01-01", 123), { today })).toEqual({ ok: false, problem: "futureBirthDate" });
  });

  it("rejects numbers whose first two digits are no province (000000…, 990426…)", () => {
    for (const area of ["000000", "990426", "100000", "200101", "660101", "720101", "840101", "910101"]) {
      expect(parseResidentId(makeResidentId(area, "1990-01-01", 123), { today }), area).toEqual({ ok: false, problem: "area" });
    }
  });

  it("keeps 81/82/83 (residence permits of Hong Kong, Macau and Taiwan residents) and every province", () => {
    for (const area of ["810000", "820000", "830000", "310101", "440305", "650102", "710000"]) {
      const r = parseResidentId(makeResidentId(area, "1990-01-01", 123), { today });
      expect(r.ok, area).toBe(true);
      expect(r.ok && r.id.areaStatus, area).toBe("unchecked");
    }
  });

  it("checks Beijing, Tianjin and Hebei six-digit codes against current and historic GB/T 2260", () => {
    const status = (area: string) => {
      const r = parseResidentId(makeResidentId(area, "1970-05-05", 11), { today });
      return r.ok ? r.id.areaStatus : r.problem;
    };
    // Current: 行唐县, 海淀区, 滨海新区, 平泉市.
    for (const a of ["130125", "110108", "120116", "130881"]) expect(status(a), a).toBe("current");
    // Historic codes people still carry (issue #14): 宣化县, 万全县, 崇礼县, 平泉县, 1325xx, 崇文区, 塘沽区.
    for (const a of ["130721", "130729", "130733", "130823", "132522", "110103", "120107"]) expect(status(a), a).toBe("historic");
    // Never seen: accepted, with a warning the coordinator sees.
    for (const a of ["130199", "110199", "139901"]) expect(status(a), a).toBe("unknown");
  });

  it("an area code an administrator added is known", () => {
    const r = parseResidentId(makeResidentId("130199", "1970-05-05", 11), { today, extraAreaCodes: new Set(["130199"]) });
    expect(r.ok && r.id.areaStatus).toBe("historic");
  });

  it("odd sequence digit is male", () => {
    const r = parseResidentId(makeResidentId("130681", "1985-06-15", 17), { today });
    expect(r.ok && r.id.sex).toBe("MALE");
  });

  it("every generated number passes its own check", () => {
    for (let s = 0; s < 1000; s++) {
      const id = makeResidentId("130823", "1980-03-09", s);
      expect(checkCharacter(id.slice(0, 17))).toBe(id[17]);
    }
  });

  it("computes whole years of age", () => {
    expect(ageOn("2000-11-28", today)).toBe(26);
    expect(ageOn("2000-11-29", today)).toBe(25);
  });
});
