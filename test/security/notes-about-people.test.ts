// Privacy audit (docs/security.md, once under "What is not covered here"): free text staff write
// about a person — a follow-up's note and leave reason, a dropout's reason and note, a placement's
// verification note — was stored in plaintext and shown as typed, with no reveal and no audit row,
// although it often tells of the person's health. Provider staff saw "health: 住院" on the class page
// and through /api/v1/classes/{id}/enrollments; placementFor loaded the follow-ups (leave reasons,
// notes) for employers too. Now: the notes are AES-GCM ciphertext (the migration's plaintext is
// moved by encryptLegacyNotes; key rotation covers them), only coordinators of the person's county
// see a health reason, everyone else sees "personal" for it and for the reasons that could stand
// in for it, and the notes leave the server only by an audited reveal.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decidePlacement, placementFor, recordFollowUp, recordReverification } from "~/features/placements/index.server";
import { dropEnrollment } from "~/features/training/index.server";
import { loader as coordinatorClassLoader, action as coordinatorClassAction } from "~/routes/coordinator/classes-detail";
import { loader as providerClassLoader, action as providerClassAction } from "~/routes/provider/class";
import { loader as placementPageLoader, action as placementPageAction } from "~/routes/coordinator/placements-detail";
import { loader as followUpPageLoader, action as followUpPageAction } from "~/routes/coordinator/follow-ups-record";
import { loader as enrollmentsApi } from "~/routes/api/classes-enrollments";
import { loader as placementApi } from "~/routes/api/placement";
import { loader as placementFollowUpsApi } from "~/routes/api/placement-follow-ups";
import { loader as followUpApi } from "~/routes/api/follow-up";
import { createApiToken } from "~/services/api-tokens.server";
import { getDb } from "~/services/db.server";
import { encryptLegacyNotes } from "~/services/legacy-notes.server";
import { DEFAULT_MIGRATIONS_DIR } from "~/services/migrations.server";
import { decryptPii } from "~/services/pii.server";
import { expectOk } from "../setup/expect-ok";
import { dayFromToday, makeClass, makeCoordinator, makeCoordinatorToken, makePlacement, makeProvider, makeProviderStaff, makeWorker } from "../setup/factories";
import { callApi, callRoute, formPost, getWithCookie } from "../setup/api-call";

const ctx = { ip: "127.0.0.1" };
const DROP_NOTE = "住院治疗，乙肝复查";
const FOLLOW_UP_NOTE = "因腰椎间盘突出辞职";
const VERIFY_NOTE = "看过劳动合同；本人有癫痫病史，岗位已调整";
const REVERIFY_NOTE = "电话回访：已康复返岗";
/** Anything of a health fact as these tests write it, in either language. */
const HEALTH = /health|身体原因|住院|乙肝|腰椎|癫痫|康复/i;

/** Every column of one row as PostgreSQL holds it. */
const rowText = async (table: string, id: string) =>
  (await getDb().$queryRawUnsafe<{ t: string }[]>(`SELECT row_to_json(x)::text AS t FROM "${table}" x WHERE "id" = $1`, id))[0].t;

/** A running class in 阜平 with one trainee from 阜平 and one from 平泉, both dropped out for their health, with a note. */
async function droppedForHealth() {
  const provider = await makeProvider("130624");
  const cls = await makeClass(provider, { start: dayFromToday(-3), end: dayFromToday(10), status: "RUNNING" });
  const local = await makeWorker("130624");
  const away = await makeWorker("130881");
  const county = await makeCoordinator("130624");
  const enrolments = [];
  for (const w of [local, away]) {
    const e = await getDb().enrollment.create({ data: { classId: cls.id, workerId: w.id, status: "ENROLLED" } });
    expect(await dropEnrollment(county.principal, cls.id, { enrollmentId: e.id, dropReason: "health", dropNote: DROP_NOTE }, ctx)).toEqual({ ok: true });
    enrolments.push(e);
  }
  return { provider, cls, county, local: enrolments[0], away: enrolments[1] };
}

/** A verified placement (flagged, so its note is required) with its 1-month follow-up recorded: left for health, with a note. */
async function leftForHealth() {
  const county = await makeCoordinator("130624");
  const { employer, employerUser, worker, placementId } = await makePlacement(county.principal, "130624", { monthlyWage: 1500 });
  expectOk(await decidePlacement(county.principal, placementId, "verify", VERIFY_NOTE, { ip: null }));
  const month1 = await getDb().followUp.findFirstOrThrow({ where: { placementId, dueMonth: 1 } });
  expectOk(await recordFollowUp(county.principal, month1.id, { stillEmployed: false, leaveReason: "health", note: FOLLOW_UP_NOTE }, null));
  return { county, employer, employerUser, worker, placementId, followUpId: month1.id };
}

