import { describe, expect, it } from "vitest";
import { maxBodyBytes } from "./web";

describe("request body cap", () => {
  it("is raised for the roster upload only, and only at its exact paths", () => {
    expect(maxBodyBytes({ method: "POST", path: "/coordinator/imports" })).toBe(21 * 1024 * 1024);
    expect(maxBodyBytes({ method: "POST", path: "/coordinator/imports.data" })).toBe(21 * 1024 * 1024);
    for (const path of ["/login", "/coordinator/imports/abc", "/coordinator/imports/", "/Coordinator/Imports", "/api/v1/workers"]) {
      expect(maxBodyBytes({ method: "POST", path })).toBe(2 * 1024 * 1024);
    }
    expect(maxBodyBytes({ method: "PUT", path: "/coordinator/imports" })).toBe(2 * 1024 * 1024);
  });
});
