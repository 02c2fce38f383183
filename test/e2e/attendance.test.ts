// Attendance on a phone: the demo trainer opens today's session from the provider home, changes
// two people in one pass (everyone else stays present), submits once, and the marks are saved;
// then the Fuping coordinator forms a class from the plan and sees its sessions. No page is wider
// than the phone.
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { overflowsHorizontally, pagePerTest, signIn } from "./browser";

const baseURL = inject("baseURL");
const tab = pagePerTest({ viewport: { width: 375, height: 740 } });
let pageErrors: string[];

beforeEach(() => {
  pageErrors = [];
  tab.page.on("pageerror", (e) => pageErrors.push(String(e)));
});
afterEach(() => {
  expect(pageErrors).toEqual([]);
});

describe("attendance", () => {
  it("the trainer marks today's session in one pass at phone size", async () => {
    await signIn(tab.page, baseURL, "trainer", DEMO_PASSWORD);
    await tab.page.waitForURL(`${baseURL}/provider`);
    await tab.page.getByTestId("today-session").first().waitFor();
    expect(await overflowsHorizontally(tab.page)).toBe(false);

    await tab.page.getByTestId("today-mark").first().click();
    await tab.page.getByTestId("attendance-sheet").waitFor();
    await tab.page.waitForLoadState("networkidle");
    expect(await overflowsHorizontally(tab.page)).toBe(false);
    const rows = tab.page.getByTestId("attendance-row");
    const count = await rows.count();
    expect(count).toBeGreaterThan(3);
    // Everyone starts present; one tap each changes two people.
    expect(await tab.page.locator('[data-testid="attendance-row"][data-status="PRESENT"]').count()).toBe(count);
    await rows.nth(0).getByText("缺勤").click();
    await rows.nth(1).getByText("请假").click();
    await expect.poll(() => tab.page.getByTestId("attendance-tally").textContent()).toBe(`出勤 ${count - 2}，缺勤 1，请假 1`);
    await tab.page.getByTestId("attendance-submit").click();
    await tab.page.getByTestId("attendance-saved").waitFor();
    expect(await tab.page.getByTestId("attendance-saved").textContent()).toContain(`改动 ${count} 处`);
    // After the reload from the server the marks are what was submitted.
    expect(await rows.nth(0).getAttribute("data-status")).toBe("ABSENT");
    expect(await rows.nth(1).getAttribute("data-status")).toBe("EXCUSED");
    expect(await rows.nth(2).getAttribute("data-status")).toBe("PRESENT");
    expect(await overflowsHorizontally(tab.page)).toBe(false);

    // The class page shows the session as marked and the trainees masked.
    await tab.page
      .getByRole("link", { name: /养老护理员/ })
      .first()
      .click();
    await tab.page.getByTestId("class-roster").waitFor();
    expect(await overflowsHorizontally(tab.page)).toBe(false);
    const today = tab.page.locator('[data-testid="session-row"].today');
    await expect.poll(() => today.locator(".badge.ok").count()).toBe(1);
    expect(await tab.page.getByTestId("class-roster").textContent()).toMatch(/\*{4,}/);
  });

  it("the county coordinator forms a class (errors next to the fields first) and lands on its sessions", async () => {
    await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD);
    await tab.page.waitForURL(`${baseURL}/coordinator`);
    await tab.page.getByTestId("coordinator-home").waitFor();
    await tab.page.goto(`${baseURL}/coordinator/classes`);
    await tab.page.getByTestId("completion-rates").waitFor();
    expect(await overflowsHorizontally(tab.page)).toBe(false);
    await tab.page.getByTestId("class-new").click();
    await tab.page.getByTestId("class-form").waitFor();
    await tab.page.waitForLoadState("networkidle");
    expect(await overflowsHorizontally(tab.page)).toBe(false);
    await tab.page.getByLabel("班级名称").fill("电工（县计划）第1期");
    await tab.page.getByLabel("开班日期").fill("2027-03-10");
    await tab.page.getByLabel("结业日期").fill("2027-03-01");
    // Leaving the field checks it at once (and the message moves the button: wait for it before tapping).
    await tab.page.getByRole("heading", { level: 1 }).click();
    await tab.page.getByText("结束日期不能早于开始日期").waitFor();
    await tab.page.getByTestId("class-create").click();
    await tab.page.getByText("请选择培训机构").waitFor();
    // What was typed is still there.
    expect(await tab.page.getByLabel("班级名称").inputValue()).toBe("电工（县计划）第1期");
    await tab.page.getByLabel("培训机构").selectOption({ index: 1 });
    await tab.page.getByLabel("培训工种").selectOption("electrician");
    await tab.page.getByLabel("开班所在县（计入该县计划）").selectOption("130624");
    await tab.page.getByLabel("班额（人）").fill("20");
    await tab.page.getByLabel("结业日期").fill("2027-03-21");
    await tab.page.getByRole("heading", { level: 1 }).click();
    await expect.poll(() => tab.page.getByText("结束日期不能早于开始日期").count()).toBe(0);
    await tab.page.getByTestId("class-create").click();
    await tab.page.getByTestId("class-title").waitFor();
    expect(await tab.page.getByTestId("class-title").textContent()).toContain("电工（县计划）第1期");
    // 2027-03-10 (Wed) to 2027-03-21, Monday to Friday: 8 sessions.
    expect(await tab.page.getByTestId("session-row").count()).toBe(8);
    expect(await overflowsHorizontally(tab.page)).toBe(false);
  });
});
