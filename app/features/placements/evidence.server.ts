// Placement evidence: labour contract, pay record, social insurance number, as a file and/or a
// reference number. Files are PDF, JPEG or PNG by their first bytes (not their name), at most
// 5 MB, stored AES-256-GCM encrypted in PlacementEvidence.contentCipher with the plaintext's
// SHA-256; references (a social insurance number) encrypted, shown masked. Downloads and reveals
// are for the placement's region (or its employer), and every one is audited.
import { createHash } from "node:crypto";
import type { Principal } from "~/domain/access";
import { canReadRegion, isAdmin } from "~/domain/access";
import { maskIdentifiersIn } from "~/domain/mask";
import { EVIDENCE_EXTENSION, MAX_EVIDENCE_BYTES, sniffEvidenceType, type EvidenceKind } from "~/domain/placement";
import { audit, auditOutOfScope } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { invalid, type Outcome } from "~/platform/outcome";
import { decryptBytes, decryptPii, encryptBytes, encryptPii } from "~/services/pii.server";
import { changePlacement } from "./placement-change.server";
import { refreshFlags } from "./placement-flags.server";
import { refuseSuspendedEmployer } from "~/services/http.server";

/** 1234567890123 → *********0123: enough to tell two apart, not enough to use. */
export const maskReference = (ref: string) => (ref.length <= 4 ? "*".repeat(ref.length) : "*".repeat(ref.length - 4) + ref.slice(-4));

/** What the evidence rule reads of a placement: its employer and its worker's county. */
const scopeSelect = { employerId: true, worker: { select: { countyCode: true } } } as const;

/** Evidence is for admins, the coordinators of the worker's region and the placement's own employer. */
const mayHandleEvidence = (p: Principal, pl: { employerId: string; worker: { countyCode: string } }) =>
  isAdmin(p) || canReadRegion(p, pl.worker.countyCode) || (p.employerId != null && p.employerId === pl.employerId);

async function placementInScope(p: Principal, placementId: string, db: Db) {
  // A suspended employer is told so (403), not logged as probing its own placements.
  refuseSuspendedEmployer(p);
  const pl = await db.placement.findUnique({ where: { id: placementId }, select: { id: true, ...scopeSelect } });
  if (!pl) return null;
  return mayHandleEvidence(p, pl) ? pl : auditOutOfScope(p, { entityType: "Placement", entityId: pl.id, regionCode: pl.worker.countyCode }, db);
}

export type EvidenceUpload = { kind: EvidenceKind; reference?: string; file?: { name: string; bytes: Uint8Array } | null };

/**
 * Adds one piece of evidence (a file, a reference, or both). The coordinators of the worker's
 * region and the placement's employer may add; null when absent or out of scope.
 */
export async function addEvidence(
  p: Principal,
  placementId: string,
  input: EvidenceUpload,
  ip: string | null,
  db: Db = getDb(),
): Promise<Outcome<{ evidenceId: string }> | null> {
  const pl = await placementInScope(p, placementId, db);
  if (!pl) return null;
  const file = input.file && input.file.bytes.byteLength > 0 ? input.file : null;
  if (!file && !input.reference) return invalid("file", "out.evidence.fileOrReference");
  let stored: { fileName: string; mimeType: string; sizeBytes: number; sha256: string; contentCipher: Uint8Array<ArrayBuffer> } | null = null;
  if (file) {
    if (file.bytes.byteLength > MAX_EVIDENCE_BYTES) return invalid("file", "out.evidence.tooLarge");
    const type = sniffEvidenceType(file.bytes);
    if (!type) return invalid("file", "out.evidence.badType");
    // The stored name is ours (kind + extension of the real type): the uploaded name is only kept as text,
    // with any ID number or mobile in it masked (scans get named after the person's ID number; the
    // name is shown on the placement page and sent with every download, never behind a reveal).
    const base =
      maskIdentifiersIn(file.name)
        .replace(/[^\p{L}\p{N}._-]+/gu, "_")
        .replace(/\.[^.]*$/, "")
        .slice(0, 60) || input.kind.toLowerCase();
    stored = {
      fileName: `${base}.${EVIDENCE_EXTENSION[type]}`,
      mimeType: type,
      sizeBytes: file.bytes.byteLength,
      sha256: createHash("sha256").update(file.bytes).digest("hex"),
      contentCipher: encryptBytes(file.bytes),
    };
  }
  return db.$transaction(async (tx) => {
    const ev = await tx.placementEvidence.create({
      data: {
        placementId: pl.id,
        kind: input.kind,
        ...(stored ?? {}),
        referenceCipher: input.reference ? encryptPii(input.reference) : null,
        uploadedById: p.kind === "user" ? p.id : null,
      },
      select: { id: true },
    });
    await changePlacement(tx, pl.id);
    await refreshFlags(tx, pl.id);
    await audit(
      {
        actor: p,
        action: "placement.evidence.add",
        entityType: "Placement",
        entityId: pl.id,
        regionCode: pl.worker.countyCode,
        detail: {
          evidenceId: ev.id,
          kind: input.kind,
          file: stored ? { sizeBytes: stored.sizeBytes, mimeType: stored.mimeType, sha256: stored.sha256 } : null,
          reference: Boolean(input.reference),
        },
        ip,
      },
      tx,
    );
    return { ok: true as const, evidenceId: ev.id };
  });
}

