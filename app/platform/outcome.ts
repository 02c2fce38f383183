// What a write answers, for every service: done, or input problems beside their fields (400), or a
// refused step / lost race (409). Pure: no server imports, so pages and components may use the types.

/** One input problem: the form field it belongs to and an i18n message key. */
export type Problem = { field: string; message: string };
/** What a write answers: done, or input problems (400), or a refused step / lost race (409). */
export type Outcome<T extends object = object> =
  ({ ok: true } & T) | { ok: false; kind: "invalid"; problems: Problem[] } | { ok: false; kind: "refused"; message: string } | { ok: false; kind: "conflict" };

export const invalid = (field: string, message: string) => ({ ok: false as const, kind: "invalid" as const, problems: [{ field, message }] });
export const refused = (message: string) => ({ ok: false as const, kind: "refused" as const, message });
export const conflict = { ok: false as const, kind: "conflict" as const };
