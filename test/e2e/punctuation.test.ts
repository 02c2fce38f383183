// Punctuation is the page's language too: Chinese pages write full-width colons and separators
// (：、；，), English pages ": ", ", ", "; ". Pages that wrote them in the markup showed
// "Import finished：3 new", "Training subsidy：CNY …" and "Conditions：…；…" in English.
import { stringify } from "csv-stringify/sync";
import { describe, expect, inject, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { LOCALE_COOKIE } from "~/i18n/i18n";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { pagePerTest, signIn } from "./browser";

const baseURL = inject("baseURL");
const tab = pagePerTest();
const FULL_WIDTH = /[：；、，]/;

// Born on the 31st: the demo data set only uses days 1–28, so these people are new.
const roster = (seq: number) =>
  stringify([
    ["姓名", "身份证号", "手机号", "户籍县"],
    ["周标点", makeResidentId("130624", "1986-05-31", seq), `1390000${String(seq).padStart(4, "0")}`, "阜平县"],
  ]);

describe("punctuation follows the language", () => {
  for (const { locale, done, colon } of [
    { locale: "zh-CN", done: /^导入完成：新登记 1，/, colon: "：" },
    { locale: "en", done: /^Import finished: 1 new/, colon: ": " },
  ]) {
    it(`${locale}: the import's summary, the funds page's costs and the subsidy policies' conditions`, async () => {
      await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD, "/coordinator");
      await tab.context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL }]);
      await tab.page.goto(`${baseURL}/coordinator/imports`, { waitUntil: "networkidle" });
      await tab.page.locator("input[type=file]").setInputFiles({
        name: `${locale}.csv`,
        mimeType: "text/csv",
        buffer: Buffer.from(`\uFEFF${roster(locale === "en" ? 641 : 643)}`),
      });
      await tab.page.locator("form[enctype='multipart/form-data'] button[type=submit]").click();
      await tab.page.waitForURL(/\/coordinator\/imports\/[0-9a-f-]{36}$/);
      await expect.poll(() => tab.page.getByTestId("import-done").count(), { timeout: 90_000, interval: 500 }).toBe(1);
      expect(await tab.page.getByTestId("import-done").textContent()).toMatch(done);

      await tab.page.goto(`${baseURL}/coordinator/subsidies/funds`);
      const costs = await tab.page.locator("[data-testid=funds-county] ul.plain-list > li").allTextContents();
      expect(costs.length).toBeGreaterThan(0);
      for (const line of costs) expect(line).toContain(colon);
      if (locale === "en") for (const line of costs) expect(line).not.toMatch(FULL_WIDTH);

      await tab.context.clearCookies();
      await signIn(tab.page, baseURL, "admin", DEMO_PASSWORD, "/admin");
      await tab.context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL }]);
      await tab.page.goto(`${baseURL}/admin/subsidy-policies`);
      const conditions = await tab.page.locator("[data-testid=policy-row] > small:not(.muted)").allTextContents();
      expect(conditions.length).toBeGreaterThan(0);
      for (const line of conditions) expect(line).toContain(colon);
      // The conditions the platform writes (the policy's own legal source is data, in Chinese).
      if (locale === "en") for (const line of conditions) expect(line).not.toMatch(FULL_WIDTH);
    });
  }
});
