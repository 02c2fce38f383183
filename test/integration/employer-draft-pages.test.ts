// The employer's new and edit pages for postings and training orders, and the training order's own
// page, through their route modules: who may send a record on, where a save leads (?done=), which
// records may be edited, and what the pages load (the choices, the values, the candidate list).
import { describe, expect, it } from "vitest";
import { action as newOrderAction, loader as newOrderLoader } from "~/routes/employer/order-new";
import { action as editOrderAction, loader as editOrderLoader } from "~/routes/employer/order-edit";
import { loader as orderLoader } from "~/routes/employer/order";
import { loader as newPostingLoader } from "~/routes/employer/posting-new";
import { action as editPostingAction, loader as editPostingLoader } from "~/routes/employer/posting-edit";
import { TrainingOrderEditSchema } from "~/features/employers/index";
import { orderForEmployer, orderFormValues } from "~/features/training/index.server";
import { getDb } from "~/services/db.server";
import { makeEmployer, makeMatch, makePosting, makeTrainingOrder, makeWorker } from "../setup/factories";
import { callForAnswer as run, formPost, getWithCookie as get, jsonOf as body, statusOf as status } from "../setup/api-call";
import { errorsByField, hiringCommitment, orderBasedOrderForm } from "../setup/schema-fixtures";

const post = (path: string, fields: Record<string, string>, cookie: string) => formPost(path, cookie, fields, {});
const orderFields = (over: Record<string, string> = {}) => ({ ...orderBasedOrderForm, ...hiringCommitment, assessmentRequired: "on", ...over });
/** What the edit page's form posts back when nothing is changed: its loaded values (the string ones; rows and lists are left out). */
const postedBack = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string"));
const locationOf = (r: unknown) => (r as Response).headers.get("Location");

describe("new training order page", () => {
  it("offers the providers and says whether the employer may submit; a draft leads to ?done=created, a submitted one to ?done=submitted", async () => {
    const pending = await makeEmployer({ status: "PENDING" });
    const pendingPage = await body(await run(newOrderLoader, get("/employer/orders/new", await pending.user.cookie())));
    expect(pendingPage).toMatchObject({ canSend: false, options: { places: expect.any(Array), occupations: expect.any(Array) } });
    expect(Array.isArray(pendingPage.options.providers)).toBe(true);

    const { user, employer } = await makeEmployer();
    const cookie = await user.cookie();
    expect(await body(await run(newOrderLoader, get("/employer/orders/new", cookie)))).toMatchObject({ canSend: true });

    const draft = await run(newOrderAction, post("/employer/orders/new", { ...orderFields(), intent: "draft" }, cookie));
    expect(status(draft)).toBe(302);
    const drafted = await getDb().trainingOrder.findFirstOrThrow({ where: { employerId: employer.id, status: "DRAFT" } });
    expect(locationOf(draft)).toBe(`/employer/orders/${drafted.id}?done=created`);

    const sent = await run(newOrderAction, post("/employer/orders/new", { ...orderFields({ title: "第二期" }), intent: "submit" }, cookie));
    expect(status(sent)).toBe(302);
    const submitted = await getDb().trainingOrder.findFirstOrThrow({ where: { employerId: employer.id, status: "SUBMITTED" } });
    expect(locationOf(sent)).toBe(`/employer/orders/${submitted.id}?done=submitted`);

    const refused = await run(newOrderAction, post("/employer/orders/new", { ...orderFields({ classSize: "" }), intent: "draft" }, cookie));
    expect(status(refused)).toBe(400);
    expect(await getDb().trainingOrder.count({ where: { employerId: employer.id } })).toBe(2);
  });
});

/** The two edit pages run one flow (editDraftLoader/editDraftAction): each is checked with a record it may edit and one it may not. */
const EDIT_PAGES = [
  {
    record: "posting",
    loader: editPostingLoader,
    action: editPostingAction,
    path: "/employer/postings",
    param: "postingId",
    editable: (employerId: string) => makePosting(employerId, { status: "OPEN", title: "招聘住家保姆" }),
    notEditable: (employerId: string) => makePosting(employerId, { status: "FILLED" }),
    change: { wageMin: "6500" } as Record<string, string>,
    saved: (id: string) => getDb().jobPosting.findUniqueOrThrow({ where: { id } }),
    expected: { wageMin: 6500, version: 2 },
  },
  {
    record: "training order",
    loader: editOrderLoader,
    action: editOrderAction,
    path: "/employer/orders",
    param: "orderId",
    editable: (employerId: string) => makeTrainingOrder(employerId, { status: "DRAFT" }),
    notEditable: (employerId: string) => makeTrainingOrder(employerId, { status: "APPROVED" }),
    change: { trainingHours: "160" } as Record<string, string>,
    saved: (id: string) => getDb().trainingOrder.findUniqueOrThrow({ where: { id } }),
    expected: { trainingHours: 160, version: 2 },
  },
];

