// Sensitive personal information (ID numbers, phones, priority factors, bank accounts, evidence
// files): AES-256-GCM at rest, an HMAC-SHA256 blind index for uniqueness and look-up, masked forms
// for screens. Keys come from the config as a small key ring: the current key, which every write
// uses, and during a rotation (`npm run keys:rotate`, docs/operations.md "Key rotation") the
// previous one, which still reads what it wrote. A ciphertext names its key (`v2.<keyId>.…`); the
// older `v1.` values name none and are tried with each configured key (GCM's tag tells which).
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { maskPhone, maskResidentId } from "~/domain/mask";
import { getConfig } from "./env.server";

export type Keys = { piiKey: Buffer; piiHmacKey: Buffer; piiKeyPrevious?: Buffer; piiHmacKeyPrevious?: Buffer };
const keys = (): Keys => getConfig().secrets;

const ids = new WeakMap<Buffer, Buffer>();
/** A key's public name: 4 bytes of a labelled SHA-256 of it (written into every ciphertext). */
function keyIdBytes(key: Buffer): Buffer {
  let id = ids.get(key);
  if (!id) ids.set(key, (id = createHash("sha256").update("laborbridge-pii-key-id:").update(key).digest().subarray(0, 4)));
  return id;
}
export const keyId = (key: Buffer): string => keyIdBytes(key).toString("hex");

/** The encryption keys that may read: current first, then the previous one while a rotation runs. */
function readKeys(k: Pick<Keys, "piiKey" | "piiKeyPrevious">): Buffer[] {
  return k.piiKeyPrevious && !k.piiKeyPrevious.equals(k.piiKey) ? [k.piiKey, k.piiKeyPrevious] : [k.piiKey];
}

export class UnreadableCiphertext extends Error {}

export function encryptPii(plaintext: string, k: Pick<Keys, "piiKey"> = keys()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k.piiKey, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v2", keyId(k.piiKey), iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

function openGcm(key: Buffer, iv: Buffer, tag: Buffer, ct: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    return null; // wrong key (or damaged value): the tag does not verify
  }
}

export function decryptPii(stored: string, k: Pick<Keys, "piiKey" | "piiKeyPrevious"> = keys()): string {
  const parts = stored.split(".");
  let candidates: Buffer[];
  let rest: string[];
  if (parts[0] === "v2" && parts.length === 5) {
    const key = readKeys(k).find((key) => keyId(key) === parts[1]);
    if (!key) throw new UnreadableCiphertext(`ciphertext written under key ${parts[1]}, which is not configured`);
    [candidates, rest] = [[key], parts.slice(2)];
  } else if (parts[0] === "v1" && parts.length === 4) {
    [candidates, rest] = [readKeys(k), parts.slice(1)];
  } else throw new UnreadableCiphertext("unrecognised ciphertext");
  const [iv, tag, ct] = rest.map((p) => Buffer.from(p, "base64url"));
  for (const key of candidates) {
    const plain = openGcm(key, iv, tag, ct);
    if (plain) return plain.toString("utf8");
  }
  throw new UnreadableCiphertext("ciphertext does not decrypt with any configured key");
}

/** True when `stored` already names the current key (nothing for a rotation to do). */
export function isCurrentPii(stored: string, k: Pick<Keys, "piiKey"> = keys()): boolean {
  return stored.startsWith(`v2.${keyId(k.piiKey)}.`);
}

/**
 * Files with personal data (placement evidence, roster uploads): AES-256-GCM with the PII key, as
 * [version 2][4-byte key id][12-byte IV][16-byte tag][ciphertext]. Version 1 (no key id:
 * [1][IV][tag][ciphertext]) is still read, trying each configured key.
 */
export function encryptBytes(plain: Uint8Array, k: Pick<Keys, "piiKey"> = keys()): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k.piiKey, iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.from([2]), keyIdBytes(k.piiKey), iv, cipher.getAuthTag(), ct]));
}

