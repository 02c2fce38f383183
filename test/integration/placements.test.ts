// Placements: recording, fraud flags from the stored facts, verification permissions and notes,
// lifecycle, follow-ups as delayed jobs (created once, opened by the processor, rescheduling
// idempotent), follow-up results (stable, left, at risk), re-verification sample, evidence.
import { describe, expect, it } from "vitest";
import { action as detailAction } from "~/routes/coordinator/placements-detail";
import { loader as downloadLoader } from "~/routes/coordinator/evidence-download";
import { maxBodyBytes } from "~/server/web";
import { actOnCandidate, answerInvitation } from "~/features/employers/index.server";
import { getDb } from "~/services/db.server";
import { addEvidence, downloadEvidence, evidenceReference } from "~/features/placements/index.server";
import { followUpJobId, listFollowUps, openFollowUp, recordFollowUp, scheduleFollowUpJobs, sweepFollowUps } from "~/features/placements/index.server";
import { blindIndex, decryptPii } from "~/services/pii.server";
import {
  createPlacement,
  decidePlacement,
  drawReverificationSample,
  listPlacements,
  placementFor,
  recordReverification,
} from "~/features/placements/index.server";
import { getQueue } from "~/services/queue.server";
import {
  dayFromToday,
  makeClass,
  makeCoordinator,
  makeEmployer,
  makeMatch,
  makePosting,
  makeProvider,
  makeSeekerUser,
  makeTrainingOrder,
  makeWorker,
} from "../setup/factories";
import { expectOk } from "../setup/expect-ok";
import { makeResidentId } from "~/domain/resident-id";
import { asResponse } from "../setup/api-call";

const db = () => getDb();
const base = (workerId: string, employerId: string, over: Record<string, unknown> = {}) => ({
  workerId,
  employerId,
  startDate: dayFromToday(-45),
  monthlyWage: 6000,
  workRegionCode: "110105",
  homeBased: false,
  ...over,
});

async function scene() {
  const county = await makeCoordinator("130624");
  const { employer, user: employerUser } = await makeEmployer();
  const worker = await makeWorker("130624");
  return { county, employer, employerUser, worker };
}

