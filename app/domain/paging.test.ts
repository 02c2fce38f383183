import { describe, expect, it } from "vitest";
import { listLimit, moreSearch, PAGE_SIZE } from "./paging";

const q = (s: string) => new URLSearchParams(s);

describe("listLimit", () => {
  it("is one page when nothing, or nothing sensible, is asked", () => {
    for (const s of ["", "limit=", "limit=abc", "limit=-20", "limit=1e3", "limit=20.5", "limit=%00", "limit=0", "limit=1234567"])
      expect(listLimit(q(s), 200)).toBe(PAGE_SIZE);
  });
  it("rounds up to whole pages and stops at the ceiling", () => {
    expect(listLimit(q("limit=40"), 200)).toBe(40);
    expect(listLimit(q("limit=21"), 200)).toBe(40);
    expect(listLimit(q("limit=5"), 200)).toBe(20);
    expect(listLimit(q("limit=999999"), 200)).toBe(200);
    expect(listLimit(q("limit=60"), 50)).toBe(50);
    expect(listLimit(q(""), 10)).toBe(10);
  });
  it("reads its own parameter", () => {
    expect(listLimit(q("limit=100&misses=40"), 200, "misses")).toBe(40);
  });
});

describe("moreSearch", () => {
  it("asks for one page more and keeps the rest of the query", () => {
    expect(moreSearch(q("status=OPEN"), 20, 200)).toBe("?status=OPEN&limit=40");
    expect(moreSearch(q("limit=40"), 40, 200)).toBe("?limit=60");
    expect(moreSearch(q("limit=180"), 180, 190)).toBe("?limit=190");
  });
});
