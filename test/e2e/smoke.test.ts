// Smoke test through a real browser at phone size: every demo role signs in and lands on its
// own home page, in Chinese by default and in English on request.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { LOCALE_COOKIE } from "~/i18n/i18n";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { overflowsHorizontally, pagePerTest, signIn } from "./browser";

const baseURL = inject("baseURL");
const tab = pagePerTest();

describe("public pages", () => {
  it("serves the Chinese home page by default, fitting a phone screen", async () => {
    await tab.page.goto(baseURL);
    expect(await tab.page.getAttribute("html", "lang")).toBe("zh-CN");
    await expect.poll(() => tab.page.getByRole("heading", { level: 1 }).textContent()).toContain("把好岗位送到村里");
    expect(await overflowsHorizontally(tab.page)).toBe(false);
  });

  it("switches to English and remembers it", async () => {
    await tab.page.goto(baseURL);
    await tab.page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => tab.page.getByRole("heading", { level: 1 }).textContent()).toContain("Good jobs to the villages");
    expect(await tab.page.getAttribute("html", "lang")).toBe("en");
    await tab.page.goto(`${baseURL}/login`);
    expect(await tab.page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
  });

  // The browser tab's title is the page's language too (these three were written in Chinese, one half English).
  // A page without a title of its own is titled by its area's link it is under (areaFrame's meta).
  for (const { locale, login, dashboard, profile, placements } of [
    { locale: "zh-CN", login: "登录 · 劳务桥", dashboard: "计划进度 · 劳务桥", profile: "我的求职意向 · 劳务桥", placements: "就业核实 · 劳务桥" },
    {
      locale: "en",
      login: "Sign in · LaborBridge",
      dashboard: "Plan progress · LaborBridge",
      profile: "My skills and wishes · LaborBridge",
      placements: "Placements · LaborBridge",
    },
  ]) {
    it(`${locale}: the sign-in, dashboard and profile pages are titled in the page's language`, async () => {
      const language = () => tab.context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL }]);
      await language();
      await tab.page.goto(`${baseURL}/login`);
      expect(await tab.page.title()).toBe(login);
      // signIn fills the Chinese form; the pages after it are read in the language under test.
      await tab.context.clearCookies({ name: LOCALE_COOKIE });
      await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD, "/coordinator");
      await language();
      await tab.page.goto(`${baseURL}/coordinator/dashboard`);
      await tab.page.getByTestId("targets").waitFor();
      expect(await tab.page.title()).toBe(dashboard);
      await tab.page.goto(`${baseURL}/coordinator/placements`);
      expect(await tab.page.title()).toBe(placements);
      // The demo job seeker's page, only read.
      await tab.context.clearCookies();
      await signIn(tab.page, baseURL, "13800000001", DEMO_PASSWORD, "/me");
      await language();
      await tab.page.goto(`${baseURL}/me/profile`);
      expect(await tab.page.title()).toBe(profile);
    });
  }

  it("shows a wrong password above the form, in Chinese, keeping the account typed", async () => {
    await signIn(tab.page, baseURL, "fuping", "not-the-password");
    await expect.poll(() => tab.page.getByRole("alert").first().textContent()).toContain("账号或密码不正确");
    expect(await tab.page.getByLabel("账号").inputValue()).toBe("fuping");
  });

  it("an empty form shows every problem next to its field", async () => {
    await tab.page.goto(`${baseURL}/login`, { waitUntil: "networkidle" });
    await tab.page.getByRole("button", { name: "登录" }).click();
    for (const label of ["账号", "密码"]) {
      const field = tab.page.locator(".field").filter({ has: tab.page.getByLabel(label) });
      await expect.poll(() => field.getByRole("alert").textContent()).toContain("请填写此项");
      expect(await tab.page.getByLabel(label).getAttribute("aria-invalid")).toBe("true");
    }
  });

  it("checks a field in the browser as the user leaves it", async () => {
    await tab.page.goto(`${baseURL}/login`, { waitUntil: "networkidle" });
    await tab.page.getByLabel("账号").fill("x");
    await tab.page.getByLabel("账号").fill("");
    await tab.page.getByLabel("密码").focus();
    const field = tab.page.locator(".field").filter({ has: tab.page.getByLabel("账号") });
    await expect.poll(() => field.getByRole("alert").textContent()).toContain("请填写此项");
  });
});

describe("each demo role lands on its home page", () => {
  const cases = [
    { who: "admin", testId: "admin-home", path: "/admin" },
    { who: "hebei", testId: "coordinator-home", path: "/coordinator" },
    { who: "fuping", testId: "coordinator-home", path: "/coordinator" },
    { who: "trainer", testId: "provider-home", path: "/provider" },
    { who: "employer", testId: "employer-home", path: "/employer" },
    { who: "13800000001", testId: "seeker-home", path: "/me" },
  ];
  for (const c of cases) {
    it(`${c.who} → ${c.path}`, async () => {
      await signIn(tab.page, baseURL, c.who, DEMO_PASSWORD);
      await tab.page.waitForURL(`${baseURL}${c.path}`);
      await tab.page.getByTestId(c.testId).waitFor();
      expect(await overflowsHorizontally(tab.page)).toBe(false);
    });
  }

  it("a county coordinator sees only their county's job seekers, masked", async () => {
    await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD, "/coordinator");
    // The URL changes before the page has rendered: wait for the table itself.
    await tab.page.getByTestId("coordinator-home").waitFor();
    await tab.page.locator("tbody tr").first().waitFor();
    const counties = await tab.page.locator("tbody tr td:nth-child(3)").allTextContents();
    expect(counties.length).toBeGreaterThan(0);
    expect(new Set(counties)).toEqual(new Set(["阜平县"]));
    const ids = await tab.page.locator("tbody tr td:nth-child(2)").allTextContents();
    for (const id of ids) expect(id).toMatch(/^1306\*{14}$/);
  });

  it("a county coordinator is refused another role's pages", async () => {
    await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD, "/coordinator");
    const res = await tab.page.goto(`${baseURL}/admin`);
    expect(res?.status()).toBe(403);
  });
});