describe("recording and flags", () => {
  it("a clean placement is UNVERIFIED with no flags and a derived transfer type", async () => {
    const { county, employer, worker } = await scene();
    const r = expectOk(await createPlacement(county.principal, base(worker.id, employer.id), { ip: null }));
    expect(r.flags).toEqual([]);
    expect(r.verification).toBe("UNVERIFIED");
    const p = await db().placement.findUniqueOrThrow({ where: { id: r.placementId } });
    expect(p.transferType).toBe("BEIJING_TIANJIN");
    const home = expectOk(
      await createPlacement(county.principal, base((await makeWorker("130624")).id, employer.id, { workRegionCode: "130624", homeBased: true }), { ip: null }),
    );
    expect((await db().placement.findUniqueOrThrow({ where: { id: home.placementId } })).transferType).toBe("HOME_BASED");
  });

  it("raises overlap on both placements of the person, and below minimum wage, with their reasons; FLAGGED", async () => {
    const { county, employer, worker } = await scene();
    const first = expectOk(await createPlacement(county.principal, base(worker.id, employer.id), { ip: null }));
    const second = expectOk(
      await createPlacement(county.principal, base(worker.id, employer.id, { startDate: dayFromToday(-10), monthlyWage: 2000 }), { ip: null }),
    );
    expect(second.flags.map((f) => f.code).sort()).toEqual(["belowMinimumWage", "overlap"]);
    expect(second.verification).toBe("FLAGGED");
    const again = await db().placement.findUniqueOrThrow({ where: { id: first.placementId } });
    expect(again.verification).toBe("FLAGGED");
    expect((again.flags as { code: string }[]).map((f) => f.code)).toEqual(["overlap"]);
    // Not raised when the earlier job ended before the new one began.
    const w2 = await makeWorker("130624");
    expectOk(await createPlacement(county.principal, base(w2.id, employer.id, { startDate: dayFromToday(-100), endDate: dayFromToday(-50) }), { ip: null }));
    expect(expectOk(await createPlacement(county.principal, base(w2.id, employer.id), { ip: null })).flags).toEqual([]);
  });

  it("raises employer not verified", async () => {
    const county = await makeCoordinator("130624");
    const { employer } = await makeEmployer({ status: "PENDING" });
    const r = expectOk(await createPlacement(county.principal, base((await makeWorker("130624")).id, employer.id), { ip: null }));
    expect(r.flags.map((f) => f.code)).toEqual(["employerNotVerified"]);
  });

  it("raises staff of the employer (same ID number) and of the provider (same phone), not for other staff", async () => {
    const { county, employer, worker } = await scene();
    const idNumber = makeResidentId("130624", "1990-05-17", 991);
    const staffWorker = await makeWorker("130624", { idNumber });
    await db().user.create({
      data: {
        username: `staff-${Date.now()}`,
        displayName: "x",
        passwordHash: "x",
        employerId: employer.id,
        idNumberHash: blindIndex("resident-id", idNumber),
      },
    });
    expect(expectOk(await createPlacement(county.principal, base(staffWorker.id, employer.id), { ip: null })).flags.map((f) => f.code)).toEqual([
      "staffOfEmployer",
    ]);
    // The other employer's staff member with a different number raises nothing.
    expect(expectOk(await createPlacement(county.principal, base(worker.id, employer.id), { ip: null })).flags).toEqual([]);

    const provider = await makeProvider("130624");
    const trainee = await makeWorker("130624");
    await db().user.create({
      data: { username: `trainer-${Date.now()}`, displayName: "y", passwordHash: "x", providerId: provider.id, phoneHash: trainee.phoneHash },
    });
    const order = await makeTrainingOrder(employer.id, {
      kind: "ORDER_BASED",
      title: "订单班",
      trainingHours: 80,
      commitHires: 10,
      commitWage: 6500,
      retentionMonths: 6,
      providerId: provider.id,
    });
    const klass = await makeClass(provider, {
      start: dayFromToday(-90),
      end: dayFromToday(-60),
      trainingOrderId: order.id,
      kind: "ORDER_BASED",
      name: "家政订单班",
      capacity: 20,
    });
    const r = expectOk(await createPlacement(county.principal, base(trainee.id, employer.id, { trainingClassId: klass.id, monthlyWage: 6000 }), { ip: null }));
    expect(r.flags.map((f) => f.code).sort()).toEqual(["belowCommittedWage", "staffOfProvider"]);
    expect(r.flags.find((f) => f.code === "belowCommittedWage")!.detail).toMatchObject({ committed: 6500, wage: 6000 });
    // At the committed wage, a trainee who is not staff raises nothing.
    expect(
      expectOk(
        await createPlacement(county.principal, base((await makeWorker("130624")).id, employer.id, { trainingClassId: klass.id, monthlyWage: 6500 }), {
          ip: null,
        }),
      ).flags,
    ).toEqual([]);
  });

  it("refuses a worker out of the coordinator's region (same answer as absent)", async () => {
    const { employer } = await makeEmployer();
    const other = await makeCoordinator("130881");
    const worker = await makeWorker("130624");
    expect(await createPlacement(other.principal, base(worker.id, employer.id), { ip: null })).toMatchObject({
      ok: false,
      kind: "invalid",
      problems: [{ field: "workerId" }],
    });
  });

  it("an employer's hire is checked at once (the hire overlaps a recorded placement)", async () => {
    const { county, employer, employerUser, worker } = await scene();
    expectOk(await createPlacement(county.principal, base(worker.id, employer.id), { ip: null }));
    const posting = await makePosting(employer.id, { headcount: 3 });
    const match = await makeMatch(worker.id, { postingId: posting.id }, "ACCEPTED");
    const hired = expectOk(await actOnCandidate(employerUser.principal, match.id, { intent: "hire", startDate: dayFromToday(-1), monthlyWage: 7000 }, null));
    const p = await db().placement.findUniqueOrThrow({ where: { id: hired.placementId! } });
    expect(p.verification).toBe("FLAGGED");
    expect((p.flags as { code: string }[]).map((f) => f.code)).toEqual(["overlap"]);
  });
});

