// Employers: public sign-up, verification by coordinators, postings (lifecycle, revisions,
// expiry) and training orders (submit, approve, reject). Each write is all-or-nothing with its
// audit and outbox rows; each refusal changes nothing.
import { describe, expect, it } from "vitest";
import { action as signupAction } from "~/routes/employer/signup";
import { action as decisionAction, loader as employerLoader } from "~/routes/coordinator/employer";
import { action as newPostingAction } from "~/routes/employer/posting-new";
import { action as editPostingAction } from "~/routes/employer/posting-edit";
import { loader as postingLoader } from "~/routes/employer/posting";
import { getDb } from "~/services/db.server";
import { decideEmployer, listEmployersForStaff } from "~/features/employers/index.server";
import { changePostingStatus, createPosting, expirePostings, updatePosting } from "~/features/employers/index.server";
import { actOnTrainingOrder, createTrainingOrder, updateTrainingOrder } from "~/features/training/index.server";
import { PostingSchema, TrainingOrderSchema } from "~/features/employers/index";
import { decryptPii } from "~/services/pii.server";
import { processors, schedules } from "../../workers/registry";
import { employerSignupFields, makeCoordinator, makeEmployer, makePosting, makeTrainingOrder, type TestUser } from "../setup/factories";
import { callForAnswer as run, jsonOf as json, statusOf as status } from "../setup/api-call";
import { hiringCommitment, orderBasedOrderForm } from "../setup/schema-fixtures";

const form = (path: string, fields: Record<string, string>, cookie = "", ip = "10.9.0.1") =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", "x-lb-client-ip": ip },
    body: new URLSearchParams(fields),
  });

const signup = employerSignupFields;

describe("employer sign-up", () => {
  it("creates a PENDING employer and its account together, signed in, with audit and outbox rows", async () => {
    const fields = signup();
    const res = (await run(signupAction, form("/employer/signup", fields))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/employer?welcome=1");
    expect(res.headers.get("Set-Cookie")).toContain("__lb_session=");
    const employer = await getDb().employer.findUniqueOrThrow({ where: { creditCode: fields.creditCode }, include: { users: { include: { roles: true } } } });
    expect(employer).toMatchObject({ status: "PENDING", contactPhoneMasked: "139****5678", industry: "logistics" });
    expect(decryptPii(employer.contactPhoneCipher)).toBe("13912345678");
    expect(employer.users.map((u) => [u.username, u.roles.map((r) => r.role)])).toEqual([[fields.username, ["EMPLOYER"]]]);
    expect(await getDb().auditLog.count({ where: { entityId: employer.id, action: "employer.signup" } })).toBe(1);
    expect(await getDb().outbox.count({ where: { entityType: "employer", entityId: employer.id } })).toBe(1);
  });

  it("shows every problem next to its field, keeps what was typed (not the password), and writes nothing", async () => {
    const before = await getDb().employer.count();
    const fields = signup({ creditCode: "91110105MA01BJT70X", districtCode: "310101", contactPhone: "12345", passwordConfirm: "other" });
    const res = (await run(signupAction, form("/employer/signup", fields))) as Response;
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.result.error).toMatchObject({
      creditCode: ["emp.signup.creditCodeChecksum"],
      districtCode: ["emp.signup.districtRequired"],
      contactPhone: ["reg.phoneFormat"],
      passwordConfirm: ["emp.signup.passwordMismatch"],
    });
    expect(body.result.initialValue.name).toBe(fields.name);
    expect(body.result.initialValue.password).toBeUndefined();
    expect(await getDb().employer.count()).toBe(before);
  });

  it("refuses a second sign-up with the same credit code or username, creating nothing", async () => {
    const first = signup();
    expect(status(await run(signupAction, form("/employer/signup", first)))).toBe(302);
    const users = await getDb().user.count();
    const again = (await run(
      signupAction,
      form("/employer/signup", signup({ creditCode: first.creditCode.toLowerCase(), username: first.username })),
    )) as Response;
    expect(again.status).toBe(400);
    // Whether the username is taken is answered only once nothing else is wrong (issue 11, item 17).
    const againError = (await again.json()).result.error;
    expect(againError).toMatchObject({ creditCode: ["emp.signup.creditCodeTaken"] });
    expect(againError.username).toBeUndefined();
    const sameName = (await run(signupAction, form("/employer/signup", signup({ username: first.username })))) as Response;
    expect((await sameName.json()).result.error).toMatchObject({ username: ["admin.usernameTaken"] });
    expect(await getDb().user.count()).toBe(users);
  });

  it("refuses anything but a form post", async () => {
    const res = (await run(
      signupAction,
      new Request("http://localhost/employer/signup", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }),
    )) as Response;
    expect(res.status).toBe(415);
  });
});

