// GB/T 2260 codes nest by prefix: 130000 (province) ⊃ 130600 (prefecture) ⊃ 130681 (county) ⊃
// 130681100 (township) ⊃ 130681100201 (village). Scope checks are therefore prefix checks.

export type RegionLevel = "PROVINCE" | "PREFECTURE" | "COUNTY" | "TOWNSHIP" | "VILLAGE";

/** The significant prefix of a code: 130000 → "13", 130600 → "1306", 130681 → "130681". */
export function regionPrefix(code: string): string {
  if (code.length === 6) {
    if (code.endsWith("0000")) return code.slice(0, 2);
    if (code.endsWith("00")) return code.slice(0, 4);
  }
  return code;
}

/** Is `code` inside the subtree rooted at `scopeCode` (inclusive)? */
export function isWithinRegion(code: string, scopeCode: string): boolean {
  return code.startsWith(regionPrefix(scopeCode));
}

export function levelOfCode(code: string): RegionLevel {
  if (code.length === 12) return "VILLAGE";
  if (code.length === 9) return "TOWNSHIP";
  if (code.endsWith("0000")) return "PROVINCE";
  if (code.endsWith("00")) return "PREFECTURE";
  return "COUNTY";
}

/** The province (first two digits) and the prefecture (first four) a region code lies in, as codes. */
export const provinceOf = (code: string): string => `${code.slice(0, 2)}0000`;
export const prefectureOf = (code: string): string => `${code.slice(0, 4)}00`;

export const BEIJING = "110000";
export const TIANJIN = "120000";
export const HEBEI = "130000";
