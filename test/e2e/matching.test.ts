// Matching in a real browser at phone size, in Chinese: a coordinator finds postings, opens one's
// ranked matches (explanations, factor breakdown), reads the fairness report; and issue 5's
// done-criterion: a posting published in the browser shows ranked candidates with reasons within
// seconds, without anyone pressing a button (the page is watched, nothing is clicked).
import { describe, expect, it } from "vitest";
import { LOCALE_COOKIE } from "~/i18n/i18n";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { overflowsHorizontally } from "./browser";
import { journey } from "./journey";

const { baseURL, signedIn } = journey();

describe("matching on screen", () => {
  const postingTitle = `住家保姆（匹配 e2e ${Date.now().toString(36).slice(-4)}）`;
  let postingId = "";

  it("a posting published in the browser shows ranked candidates with reasons within seconds, without pressing a button", async () => {
    const page = await signedIn("employer", DEMO_PASSWORD, "/employer");
    await page.getByRole("link", { name: "发布招聘订单" }).click();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("工种", { exact: true }).selectOption("domestic-helper");
    await page.getByLabel("岗位名称").fill(postingTitle);
    await page.getByLabel("招聘人数").fill("3");
    await page.getByLabel("月薪下限（元）").fill("6000");
    await page.getByLabel("月薪上限（元）").fill("9000");
    await page.getByLabel("提供住宿").check();
    await page.getByLabel("工作地点（区县）").selectOption("110105");
    await page.getByRole("button", { name: "发布", exact: true }).click();
    await page.waitForURL(/\/employer\/postings\/[0-9a-f-]{36}\?done=published$/);
    postingId = new URL(page.url()).pathname.split("/").pop()!;
    await expect.poll(() => page.getByTestId("posting-title").textContent()).toContain("招聘中");

    // Nothing is clicked from here on: the page looks again by itself while nobody is listed yet.
    const cards = page.getByTestId("candidate");
    await expect.poll(() => cards.count(), { timeout: 90_000, interval: 1000 }).toBeGreaterThan(0);
    const text = await cards.first().textContent();
    expect(text).toMatch(/住家保姆|家政/);
    // The breakdown is read when the card's fold is opened (issue 15), not carried in the page.
    expect(await cards.first().getByTestId("factor-breakdown").count()).toBe(0);
    // Opened again if a re-match replaced the card meanwhile (the list is then read again, folds closed).
    await expect
      .poll(
        async () => {
          const card = cards.first();
          if (!(await card.locator("details.reasons").evaluate((d) => (d as HTMLDetailsElement).open))) await card.getByText("推荐理由").click();
          return card.getByTestId("factor-breakdown").count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.context().close();
  });

  it("a coordinator searches postings, opens the new posting’s ranked matches with explanations, and reads the fairness report", async () => {
    const page = await signedIn("hebei", DEMO_PASSWORD, "/coordinator");
    await page.getByTestId("link-target-search").click();
    await page.getByTestId("target-search").waitFor();
    await page.getByLabel("关键词").fill("保姆");
    await page.getByRole("button", { name: "搜索" }).click();
    await page.waitForURL(/q=/);
    // On a first start the demo's 3,000 people are indexed before its postings, so the list may
    // still be filling: the page (results or "none found") must render at phone width either way.
    await page.locator("[data-testid=target-results], .empty").first().waitFor({ timeout: 30_000 });
    expect(await overflowsHorizontally(page)).toBe(false);

    await page.goto(`${baseURL}/coordinator/postings/${postingId}/matches`);
    await page.getByTestId("match-target").waitFor();
    const first = page.getByTestId("ranked-match").first();
    await first.waitFor();
    expect((await first.getByTestId("match-explanation").textContent())?.trim().length).toBeGreaterThan(4);
    await first.getByText("评分构成", { exact: true }).click();
    await expect.poll(() => first.getByTestId("factor-breakdown").textContent()).toMatch(/分/);
    expect(await page.getByTestId("near-misses").isVisible()).toBe(true);
    expect(await overflowsHorizontally(page)).toBe(false);

    await page.goto(`${baseURL}/coordinator`);
    await page.getByTestId("link-fairness").click();
    await page.getByTestId("fairness").waitFor();
    await expect.poll(() => page.getByTestId("fairness-table").locator("tbody tr").count(), { timeout: 30_000 }).toBe(5);
    expect(await page.getByTestId("fairness-table").textContent()).toContain("建档立卡户");
    expect(await overflowsHorizontally(page)).toBe(false);

    // The same report in English, still phone-sized.
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL }]);
    await page.reload();
    await page.getByTestId("fairness").waitFor();
    await expect.poll(() => page.getByTestId("fairness").textContent(), { timeout: 30_000 }).toBe("Fairness report");
    expect(await page.getByTestId("fairness-table").textContent()).toContain("Registered poor households");
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.context().close();
  });
});
