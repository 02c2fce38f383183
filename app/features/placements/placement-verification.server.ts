// Placements: verification by the worker's county coordinator (or above), which moves the worker's
// lifecycle and creates the follow-ups, and the monthly sample drawn for re-verification.
import { addDays, chinaMonth, chinaTime, monthEnd } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { canReadRegion } from "~/domain/access";
import { readFlags, sampleDraw, verificationStep, type VerificationDecision, type VerificationStatus } from "~/domain/placement";
import { audit, auditOutOfScope } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { conflict, invalid, refused, type Outcome } from "~/platform/outcome";
import { createFollowUps, scheduleFollowUpJobs } from "./follow-ups.server";
import { applyLifecycle } from "~/features/registration/index.server";
import { writeOutbox } from "~/services/outbox.server";
import { encryptPii } from "~/services/pii.server";
import { mayVerify } from "./placements.server";
import { refreshWorkerFlags } from "./placement-flags.server";

// ───────────── verification ─────────────

/**
 * A coordinator's decision on a placement: verify (flags need a review note), flag, or reject
 * (a verified placement is withdrawn from the plan: the worker's "place" is revoked and open
 * follow-ups are dropped). Verifying moves the worker to PLACED and creates the follow-ups; their
 * delayed jobs are scheduled after commit.
 */
export async function decidePlacement(
  p: Principal,
  placementId: string,
  decision: VerificationDecision,
  note: string | undefined,
  ctx: { ip: string | null; reverification?: boolean },
  db: Db = getDb(),
): Promise<Outcome<{ verification: VerificationStatus; followUps: number }> | null> {
  const pl = await db.placement.findUnique({
    where: { id: placementId },
    select: { id: true, verification: true, version: true, flags: true, startDate: true, workerId: true, worker: { select: { countyCode: true } } },
  });
  if (!pl) return null;
  if (!canReadRegion(p, pl.worker.countyCode, ["COORDINATOR"]))
    return auditOutOfScope(p, { entityType: "Placement", entityId: pl.id, regionCode: pl.worker.countyCode, ip: ctx.ip }, db);
  if (!mayVerify(p, pl.worker.countyCode)) return refused("out.refusal.notCoordinator");
  const flags = readFlags(pl.flags);
  const step = verificationStep(pl.verification, decision, { flags, note });
  if (!step.ok)
    return step.reason === "noteRequired"
      ? invalid("note", flags.length && decision === "verify" ? "out.verify.flaggedNoteRequired" : "out.noteRequired")
      : refused("out.refusal.notAllowed");
  const actorId = p.kind === "user" ? p.id : null;
  const result = await db.$transaction(
    async (tx) => {
      const changed = await tx.placement.updateMany({
        where: { id: pl.id, verification: pl.verification, version: pl.version },
        data: {
          verification: step.to,
          // The note may tell of the person's health: encrypted, revealed only by revealPlacementNotes.
          verificationNoteCipher: note?.trim() ? encryptPii(note.trim()) : null,
          version: { increment: 1 },
          ...(step.to === "VERIFIED" ? { verifiedById: actorId, verifiedAt: new Date() } : {}),
          ...(ctx.reverification ? { reverifiedAt: new Date(), reverifiedById: actorId } : {}),
        },
      });
      if (changed.count === 0) return conflict;
      await writeOutbox(tx, [
        { topic: "search-index", entityType: "placement", entityId: pl.id, entityVersion: pl.version + 1 },
        // Verified: the claims it entitles; rejected: those claims are withdrawn or flagged (docs/subsidies.md).
        { topic: "subsidy-claims", entityType: "placement", entityId: pl.id, entityVersion: pl.version + 1 },
      ]);
      let created: { id: string; dueAt: Date }[] = [];
      let lifecycle: string | null = null;
      if (step.to === "VERIFIED") {
        const r = await applyLifecycle(tx, pl.workerId, "place", { actorId, reason: `placement:${pl.id}` });
        lifecycle = r.changed ? r.to : null;
        created = await createFollowUps(tx, { id: pl.id, startDate: pl.startDate, countyCode: pl.worker.countyCode });
      }
      if (step.to === "REJECTED") {
        if (pl.verification === "VERIFIED") {
          const r = await applyLifecycle(tx, pl.workerId, "revoke", { actorId, reason: `placement:${pl.id}` });
          lifecycle = r.changed ? r.to : null;
        }
        await tx.followUp.deleteMany({ where: { placementId: pl.id, completedAt: null } });
        // A rejected placement no longer overlaps anything: the person's other placements are re-checked.
        await refreshWorkerFlags(tx, pl.workerId);
      }
      await audit(
        {
          actor: p,
          action: ctx.reverification ? "placement.reverify" : `placement.${decision}`,
          entityType: "Placement",
          entityId: pl.id,
          regionCode: pl.worker.countyCode,
          detail: {
            from: pl.verification,
            to: step.to,
            noted: !!note?.trim(),
            flags: flags.map((f) => f.code),
            ...(lifecycle ? { lifecycle } : {}),
            ...(ctx.reverification ? { outcome: "rejected" } : {}),
          },
          ip: ctx.ip,
        },
        tx,
      );
      return { ok: true as const, verification: step.to, created };
    },
    { timeout: 20_000 },
  );
  if (!result.ok) return result;
  // After commit: a job for a follow-up that a rolled-back transaction never created would open nothing, but is noise.
  await scheduleFollowUpJobs(result.created);
  return { ok: true, verification: result.verification, followUps: result.created.length };
}

