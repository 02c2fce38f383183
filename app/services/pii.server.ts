// Sensitive personal information (ID numbers, phones, priority factors): AES-256-GCM at rest,
// an HMAC-SHA256 blind index for uniqueness and look-up, masked forms for screens. Keys come
// from the config; a ciphertext carries a version prefix so keys can be rotated later.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { getConfig } from "./env.server";

type Keys = { piiKey: Buffer; piiHmacKey: Buffer };
const keys = (): Keys => getConfig().secrets;

export function encryptPii(plaintext: string, k: Keys = keys()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k.piiKey, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export function decryptPii(stored: string, k: Keys = keys()): string {
  const [version, iv, tag, ct] = stored.split(".");
  if (version !== "v1" || !iv || !tag || ct === undefined) throw new Error("unrecognised ciphertext");
  const decipher = createDecipheriv("aes-256-gcm", k.piiKey, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

const BYTES_VERSION = 1;

/**
 * Files with personal data (placement evidence, roster uploads): AES-256-GCM with the PII key, as
 * [version byte][12-byte IV][16-byte tag][ciphertext].
 */
export function encryptBytes(plain: Uint8Array, k: Pick<Keys, "piiKey"> = keys()): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k.piiKey, iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.from([BYTES_VERSION]), iv, cipher.getAuthTag(), ct]));
}

export function decryptBytes(stored: Uint8Array, k: Pick<Keys, "piiKey"> = keys()): Buffer {
  const buf = Buffer.from(stored);
  if (buf[0] !== BYTES_VERSION) throw new Error("unrecognised file ciphertext");
  const decipher = createDecipheriv("aes-256-gcm", k.piiKey, buf.subarray(1, 13));
  decipher.setAuthTag(buf.subarray(13, 29));
  return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]);
}

/** Deterministic keyed hash of an already-normalised value, with a purpose label so an ID hash can never equal a phone hash. */
export function blindIndex(purpose: "resident-id" | "phone" | "rate-limit" | "bank-account", normalised: string, k: Keys = keys()): string {
  return createHmac("sha256", k.piiHmacKey).update(`${purpose}:${normalised}`).digest("hex");
}
