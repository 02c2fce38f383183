// A guard that fails any test that writes to console.error (a stray error is a bug someone will
// otherwise never read; React's warnings come this way too). Called from the setup files.
import { afterEach, beforeEach, vi } from "vitest";

export function failOnConsoleError() {
  let errors: unknown[][] = [];
  beforeEach(() => {
    errors = [];
    vi.spyOn(console, "error").mockImplementation((...args) => {
      errors.push(args);
    });
  });
  afterEach(() => {
    vi.mocked(console.error).mockRestore();
    if (errors.length) throw new Error(`console.error was called:\n${errors.map((a) => a.map(String).join(" ")).join("\n")}`);
  });
}