describe("verification", () => {
  it("only the worker's county coordinator or above verifies; employers and other counties cannot", async () => {
    const { county, employer, employerUser, worker } = await scene();
    const { placementId } = expectOk(await createPlacement(county.principal, base(worker.id, employer.id), { ip: null }));
    expect(await decidePlacement((await makeCoordinator("130881")).principal, placementId, "verify", undefined, { ip: null })).toBeNull();
    expect(await decidePlacement(employerUser.principal, placementId, "verify", undefined, { ip: null })).toBeNull();
    const prefecture = await makeCoordinator("130600");
    expect(await decidePlacement(prefecture.principal, placementId, "verify", undefined, { ip: null })).toMatchObject({
      ok: true,
      verification: "VERIFIED",
      followUps: 4,
    });
  });

  it("a flagged placement needs a review note (audited); verification places the worker and schedules four follow-up jobs once", async () => {
    const { county, employer, worker } = await scene();
    const { placementId } = expectOk(await createPlacement(county.principal, base(worker.id, employer.id, { monthlyWage: 2000 }), { ip: null }));
    expect(await decidePlacement(county.principal, placementId, "verify", "  ", { ip: null })).toMatchObject({
      ok: false,
      kind: "invalid",
      problems: [{ field: "note", message: "out.verify.flaggedNoteRequired" }],
    });
    expectOk(await decidePlacement(county.principal, placementId, "verify", "看过劳动合同：实习期工资", { ip: "1.2.3.4" }));
    const log = await db().auditLog.findFirstOrThrow({ where: { action: "placement.verify", entityId: placementId } });
    // The note is kept encrypted on the placement; the audit row says a note was given, not what it says.
    expect(log.detail).toMatchObject({ noted: true, flags: ["belowMinimumWage"], lifecycle: "PLACED" });
    expect(JSON.stringify(log.detail)).not.toContain("劳动合同");
    const stored = await db().placement.findUniqueOrThrow({ where: { id: placementId } });
    expect(decryptPii(stored.verificationNoteCipher!)).toBe("看过劳动合同：实习期工资");
    expect((await db().worker.findUniqueOrThrow({ where: { id: worker.id } })).status).toBe("PLACED");
    expect(await db().workerStatusEvent.count({ where: { workerId: worker.id, event: "place" } })).toBe(1);

    const followUps = await db().followUp.findMany({ where: { placementId }, orderBy: { dueMonth: "asc" } });
    expect(followUps.map((f) => f.dueMonth)).toEqual([1, 3, 6, 12]);
    expect(followUps.every((f) => f.countyCode === "130624")).toBe(true);
    const queue = getQueue("follow-ups");
    const jobs = await Promise.all(followUps.map((f) => queue.getJob(followUpJobId(f))));
    expect(jobs.every((j) => j !== undefined && j !== null)).toBe(true);
    expect(jobs[3]!.opts.delay).toBeGreaterThan(200 * 86_400_000);
    // Rescheduling (a retry, a restart) adds nothing: the ids are the same.
    const before = await queue.getJobCounts("delayed", "waiting", "active", "completed");
    await scheduleFollowUpJobs(followUps);
    expect(await queue.getJobCounts("delayed", "waiting", "active", "completed")).toEqual(before);
    // A verified placement cannot be verified again.
    expect(await decidePlacement(county.principal, placementId, "verify", "x", { ip: null })).toMatchObject({ ok: false, kind: "refused" });
  });

  it("the processor opens a due follow-up once, leaves one not yet due, and the sweep opens what a lost job did not", async () => {
    const { county, employer, worker } = await scene();
    const { placementId } = expectOk(await createPlacement(county.principal, base(worker.id, employer.id), { ip: null }));
    expectOk(await decidePlacement(county.principal, placementId, "verify", undefined, { ip: null }));
    const [m1, m3] = await db().followUp.findMany({ where: { placementId }, orderBy: { dueMonth: "asc" } });
    expect(await openFollowUp(m1.id)).toEqual({ opened: true });
    expect(await openFollowUp(m1.id)).toEqual({ opened: false });
    expect(await openFollowUp(m3.id)).toEqual({ opened: false });
    const open = await listFollowUps(county.principal, "open");
    expect(open.rows.map((r) => r.id)).toContain(m1.id);
    expect(open.rows.map((r) => r.id)).not.toContain(m3.id);
    expect((await listFollowUps((await makeCoordinator("130881")).principal, "open")).rows).toEqual([]);
    // The 3-month one becomes due (its day moved into the past): the sweep opens it.
    await db().followUp.update({ where: { id: m3.id }, data: { dueAt: new Date(`${dayFromToday(-2)}T00:00:00Z`) } });
    expect((await sweepFollowUps()).opened).toBeGreaterThanOrEqual(1);
    expect((await db().followUp.findUniqueOrThrow({ where: { id: m3.id } })).openedAt).not.toBeNull();
    expect((await listFollowUps(county.principal, "overdue")).rows.map((r) => r.id)).toContain(m3.id);
  });

  it("rejecting a verified placement revokes the worker's placement and drops pending follow-ups", async () => {
    const { county, employer, worker } = await scene();
    const { placementId } = expectOk(await createPlacement(county.principal, base(worker.id, employer.id), { ip: null }));
    expectOk(await decidePlacement(county.principal, placementId, "verify", undefined, { ip: null }));
    expect(await decidePlacement(county.principal, placementId, "reject", "", { ip: null })).toMatchObject({ ok: false, kind: "invalid" });
    expectOk(await decidePlacement(county.principal, placementId, "reject", "回访发现未上岗", { ip: null }));
    expect((await db().worker.findUniqueOrThrow({ where: { id: worker.id } })).status).toBe("REGISTERED");
    expect(await db().followUp.count({ where: { placementId } })).toBe(0);
  });

  it("the page's action answers a missing note next to the field (400) and keeps the status", async () => {
    const { county, employer, worker } = await scene();
    const { placementId } = expectOk(await createPlacement(county.principal, base(worker.id, employer.id, { monthlyWage: 1000 }), { ip: null }));
    const res = asResponse(
      await detailAction({
        request: new Request(`http://localhost/coordinator/placements/${placementId}`, {
          method: "POST",
          headers: { Cookie: await county.cookie(), "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "verify", note: "" }),
        }),
        params: { placementId },
        context: {},
      }),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("out.verify.flaggedNoteRequired");
    expect((await db().placement.findUniqueOrThrow({ where: { id: placementId } })).verification).toBe("FLAGGED");
  });
});

describe("follow-up results and the lifecycle", () => {
  async function verified(isRegisteredPoor = false) {
    const { county, employer, worker } = await scene();
    if (isRegisteredPoor) await db().worker.update({ where: { id: worker.id }, data: { isRegisteredPoor: true } });
    const { placementId } = expectOk(await createPlacement(county.principal, base(worker.id, employer.id, { startDate: dayFromToday(-400) }), { ip: null }));
    expectOk(await decidePlacement(county.principal, placementId, "verify", undefined, { ip: null }));
    await sweepFollowUps();
    const fus = await db().followUp.findMany({ where: { placementId }, orderBy: { dueMonth: "asc" } });
    return { county, worker, placementId, fus };
  }

  it("employed at 6 months → STABLE", async () => {
    const { county, worker, fus } = await verified();
    expect(await recordFollowUp(county.principal, fus[0].id, { stillEmployed: true, monthlyWage: 6200 }, null)).toMatchObject({ ok: true, lifecycle: null });
    expect(await recordFollowUp(county.principal, fus[2].id, { stillEmployed: true, monthlyWage: 6500 }, null)).toMatchObject({
      ok: true,
      lifecycle: "STABLE",
    });
    expect((await db().worker.findUniqueOrThrow({ where: { id: worker.id } })).status).toBe("STABLE");
    expect(await recordFollowUp(county.principal, fus[2].id, { stillEmployed: false, leaveReason: "quit" }, null)).toMatchObject({
      ok: false,
      kind: "refused",
    });
  });

  it("a registered-poor worker who left is LEFT, at risk of returning to poverty, matchable again (outbox); later follow-ups dropped", async () => {
    const { county, worker, placementId, fus } = await verified(true);
    const outboxBefore = await db().outbox.count({ where: { entityType: "worker", entityId: worker.id } });
    expect(
      await recordFollowUp(county.principal, fus[1].id, { stillEmployed: false, leaveReason: "wageArrears", note: "工厂拖欠两个月工资" }, null),
    ).toMatchObject({ ok: true, lifecycle: "LEFT", atRisk: true });
    const recorded = await db().followUp.findUniqueOrThrow({ where: { id: fus[1].id } });
    expect(recorded).toMatchObject({ leaveReason: "wageArrears", legacyNote: null });
    expect(decryptPii(recorded.noteCipher!)).toBe("工厂拖欠两个月工资");
    const w = await db().worker.findUniqueOrThrow({ where: { id: worker.id } });
    expect(w).toMatchObject({ status: "LEFT", atRiskOfPoverty: true });
    expect(w.atRiskSince).not.toBeNull();
    expect(await db().outbox.count({ where: { entityType: "worker", entityId: worker.id } })).toBeGreaterThan(outboxBefore);
    expect((await db().placement.findUniqueOrThrow({ where: { id: placementId } })).endDate).not.toBeNull();
    expect((await db().followUp.findMany({ where: { placementId }, select: { dueMonth: true } })).map((f) => f.dueMonth).sort((a, b) => a - b)).toEqual([1, 3]);
  });

  it("a worker not from a poor household who left is not flagged at risk", async () => {
    const { county, worker, fus } = await verified(false);
    expect(await recordFollowUp(county.principal, fus[0].id, { stillEmployed: false, leaveReason: "family" }, null)).toMatchObject({ ok: true, atRisk: false });
    expect((await db().worker.findUniqueOrThrow({ where: { id: worker.id } })).atRiskOfPoverty).toBe(false);
  });

  it("another county's coordinator cannot record", async () => {
    const { fus } = await verified();
    expect(await recordFollowUp((await makeCoordinator("130881")).principal, fus[0].id, { stillEmployed: true, monthlyWage: 5000 }, null)).toBeNull();
  });
});

describe("accepting an invitation", () => {
  it("moves a registered worker to MATCHED", async () => {
    const { employer } = await makeEmployer();
    const worker = await makeWorker("130624");
    const match = await makeMatch(worker.id, { postingId: (await makePosting(employer.id)).id }, "INVITED");
    const seeker = await makeSeekerUser(worker.id);
    expectOk(await answerInvitation(seeker.principal, match.id, "accept", undefined, null));
    expect((await db().worker.findUniqueOrThrow({ where: { id: worker.id } })).status).toBe("MATCHED");
  });
});

describe("sampled re-verification", () => {
  it("draws at least one verified placement per county per month, the same on a second run; the coordinator confirms", async () => {
    // A county no other test here verifies in, so the month's draw is over these three alone.
    const county = await makeCoordinator("130881");
    const { employer } = await makeEmployer();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { placementId } = expectOk(await createPlacement(county.principal, base((await makeWorker("130881")).id, employer.id), { ip: null }));
      expectOk(await decidePlacement(county.principal, placementId, "verify", undefined, { ip: null }));
      ids.push(placementId);
    }
    const first = await drawReverificationSample();
    expect(first.sampled).toBeGreaterThanOrEqual(1);
    expect((await drawReverificationSample()).sampled).toBe(0);
    const queue = await listPlacements(county.principal, { queue: "reverify" });
    const mine = queue.rows.filter((r) => ids.includes(r.id));
    expect(mine).toHaveLength(1);
    expect(await recordReverification(county.principal, mine[0].id, "confirmed", undefined, null)).toMatchObject({ ok: true, verification: "VERIFIED" });
    expect((await listPlacements(county.principal, { queue: "reverify" })).rows.map((r) => r.id)).not.toContain(mine[0].id);
  });
});

describe("evidence", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\n劳动合同 王小明\n%%EOF");

  it("refuses a file whose content is not PDF/JPEG/PNG whatever its name, and one over 5 MB", async () => {
    const { county, employer, worker } = await scene();
    const { placementId } = expectOk(await createPlacement(county.principal, base(worker.id, employer.id), { ip: null }));
    expect(
      await addEvidence(
        county.principal,
        placementId,
        { kind: "LABOUR_CONTRACT", file: { name: "contract.pdf", bytes: new TextEncoder().encode("<script>alert(1)</script>") } },
        null,
      ),
    ).toMatchObject({ ok: false, problems: [{ field: "file", message: "out.evidence.badType" }] });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(pdf.subarray(0, 8));
    expect(await addEvidence(county.principal, placementId, { kind: "PAY_RECORD", file: { name: "pay.pdf", bytes: big } }, null)).toMatchObject({
      ok: false,
      problems: [{ field: "file", message: "out.evidence.tooLarge" }],
    });
    expect(await db().placementEvidence.count({ where: { placementId } })).toBe(0);
  });

  it("stores a file encrypted with its checksum; download is scoped, audited, an attachment with nosniff", async () => {
    const { county, employer, worker } = await scene();
    const { placementId } = expectOk(await createPlacement(county.principal, base(worker.id, employer.id), { ip: null }));
    const { evidenceId } = expectOk(
      await addEvidence(county.principal, placementId, { kind: "LABOUR_CONTRACT", file: { name: "合同.exe", bytes: pdf } }, null),
    );
    const row = await db().placementEvidence.findUniqueOrThrow({ where: { id: evidenceId } });
    expect(row.mimeType).toBe("application/pdf");
    expect(row.fileName).toBe("合同.pdf");
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(row.contentCipher!).includes(Buffer.from("劳动合同"))).toBe(false);

    expect(await downloadEvidence((await makeCoordinator("130881")).principal, evidenceId, null)).toBeNull();
    const res = (await downloadLoader({
      request: new Request(`http://localhost/coordinator/evidence/${evidenceId}`, { headers: { Cookie: await county.cookie() } }),
      params: { evidenceId },
      context: {},
    })) as Response;
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    expect(await db().auditLog.count({ where: { action: "placement.evidence.download", entityId: evidenceId } })).toBe(1);
  });

  it("a social insurance number is stored encrypted, shown masked, revealed in full only as an audited action", async () => {
    const { county, employer, worker } = await scene();
    const { placementId } = expectOk(await createPlacement(county.principal, base(worker.id, employer.id), { ip: null }));
    const { evidenceId } = expectOk(await addEvidence(county.principal, placementId, { kind: "SOCIAL_INSURANCE", reference: "110105199005171234" }, null));
    const row = await db().placementEvidence.findUniqueOrThrow({ where: { id: evidenceId } });
    expect(row.referenceCipher).not.toContain("1234");
    expect(await evidenceReference(county.principal, evidenceId, { reveal: false, ip: null })).toEqual({ reference: "**************1234", masked: true });
    const detail = await placementFor(county.principal, placementId);
    expect(JSON.stringify(detail)).not.toContain("110105199005171234");
    expect(await evidenceReference(county.principal, evidenceId, { reveal: true, ip: null })).toEqual({ reference: "110105199005171234", masked: false });
    expect(await db().auditLog.count({ where: { action: "placement.evidence.reveal", entityId: evidenceId } })).toBe(1);
    expect(await evidenceReference((await makeCoordinator("130881")).principal, evidenceId, { reveal: true, ip: null })).toBeNull();
  });

  it("the web host allows 5 MB (+ envelope) on the evidence path only", () => {
    const path = "/coordinator/placements/0b3c7a2e-8d1f-4c55-9a77-2f1e3d4c5b6a/evidence";
    expect(maxBodyBytes({ method: "POST", path })).toBeGreaterThan(5 * 1024 * 1024);
    expect(maxBodyBytes({ method: "POST", path: `${path}.data` })).toBeGreaterThan(5 * 1024 * 1024);
    for (const other of [`${path}/x`, "/coordinator/placements/new", "/coordinator/placements/abc/evidence"])
      expect(maxBodyBytes({ method: "POST", path: other })).toBe(2 * 1024 * 1024);
  });
});

