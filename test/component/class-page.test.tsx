// The training class page (app/components/class-page.tsx) inside a Remix stub of the route that
// draws it for a county coordinator (/coordinator/classes/:id) or a provider's staff
// (/provider/classes/:id): the loader's data as the page shows it, what each of the two sees, and
// the action's replies landing beside the fields of the form that posted (that row's, not
// another's) with what was typed kept. test/e2e/training-journey.test.ts runs the real thing.
import { parseWithZod } from "@conform-to/zod/v4";
import { useLoaderData } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { CompletionDecision } from "~/domain/training-class";
import type { ClassPageData as PageData } from "~/features/training/class-pages";
import { ClassPage, classReplyBase } from "~/features/training/index";
import { AssessmentSchema, DropSchema, SessionAddSchema } from "~/features/training/index";
import { submissionProblems, type ClassReply } from "~/platform/reply";
import { WithLocale, type Locale } from "../setup/component-i18n";
import { CLASS_ID, classPageFixture, ORDER_ID, SEATED_ID, SESSIONS, WAITING_ID, type ClassPageData } from "./fixtures";
import { problemsOf } from "./queries";

/**
 * classPageAction's answer to a post its schema refuses, built with the server's own pieces
 * (classReplyBase, submissionProblems): the schema's problems by field, the form-wide ones apart,
 * the values as typed, with status 400. The stub cannot call classPageAction itself: it needs the
 * database behind it.
 */
function refusedBySchema(fd: FormData, schema: z.ZodType): Response {
  const submission = parseWithZod(fd, { schema });
  if (submission.status === "success") throw new Error(`the test meant the schema to refuse ${JSON.stringify(submission.value)}`);
  return Response.json({ ...classReplyBase(fd), ...submissionProblems(submission) } satisfies ClassReply, { status: 400 });
}

type Viewer = "coordinator" | "provider";

/** The class page as the viewer's route draws it; `answer` is the route's action for the test. */
function renderClass({ viewer, locale = "zh-CN", answer }: { viewer: Viewer; locale?: Locale; answer?: (fd: FormData) => Response }) {
  const path = viewer === "coordinator" ? "/coordinator/classes/:classId" : "/provider/classes/:classId";
  const url = path.replace(":classId", CLASS_ID);
  const posts: FormData[] = [];
  const Stub = createRemixStub([
    {
      path,
      loader: () => classPageFixture(viewer),
      Component: () => <ClassPage data={useLoaderData() as ClassPageData} base={url} />,
      action: async ({ request }) => {
        const fd = await request.formData();
        posts.push(fd);
        if (!answer) throw new Error("no action expected in this test");
        return answer(fd);
      },
    },
  ]);
  render(
    <WithLocale locale={locale}>
      <Stub initialEntries={[url]} />
    </WithLocale>,
  );
  return { posts, url };
}

const rosterRow = (id: string) => screen.getAllByTestId("roster-row").find((r) => r.dataset.enrollmentId === id)!;
const input = (el: HTMLElement) => el as HTMLInputElement;

