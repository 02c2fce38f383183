// The coordinators' dashboard at phone size: the 阜平县 coordinator lands on their county's plan
// progress (no other county, no other county's page), drills into a number and exports the list
// behind it; the file holds people of 阜平县 only, ID numbers masked. The province sees every
// prefecture ranked.
import { parse } from "csv-parse/sync";
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { overflowsHorizontally, pagePerTest, signIn } from "./browser";

const baseURL = inject("baseURL");
const tab = pagePerTest({ acceptDownloads: true });

describe("plan progress dashboard", () => {
  it("a county coordinator sees only their county and exports the records behind a number", async () => {
    await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD);
    await tab.page.waitForURL(`${baseURL}/coordinator`);
    await tab.page.getByTestId("dashboard-link").click();
    await tab.page.waitForURL(/\/coordinator\/dashboard/);
    await tab.page.getByTestId("targets").waitFor();
    expect(await tab.page.getByTestId("dashboard-title").textContent()).toContain("阜平县");
    expect(await tab.page.getByTestId("children").count()).toBe(0);
    expect(await tab.page.locator("[data-target=trainingPersonTimes] td").nth(1).textContent()).toMatch(/\d/);
    expect(await overflowsHorizontally(tab.page)).toBe(false);

    // Another county's dashboard, or the prefecture's, is not theirs.
    expect((await tab.page.goto(`${baseURL}/coordinator/dashboard?region=130881`))?.status()).toBe(404);
    expect((await tab.page.goto(`${baseURL}/coordinator/dashboard?region=130600`))?.status()).toBe(404);

    // Earlier files changed records of 阜平县: the headline catches up within seconds (the page
    // says so meanwhile); once it has, it and the live drill-down agree.
    await expect
      .poll(
        async () => {
          await tab.page.goto(`${baseURL}/coordinator/dashboard`);
          await tab.page.getByTestId("targets").waitFor();
          return tab.page.getByTestId("stats-pending").count();
        },
        { timeout: 90_000, interval: 2000 },
      )
      .toBe(0);
    const shown = Number((await tab.page.locator("[data-target=transferredPersons] [data-testid=drill]").textContent())!.replace(/\D/g, ""));
    expect(shown).toBeGreaterThan(0);
    await tab.page.locator("[data-target=transferredPersons] [data-testid=drill]").click();
    await tab.page.waitForURL(/\/coordinator\/dashboard\/records/);
    await tab.page.getByTestId("records").waitFor();
    expect(await tab.page.getByTestId("records-total").textContent()).toContain(String(shown));
    expect(await overflowsHorizontally(tab.page)).toBe(false);

    const [download] = await Promise.all([tab.page.waitForEvent("download"), tab.page.getByTestId("export-records-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text.startsWith("\uFEFF姓名,身份证号")).toBe(true);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(shown);
    expect(new Set(rows.map((r) => r["户籍县"]))).toEqual(new Set(["阜平县"]));
    expect(rows.every((r) => /^1306\*{14}$/.test(r["身份证号"]))).toBe(true);
  });

  it("the province sees its prefectures ranked, and the printable report", async () => {
    await signIn(tab.page, baseURL, "hebei", DEMO_PASSWORD);
    await tab.page.waitForURL(`${baseURL}/coordinator`);
    await tab.page.goto(`${baseURL}/coordinator/dashboard`);
    await tab.page.getByTestId("children").waitFor();
    expect(await tab.page.locator("[data-testid=children] tbody tr").count()).toBeGreaterThanOrEqual(11);
    expect(await overflowsHorizontally(tab.page)).toBe(false);
    await tab.page.goto(`${baseURL}/coordinator/report?region=130624&year=${new Date().getFullYear()}&month=6`);
    await tab.page.getByTestId("report-title").waitFor();
    expect(await tab.page.getByTestId("report-title").textContent()).toContain("阜平县");
    expect(await overflowsHorizontally(tab.page)).toBe(false);
  });
});
