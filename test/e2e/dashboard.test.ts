// The coordinators' dashboard at phone size: the 阜平县 coordinator lands on their county's plan
// progress (no other county, no other county's page), drills into a number and exports the list
// behind it; the file holds people of 阜平县 only, ID numbers masked. The province sees every
// prefecture ranked.
import { parse } from "csv-parse/sync";
import { describe, expect, inject, it } from "vitest";
import { LOCALE_COOKIE } from "~/i18n/i18n";
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

  for (const locale of ["zh-CN", "en"] as const) {
    it(`${locale}: a breakdown's records are headed by the row's name (a training kind, a transfer type, a place, a provider), never its code`, async () => {
      await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD);
      await tab.page.waitForURL(`${baseURL}/coordinator`);
      if (locale === "en") await tab.context.addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL }]);
      await tab.page.goto(`${baseURL}/coordinator/dashboard`);
      await tab.page.getByTestId("targets").waitFor();
      // Each row of the breakdowns (by provider and training kind, by transfer type and work region): its name on the dashboard and the link to its records.
      const rows = await tab.page.locator("section[aria-labelledby=provider-h] tbody tr, section[aria-labelledby=dest-h] tbody tr").evaluateAll((trs) =>
        trs.flatMap((tr) => {
          const link = tr.querySelector<HTMLAnchorElement>('a[href*="dim="]');
          return link
            ? [
                {
                  label: (tr.querySelector("th, td")?.textContent ?? "").trim(),
                  href: link.getAttribute("href")!,
                  dim: new URL(link.href).searchParams.get("dim")!,
                },
              ]
            : [];
        }),
      );
      const kinds = new Set(rows.map((r) => r.dim.split(":")[0]));
      for (const kind of ["kind", "provider", "type", "region"]) expect(kinds).toContain(kind);
      for (const row of rows) {
        await tab.page.goto(`${baseURL}${row.href}`);
        const scope = (await tab.page.getByTestId("records-scope").textContent())!;
        expect(scope, row.href).toContain(row.label);
        const code = row.dim.split(":")[1];
        if (code) expect(scope, row.href).not.toContain(code);
        expect(scope, row.href).not.toMatch(/[A-Z]{2,}_|\d{6}|[0-9a-f]{8}-|:\s*$/);
      }
      expect(await overflowsHorizontally(tab.page)).toBe(false);
    });
  }

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
