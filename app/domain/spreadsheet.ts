// Cells we write into files people open in Excel/WPS (exports, error reports of uploads).

/**
 * A spreadsheet must not run what a cell says (CSV/formula injection): text that starts like a
 * formula (= + - @, or a tab/CR that some readers strip before one) is written with a leading
 * apostrophe, which Excel and WPS show as plain text. Numbers and empty cells pass unchanged.
 */
export function neutraliseFormula(v: string | number | null | undefined): string | number {
  if (typeof v === "string") return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return v ?? "";
}
