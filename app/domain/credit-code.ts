// GB 32100-2015 unified social credit codes: 18 characters from a 31-character alphabet
// (digits and capital letters without I, O, Z, S, V), the last one a check character.

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Full-width characters become ASCII; spaces and dashes go (as for ID numbers); letters are upper-cased. */
export function normaliseCreditCode(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/[\s\-\u2010-\u2015]/g, "")
    .toUpperCase();
}

export function creditCodeCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(raw: string): boolean {
  const code = normaliseCreditCode(raw);
  if (code.length !== 18) return false;
  // Positions 3–8 are the GB/T 2260 area code of the registering authority.
  if (!/^\d{6}$/.test(code.slice(2, 8))) return false;
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}

/** Builds a valid code (demo data and tests). */
export function makeCreditCode(prefix2: string, areaCode: string, body9: string): string {
  const first17 = `${prefix2}${areaCode}${body9}`;
  const check = creditCodeCheckCharacter(first17);
  if (!check) throw new Error(`not a credit-code body: ${first17}`);
  return first17 + check;
}
