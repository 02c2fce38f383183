// Subsidies: payment batches, the bank file and the bank's return file.
import { parse as parseCsvSync } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Principal } from "~/domain/access";
import { isAdmin } from "~/domain/access";
import { regionPrefix } from "~/domain/regions";
import { parseBankReturn } from "~/domain/subsidy";
import { chinaDay } from "~/platform/china-time";
import type { Prisma } from "~/generated/prisma/client";
import { audit, auditOutOfScope } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { invalid, refused, type Outcome } from "~/platform/outcome";
import { decryptPii } from "~/services/pii.server";
import { listClaims } from "./subsidies.server";
import { type Ctx, REVIEW_CLEARED, TOKEN_WITHOUT_PERSON, countyEntry, inScope, personOf, recordedId } from "./subsidy-access.server";
import { refreshClaimFlags } from "./claim-flags.server";

// ───────────── payment batches ─────────────

/** Every approved claim of one county (in the caller's scope) into one batch, ready for export. */
export async function createPaymentBatch(p: Principal, countyCode: string, ctx: Ctx, db: Db = getDb()): Promise<Outcome<{ batchId: string; claims: number }>> {
  if (!/^\d{6}$/.test(countyCode) || !inScope(p, countyCode)) return invalid("countyCode", "subsidy.invalidChoice");
  if (!personOf(p).recordAs) return refused(TOKEN_WITHOUT_PERSON);
  return db.$transaction(async (tx) => {
    const claims = await tx.subsidyClaim.findMany({ where: { countyCode, status: "APPROVED" }, select: { id: true, amount: true }, orderBy: { id: "asc" } });
    if (claims.length === 0) return refused("subsidy.refusal.nothingApproved");
    const today = chinaDay(new Date()).replace(/-/g, "");
    const seq = (await tx.paymentBatch.count({ where: { countyCode, number: { startsWith: `${countyCode}-${today}` } } })) + 1;
    const batch = await tx.paymentBatch.create({
      data: {
        number: `${countyCode}-${today}-${String(seq).padStart(2, "0")}`,
        countyCode,
        claimCount: claims.length,
        totalAmount: claims.reduce((s, c) => s + c.amount, 0),
        createdById: recordedId(p),
      },
    });
    const moved = await tx.subsidyClaim.updateMany({
      where: { id: { in: claims.map((c) => c.id) }, status: "APPROVED" },
      data: { status: "BATCHED", paymentBatchId: batch.id, version: { increment: 1 } },
    });
    if (moved.count !== claims.length) throw new Error("claims changed while batching");
    await audit(
      countyEntry(
        "PaymentBatch",
        { id: batch.id, countyCode },
        { actor: p, action: "paymentBatch.create", detail: { number: batch.number, claims: claims.length, total: batch.totalAmount }, ip: ctx.ip },
      ),
      tx,
    );
    return { ok: true as const, batchId: batch.id, claims: claims.length };
  });
}

export async function listBatches(p: Principal, db: Db = getDb()) {
  const where: Prisma.PaymentBatchWhereInput = isAdmin(p)
    ? {}
    : { OR: p.grants.filter((g) => g.role === "COORDINATOR" && g.regionCode).map((g) => ({ countyCode: { startsWith: regionPrefix(g.regionCode!) } })) };
  if (!isAdmin(p) && !(where.OR as unknown[]).length) return [];
  const rows = await db.paymentBatch.findMany({ where, orderBy: { createdAt: "desc" }, take: 100 });
  return rows.map((b) => ({ ...b, createdAt: b.createdAt.toISOString(), reconciledAt: b.reconciledAt?.toISOString() ?? null }));
}

export async function batchFor(p: Principal, batchId: string, ip: string | null = null, db: Db = getDb()) {
  if (!/^[0-9a-f-]{36}$/i.test(batchId)) return null;
  const b = await db.paymentBatch.findUnique({ where: { id: batchId } });
  if (!b) return null;
  if (!inScope(p, b.countyCode)) return auditOutOfScope(p, { entityType: "PaymentBatch", entityId: b.id, regionCode: b.countyCode, ip }, db);
  const claims = await listClaims(p, { batchId: b.id, take: 5000 }, db);
  return { ...b, createdAt: b.createdAt.toISOString(), reconciledAt: b.reconciledAt?.toISOString() ?? null, claims: claims.rows };
}

export type BankFileRow = { claimId: string; payeeName: string; bankName: string; account: string; amount: number; purpose: string; person: string };

/**
 * The bank file's rows. Each claim is paid to the account recorded at its approval (never the payee's
 * current account, which anyone preparing another of the payee's claims may change). Accounts masked
 * unless `unmasked` (then decrypted, and the export audited under the batch's county for every claim,
 * like an unmasked drill-down export).
 */