describe("notes staff write about a person", () => {
  it("are ciphertext at rest: not in the row, the audit log or the lifecycle history", async () => {
    const { cls, local } = await droppedForHealth();
    const { placementId, followUpId, county } = await leftForHealth();
    await getDb().placement.update({ where: { id: placementId }, data: { sampledAt: new Date() } });
    expectOk(await recordReverification(county.principal, placementId, "confirmed", REVERIFY_NOTE, null));

    const enrolment = await rowText("Enrollment", local.id);
    expect(enrolment).not.toContain(DROP_NOTE);
    expect(enrolment).toContain('"dropReason":"health"');
    expect(decryptPii((await getDb().enrollment.findUniqueOrThrow({ where: { id: local.id } })).dropNoteCipher!)).toBe(DROP_NOTE);
    expect(await rowText("FollowUp", followUpId)).not.toContain(FOLLOW_UP_NOTE);
    expect(decryptPii((await getDb().followUp.findUniqueOrThrow({ where: { id: followUpId } })).noteCipher!)).toBe(FOLLOW_UP_NOTE);
    const placement = await rowText("Placement", placementId);
    expect(placement).not.toContain(VERIFY_NOTE);
    expect(placement).not.toContain(REVERIFY_NOTE);
    const stored = await getDb().placement.findUniqueOrThrow({ where: { id: placementId } });
    expect([decryptPii(stored.verificationNoteCipher!), decryptPii(stored.reverificationNoteCipher!)]).toEqual([VERIFY_NOTE, REVERIFY_NOTE]);

    const logs = await getDb().auditLog.findMany({ where: { entityId: { in: [local.id, followUpId, placementId, cls.id] } } });
    expect(logs.length).toBeGreaterThanOrEqual(4);
    for (const text of [DROP_NOTE, FOLLOW_UP_NOTE, VERIFY_NOTE, REVERIFY_NOTE]) expect(JSON.stringify(logs.map((l) => l.detail))).not.toContain(text);
    const events = await getDb().workerStatusEvent.findMany({ where: { workerId: local.workerId } });
    expect(events.map((e) => e.reason).join(" ")).not.toContain(DROP_NOTE);
  });

  it("provider staff and another county's coordinators learn that a person dropped out, never that it was their health (page and API)", async () => {
    const { provider, cls, local, away } = await droppedForHealth();
    const staff = { cookie: await (await makeProviderStaff(provider.id)).cookie() };
    type Row = { id: string; dropReason: string | null; hasDropNote: boolean };
    const rowsOf = (page: unknown) => Object.fromEntries((page as { enrollments: Row[] }).enrollments.map((e) => [e.id, e]));

    // Provider staff: the class page says "personal" for both, and carries neither the reason nor the note.
    const providerPage = await callRoute(providerClassLoader, getWithCookie(`/provider/classes/${cls.id}`, staff.cookie), { classId: cls.id });
    expect(JSON.stringify(providerPage)).not.toMatch(HEALTH);
    expect(rowsOf(providerPage)[local.id]).toMatchObject({ dropReason: "personal", hasDropNote: false });
    // … and cannot reveal the note (no audit row is written for nothing).
    const asked = await callRoute(
      providerClassAction,
      formPost(`/provider/classes/${cls.id}`, staff.cookie, { intent: "revealDropNote", enrollmentId: local.id }),
      { classId: cls.id },
    );
    expect(asked.status).toBe(404);
    expect(await getDb().auditLog.count({ where: { action: "enrollment.note.reveal", entityId: local.id } })).toBe(0);

    // The class's county coordinator: the code for their own county's person, "personal" for the person from 平泉.
    const county = await makeCoordinator("130624");
    const coordinatorPage = rowsOf(
      await callRoute(coordinatorClassLoader, getWithCookie(`/coordinator/classes/${cls.id}`, await county.cookie()), { classId: cls.id }),
    );
    expect(coordinatorPage[local.id]).toMatchObject({ dropReason: "health", hasDropNote: true });
    expect(coordinatorPage[away.id]).toMatchObject({ dropReason: "personal", hasDropNote: false });
    expect(JSON.stringify(coordinatorPage)).not.toContain(DROP_NOTE);
    const notTheirs = await callRoute(
      coordinatorClassAction,
      formPost(`/coordinator/classes/${cls.id}`, await county.cookie(), { intent: "revealDropNote", enrollmentId: away.id }),
      { classId: cls.id },
    );
    expect(notTheirs.status).toBe(404);

    // The API answers alike: a token of the class's county, and the province's (which covers both people).
    const api = async (token: string) =>
      Object.fromEntries(
        ((await (await callApi(enrollmentsApi, `/api/v1/classes/${cls.id}/enrollments`, token, {}, { classId: cls.id })).json()).items as Row[]).map((e) => [
          e.id,
          e,
        ]),
      );
    const fuping = await api(await makeCoordinatorToken("130624"));
    expect(fuping[away.id]).toMatchObject({ dropReason: "personal", hasDropNote: false });
    expect(fuping[local.id]).toMatchObject({ dropReason: "health", hasDropNote: true });
    expect(JSON.stringify(fuping)).not.toContain(DROP_NOTE);
    const province = await api(await makeCoordinatorToken("130000"));
    expect(province[away.id]).toMatchObject({ dropReason: "health", hasDropNote: true });
    expect(JSON.stringify(province)).not.toContain(DROP_NOTE);
  });

  it("employers get no follow-ups (leave reasons, notes) and no verification note: the read does not load them", async () => {
    const { employer, employerUser, placementId, county } = await leftForHealth();
    const staffView = await placementFor(county.principal, placementId);
    expect(staffView!.followUps.find((f) => f.dueMonth === 1)).toMatchObject({ leaveReason: "health", hasNote: true });
    const employerView = await placementFor(employerUser.principal, placementId);
    expect(employerView!.followUps).toEqual([]);
    expect(JSON.stringify(employerView)).not.toMatch(HEALTH);

    const token = (await createApiToken({ name: "e", role: "EMPLOYER", employerId: employer.id })).token;
    const answer = await callApi(placementApi, `/api/v1/placements/${placementId}`, token, {}, { placementId });
    expect(answer.status).toBe(200);
    const body = await answer.json();
    expect(body.hasVerificationNote).toBe(false);
    expect(JSON.stringify(body)).not.toMatch(HEALTH);
    expect((await callApi(placementFollowUpsApi, `/api/v1/placements/${placementId}/follow-ups`, token, {}, { placementId })).status).toBe(403);
  });

  it("coordinators in scope see the leave reason; each note only by a reveal that writes an audit row under the person's county", async () => {
    const { county, placementId, followUpId } = await leftForHealth();
    const cookie = await county.cookie();
    const audited = (action: string, entityId: string) => getDb().auditLog.findMany({ where: { action, entityId } });

    // The API gives the code and that there is a note, never its text.
    const token = await makeCoordinatorToken("130624");
    const task = await (await callApi(followUpApi, `/api/v1/follow-ups/${followUpId}`, token, {}, { followUpId })).json();
    expect(task).toMatchObject({ leaveReason: "health", hasNote: true });
    expect(JSON.stringify(task)).not.toContain(FOLLOW_UP_NOTE);
    const detail = await (await callApi(placementApi, `/api/v1/placements/${placementId}`, token, {}, { placementId })).json();
    expect(detail.hasVerificationNote).toBe(true);
    expect(JSON.stringify(detail)).not.toContain(VERIFY_NOTE);

    // Follow-up page: the note is hidden until revealed; the reveal is audited.
    const page = await callRoute(followUpPageLoader, getWithCookie(`/coordinator/follow-ups/${followUpId}`, cookie), { followUpId });
    expect(JSON.stringify(page)).not.toContain(FOLLOW_UP_NOTE);
    expect(page).toMatchObject({ followUp: { leaveReason: "health", hasNote: true } });
    const revealed = await callRoute(followUpPageAction, formPost(`/coordinator/follow-ups/${followUpId}`, cookie, { intent: "revealNote" }), { followUpId });
    expect((await revealed.json()).note).toBe(FOLLOW_UP_NOTE);
    expect(await audited("followUp.note.reveal", followUpId)).toMatchObject([{ actorUserId: county.userId, regionCode: "130624" }]);

    // Placement page: likewise for the verification note.
    const placementPage = await callRoute(placementPageLoader, getWithCookie(`/coordinator/placements/${placementId}`, cookie), { placementId });
    expect(JSON.stringify(placementPage)).not.toContain(VERIFY_NOTE);
    const shown = await callRoute(placementPageAction, formPost(`/coordinator/placements/${placementId}`, cookie, { intent: "revealNotes" }), { placementId });
    expect((await shown.json()).notes).toEqual({ verificationNote: VERIFY_NOTE, reverificationNote: null });
    expect(await audited("placement.notes.reveal", placementId)).toMatchObject([{ actorUserId: county.userId, regionCode: "130624" }]);

    // Another county's coordinator: nothing revealed, the attempt audited as out of scope.
    const other = await makeCoordinator("130881");
    const refused = await callRoute(followUpPageAction, formPost(`/coordinator/follow-ups/${followUpId}`, await other.cookie(), { intent: "revealNote" }), {
      followUpId,
    });
    expect(refused.status).toBe(404);
    expect(await audited("followUp.note.reveal", followUpId)).toHaveLength(1);
  });

  it("the class page reveals a dropout's note to the person's county coordinator, audited", async () => {
    const { cls, local, county } = await droppedForHealth();
    const answer = await callRoute(
      coordinatorClassAction,
      formPost(`/coordinator/classes/${cls.id}`, await county.cookie(), { intent: "revealDropNote", enrollmentId: local.id }),
      { classId: cls.id },
    );
    expect(await answer.json()).toMatchObject({ intent: "revealDropNote", target: local.id, revealed: DROP_NOTE });
    expect(await getDb().auditLog.findMany({ where: { action: "enrollment.note.reveal", entityId: local.id } })).toMatchObject([
      { actorUserId: county.userId, regionCode: "130624" },
    ]);
    // Unknown or malformed rows are a 404, never a 500.
    for (const enrollmentId of ["", "not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
      const bad = await callRoute(
        coordinatorClassAction,
        formPost(`/coordinator/classes/${cls.id}`, await county.cookie(), { intent: "revealDropNote", enrollmentId }),
        { classId: cls.id },
      );
      expect(bad.status).toBe(404);
    }
  });

  it("notes stored in plaintext before are split and moved into their cipher columns by the migration and encryptLegacyNotes", async () => {
    const db = getDb();
    const { local } = await droppedForHealth();
    const { placementId, followUpId } = await leftForHealth();
    // As the code before wrote them: "code: note" in one column, plaintext notes, a typed leave reason.
    await db.$executeRawUnsafe(`UPDATE "Enrollment" SET "dropReason" = $2, "dropNoteCipher" = NULL WHERE "id" = $1`, local.id, `health: ${DROP_NOTE}`);
    await db.$executeRawUnsafe(
      `UPDATE "FollowUp" SET "leaveReason" = '腰疼干不了', "legacyNote" = $2, "noteCipher" = NULL WHERE "id" = $1`,
      followUpId,
      FOLLOW_UP_NOTE,
    );
    await db.$executeRawUnsafe(
      `UPDATE "Placement" SET "legacyVerificationNote" = $2, "verificationNoteCipher" = NULL WHERE "id" = $1`,
      placementId,
      VERIFY_NOTE,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "WorkerStatusEvent" ("workerId", "from", "to", "event", "reason") VALUES ($1, 'IN_TRAINING', 'REGISTERED', 'drop', $2)`,
      local.workerId,
      `health: ${DROP_NOTE}`,
    );

    // The migration's data statements (its column changes are applied already).
    const sql = readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, "20261209090000_encrypt_notes_about_people", "migration.sql"), "utf8");
    const statements = sql.split(/;\s*$/m).map((s) => s.replace(/--.*$/gm, "").trim());
    for (const statement of statements.filter((s) => s.startsWith("UPDATE"))) await db.$executeRawUnsafe(statement);
    const moved = await encryptLegacyNotes();
    expect(Object.fromEntries(moved.map((m) => [m.table, m.moved]))).toMatchObject({ FollowUp: 1, Enrollment: 1, Placement: 1 });

    const e = await db.enrollment.findUniqueOrThrow({ where: { id: local.id } });
    expect(e).toMatchObject({ dropReason: "health", legacyDropNote: null });
    expect(decryptPii(e.dropNoteCipher!)).toBe(DROP_NOTE);
    const f = await db.followUp.findUniqueOrThrow({ where: { id: followUpId } });
    expect(f).toMatchObject({ leaveReason: "other", legacyNote: null });
    expect(decryptPii(f.noteCipher!)).toBe(`腰疼干不了 — ${FOLLOW_UP_NOTE}`);
    const p = await db.placement.findUniqueOrThrow({ where: { id: placementId } });
    expect(p.legacyVerificationNote).toBeNull();
    expect(decryptPii(p.verificationNoteCipher!)).toBe(VERIFY_NOTE);
    for (const [table, id] of [
      ["Enrollment", local.id],
      ["FollowUp", followUpId],
      ["Placement", placementId],
    ])
      expect(await rowText(table, id)).not.toMatch(/住院|腰椎|癫痫/);
    expect((await db.workerStatusEvent.findMany({ where: { workerId: local.workerId, event: "drop" } })).map((x) => x.reason)).not.toContain(
      `health: ${DROP_NOTE}`,
    );
    // A second run finds nothing left.
    expect((await encryptLegacyNotes()).every((m) => m.moved === 0)).toBe(true);
  });
});
