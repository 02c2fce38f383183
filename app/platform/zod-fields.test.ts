import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkbox, formRows, isCalendarDay, optionalTextFor, typedList, wholeNumber } from "./zod-fields";

describe("checkbox", () => {
  it('is ticked by a browser\'s "on", the API\'s true/"true"/"1" and a roster\'s "是"', () => {
    for (const v of ["on", "true", "1", "是", true]) expect(checkbox.parse(v)).toBe(true);
  });
  it("is unticked by anything else, and by nothing", () => {
    for (const v of [undefined, "", "off", "false", "0", "否", false, null]) expect(checkbox.parse(v)).toBe(false);
    expect(z.object({ a: checkbox }).parse({})).toEqual({ a: false });
  });
});

describe("optionalTextFor", () => {
  const text = optionalTextFor({ tooLong: "x.tooLong", invalidCharacters: "x.invalidCharacters" })(5);
  it("takes blank as absent and trims", () => {
    expect(text.parse("  ")).toBeUndefined();
    expect(text.parse(null)).toBeUndefined();
    expect(text.parse(" 张三 ")).toBe("张三");
  });
  it("answers with the area's message keys", () => {
    expect(text.safeParse("123456").error?.issues[0].message).toBe("x.tooLong");
    expect(text.safeParse("a\u0000b").error?.issues[0].message).toBe("x.invalidCharacters");
  });
});

describe("wholeNumber", () => {
  it("reads numbers as people type them, dropping only the area's units", () => {
    const toNumber = wholeNumber("元");
    expect(toNumber("5,000")).toBe(5000);
    expect(toNumber("５０００元")).toBe(5000);
    expect(toNumber(" ")).toBeUndefined();
    expect(toNumber("5000人")).toBeNaN();
    expect(toNumber(12)).toBe(12);
  });
});

describe("isCalendarDay", () => {
  it("refuses a day that does not exist and years out of range", () => {
    expect(isCalendarDay("2028-02-29")).toBe(true);
    expect(isCalendarDay("2026-02-30")).toBe(false);
    expect(isCalendarDay("1960-05-01")).toBe(false);
    expect(isCalendarDay("1960-05-01", 1900)).toBe(true);
  });
});

describe("typedList", () => {
  it("splits one typed box on any of the separators, or takes a JSON array as it is; nothing is empty", () => {
    expect(typedList("张老师，李老师、王老师;赵老师\n 钱老师 ")).toEqual(["张老师", "李老师", "王老师", "赵老师", "钱老师"]);
    expect(typedList(["a", "b"])).toEqual(["a", "b"]);
    expect(typedList(undefined)).toEqual([]);
    expect(typedList(null)).toEqual([]);
  });
});

describe("formRows", () => {
  const row = z.object({ name: z.string().min(1, "x.required") });
  it("drops blank rows after validation, so an error names the row the person typed in", () => {
    const rows = formRows({ tooMany: "x.tooMany" })(row, 3);
    expect(rows.parse([{ name: "" }, { name: "甲" }, {}])).toEqual([{ name: "甲" }]);
    const failed = rows.safeParse([{ name: " " }, { name: 1 }]);
    expect(failed.error?.issues.map((i) => i.path)).toEqual([[1, "name"]]);
    expect(rows.safeParse([{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }]).error?.issues[0].message).toBe("x.tooMany");
  });
  it("reads what is not a list as no rows, unless the area refuses it with its own message", () => {
    expect(formRows({ tooMany: "x.tooMany" })(row, 3).parse("junk")).toEqual([]);
    const strict = formRows({ tooMany: "x.tooMany", notAList: "x.invalidChoice" })(row, 3);
    expect(strict.parse(undefined)).toEqual([]);
    expect(strict.safeParse("junk").error?.issues[0].message).toBe("x.invalidChoice");
  });
});