export async function batchFileRows(
  p: Principal,
  batchId: string,
  opts: { unmasked: boolean; purpose: (c: { kind: string; policyName: string; period: string }) => string },
  ctx: Ctx,
  db: Db = getDb(),
): Promise<{ number: string; rows: BankFileRow[] } | null> {
  const b = await batchFor(p, batchId, ctx.ip, db);
  if (!b) return null;
  const claims = await db.subsidyClaim.findMany({
    where: { paymentBatchId: b.id },
    orderBy: { id: "asc" },
    select: {
      id: true,
      kind: true,
      amount: true,
      period: true,
      payeeName: true,
      countyCode: true,
      approvedAccountCipher: true,
      approvedAccountMasked: true,
      approvedBankName: true,
      approvedHolderName: true,
      worker: { select: { fullName: true } },
      policy: { select: { nameZh: true } },
    },
  });
  const rows = claims.map((c) => ({
    claimId: c.id,
    payeeName: c.approvedHolderName ?? c.payeeName,
    bankName: c.approvedBankName ?? "",
    account: c.approvedAccountCipher ? (opts.unmasked ? decryptPii(c.approvedAccountCipher) : (c.approvedAccountMasked ?? "")) : "",
    amount: c.amount,
    purpose: opts.purpose({ kind: c.kind, policyName: c.policy.nameZh, period: c.period }),
    person: c.worker.fullName,
  }));
  await audit(
    countyEntry("PaymentBatch", b, {
      actor: p,
      action: opts.unmasked ? "paymentBatch.export.unmasked" : "paymentBatch.export",
      detail: { claims: claims.length, claimIds: opts.unmasked ? claims.map((c) => c.id) : undefined },
      ip: ctx.ip,
    }),
    db,
  );
  return { number: b.number, rows };
}

/** Reads a bank return file (CSV or XLSX) into rows of cells. */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<string[][] | null> {
  try {
    if (/\.xlsx$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      if (!ws) return [];
      const out: string[][] = [];
      ws.eachRow({ includeEmpty: false }, (row) => {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = cell.text ?? "";
        });
        out.push(Array.from(cells, (c) => c ?? ""));
      });
      return out;
    }
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
    return parseCsvSync(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    return null;
  }
}

/**
 * The bank's return file: every row names a claim of this batch and its result. All or nothing: a
 * file with any bad line changes nothing and answers the lines. Paid → PAID; failed → OPEN again with
 * the bank's reason (to be corrected, prepared and approved anew).
 */
export async function reconcileBatch(
  p: Principal,
  batchId: string,
  file: { bytes: Uint8Array; name: string },
  ctx: Ctx,
  db: Db = getDb(),
): Promise<Outcome<{ paid: number; failed: number }> | null> {
  const b = await batchFor(p, batchId, ctx.ip, db);
  if (!b) return null;
  const table = await readTable(file.bytes, file.name);
  if (!table) return invalid("file", "subsidy.returnFileUnreadable");
  const parsed = parseBankReturn(table);
  const inBatch = new Map(b.claims.map((c) => [c.id, c.status]));
  const problems = [...parsed.problems.map((x) => ({ field: "file", message: `subsidy.return.${x.message}|${x.line}` }))];
  parsed.rows.forEach((r) => {
    if (!inBatch.has(r.claimId)) problems.push({ field: "file", message: `subsidy.return.notInBatch|${r.claimId.slice(0, 8)}` });
    else if (inBatch.get(r.claimId) !== "BATCHED") problems.push({ field: "file", message: `subsidy.return.alreadySettled|${r.claimId.slice(0, 8)}` });
  });
  if (parsed.rows.length === 0 && problems.length === 0) problems.push({ field: "file", message: "subsidy.return.empty|1" });
  if (problems.length) return { ok: false, kind: "invalid", problems: problems.slice(0, 20) };
  return db.$transaction(
    async (tx) => {
      let paid = 0,
        failed = 0;
      const now = new Date();
      for (const r of parsed.rows) {
        const c = await tx.subsidyClaim.findUniqueOrThrow({ where: { id: r.claimId }, select: { id: true, countyCode: true, status: true } });
        if (r.outcome === "PAID") {
          await tx.subsidyClaim.update({
            where: { id: c.id },
            data: { status: "PAID", paidAt: now, bankReference: r.bankReference, version: { increment: 1 } },
          });
          paid++;
        } else {
          await tx.subsidyClaim.update({
            where: { id: c.id },
            data: {
              status: "OPEN",
              statusNote: r.reason,
              paymentBatchId: null,
              ...REVIEW_CLEARED,
              version: { increment: 1 },
            },
          });
          // Open again: its account-changed flag (if any) no longer applies; the next approval records the account anew.
          await refreshClaimFlags(tx, c.id);
          failed++;
        }
        await audit(
          countyEntry("SubsidyClaim", c, {
            actor: p,
            action: r.outcome === "PAID" ? "subsidyClaim.paid" : "subsidyClaim.paymentFailed",
            detail: { batch: b.number, bankReference: r.bankReference, reason: r.reason },
            ip: ctx.ip,
          }),
          tx,
        );
      }
      const open = await tx.subsidyClaim.count({ where: { paymentBatchId: b.id, status: "BATCHED" } });
      await tx.paymentBatch.update({
        where: { id: b.id },
        data: { paidCount: { increment: paid }, failedCount: { increment: failed }, ...(open === 0 ? { status: "RECONCILED", reconciledAt: now } : {}) },
      });
      await audit(countyEntry("PaymentBatch", b, { actor: p, action: "paymentBatch.reconcile", detail: { file: file.name, paid, failed }, ip: ctx.ip }), tx);
      return { ok: true as const, paid, failed };
    },
    { timeout: 60_000 },
  );
}