export function decryptBytes(stored: Uint8Array, k: Pick<Keys, "piiKey" | "piiKeyPrevious"> = keys()): Buffer {
  const buf = Buffer.from(stored);
  let candidates: Buffer[];
  let at: number;
  if (buf[0] === 2 && buf.length >= 33) {
    const key = readKeys(k).find((key) => keyIdBytes(key).equals(buf.subarray(1, 5)));
    if (!key) throw new UnreadableCiphertext(`file written under key ${buf.subarray(1, 5).toString("hex")}, which is not configured`);
    [candidates, at] = [[key], 5];
  } else if (buf[0] === 1 && buf.length >= 29) {
    [candidates, at] = [readKeys(k), 1];
  } else throw new UnreadableCiphertext("unrecognised file ciphertext");
  for (const key of candidates) {
    const plain = openGcm(key, buf.subarray(at, at + 12), buf.subarray(at + 12, at + 28), buf.subarray(at + 28));
    if (plain) return plain;
  }
  throw new UnreadableCiphertext("file does not decrypt with any configured key");
}

export function isCurrentBytes(stored: Uint8Array, k: Pick<Keys, "piiKey"> = keys()): boolean {
  return stored[0] === 2 && Buffer.from(stored.subarray(1, 5)).equals(keyIdBytes(k.piiKey));
}

export type BlindIndexPurpose = "resident-id" | "phone" | "rate-limit" | "bank-account";

/**
 * Deterministic keyed hash of an already-normalised value (current HMAC key), with a purpose label so an ID hash can never equal a phone hash. What
 * writes store.
 */
export function blindIndex(purpose: BlindIndexPurpose, normalised: string, k: Pick<Keys, "piiHmacKey"> = keys()): string {
  return createHmac("sha256", k.piiHmacKey).update(`${purpose}:${normalised}`).digest("hex");
}

/**
 * Every hash a stored row may hold for this value: the current key's, and while a rotation runs
 * (a previous HMAC key configured) the previous key's, since rows not yet rebuilt still carry it.
 * Look-ups and duplicate checks query `IN (…)` these; writes store blindIndex() only.
 */
export function blindIndexes(purpose: BlindIndexPurpose, normalised: string, k: Pick<Keys, "piiHmacKey" | "piiHmacKeyPrevious"> = keys()): string[] {
  const current = blindIndex(purpose, normalised, k);
  if (!k.piiHmacKeyPrevious || k.piiHmacKeyPrevious.equals(k.piiHmacKey)) return [current];
  return [current, blindIndex(purpose, normalised, { piiHmacKey: k.piiHmacKeyPrevious })];
}

/** True while a previous HMAC key is configured (stored hashes may be under either key). */
export function hmacRotating(k: Pick<Keys, "piiHmacKey" | "piiHmacKeyPrevious"> = keys()): boolean {
  return !!k.piiHmacKeyPrevious && !k.piiHmacKeyPrevious.equals(k.piiHmacKey);
}

/**
 * The hashes that stand for the same value as a stored (cipher, hash) pair: just the stored hash,
 * or during a rotation both keys' hashes of the decrypted value (the other row compared with may
 * not have been rebuilt yet, or already has been).
 */
export function sameValueHashes(purpose: BlindIndexPurpose, storedHash: string, cipher: string, k: Keys = keys()): string[] {
  return hmacRotating(k) ? [...new Set([storedHash, ...blindIndexes(purpose, decryptPii(cipher, k), k)])] : [storedHash];
}

/** A phone as the platform stores it (prisma/schema.prisma): ciphertext, the blind index for look-ups, the masked form that may be shown. */
export const storedPhone = (phone: string) => ({ phoneCipher: encryptPii(phone), phoneHash: blindIndex("phone", phone), phoneMasked: maskPhone(phone) });

/** A person's ID number (normalised) and phone as stored: registration, the demo data set and the tests' factories write them alike. */
export const storedIdentity = (idNumber: string, phone: string) => ({
  idNumberCipher: encryptPii(idNumber),
  idNumberHash: blindIndex("resident-id", idNumber),
  idNumberMasked: maskResidentId(idNumber),
  ...storedPhone(phone),
});
