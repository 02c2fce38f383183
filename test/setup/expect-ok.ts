// A service's `{ ok: true, … } | { ok: false, … }` answer in a test that needs the success: asserts it
// (so a failure shows the refusal's kind and message) and hands back the narrowed value.
import { expect } from "vitest";

export function expectOk<T extends { ok: boolean }>(r: T | null): Extract<T, { ok: true }> {
  expect(r).toMatchObject({ ok: true });
  return r as Extract<T, { ok: true }>;
}