describe("class page: what it shows", () => {
  it("a county coordinator sees the class, the order's commitment, enrolment, the roster with its controls and why it cannot finish yet", async () => {
    const { url } = renderClass({ viewer: "coordinator" });
    const title = await screen.findByTestId("class-title");
    expect(title.textContent).toContain("家政订单班（十二月）");
    expect(within(title).getByText("在培")).toBeTruthy();
    // The order is a link for a coordinator; the facts are read in Chinese.
    expect(screen.getByRole("link", { name: "北京家政服务员订单" }).getAttribute("href")).toBe(`/coordinator/orders/${ORDER_ID}`);
    expect(screen.getByText(/家政服务员 · /)).toBeTruthy();
    expect(screen.getByText("王老师、李老师")).toBeTruthy();
    expect(screen.getByTestId("commitment-hires").textContent).toBe("1/2");
    expect(screen.getByTestId("class-rate").textContent).toBe("—");

    // Sessions: today's is flagged, times in China time, each with its attendance sheet.
    const sessions = screen.getAllByTestId("session-row");
    expect(sessions.map((s) => s.dataset.sessionId)).toEqual(SESSIONS);
    expect(sessions[1].textContent).toContain("09:00–17:00");
    expect(within(sessions[1]).getByText("今天")).toBeTruthy();
    expect(within(sessions[0]).queryByText("今天")).toBeNull();
    expect(within(sessions[1]).getByRole("link", { name: "点名" }).getAttribute("href")).toBe(`${url}/sessions/${SESSIONS[1]}`);
    // An unmarked session may be removed, a marked one not.
    expect(within(sessions[1]).queryByRole("button", { name: "删除" })).not.toBeNull();
    expect(within(sessions[0]).queryByRole("button", { name: "删除" })).toBeNull();

    // Enrolment is the coordinator's: the accepted candidate and one button for all.
    const enrolment = screen.getByTestId("class-enrolment");
    expect(within(enrolment).getByTestId("accepted-list").textContent).toContain("孙桂兰");
    expect(within(enrolment).getByRole("button", { name: "全部报名（1 人）" })).toBeTruthy();
    expect(screen.getByText("修改班级信息")).toBeTruthy();

    // The roster, masked; the waiting person may be taken off the list, the seated one (already marked) not.
    const seated = rosterRow(SEATED_ID);
    expect(seated.textContent).toContain("130624********5178");
    expect(seated.textContent).not.toMatch(/13062420010304/);
    expect(within(seated).queryByRole("button", { name: "移出名单" })).toBeNull();
    expect(within(rosterRow(WAITING_ID)).getByRole("button", { name: "移出名单" })).toBeTruthy();
    // What finishing now would make of the seated one (one session of two attended), named by its status.
    expect(seated.textContent).toContain("按目前记录：未达结业要求（出勤率 50%）");
    // Typed by decideCompletion's outcomes, so the status key the roster builds from it is checked by the compiler.
    expectTypeOf<PageData["enrollments"][number]["wouldBe"]>().toEqualTypeOf<CompletionDecision["outcome"] | null>();

    // Finishing waits for the last day, and the page says so.
    expect(input(screen.getByTestId("class-finish")).disabled).toBe(true);
    expect(screen.getByTestId("finish-blocked").textContent).toBe("结业日期还没到，不能结业");
  });

  it("the provider's staff (in English) run the class but neither enrol nor edit it, and the order is not a link for them", async () => {
    renderClass({ viewer: "provider", locale: "en" });
    const title = await screen.findByTestId("class-title");
    expect(within(title).getByText("Running")).toBeTruthy();
    expect(screen.getByText(/Domestic helper · /)).toBeTruthy();
    expect(screen.getByText(/北京家政服务员订单/)).toBeTruthy();
    expect(screen.queryByRole("link", { name: "北京家政服务员订单" })).toBeNull();
    expect(screen.queryByTestId("class-enrolment")).toBeNull();
    expect(screen.queryByText("Change the class")).toBeNull();
    expect(screen.queryByRole("button", { name: "Remove from the list" })).toBeNull();
    // What they do run: sessions, assessment, dropouts.
    expect(screen.getByText("Add a session")).toBeTruthy();
    expect(within(rosterRow(SEATED_ID)).getByRole("button", { name: "Save the assessment" })).toBeTruthy();
    expect(within(rosterRow(WAITING_ID)).queryByRole("button", { name: "Save the assessment" })).toBeNull();
    expect(screen.getByTestId("finish-blocked").textContent).toBe("The class's last day has not come yet");
  });
});

