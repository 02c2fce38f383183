// The PII key ring: writes name the current key; values under the previous key (and legacy `v1.`
// values and version-1 files, which name none) still read while it is configured, and not after.
import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  blindIndex,
  blindIndexes,
  decryptBytes,
  decryptPii,
  encryptBytes,
  encryptPii,
  hmacRotating,
  isCurrentBytes,
  isCurrentPii,
  keyId,
  UnreadableCiphertext,
} from "./pii.server";

const k = () => randomBytes(32);
const oldRing = { piiKey: k(), piiHmacKey: k() };
const newOnly = { piiKey: k(), piiHmacKey: k() };
const ring = { ...newOnly, piiKeyPrevious: oldRing.piiKey, piiHmacKeyPrevious: oldRing.piiHmacKey };

function gcm(key: Buffer, plain: Buffer) {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return { iv, tag: c.getAuthTag(), ct };
}
const legacyText = (plain: string, key: Buffer) => {
  const { iv, tag, ct } = gcm(key, Buffer.from(plain));
  return ["v1", iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
};
const legacyFile = (plain: Buffer, key: Buffer) => {
  const { iv, tag, ct } = gcm(key, plain);
  return new Uint8Array(Buffer.concat([Buffer.from([1]), iv, tag, ct]));
};

describe("PII key ring", () => {
  it("text: a value names its key; the previous key reads its own values until it is removed", () => {
    const old = encryptPii("130624199005170011", oldRing);
    expect(old.startsWith(`v2.${keyId(oldRing.piiKey)}.`)).toBe(true);
    expect(decryptPii(old, ring)).toBe("130624199005170011");
    expect(isCurrentPii(old, ring)).toBe(false);
    expect(() => decryptPii(old, newOnly)).toThrow(UnreadableCiphertext);
    const fresh = encryptPii("13912345678", ring);
    expect(isCurrentPii(fresh, ring)).toBe(true);
    expect(decryptPii(fresh, newOnly)).toBe("13912345678");
  });

  it("text: legacy v1 values (no key id) read with whichever configured key wrote them", () => {
    const v1 = legacyText("张三的号码", oldRing.piiKey);
    expect(decryptPii(v1, oldRing)).toBe("张三的号码");
    expect(decryptPii(v1, ring)).toBe("张三的号码");
    expect(isCurrentPii(v1, ring)).toBe(false);
    expect(() => decryptPii(v1, newOnly)).toThrow(/any configured key/);
    expect(() => decryptPii("v3.x.y.z", ring)).toThrow(/unrecognised/);
    expect(() => decryptPii("garbage", ring)).toThrow(UnreadableCiphertext);
  });

  it("text: a tampered value does not read", () => {
    const v = encryptPii("13912345678", ring).split(".");
    v[4] = Buffer.from("x").toString("base64url") + v[4].slice(2);
    expect(() => decryptPii(v.join("."), ring)).toThrow(UnreadableCiphertext);
  });

  it("files: version 2 names its key, version 1 is tried with each key", () => {
    const bytes = Buffer.from("evidence %PDF-1.4 \u0000\u00ff");
    const old = encryptBytes(bytes, oldRing);
    expect(old[0]).toBe(2);
    expect(decryptBytes(old, ring).equals(bytes)).toBe(true);
    expect(() => decryptBytes(old, newOnly)).toThrow(UnreadableCiphertext);
    expect(isCurrentBytes(old, ring)).toBe(false);
    expect(isCurrentBytes(encryptBytes(bytes, ring), ring)).toBe(true);
    const v1 = legacyFile(bytes, oldRing.piiKey);
    expect(decryptBytes(v1, ring).equals(bytes)).toBe(true);
    expect(isCurrentBytes(v1, ring)).toBe(false);
    expect(() => decryptBytes(v1, newOnly)).toThrow(UnreadableCiphertext);
  });

  it("blind indexes: writes use the current key; look-ups get both hashes only while a previous key is configured", () => {
    expect(blindIndex("phone", "13912345678", ring)).toBe(blindIndex("phone", "13912345678", newOnly));
    expect(blindIndexes("phone", "13912345678", newOnly)).toEqual([blindIndex("phone", "13912345678", newOnly)]);
    expect(blindIndexes("phone", "13912345678", ring)).toEqual([blindIndex("phone", "13912345678", newOnly), blindIndex("phone", "13912345678", oldRing)]);
    expect(hmacRotating(ring)).toBe(true);
    expect(hmacRotating(newOnly)).toBe(false);
    // The same key given as previous is no rotation.
    expect(blindIndexes("phone", "1", { piiHmacKey: newOnly.piiHmacKey, piiHmacKeyPrevious: Buffer.from(newOnly.piiHmacKey) })).toHaveLength(1);
    expect(blindIndex("phone", "1", ring)).not.toBe(blindIndex("resident-id", "1", ring));
  });
});
