// GB 11643-1999 citizen identity numbers: 6-digit area code (GB/T 2260), 8-digit birth date,
// 3-digit sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.

import { areaStatus, isKnownProvince, type AreaStatus } from "./reference/area-codes";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

export type ResidentIdProblem = "format" | "checksum" | "birthDate" | "futureBirthDate" | "area";

export type ResidentId = {
  value: string;
  areaCode: string;
  birthDate: string; // YYYY-MM-DD
  sex: "MALE" | "FEMALE";
  /** "unknown": a Beijing/Tianjin/Hebei area code in neither the current nor the historic table — accepted, shown to the coordinator as a warning. */
  areaStatus: AreaStatus;
};

/** Full-width digits and letters become ASCII, a lowercase x becomes X, spaces and dashes go. */
export function normaliseResidentId(raw: string): string {
  return raw.normalize("NFKC").replace(/[\s-]/g, "").toUpperCase();
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function parseResidentId(
  raw: string,
  opts: { today?: Date; extraAreaCodes?: ReadonlySet<string> } = {},
): { ok: true; id: ResidentId } | { ok: false; problem: ResidentIdProblem } {
  const value = normaliseResidentId(raw);
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: "format" };
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: "checksum" };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, problem: "birthDate" };
  }
  const today = opts.today ?? new Date();
  if (date.getTime() > today.getTime()) return { ok: false, problem: "futureBirthDate" };
  const areaCode = value.slice(0, 6);
  // A province that does not exist is refused (000000…, 990426…); a county code the table does not
  // know is accepted with a warning: ID numbers keep codes of places abolished long ago.
  if (!isKnownProvince(areaCode)) return { ok: false, problem: "area" };
  return {
    ok: true,
    id: {
      value,
      areaCode,
      birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
      sex: Number(value[16]) % 2 === 1 ? "MALE" : "FEMALE",
      areaStatus: areaStatus(areaCode, opts.extraAreaCodes),
    },
  };
}

/** Whole years between a YYYY-MM-DD birth date and `on`. */
export function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split("-").map(Number);
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age--;
  return age;
}

/** Builds a valid number (demo data and tests): area + YYYYMMDD + 3-digit sequence. */
export function makeResidentId(areaCode: string, birthDate: string, sequence: number): string {
  const first17 = `${areaCode}${birthDate.replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
  return first17 + checkCharacter(first17);
}