describe("class page: the action's replies", () => {
  it("an assessment the schema refuses comes back beside that trainee's fields, the form open and the score as typed", async () => {
    const { posts } = renderClass({ viewer: "provider", answer: (fd) => refusedBySchema(fd, AssessmentSchema) });
    const row = within(await waitFor(() => rosterRow(SEATED_ID)));
    fireEvent.input(row.getByLabelText("成绩（选填）"), { target: { value: "120" } });
    fireEvent.click(row.getByRole("button", { name: "保存考核结果" }));

    const score = row.getByLabelText("成绩（选填）");
    await waitFor(() => expect(problemsOf(score)).toEqual(["成绩应在 0–100 之间"]));
    expect(posts[0].get("enrollmentId")).toBe(SEATED_ID);
    expect(score.getAttribute("aria-invalid")).toBe("true");
    expect(input(score).value).toBe("120");
    const passed = row.getByLabelText("是否合格");
    expect(problemsOf(passed)).toEqual(["请选择是否合格"]);
    expect(passed.closest("details")?.open).toBe(true);
    // The row's other form, and the other rows, show nothing.
    expect(problemsOf(row.getByLabelText("退学原因"))).toEqual([]);
    expect(within(rosterRow(WAITING_ID)).queryByRole("alert")).toBeNull();
  });

  it("a dropout without its reason (in English) is answered beside that row's reason, the note kept", async () => {
    renderClass({ viewer: "coordinator", locale: "en", answer: (fd) => refusedBySchema(fd, DropSchema) });
    const row = within(await waitFor(() => rosterRow(WAITING_ID)));
    fireEvent.input(row.getByLabelText("Details"), { target: { value: "moved to Beijing" } });
    fireEvent.click(row.getByRole("button", { name: "Record the dropout" }));
    const reason = row.getByLabelText("Reason");
    await waitFor(() => expect(problemsOf(reason)).toEqual(["Please choose why the person left"]));
    expect(input(row.getByLabelText("Details")).value).toBe("moved to Beijing");
    expect(within(rosterRow(SEATED_ID)).queryByRole("alert")).toBeNull();
  });

  it("a session ending before it starts (in English) says so beside the end time, the rest as typed", async () => {
    renderClass({ viewer: "provider", locale: "en", answer: (fd) => refusedBySchema(fd, SessionAddSchema) });
    await screen.findByTestId("class-title");
    fireEvent.input(screen.getByLabelText("Day"), { target: { value: "2026-12-08" } });
    fireEvent.input(screen.getByLabelText("Starts at"), { target: { value: "14:00" } });
    fireEvent.input(screen.getByLabelText("Ends at"), { target: { value: "09:00" } });
    fireEvent.input(screen.getByLabelText("Topic (optional)"), { target: { value: "Safety at work" } });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    const end = screen.getByLabelText("Ends at");
    await waitFor(() => expect(problemsOf(end)).toEqual(["The end time must be after the start time"]));
    expect(problemsOf(screen.getByLabelText("Starts at"))).toEqual([]);
    expect(input(screen.getByLabelText("Day")).value).toBe("2026-12-08");
    expect(input(screen.getByLabelText("Topic (optional)")).value).toBe("Safety at work");
  });

  it("enrolling everyone lists each person's outcome, a refusal with the class it clashes with", async () => {
    renderClass({
      viewer: "coordinator",
      answer: (fd) =>
        Response.json({
          ...classReplyBase(fd),
          values: undefined,
          done: "enrolled",
          results: [
            { workerId: "w-3", name: "孙桂兰", outcome: "ENROLLED" },
            { workerId: "w-4", name: "周大山", outcome: "WAITLISTED" },
            { workerId: "w-5", name: "吴秀英", outcome: "refused", message: "training.refusal.overlap", otherClass: "育婴员班" },
          ],
        } satisfies ClassReply),
    });
    fireEvent.click(await screen.findByRole("button", { name: "全部报名（1 人）" }));
    const results = await screen.findByTestId("enrol-results");
    expect(
      within(results)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["孙桂兰：已报名", "周大山：班额已满，已进入候补", "吴秀英：与已报名的“育婴员班”上课日期重叠，同一时间只能参加一个班"]);
  });

  it("a change someone else made first is said at the top and in the edit form, which stays open with what was typed", async () => {
    renderClass({
      viewer: "coordinator",
      answer: (fd) => Response.json({ ...classReplyBase(fd), formErrors: ["training.conflict"] } satisfies ClassReply, { status: 409 }),
    });
    await screen.findByTestId("class-title");
    fireEvent.input(screen.getByLabelText("班级名称"), { target: { value: "家政订单班（改）" } });
    fireEvent.click(screen.getByRole("button", { name: "保存修改" }));
    await waitFor(() => expect(screen.getAllByText("这个班刚被别人修改过。请刷新页面，在最新内容上再改。")).toHaveLength(2));
    const name = screen.getByLabelText("班级名称");
    expect(input(name).value).toBe("家政订单班（改）");
    expect(name.closest("details")?.open).toBe(true);
  });
});
