// The zod primitives every form schema is built from (form posts send strings; the API sends JSON
// types). Messages are i18n keys and differ per area (the registration and the training areas each have their own tooLong key …): the
// helpers take them as parameters. Pure: schemas run in the browser too.
import { z } from "zod";

/** A blank field (or JSON null) is an absent one. */
export const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

/** PostgreSQL refuses NUL in text; other control characters have no place in a form either. */
export const printable = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);

/** Optional free text with an area's messages: blank is absent; trimmed, at most `max` characters, printable. */
export const optionalTextFor = (messages: { tooLong: string; invalidCharacters: string }) => (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, messages.tooLong).refine(printable, messages.invalidCharacters).optional());

/** The values that tick a box: "on" (a browser), "true"/"1"/true (the API, CSV) and "是" (rosters); anything else, or nothing, is unticked. */
export const CHECKED = new Set<unknown>(["on", "true", "1", "是", true]);
export const checkbox = z.preprocess((v) => CHECKED.has(v), z.boolean()).default(false);

/**
 * Whole numbers as people type them ("5,000", "５０００", "5000元"): full-width digits folded,
 * separators, spaces and the area's `units` ("元", "人次" …) dropped; blank is absent.
 */
export const wholeNumber = (units: string) => {
  const noise = new RegExp(`[,，\\s${units}]`, "g");
  return (v: unknown) => {
    if (typeof v !== "string") return v;
    const digits = v.normalize("NFKC").replace(noise, "");
    return digits === "" ? undefined : Number(digits);
  };
};

/** A real calendar day YYYY-MM-DD (2026-02-30 is refused, not rolled over) between `minYear` and 2100 (PostgreSQL has no year 0). */
export const isCalendarDay = (s: string, minYear = 2000) => {
  const d = new Date(`${s}T00:00:00Z`);
  const year = Number(s.slice(0, 4));
  return year >= minYear && year <= 2100 && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

// ───────────── cross-field rules and lists ─────────────

/**
 * Cross-field rules run even when another field has a problem (zod skips them otherwise), so every
 * problem shows at once; they must therefore read the raw input defensively, with the helpers below.
 */
export const always = { when: () => true };
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** A raw input value when it is a number, else undefined. */
export const rawNumber = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
/** A raw input value when it is a non-empty string, else undefined. */
export const rawString = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** A list typed in one box ("张老师，李老师", one per line, any of , ， 、 ; ；) or sent as a JSON array; nothing is an empty list. */
export const typedList = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(/[,，、;；\n]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : v === undefined || v === null
      ? []
      : v;

/** A form row left entirely blank (fixed rows work without JavaScript). */
const isBlankRow = (r: unknown) =>
  r === undefined ||
  r === null ||
  (typeof r === "object" && Object.values(r).every((x) => x === undefined || x === null || (typeof x === "string" && x.trim() === "")));

/**
 * Form rows with an area's messages, blank rows dropped after validation (so an error's path names
 * the row the person typed in). With `notAList`, input that is not a list is refused with it;
 * without, it reads as no rows. Nothing at all is no rows.
 */
export const formRows =
  (messages: { tooMany: string; notAList?: string }) =>
  <S extends z.ZodType>(schema: S, max: number) =>
    z.preprocess(
      (v) => (Array.isArray(v) ? Array.from(v, (r) => (isBlankRow(r) ? undefined : r)) : v === undefined || !messages.notAList ? [] : v),
      z
        .array(schema.optional(), messages.notAList ? { error: messages.notAList } : undefined)
        .max(max, messages.tooMany)
        .transform((all) => all.filter((r): r is z.output<S> => r !== undefined)),
    );
