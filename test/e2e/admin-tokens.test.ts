// The admin's token page at phone size, in Chinese and in English: a token named for a person who does
// not hold its role over its region is refused beside the person's field, with everything typed kept;
// the same person behind a token of their own county gets one, shown once, with one tap after the correction.
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { overflowsHorizontally, pagePerTest, signIn } from "./browser";

const baseURL = inject("baseURL");
const tab = pagePerTest();

const cases = [
  { locale: "zh-CN", outOfScope: "这个账号在令牌的地区没有这个角色" },
  { locale: "en", outOfScope: "This account does not hold the token's role over the token's region" },
] as const;

describe("API tokens on the admin page", () => {
  for (const { locale, outOfScope } of cases) {
    it(`${locale}: the county's coordinator cannot stand behind the prefecture's token; behind their county's they can`, async () => {
      await signIn(tab.page, baseURL, "admin", DEMO_PASSWORD, "/admin");
      if (locale === "en") await tab.context.addCookies([{ name: "lb_lng", value: "en", url: baseURL }]);
      await tab.page.goto(`${baseURL}/admin/tokens`);
      const name = `sync ${locale} ${Date.now().toString(36)}`;
      const form = tab.page.locator("form").filter({ has: tab.page.locator("input[name=issuedFor]") });
      await form.locator("input[name=name]").fill(name);
      await form.locator("select[name=role]").selectOption("COORDINATOR");
      await form.locator("input[name=regionCode]").fill("130600");
      await form.locator("input[name=issuedFor]").fill("fuping");
      await form.locator("button[type=submit]").click();

      const person = form.locator("input[name=issuedFor]");
      await expect.poll(() => person.getAttribute("aria-invalid")).toBe("true");
      // The message is beside the field and tied to it (aria-describedby), in the page's language.
      const describedBy = (await person.getAttribute("aria-describedby"))?.split(" ") ?? [];
      const beside = await Promise.all(describedBy.map((id) => tab.page.locator(`[id="${id}"]`).textContent()));
      expect(beside.join(" ")).toContain(outOfScope);
      // Nothing typed is lost, and no token was shown.
      expect(await form.locator("input[name=name]").inputValue()).toBe(name);
      expect(await form.locator("input[name=regionCode]").inputValue()).toBe("130600");
      expect(await person.inputValue()).toBe("fuping");
      expect(await tab.page.getByTestId("new-token").count()).toBe(0);
      expect(await overflowsHorizontally(tab.page)).toBe(false);

      // Their own county: the token is made and shown once. One tap on 创建 is enough: leaving the
      // corrected field must not move the button from under the finger (app/components/keep-focus.ts).
      await form.locator("input[name=regionCode]").fill("130624");
      await form.locator("button[type=submit]").tap();
      await tab.page.getByTestId("new-token").waitFor();
      expect(await tab.page.getByTestId("new-token").textContent()).toMatch(/^lb_[0-9a-f]{8}_/);
    });
  }
});
