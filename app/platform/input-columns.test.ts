import { describe, expect, it } from "vitest";
import { columnsOf } from "./input-columns";

describe("columnsOf", () => {
  it("takes the named fields as they are, an absent one as null (so an edit clears it), and nothing else", () => {
    const input: { title: string; address?: string; count?: number; housing: boolean; password: string } = {
      title: "焊工",
      count: 0,
      housing: false,
      password: "x",
    };
    expect(columnsOf(input, ["title", "address", "count", "housing"])).toStrictEqual({ title: "焊工", address: null, count: 0, housing: false });
  });
});