async function evidenceInScope(p: Principal, evidenceId: string, db: Db) {
  refuseSuspendedEmployer(p);
  const ev = await db.placementEvidence.findUnique({
    where: { id: evidenceId },
    select: {
      id: true,
      kind: true,
      fileName: true,
      mimeType: true,
      sha256: true,
      contentCipher: true,
      referenceCipher: true,
      placementId: true,
      placement: { select: scopeSelect },
    },
  });
  if (!ev) return null;
  return mayHandleEvidence(p, ev.placement)
    ? ev
    : auditOutOfScope(p, { entityType: "PlacementEvidence", entityId: ev.id, regionCode: ev.placement.worker.countyCode }, db);
}

/** The decrypted file for an authorised viewer, after writing who looked; null when absent or out of scope. */
export async function downloadEvidence(
  p: Principal,
  evidenceId: string,
  ip: string | null,
  db: Db = getDb(),
): Promise<{ bytes: Buffer; mimeType: string; fileName: string } | null> {
  const ev = await evidenceInScope(p, evidenceId, db);
  if (!ev || !ev.contentCipher || !ev.mimeType) return null;
  const bytes = decryptBytes(ev.contentCipher);
  if (ev.sha256 && createHash("sha256").update(bytes).digest("hex") !== ev.sha256) throw new Error(`evidence ${ev.id}: content does not match its checksum`);
  await audit(
    {
      actor: p,
      action: "placement.evidence.download",
      entityType: "PlacementEvidence",
      entityId: ev.id,
      regionCode: ev.placement.worker.countyCode,
      detail: { placementId: ev.placementId, kind: ev.kind },
      ip,
    },
    db,
  );
  return { bytes, mimeType: ev.mimeType, fileName: ev.fileName ?? `evidence.${EVIDENCE_EXTENSION[ev.mimeType as keyof typeof EVIDENCE_EXTENSION] ?? "bin"}` };
}

/** A reference number in full (audited), or masked without the reveal. */
export async function evidenceReference(
  p: Principal,
  evidenceId: string,
  opts: { reveal: boolean; ip: string | null },
  db: Db = getDb(),
): Promise<{ reference: string; masked: boolean } | null> {
  const ev = await evidenceInScope(p, evidenceId, db);
  if (!ev || !ev.referenceCipher) return null;
  const plain = decryptPii(ev.referenceCipher);
  if (!opts.reveal) return { reference: maskReference(plain), masked: true };
  await audit(
    {
      actor: p,
      action: "placement.evidence.reveal",
      entityType: "PlacementEvidence",
      entityId: ev.id,
      regionCode: ev.placement.worker.countyCode,
      detail: { placementId: ev.placementId, kind: ev.kind },
      ip: opts.ip,
    },
    db,
  );
  return { reference: plain, masked: false };
}

/** Masked references of a placement's evidence, for its page. */
export async function maskedReferences(evidence: { id: string; hasReference: boolean }[], db: Db = getDb()): Promise<Record<string, string>> {
  const ids = evidence.filter((e) => e.hasReference).map((e) => e.id);
  if (ids.length === 0) return {};
  const rows = await db.placementEvidence.findMany({ where: { id: { in: ids } }, select: { id: true, referenceCipher: true } });
  return Object.fromEntries(rows.map((r) => [r.id, maskReference(decryptPii(r.referenceCipher!))]));
}
