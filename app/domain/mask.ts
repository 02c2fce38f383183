// What may be shown on a screen without an audited "reveal".
//
// The rule for resident ID numbers (issue 11, item 1): nothing a viewer receives without a reveal —
// across every field of a page, API answer, export or search result — may pin down the full number.
// An 18-character GB 11643 number is 6 area digits + 8 birth-date digits + 3 sequence digits + a
// check character. Masked payloads also carry the county code (the area) and the sex (the parity of
// the last sequence digit), so:
//   • the masked number keeps only the first four characters (the prefecture): the sequence and the
//     check character never travel, since with the county and a birth year they leave ≈ 33 candidates;
//   • the birth date never travels, only the birth year (toMaskedWorker below).
// County + sex + birth year + the first four then leave 365 × 500 ≈ 182,000 candidate numbers, and
// even a birth date narrowed to three weeks still leaves more than 10,000
// (test/security/masking.test.ts checks this for every masked payload).

/** 130681199001011234 → 1306************** (only the prefecture prefix stays). */
export function maskResidentId(id: string): string {
  if (id.length <= 8) return "*".repeat(id.length);
  return id.slice(0, 4) + "*".repeat(id.length - 4);
}

/** The year of a birth date ("YYYY-MM-DD" or a UTC Date): all of the birth date a masked payload may carry. */
export function birthYearOf(birthDate: Date | string): number {
  return birthDate instanceof Date ? birthDate.getUTCFullYear() : Number(birthDate.slice(0, 4));
}

/**
 * The masked projection of a worker row for staff screens and the API: the birth date becomes the
 * birth year, and the stored masked ID is masked again (rows written before this rule kept the
 * last four). Every masked worker payload goes through here.
 */
export function toMaskedWorker<T extends { birthDate: Date; idNumberMasked: string }>(w: T): Omit<T, "birthDate"> & { birthYear: number } {
  const { birthDate, ...rest } = w;
  return { ...rest, idNumberMasked: maskResidentId(w.idNumberMasked), birthYear: birthYearOf(birthDate) };
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+?86/, "");
  if (digits.length < 7) return "*".repeat(digits.length);
  return digits.slice(0, 3) + "*".repeat(digits.length - 7) + digits.slice(-4);
}

/** An 18-character ID number inside any text (optionally spaced 6 · 8 · 4), not part of a longer digit run. */
const ID_IN_TEXT = /(?<!\d)\d{6} ?\d{8} ?\d{3}[\dXx](?![\dXx])/g;
/** A mainland mobile inside any text (+86 / 0086 prefix, spaces or dashes as 3 · 4 · 4), not part of a longer digit run. */
const MOBILE_IN_TEXT = /(?<!\d)(?:(?:\+|00)?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;

/**
 * Any ID number or mobile written inside free text (a file name, a mistyped spreadsheet cell)
 * masked as on screens: staff name scans after the person's ID number and put numbers in the wrong
 * column, and such text is kept and shown without a reveal. Full-width digits count as digits.
 */
export function maskIdentifiersIn(text: string): string {
  const ascii = text.replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return ascii
    .replace(ID_IN_TEXT, (id) => maskResidentId(id.replace(/ /g, "")))
    .replace(MOBILE_IN_TEXT, (m) => maskPhone(m.replace(/[\s-]/g, "").replace(/^(?:\+|00)?86/, "")));
}

/** Mainland mobile numbers, optional +86 / 0086 / 86 prefix, spaces, dashes and brackets tolerated. */
export function normalisePhone(raw: string): string | null {
  const v = raw
    .normalize("NFKC")
    .replace(/[\s\-()]/g, "")
    .replace(/^(?:\+|00)?86(?=1\d{10}$)/, "");
  return /^1[3-9]\d{9}$/.test(v) ? v : null;
}
