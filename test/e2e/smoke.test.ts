// Smoke test through a real browser at phone size: every demo role signs in and lands on its
// own home page, in Chinese by default and in English on request.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { launch, overflowsHorizontally, PHONE, signIn } from "./browser";

const baseURL = inject("baseURL");
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ ...PHONE, locale: "zh-CN" });
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

describe("public pages", () => {
  it("serves the Chinese home page by default, fitting a phone screen", async () => {
    await page.goto(baseURL);
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("把好岗位送到村里");
    expect(await overflowsHorizontally(page)).toBe(false);
  });

  it("switches to English and remembers it", async () => {
    await page.goto(baseURL);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Good jobs to the villages");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.goto(`${baseURL}/login`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
  });

  it("shows a wrong password above the form, in Chinese, keeping the account typed", async () => {
    await signIn(page, baseURL, "fuping", "not-the-password");
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("账号或密码不正确");
    expect(await page.getByLabel("账号").inputValue()).toBe("fuping");
  });

  it("an empty form shows every problem next to its field", async () => {
    await page.goto(`${baseURL}/login`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "登录" }).click();
    for (const label of ["账号", "密码"]) {
      const field = page.locator(".field").filter({ has: page.getByLabel(label) });
      await expect.poll(() => field.getByRole("alert").textContent()).toContain("请填写此项");
      expect(await page.getByLabel(label).getAttribute("aria-invalid")).toBe("true");
    }
  });

  it("checks a field in the browser as the user leaves it", async () => {
    await page.goto(`${baseURL}/login`, { waitUntil: "networkidle" });
    await page.getByLabel("账号").fill("x");
    await page.getByLabel("账号").fill("");
    await page.getByLabel("密码").focus();
    const field = page.locator(".field").filter({ has: page.getByLabel("账号") });
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
      await signIn(page, baseURL, c.who, DEMO_PASSWORD);
      await page.waitForURL(`${baseURL}${c.path}`);
      await page.getByTestId(c.testId).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
    });
  }

  it("a county coordinator sees only their county's job seekers, masked", async () => {
    await signIn(page, baseURL, "fuping", DEMO_PASSWORD);
    await page.waitForURL(`${baseURL}/coordinator`);
    // The URL changes before the page has rendered: wait for the table itself.
    await page.getByTestId("coordinator-home").waitFor();
    await page.locator("tbody tr").first().waitFor();
    const counties = await page.locator("tbody tr td:nth-child(3)").allTextContents();
    expect(counties.length).toBeGreaterThan(0);
    expect(new Set(counties)).toEqual(new Set(["阜平县"]));
    const ids = await page.locator("tbody tr td:nth-child(2)").allTextContents();
    for (const id of ids) expect(id).toMatch(/^1306\*{14}$/);
  });

  it("a county coordinator is refused another role's pages", async () => {
    await signIn(page, baseURL, "fuping", DEMO_PASSWORD);
    await page.waitForURL(`${baseURL}/coordinator`);
    const res = await page.goto(`${baseURL}/admin`);
    expect(res?.status()).toBe(403);
  });
});

describe("coordinator search", () => {
  it("finds job seekers of the county by Chinese text, at phone size", async () => {
    await signIn(page, baseURL, "fuping", DEMO_PASSWORD);
    await page.waitForURL(`${baseURL}/coordinator`);
    await page.getByRole("link", { name: "查找求职者" }).click();
    await page.getByTestId("worker-search").waitFor();
    // The workers process indexes the demo's outbox shortly after start.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator("tbody tr").count();
        },
        { timeout: 60_000, interval: 2000 },
      )
      .toBeGreaterThan(0);
    const firstName = (await page.locator("tbody tr td:first-child a").first().textContent())!;
    await page.getByLabel("姓名、技能或工种").fill(firstName.slice(0, 2));
    await page.getByRole("button", { name: "搜索" }).click();
    await page.waitForURL(/q=/);
    const names = await page.locator("tbody tr td:first-child a").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toContain(firstName.slice(0, 2));
    expect(new Set(await page.locator("tbody tr td:nth-child(3)").allTextContents())).toEqual(new Set(["阜平县"]));
    expect(await overflowsHorizontally(page)).toBe(false);
  });
});

describe("job seeker self-service", () => {
  it("updates the minimum wage and sees it saved, at phone size", async () => {
    await signIn(page, baseURL, "13800000001", DEMO_PASSWORD);
    await page.waitForURL(`${baseURL}/me`);
    await page.getByRole("link", { name: "更新技能和求职意向" }).click();
    await page.getByTestId("my-profile").waitFor();
    await page.waitForLoadState("networkidle");
    const wage = page.getByLabel("每月最少要挣多少钱", { exact: false });
    await wage.fill("abc");
    await page.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => page.locator(".field").filter({ has: wage }).getByRole("alert").textContent()).toContain("请填写整数金额");
    await wage.fill("6500");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(`${baseURL}/me?saved=1`);
    expect(await page.getByRole("status").textContent()).toContain("已保存");
    await page.goto(`${baseURL}/me/profile`);
    expect(await page.getByLabel("每月最少要挣多少钱", { exact: false }).inputValue()).toBe("6500");
    expect(await overflowsHorizontally(page)).toBe(false);
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
      if (locale === "en") await context.addCookies([{ name: "lb_lng", value: "en", url: baseURL }]);
      const chunks: string[] = [];
      page.on("request", (r) => {
        const m = r.url().match(/\/assets\/(\w+)-[\w-]+\.js$/);
        if (m) chunks.push(m[1]);
      });
      await page.goto(baseURL);
      expect(await inlineNamespaces(page)).toEqual(["common", "home", "login", "search"]);
      expect(chunks).not.toContain("reg");
      // Hydrated (React has taken the link over): the click is a client-side navigation.
      await page.waitForFunction(() => Object.keys(document.querySelector('main a[href="/register"]') ?? {}).some((k) => k.startsWith("__reactProps")));
      await page.locator('main a[href="/register"]').first().click();
      await page.waitForURL(/\/register$/);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(heading);
      expect(chunks).toContain("reg");
      expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY);
      expect(await page.getAttribute("html", "lang")).toBe(locale);
    });
  }

  it("a coordinator's pages, reached by client-side navigation after signing in, show no raw key", async () => {
    await signIn(page, baseURL, "fuping", DEMO_PASSWORD);
    await page.waitForURL(/\/coordinator/);
    await expect.poll(() => page.locator("main").innerText()).not.toBe("");
    expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY);
    await page.locator("main a[href^='/coordinator/']").first().click();
    await page.waitForLoadState("networkidle");
    expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY);
  });
});
