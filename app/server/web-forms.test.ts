// The Express host refuses what the registration forms never send, before Remix reads a byte.
import type express from "express";
import { describe, expect, it } from "vitest";
import { formPostRefusal } from "./web";

const req = (path: string, headers: Record<string, string>, method = "POST") => ({ method, path, headers }) as unknown as express.Request;
const form = { "content-type": "application/x-www-form-urlencoded;charset=UTF-8", "content-length": "2048" };

describe("registration form posts", () => {
  it("lets form posts of a few kilobytes through, on the page and its single-fetch .data URL", () => {
    for (const path of ["/register", "/register.data", "/register/", "/coordinator/workers/new", "/coordinator/workers/new.data"]) {
      expect(formPostRefusal(req(path, form))).toBeNull();
    }
    expect(formPostRefusal(req("/register", { ...form, "content-type": "multipart/form-data; boundary=----x" }))).toBeNull();
  });

  it("refuses other content types with 415, in both languages", () => {
    for (const type of ["application/json", "text/plain", "application/xml", ""]) {
      const refusal = formPostRefusal(req("/register", { ...form, "content-type": type }));
      expect(refusal?.status).toBe(415);
      expect(refusal?.message).toMatch(/form.*表单/);
    }
    expect(formPostRefusal(req("/Register", { "content-type": "application/json", "content-length": "2" }))?.status).toBe(415);
    expect(formPostRefusal(req("/regist%65r", { "content-type": "application/json", "content-length": "2" }))?.status).toBe(415);
    expect(formPostRefusal(req("/coordinator/workers/new.data", { "content-type": "application/json", "content-length": "2" }))?.status).toBe(415);
  });

  it("refuses bodies over 64 KB (413) and bodies of unknown length (411)", () => {
    expect(formPostRefusal(req("/register", { ...form, "content-length": String(64 * 1024 + 1) }))?.status).toBe(413);
    expect(formPostRefusal(req("/register", { "content-type": form["content-type"], "transfer-encoding": "chunked" }))?.status).toBe(411);
  });

  it("leaves other paths and methods alone", () => {
    expect(formPostRefusal(req("/login", { "content-type": "application/json" }))).toBeNull();
    expect(formPostRefusal(req("/api/v1/workers", { "content-type": "application/json", "content-length": "100000" }))).toBeNull();
    expect(formPostRefusal(req("/register", {}, "GET"))).toBeNull();
    expect(formPostRefusal(req("/register/regions", { "content-type": "application/json" }))).toBeNull();
  });
});