describe("verification", () => {
  it("province coordinators verify Beijing employers; county coordinators elsewhere cannot even see them", async () => {
    const { employer } = await makeEmployer({ status: "PENDING" });
    const hebei = await makeCoordinator("130000");
    const fuping = await makeCoordinator("130624");
    const denied = await run(decisionAction, form(`/coordinator/employers/${employer.id}`, { intent: "verify" }, await fuping.cookie()), {
      employerId: employer.id,
    });
    expect(status(denied)).toBe(404);
    expect(
      status(
        await run(employerLoader, new Request(`http://localhost/coordinator/employers/${employer.id}`, { headers: { Cookie: await fuping.cookie() } }), {
          employerId: employer.id,
        }),
      ),
    ).toBe(404);
    expect((await listEmployersForStaff(fuping.principal)).rows.map((r) => r.id)).not.toContain(employer.id);

    const ok = await run(decisionAction, form(`/coordinator/employers/${employer.id}`, { intent: "verify" }, await hebei.cookie()), {
      employerId: employer.id,
    });
    expect(await json(ok)).toMatchObject({ done: "verify" });
    const after = await getDb().employer.findUniqueOrThrow({ where: { id: employer.id } });
    expect(after).toMatchObject({ status: "VERIFIED", verifiedById: hebei.userId, version: 2 });
    expect(await getDb().auditLog.count({ where: { entityId: employer.id, action: "employer.verify", actorUserId: hebei.userId } })).toBe(1);
    expect(await getDb().outbox.count({ where: { entityId: employer.id, entityVersion: 2 } })).toBe(1);
  });

  it("a county coordinator sees, read-only, the Beijing employers that train people in the county", async () => {
    const { employer } = await makeEmployer();
    await makeTrainingOrder(employer.id, {
      kind: "ORDER_BASED",
      occupationCode: "elderly-carer",
      title: "订单班",
      trainingHours: 80,
      commitHires: 10,
      commitWage: 5000,
      retentionMonths: 6,
    });
    const fuping = await makeCoordinator("130624");
    const pingquan = await makeCoordinator("130881");
    expect((await listEmployersForStaff(fuping.principal)).rows.map((r) => r.id)).toContain(employer.id);
    expect((await listEmployersForStaff(pingquan.principal)).rows.map((r) => r.id)).not.toContain(employer.id);
    const page = (await run(
      employerLoader,
      new Request(`http://localhost/coordinator/employers/${employer.id}`, { headers: { Cookie: await fuping.cookie() } }),
      { employerId: employer.id },
    )) as { decisions: string[]; commitments: { committedHires: number } };
    expect(page.decisions).toEqual([]);
    expect(page.commitments.committedHires).toBe(10);
    expect(await decideEmployer(fuping.principal, employer.id, "suspend", "x", null)).toBeNull();
  });

  it("a county coordinator decides on employers located in the county", async () => {
    const { employer } = await makeEmployer({ status: "PENDING", districtCode: "130624" });
    const fuping = await makeCoordinator("130624");
    expect(await decideEmployer(fuping.principal, employer.id, "verify", undefined, null)).toMatchObject({ ok: true, status: "VERIFIED" });
  });

  it("rejects and suspends only with a reason; suspending closes the open postings", async () => {
    const { employer } = await makeEmployer({ status: "PENDING" });
    const hebei = await makeCoordinator("130000");
    const noReason = (await run(decisionAction, form(`/coordinator/employers/${employer.id}`, { intent: "reject" }, await hebei.cookie()), {
      employerId: employer.id,
    })) as Response;
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).result.error.reason).toEqual(["emp.reasonRequired"]);
    expect((await getDb().employer.findUniqueOrThrow({ where: { id: employer.id } })).status).toBe("PENDING");

    expect(await decideEmployer(hebei.principal, employer.id, "reject", "信用代码与营业执照不符", null)).toMatchObject({ ok: true, status: "REJECTED" });
    expect((await getDb().employer.findUniqueOrThrow({ where: { id: employer.id } })).statusReason).toBe("信用代码与营业执照不符");
    expect(await decideEmployer(hebei.principal, employer.id, "suspend", "x", null)).toMatchObject({ ok: false, kind: "refused" });

    const { employer: active } = await makeEmployer();
    const open = await makePosting(active.id, { status: "OPEN" });
    const draft = await makePosting(active.id, { status: "DRAFT" });
    expect(await decideEmployer(hebei.principal, active.id, "suspend", "拖欠工资投诉", null)).toMatchObject({ ok: true, status: "SUSPENDED" });
    expect((await getDb().jobPosting.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("CLOSED");
    expect((await getDb().jobPosting.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");
    expect(await getDb().outbox.count({ where: { entityId: open.id, entityVersion: 2 } })).toBe(1);
    expect(await decideEmployer(hebei.principal, active.id, "reinstate", undefined, null)).toMatchObject({ ok: true, status: "VERIFIED" });
  });

  it("two coordinators deciding at once: one wins, the other changes nothing", async () => {
    const { employer } = await makeEmployer({ status: "PENDING" });
    const a = await makeCoordinator("130000");
    const b = await makeCoordinator("130000");
    const results = await Promise.all([
      decideEmployer(a.principal, employer.id, "verify", undefined, null),
      decideEmployer(b.principal, employer.id, "reject", "资料不全", null),
    ]);
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    const after = await getDb().employer.findUniqueOrThrow({ where: { id: employer.id } });
    expect(after.version).toBe(2);
    expect(await getDb().auditLog.count({ where: { entityId: employer.id, action: { in: ["employer.verify", "employer.reject"] } } })).toBe(1);
  });
});

const postingFields = (over: Record<string, string> = {}) => ({
  occupationCode: "domestic-helper",
  title: "招聘住家保姆",
  headcount: "3",
  wageMin: "6000",
  wageMax: "8000",
  workRegionCode: "110105",
  housing: "on",
  "skills[0].occupationCode": "domestic-helper",
  "skills[0].minLevel": "4",
  certificates: "健康证",
  ageMin: "20",
  ageMax: "55",
  ...over,
});
/** The employer user's browser posting the new-posting form. */
const postNewPosting = async (user: TestUser, fields: Record<string, string>) =>
  (await run(newPostingAction, form("/employer/postings/new", fields, await user.cookie()))) as Response;

describe("postings", () => {
  it("a pending employer drafts but cannot publish; a verified one publishes", async () => {
    const pending = await makeEmployer({ status: "PENDING" });
    const draft = await postNewPosting(pending.user, { ...postingFields(), intent: "draft" });
    expect(draft.status).toBe(302);
    const created = await getDb().jobPosting.findFirstOrThrow({ where: { employerId: pending.employer.id } });
    expect(created).toMatchObject({
      status: "DRAFT",
      housing: true,
      meals: false,
      ageMin: 20,
      ageMax: 55,
      requirements: { skills: [{ occupationCode: "domestic-helper", minLevel: 4 }], certificates: ["健康证"] },
    });
    const publish = await postNewPosting(pending.user, { ...postingFields(), intent: "publish" });
    expect(publish.status).toBe(409);
    expect((await publish.json()).result.error[""]).toEqual(["emp.refusal.employerNotVerified"]);
    expect(await changePostingStatus(pending.user.principal, created.id, "publish", { ip: null })).toMatchObject({
      ok: false,
      kind: "refused",
      message: "emp.refusal.employerNotVerified",
    });
    expect(await getDb().jobPosting.count({ where: { employerId: pending.employer.id } })).toBe(1);

    const verified = await makeEmployer();
    const res = await postNewPosting(verified.user, { ...postingFields(), intent: "publish" });
    expect(res.status).toBe(302);
    const open = await getDb().jobPosting.findFirstOrThrow({ where: { employerId: verified.employer.id } });
    expect(open.status).toBe("OPEN");
    expect(open.publishedAt).not.toBeNull();
    expect(await getDb().outbox.count({ where: { entityType: "posting", entityId: open.id } })).toBe(1);
  });

  it("offers no unlawful filter: discriminatory wording is refused next to its field, unknown fields are dropped", async () => {
    const { user, employer } = await makeEmployer();
    const res = await postNewPosting(user, { ...postingFields({ title: "保安（限男性）", description: "要求本地户口" }), sex: "MALE" });
    expect(res.status).toBe(400);
    expect((await res.json()).result.error).toMatchObject({ title: ["emp.posting.discriminatory_sex"], description: ["emp.posting.discriminatory_hukou"] });
    const ageRes = await postNewPosting(user, postingFields({ ageMin: "14" }));
    expect((await ageRes.json()).result.error.ageMin).toEqual(["emp.posting.ageRange"]);
    expect(await getDb().jobPosting.count({ where: { employerId: employer.id } })).toBe(0);
  });

  it("editing an open posting keeps the previous content as a revision; a stale version changes nothing", async () => {
    const { user } = await makeEmployer();
    const created = await createPosting(user.principal, PostingSchema.parse(postingFields()), { ip: null, publish: true });
    if (!created.ok) throw new Error("setup");
    const res = (await run(
      editPostingAction,
      form(
        `/employer/postings/${created.postingId}/edit`,
        { ...postingFields({ wageMin: "6500", title: "招聘住家保姆（急）" }), version: "1" },
        await user.cookie(),
      ),
      { postingId: created.postingId },
    )) as Response;
    expect(res.status).toBe(302);
    const posting = await getDb().jobPosting.findUniqueOrThrow({ where: { id: created.postingId }, include: { revisions: true } });
    expect(posting).toMatchObject({ version: 2, wageMin: 6500, title: "招聘住家保姆（急）", status: "OPEN" });
    expect(posting.revisions).toHaveLength(1);
    expect(posting.revisions[0]).toMatchObject({ version: 1, snapshot: expect.objectContaining({ title: "招聘住家保姆", wageMin: 6000 }) });

    const stale = (await run(
      editPostingAction,
      form(`/employer/postings/${created.postingId}/edit`, { ...postingFields({ wageMin: "7000" }), version: "1" }, await user.cookie()),
      { postingId: created.postingId },
    )) as Response;
    expect(stale.status).toBe(409);
    expect((await stale.json()).result.error[""]).toEqual(["emp.conflict"]);
    expect((await getDb().jobPosting.findUniqueOrThrow({ where: { id: created.postingId } })).wageMin).toBe(6500);

    // A draft is edited in place, without a revision.
    const draft = await createPosting(user.principal, PostingSchema.parse(postingFields()), { ip: null });
    if (!draft.ok) throw new Error("setup");
    expect(await updatePosting(user.principal, draft.postingId, PostingSchema.parse(postingFields({ headcount: "5" })), 1, { ip: null })).toMatchObject({
      ok: true,
      revision: false,
    });
    expect(await getDb().jobPostingRevision.count({ where: { postingId: draft.postingId } })).toBe(0);
  });

  it("fills, closes and reopens only as the lifecycle allows", async () => {
    const { user, employer } = await makeEmployer();
    const p = await makePosting(employer.id, { status: "OPEN" });
    expect(await changePostingStatus(user.principal, p.id, "fill", { ip: null })).toMatchObject({ ok: true, status: "FILLED" });
    expect(await changePostingStatus(user.principal, p.id, "reopen", { ip: null })).toMatchObject({ ok: true, status: "OPEN" });
    expect(await changePostingStatus(user.principal, p.id, "close", { ip: null })).toMatchObject({ ok: true, status: "CLOSED" });
    expect(await changePostingStatus(user.principal, p.id, "reopen", { ip: null })).toMatchObject({
      ok: false,
      kind: "refused",
      message: "emp.refusal.notAllowed",
    });
    expect(await updatePosting(user.principal, p.id, PostingSchema.parse(postingFields()), 4, { ip: null })).toMatchObject({
      ok: false,
      kind: "refused",
      message: "emp.refusal.notEditable",
    });
  });

  it("an employer never reaches another employer's posting", async () => {
    const a = await makeEmployer();
    const b = await makeEmployer();
    const p = await makePosting(a.employer.id);
    expect(
      status(
        await run(postingLoader, new Request(`http://localhost/employer/postings/${p.id}`, { headers: { Cookie: await b.user.cookie() } }), {
          postingId: p.id,
        }),
      ),
    ).toBe(404);
    expect(await changePostingStatus(b.user.principal, p.id, "close", { ip: null })).toBeNull();
    expect(await updatePosting(b.user.principal, p.id, PostingSchema.parse(postingFields()), 1, { ip: null })).toBeNull();
    expect(
      status(
        await run(postingLoader, new Request(`http://localhost/employer/postings/${p.id}`, { headers: { Cookie: await a.user.cookie() } }), {
          postingId: p.id,
        }),
      ),
    ).toBe(200);
  });

  it("the scheduled job expires open postings the day after their deadline, once", async () => {
    const { employer } = await makeEmployer();
    const past = await makePosting(employer.id, { deadline: new Date("2026-11-30T00:00:00Z") });
    const today = await makePosting(employer.id, { deadline: new Date("2026-12-01T00:00:00Z") });
    const none = await makePosting(employer.id, { deadline: null });
    const closed = await makePosting(employer.id, { status: "CLOSED", deadline: new Date("2026-01-01T00:00:00Z") });
    const first = await expirePostings("2026-12-01");
    expect(first.expired).toBeGreaterThanOrEqual(1);
    const status = async (id: string) => (await getDb().jobPosting.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(past.id)).toBe("EXPIRED");
    expect(await status(today.id)).toBe("OPEN");
    expect(await status(none.id)).toBe("OPEN");
    expect(await status(closed.id)).toBe("CLOSED");
    expect(await getDb().outbox.count({ where: { entityId: past.id, entityVersion: 2 } })).toBe(1);
    expect(await getDb().auditLog.count({ where: { entityId: past.id, action: "posting.expire" } })).toBe(1);
    expect((await expirePostings("2026-12-01")).expired).toBe(0);
  });

  it("the expiry runs as a scheduled worker job", async () => {
    expect(schedules.map((s) => s.name)).toContain("postings-expire");
    const result = await processors["postings-expire"]({ data: {} } as never);
    expect(result).toHaveProperty("expired");
  });
});

const orderInput = (over: Record<string, unknown> = {}) =>
  TrainingOrderSchema.parse({ ...orderBasedOrderForm, ...hiringCommitment, assessmentRequired: "on", ...over });

describe("training orders", () => {
  it("submits (verified employers only), is approved by a coordinator of the training's county, and writes audit and outbox rows", async () => {
    const pending = await makeEmployer({ status: "PENDING" });
    expect(await createTrainingOrder(pending.user.principal, orderInput(), { ip: null, submit: true })).toMatchObject({
      ok: false,
      message: "emp.refusal.employerNotVerified",
    });
    const draft = await createTrainingOrder(pending.user.principal, orderInput(), { ip: null });
    expect(draft).toMatchObject({ ok: true, status: "DRAFT" });

    const { user } = await makeEmployer();
    const order = await createTrainingOrder(user.principal, orderInput(), { ip: null, submit: true });
    if (!order.ok) throw new Error("setup");
    const pingquan = await makeCoordinator("130881");
    const fuping = await makeCoordinator("130624");
    expect(await actOnTrainingOrder(pingquan.principal, order.orderId, "approve", undefined, { ip: null })).toBeNull();
    expect(await actOnTrainingOrder(user.principal, order.orderId, "approve", undefined, { ip: null })).toBeNull();
    expect(await actOnTrainingOrder(fuping.principal, order.orderId, "approve", undefined, { ip: null })).toMatchObject({ ok: true, status: "APPROVED" });
    const row = await getDb().trainingOrder.findUniqueOrThrow({ where: { id: order.orderId } });
    expect(row).toMatchObject({ status: "APPROVED", approvedById: fuping.userId, version: 2 });
    expect(await getDb().outbox.count({ where: { entityType: "trainingOrder", entityId: order.orderId } })).toBe(2);
    expect(await getDb().auditLog.count({ where: { entityId: order.orderId, action: "trainingOrder.approve" } })).toBe(1);
  });

  it("is rejected only with a reason; the employer edits it back into a draft and resubmits", async () => {
    const { user } = await makeEmployer();
    const hebei = await makeCoordinator("130000");
    const order = await createTrainingOrder(user.principal, orderInput(), { ip: null, submit: true });
    if (!order.ok) throw new Error("setup");
    expect(await actOnTrainingOrder(hebei.principal, order.orderId, "reject", "  ", { ip: null })).toMatchObject({ ok: false, kind: "invalid" });
    expect(await actOnTrainingOrder(hebei.principal, order.orderId, "reject", "课时不足", { ip: null })).toMatchObject({ ok: true, status: "REJECTED" });
    expect(await updateTrainingOrder(user.principal, order.orderId, orderInput({ trainingHours: "160" }), 2, { ip: null })).toMatchObject({ ok: true });
    expect(await getDb().trainingOrder.findUniqueOrThrow({ where: { id: order.orderId } })).toMatchObject({
      status: "DRAFT",
      statusReason: null,
      trainingHours: 160,
    });
    expect(await actOnTrainingOrder(user.principal, order.orderId, "submit", undefined, { ip: null })).toMatchObject({ ok: true, status: "SUBMITTED" });
  });

  it("keeps each kind's obligations: compound modules only on compound orders, a provider that exists", async () => {
    const { user } = await makeEmployer();
    const post = await createTrainingOrder(user.principal, orderInput({ kind: "POST_BASED", retentionMonths: "", generalModules: ["safety"] }), { ip: null });
    if (!post.ok) throw new Error("setup");
    expect(await getDb().trainingOrder.findUniqueOrThrow({ where: { id: post.orderId } })).toMatchObject({
      kind: "POST_BASED",
      generalModules: [],
      retentionMonths: null,
    });
    expect(await createTrainingOrder(user.principal, orderInput({ providerId: "00000000-0000-4000-8000-000000000000" }), { ip: null })).toMatchObject({
      ok: false,
      kind: "invalid",
      problems: [{ field: "providerId", message: "emp.invalidChoice" }],
    });
  });
});
