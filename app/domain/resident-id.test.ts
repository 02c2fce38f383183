import { describe, expect, it } from "vitest";
import { ageOn, checkCharacter, makeResidentId, normaliseResidentId, parseResidentId } from "./resident-id";

const today = new Date(Date.UTC(2026, 10, 28));

describe("GB 11643 resident ID numbers", () => {
  it("accepts the standard's own example and derives birth date and sex", () => {
    const r = parseResidentId("11010519491231002X", { today });
    expect(r).toEqual({ ok: true, id: { value: "11010519491231002X", areaCode: "110105", birthDate: "1949-12-31", sex: "FEMALE" } });
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

  it("rejects unknown area codes when a look-up is given", () => {
    const id = makeResidentId("999999", "1990-01-01", 123);
    expect(parseResidentId(id, { today, isKnownArea: (c) => c.startsWith("13") })).toEqual({ ok: false, problem: "area" });
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
