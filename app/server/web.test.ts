import { describe, expect, it } from "vitest";
import type express from "express";
import { isCrossOriginWrite } from "./web";

const req = (method: string, headers: Record<string, string>, path = "/login") =>
  ({ method, path, headers: { host: "lb.example", ...headers } }) as unknown as express.Request;

describe("CSRF protection", () => {
  it("lets reads and same-origin writes through", () => {
    expect(isCrossOriginWrite(req("GET", { "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isCrossOriginWrite(req("POST", { "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossOriginWrite(req("POST", { origin: "https://lb.example" }))).toBe(false);
  });
  it("refuses cross-site writes by Fetch Metadata or by Origin", () => {
    expect(isCrossOriginWrite(req("POST", { "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossOriginWrite(req("POST", { "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossOriginWrite(req("POST", { origin: "https://evil.example" }))).toBe(true);
    expect(isCrossOriginWrite(req("DELETE", { origin: "null" }))).toBe(true);
  });
  it("exempts bearer-token API calls, which carry no ambient cookies", () => {
    expect(isCrossOriginWrite(req("POST", { origin: "https://evil.example", authorization: "Bearer lb_x" }, "/api/v1/workers"))).toBe(false);
    expect(isCrossOriginWrite(req("POST", { origin: "https://evil.example", authorization: "Bearer lb_x" }, "/login"))).toBe(true);
  });
});
