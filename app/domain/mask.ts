// What may be shown on a screen without an audited "reveal".

/** 130681199001011234 → 1306**********1234 (area prefix and the last four stay). */
export function maskResidentId(id: string): string {
  if (id.length < 8) return "*".repeat(id.length);
  return id.slice(0, 4) + "*".repeat(id.length - 8) + id.slice(-4);
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+?86/, "");
  if (digits.length < 7) return "*".repeat(digits.length);
  return digits.slice(0, 3) + "*".repeat(digits.length - 7) + digits.slice(-4);
}

/** Mainland mobile numbers, optional +86 / 0086 / 86 prefix, spaces, dashes and brackets tolerated. */
export function normalisePhone(raw: string): string | null {
  const v = raw.normalize("NFKC").replace(/[\s\-()]/g, "").replace(/^(?:\+|00)?86(?=1\d{10}$)/, "");
  return /^1[3-9]\d{9}$/.test(v) ? v : null;
}