// ───────────── sampled re-verification ─────────────

/**
 * Draws the month's sample: per county, 10 % (at least one) of the placements verified in the
 * month go into the re-verification queue (sampledAt). Deterministic and idempotent: running it
 * again the same month adds only what newly verified placements call for.
 */
export async function drawReverificationSample(month: string = chinaMonth(), db: Db = getDb()): Promise<{ sampled: number }> {
  const [y, m] = month.split("-").map(Number);
  const verified = await db.placement.findMany({
    where: { verification: "VERIFIED", verifiedAt: { gte: chinaTime(`${month}-01`), lt: chinaTime(addDays(monthEnd(y, m), 1)) } },
    select: { id: true, sampledAt: true, worker: { select: { countyCode: true } } },
  });
  const byCounty = new Map<string, { id: string; sampled: boolean }[]>();
  for (const v of verified) {
    const list = byCounty.get(v.worker.countyCode) ?? [];
    list.push({ id: v.id, sampled: v.sampledAt !== null });
    byCounty.set(v.worker.countyCode, list);
  }
  const ids = [...byCounty.values()].flatMap((list) => sampleDraw(month, list));
  if (ids.length === 0) return { sampled: 0 };
  const changed = await db.placement.updateMany({ where: { id: { in: ids }, sampledAt: null }, data: { sampledAt: new Date() } });
  return { sampled: changed.count };
}

/** The re-verification result: confirmed, or rejected with a note (the placement is withdrawn, as on rejection). */
export async function recordReverification(
  p: Principal,
  placementId: string,
  outcome: "confirmed" | "rejected",
  note: string | undefined,
  ip: string | null,
  db: Db = getDb(),
): Promise<Outcome<{ verification: VerificationStatus }> | null> {
  const pl = await db.placement.findUnique({
    where: { id: placementId },
    select: { id: true, verification: true, sampledAt: true, reverifiedAt: true, worker: { select: { countyCode: true } } },
  });
  if (!pl) return null;
  if (!canReadRegion(p, pl.worker.countyCode, ["COORDINATOR"]))
    return auditOutOfScope(p, { entityType: "Placement", entityId: pl.id, regionCode: pl.worker.countyCode, ip }, db);
  if (!pl.sampledAt || pl.reverifiedAt || pl.verification !== "VERIFIED") return refused("out.refusal.notAllowed");
  if (outcome === "rejected") {
    // Withdrawn exactly as on a rejection (lifecycle revoked, follow-ups dropped), in one transaction.
    const r = await decidePlacement(p, pl.id, "reject", note, { ip, reverification: true }, db);
    if (!r || !r.ok) return r;
    return { ok: true, verification: r.verification };
  }
  return db.$transaction(async (tx) => {
    const changed = await tx.placement.updateMany({
      where: { id: pl.id, reverifiedAt: null },
      data: {
        reverifiedAt: new Date(),
        reverifiedById: p.kind === "user" ? p.id : null,
        reverificationNoteCipher: note?.trim() ? encryptPii(note.trim()) : null,
      },
    });
    if (changed.count === 0) return conflict;
    await audit(
      {
        actor: p,
        action: "placement.reverify",
        entityType: "Placement",
        entityId: pl.id,
        regionCode: pl.worker.countyCode,
        detail: { outcome, noted: !!note?.trim() },
        ip,
      },
      tx,
    );
    return { ok: true as const, verification: "VERIFIED" as const };
  });
}