describe("pages", () => {
  it("the coordinator's lists and forms load in scope, and the new-placement form records with problems next to fields", async () => {
    const { loader: listLoader } = await import("~/routes/coordinator/placements");
    const { loader: newLoader, action: newAction } = await import("~/routes/coordinator/placements-new");
    const { loader: followUpsLoader } = await import("~/routes/coordinator/follow-ups");
    const { loader: reverifyLoader } = await import("~/routes/coordinator/reverify");
    const { county, employer, worker } = await scene();
    const cookie = await county.cookie();
    const get = (path: string) => ({ request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), params: {}, context: {} });
    const found = await newLoader(get(`/coordinator/placements/new?q=${encodeURIComponent(worker.fullName)}`));
    expect(found.found.map((w) => w.id)).toContain(worker.id);
    expect((await newLoader(get(`/coordinator/placements/new?workerId=${worker.id}`))).worker?.id).toBe(worker.id);
    const post = (fields: Record<string, string>) => ({
      request: new Request("http://localhost/coordinator/placements/new", {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      }),
      params: {},
      context: {},
    });
    const bad = asResponse(
      await newAction(post({ workerId: worker.id, employerId: employer.id, startDate: "2026-13-01", monthlyWage: "abc", workRegionCode: "" })),
    );
    expect(bad.status).toBe(400);
    const reply = JSON.stringify(await bad.json());
    for (const key of ["out.dateFormat", "out.wageFormat", "out.workRegionRequired"]) expect(reply).toContain(key);
    expect(reply).toContain(employer.id);
    const created = asResponse(
      await newAction(post({ workerId: worker.id, employerId: employer.id, startDate: dayFromToday(-3), monthlyWage: "6,000", workRegionCode: "110105" })),
    );
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toMatch(/^\/coordinator\/placements\/[0-9a-f-]{36}\?done=created$/);
    const list = await listLoader(get("/coordinator/placements?tab=review"));
    expect(list.rows.map((r) => r.worker.id)).toContain(worker.id);
    expect((await followUpsLoader(get("/coordinator/follow-ups?status=overdue"))).status).toBe("overdue");
    expect(Array.isArray((await reverifyLoader(get("/coordinator/reverify"))).rows)).toBe(true);
  });
});
