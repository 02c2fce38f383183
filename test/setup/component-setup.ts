// Runs before each component test file (vitest project "component", jsdom): unmount what a test
// rendered, fail a test that writes to console.error (React's warnings included, as the database
// tiers do in setup-file.ts), and bridge the two places jsdom and Node's fetch do not meet.
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { failOnConsoleError } from "./console-errors";

// A form post builds a Request (Node's fetch) from the form's fields (jsdom's URLSearchParams or
// FormData), which Node's Request refuses as foreign objects: the same fields go as the urlencoded
// body a browser sends, which the app's forms use.
const NodeRequest = globalThis.Request;
globalThis.Request = class Request extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    const body = init?.body;
    if (body instanceof URLSearchParams || body instanceof FormData) {
      const fields = new URLSearchParams();
      for (const [name, value] of body) if (typeof value === "string") fields.append(name, value);
      const headers = new Headers(init?.headers);
      headers.set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
      super(input, { ...init, body: fields.toString(), headers });
    } else super(input, init);
  }
};

// Waits (findBy…, waitFor) end when the page shows what is expected; the bound only decides how
// long a failure takes to report, and the machine running the suite is shared and often loaded.
configure({ asyncUtilTimeout: 10_000 });

// jsdom does no layout: the registration form scrolls a step's first problem into view.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

failOnConsoleError();
// Registered after the guard, so it runs before it: what unmounting writes to console.error counts too.
afterEach(() => {
  cleanup();
});