describe("coordinator search", () => {
  it("finds job seekers of the county by Chinese text, at phone size", async () => {
    await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD, "/coordinator");
    await tab.page.getByRole("link", { name: "查找求职者" }).click();
    await tab.page.getByTestId("worker-search").waitFor();
    // The workers process indexes the demo's outbox shortly after start.
    await expect
      .poll(
        async () => {
          await tab.page.reload();
          return tab.page.locator("tbody tr").count();
        },
        { timeout: 60_000, interval: 2000 },
      )
      .toBeGreaterThan(0);
    const firstName = (await tab.page.locator("tbody tr td:first-child a").first().textContent())!;
    await tab.page.getByLabel("姓名、技能或工种").fill(firstName.slice(0, 2));
    await tab.page.getByRole("button", { name: "搜索" }).click();
    await tab.page.waitForURL(/q=/);
    const names = await tab.page.locator("tbody tr td:first-child a").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toContain(firstName.slice(0, 2));
    expect(new Set(await tab.page.locator("tbody tr td:nth-child(3)").allTextContents())).toEqual(new Set(["阜平县"]));
    expect(await overflowsHorizontally(tab.page)).toBe(false);
  });
});

describe("job seeker self-service", () => {
  it("updates the minimum wage and sees it saved, at phone size", async () => {
    await signIn(tab.page, baseURL, "13800000001", DEMO_PASSWORD, "/me");
    await tab.page.getByRole("link", { name: "更新技能和求职意向" }).click();
    await tab.page.getByTestId("my-profile").waitFor();
    await tab.page.waitForLoadState("networkidle");
    const wage = tab.page.getByLabel("每月最少要挣多少钱", { exact: false });
    await wage.fill("abc");
    await tab.page.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => tab.page.locator(".field").filter({ has: wage }).getByRole("alert").textContent()).toContain("请填写整数金额");
    await wage.fill("6500");
    await tab.page.getByRole("button", { name: "保存" }).click();
    await tab.page.waitForURL(`${baseURL}/me?saved=1`);
    expect(await tab.page.getByRole("status").textContent()).toContain("已保存");
    await tab.page.goto(`${baseURL}/me/profile`);
    expect(await tab.page.getByLabel("每月最少要挣多少钱", { exact: false }).inputValue()).toBe("6500");
    expect(await overflowsHorizontally(tab.page)).toBe(false);
  });
});

// Strings per page (app/i18n): the document carries the page's namespaces only; a client-side
// navigation to a page needing more fetches them before the page is drawn, so no raw key shows.
const RAW_KEY_PREFIXES = [
  ...["common", "home", "login", "admin", "coordinator", "provider", "employer", "me", "training", "reg", "import", "emp", "out", "matching", "plans"],
  ...["search", "ref", "subsidy", "desk", "lists", "ops", "app", "nav", "roles", "levels", "workerStatus", "employerStatus", "trainingKind", "errors"],
];
const RAW_KEY = new RegExp(`\\b(?:${RAW_KEY_PREFIXES.join("|")})\\.[A-Za-z_]+`);
const inlineNamespaces = (p: Page) =>
  p.evaluate(() => Object.keys((JSON.parse(document.getElementById("lb-i18n")!.textContent!) as { strings: object }).strings).sort());

describe("strings per page", () => {
  for (const [locale, heading] of [
    ["zh-CN", "求职登记"],
    ["en", "Register"],
  ] as const) {
    it(`${locale}: the home page carries its namespaces only; the link to /register loads the one it adds first`, async () => {
      if (locale === "en") await tab.context.addCookies([{ name: "lb_lng", value: "en", url: baseURL }]);
      const chunks: string[] = [];
      tab.page.on("request", (r) => {
        const m = r.url().match(/\/assets\/(\w+)-[\w-]+\.js$/);
        if (m) chunks.push(m[1]);
      });
      await tab.page.goto(baseURL);
      expect(await inlineNamespaces(tab.page)).toEqual(["common", "home", "login", "search"]);
      expect(chunks).not.toContain("reg");
      // Hydrated (React has taken the link over): the click is a client-side navigation.
      await tab.page.waitForFunction(() => Object.keys(document.querySelector('main a[href="/register"]') ?? {}).some((k) => k.startsWith("__reactProps")));
      await tab.page.locator('main a[href="/register"]').first().click();
      await tab.page.waitForURL(/\/register$/);
      await expect.poll(() => tab.page.getByRole("heading", { level: 1 }).textContent()).toContain(heading);
      expect(chunks).toContain("reg");
      expect(await tab.page.locator("body").innerText()).not.toMatch(RAW_KEY);
      expect(await tab.page.getAttribute("html", "lang")).toBe(locale);
    });
  }

  it("a coordinator's pages, reached by client-side navigation after signing in, show no raw key", async () => {
    await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD);
    await tab.page.waitForURL(/\/coordinator/);
    await expect.poll(() => tab.page.locator("main").innerText()).not.toBe("");
    expect(await tab.page.locator("body").innerText()).not.toMatch(RAW_KEY);
    await tab.page.locator("main a[href^='/coordinator/']").first().click();
    await tab.page.waitForLoadState("networkidle");
    expect(await tab.page.locator("body").innerText()).not.toMatch(RAW_KEY);
  });
});
