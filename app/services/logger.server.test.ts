import { describe, expect, it } from "vitest";
import { isExpectedError, requestIdFor } from "./logger.server";

describe("what the log treats as a fault", () => {
  it("a 404/405 from Remix and a unique violation are answers; anything else is a fault", () => {
    expect(isExpectedError({ status: 404, statusText: "Not Found", internal: true, data: "No route matches URL" })).toBe(true);
    expect(isExpectedError({ code: "P2002" })).toBe(true);
    expect(isExpectedError({ code: "23505" })).toBe(true);
    expect(isExpectedError(new Error("boom"))).toBe(false);
    expect(isExpectedError({ status: 500 })).toBe(false);
    expect(isExpectedError(null)).toBe(false);
  });

  it("request ids: a sane one from the proxy is kept, anything else replaced", () => {
    expect(requestIdFor("abc-12345")).toBe("abc-12345");
    expect(requestIdFor("a b")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