describe.each(EDIT_PAGES)("the $record edit page", (edit) => {
  it("posts its loaded values back with a change (?done=updated); sends one no longer editable back to its page; finds no other employer's", async () => {
    const { user, employer } = await makeEmployer();
    const cookie = await user.cookie();
    const record = await edit.editable(employer.id);
    const at = `${edit.path}/${record.id}`;
    const page = await body(await run(edit.loader, get(`${at}/edit`, cookie), { [edit.param]: record.id }));
    expect(page).toMatchObject({ id: record.id, title: record.title, values: { title: record.title, version: "1" } });
    expect(page).not.toHaveProperty("editable");

    const saved = await run(edit.action, post(`${at}/edit`, { ...postedBack(page.values), ...edit.change, intent: "save" }, cookie), {
      [edit.param]: record.id,
    });
    expect(status(saved)).toBe(302);
    expect(locationOf(saved)).toBe(`${at}?done=updated`);
    expect(await edit.saved(record.id)).toMatchObject(edit.expected);

    const fixed = await edit.notEditable(employer.id);
    const back = await run(edit.loader, get(`${edit.path}/${fixed.id}/edit`, cookie), { [edit.param]: fixed.id });
    expect(status(back)).toBe(302);
    expect(locationOf(back)).toBe(`${edit.path}/${fixed.id}`);

    const other = await makeEmployer();
    const otherCookie = await other.user.cookie();
    expect(status(await run(edit.loader, get(`${at}/edit`, otherCookie), { [edit.param]: record.id }))).toBe(404);
    const notTheirs = await run(edit.action, post(`${at}/edit`, { ...postedBack(page.values), version: "2", intent: "save" }, otherCookie), {
      [edit.param]: record.id,
    });
    expect(status(notTheirs)).toBe(404);
  });
});

describe("makeTrainingOrder (test/setup/factories.ts)", () => {
  it("makes orders whose own values the employer's order form accepts: as it stands, for a smaller class, as a draft", async () => {
    const { user, employer } = await makeEmployer();
    for (const overrides of [{}, { classSize: 5 }, { status: "DRAFT" as const }]) {
      const made = await makeTrainingOrder(employer.id, overrides);
      const found = await orderForEmployer(user.principal, made.id);
      expect(errorsByField(TrainingOrderEditSchema.safeParse(orderFormValues(found!.order))), JSON.stringify(overrides)).toEqual({});
    }
  });
});

describe("what the edit pages offer", () => {
  it("a posting's pages send no providers and an open posting's says it keeps a revision; a training order's offers the providers", async () => {
    const { user, employer } = await makeEmployer();
    const cookie = await user.cookie();
    expect(await body(await run(newPostingLoader, get("/employer/postings/new", cookie)))).toMatchObject({ canSend: true, options: { providers: [] } });
    const open = await makePosting(employer.id, { status: "OPEN" });
    const postingPage = await body(await run(editPostingLoader, get(`/employer/postings/${open.id}/edit`, cookie), { postingId: open.id }));
    expect(postingPage).toMatchObject({ isOpen: true, options: { providers: [] } });

    await getDb().trainingProvider.create({ data: { name: "阜平县职教中心", regionCode: "130624" } });
    const order = await makeTrainingOrder(employer.id, { status: "DRAFT" });
    const orderPage = await body(await run(editOrderLoader, get(`/employer/orders/${order.id}/edit`, cookie), { orderId: order.id }));
    expect(orderPage.options.providers).toEqual(expect.arrayContaining([expect.objectContaining({ name: "阜平县职教中心" })]));
  });
});

describe("training order page", () => {
  it("loads the order with its candidates, how many there are, and today", async () => {
    const { user, employer } = await makeEmployer();
    const order = await makeTrainingOrder(employer.id);
    const worker = await makeWorker("130624", { fullName: "王小明" });
    await makeMatch(worker.id, { trainingOrderId: order.id });
    const page = await body(await run(orderLoader, get(`/employer/orders/${order.id}`, await user.cookie()), { orderId: order.id }));
    expect(page).toMatchObject({ order: { id: order.id }, candidateTotal: 1, today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(page.candidates).toHaveLength(1);
    expect(page.candidates[0].person.name).toBe("王**");
    expect(page.candidates[0]).not.toHaveProperty("factors");
  });
});
