// Issue 15 on a cheap phone (390 × 844): what /register weighs on fast 3G with the CPU slowed 4×;
// the registration steps drawn the same before scripts run as after; 下一步 that checks its step
// and stays; candidate pages of 20 with "more" under 100 KB of HTML; wide tables that scroll in
// their box, never the page.
import { stringify } from "csv-stringify/sync";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { LOCALE_COOKIE } from "~/i18n/i18n";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { e2eHarness, overflowsHorizontally, pagesClosedAfterEachTest, signIn } from "./browser";
import { CPU_SLOWDOWN, PHONE_390, throttledLoad } from "./throttle";

const baseURL = inject("baseURL");
const h = e2eHarness(inject("databaseUrl"));
const phone = pagesClosedAfterEachTest(() => h.browser, { ...PHONE_390, locale: "zh-CN" });

const KB = 1024;
const next = (page: Page) => page.getByRole("button", { name: "下一步" });
const visibleSteps = (page: Page) => page.locator("section.reg-step:visible").count();
/** The problem shown beside the field labelled `label`. */
const problemOf = (page: Page, label: string) =>
  page
    .locator(".field")
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .getByRole("alert");

/**
 * Issue 15's budget: /register ≤ 150 KB over the wire. Won by brotli everywhere, strings per page
 * (the document carries the page's namespaces in its language only, app/i18n and root.tsx; no
 * dictionary is in a script) and zod off the first load: the form's checks (zod and the schemas,
 * app/features/registration/validation.ts) arrive when the form is first touched.
 * The time until usable is printed and written down, not asserted: the house keeps speed out of
 * tests (it varies with the machine's load several-fold here).
 */
const REGISTER_BUDGET_KB = 150;

describe("/register on fast 3G with 4× CPU slowdown", () => {
  it(`weighs at most ${REGISTER_BUDGET_KB} KB over the wire and becomes usable (CPU ×${CPU_SLOWDOWN}, time printed)`, async () => {
    const load = await throttledLoad(h.browser, `${baseURL}/register`);
    console.log(
      JSON.stringify({ page: "/register", transferredKB: Math.round(load.transferred / KB), usableMs: Math.round(load.usableMs), byType: load.byType }),
    );
    expect(load.transferred).toBeLessThanOrEqual(REGISTER_BUDGET_KB * KB);
    expect(load.byType.Script).toBeLessThan(200 * KB);
    // At most six scripts: HTTP/1.1 gives the page six connections, and each script past the sixth
    // waits a 562 ms round trip on fast 3G (vite.config.ts groups the browser chunks; 15 before).
    expect(load.countByType.Script).toBeLessThanOrEqual(6);
  });

  it("answers compressed: brotli for the page and the precompressed scripts, cached for a year when hashed", async () => {
    const page = await fetch(`${baseURL}/register`, { headers: { "Accept-Encoding": "br, gzip" } });
    expect(page.headers.get("content-encoding")).toBe("br");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    const script = html.match(/\/assets\/[\w-]+\.js/)![0];
    const asset = await fetch(`${baseURL}${script}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(asset.headers.get("content-encoding")).toBe("gzip");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(asset.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(asset.headers.get("vary")).toContain("Accept-Encoding");
    const plain = await fetch(`${baseURL}${script}`, { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect((await plain.text()).length).toBeGreaterThan(0);
  });
});

describe("registration steps on a phone", () => {
  it("looks the same before the scripts run as after: one step, not the whole 7,000 px form", async () => {
    // Scripts that never arrive (a 3G stall): what the person sees until they do.
    const stalled = await phone();
    await stalled.route(/\/assets\/.*\.js$/, (route) => route.abort());
    await stalled.goto(`${baseURL}/register`);
    expect(await visibleSteps(stalled)).toBe(1);
    expect(await stalled.locator(".step-of").textContent()).toContain("第 1 步 / 共 5 步");
    expect(await next(stalled).isVisible()).toBe(true);
    // ...but not live: a tap before the scripts run would be lost, so the button says it is not ready yet (CI run 11).
    expect(await next(stalled).isDisabled()).toBe(true);
    const before = await stalled.evaluate(() => document.documentElement.scrollHeight);
    expect(before).toBeLessThan(2500);

    const hydrated = await phone();
    await hydrated.goto(`${baseURL}/register`);
    await hydrated.locator("form.registration[data-enhanced]").waitFor({ state: "attached" });
    expect(await visibleSteps(hydrated)).toBe(1);
    expect(await next(hydrated).isEnabled()).toBe(true);
    const after = await hydrated.evaluate(() => document.documentElement.scrollHeight);
    expect(Math.abs(after - before)).toBeLessThan(60);

    // Without JavaScript at all, every step shows and posts at once.
    const noJs = await phone({ javaScriptEnabled: false });
    await noJs.goto(`${baseURL}/register`);
    expect(await visibleSteps(noJs)).toBe(5);
    expect(await noJs.locator(".step-of").isVisible()).toBe(false);
    expect(await overflowsHorizontally(noJs)).toBe(false);
  });

  it("下一步 checks the step and stays; one tap is enough even when a blur would show an error; the circle with errors stays readable", async () => {
    const page = await phone();
    await page.goto(`${baseURL}/register`, { waitUntil: "networkidle" });
    await page.locator("form.registration[data-enhanced]").waitFor({ state: "attached" });
    const id = makeResidentId("130624", "1999-12-30", 381);
    await page.getByLabel("姓名", { exact: true }).fill("赵小满");
    await page.getByLabel("手机号码", { exact: true }).fill("13912345678");
    // The ID is typed last and still focused: its blur error would push the button away from the finger.
    await page.getByLabel("身份证号码", { exact: true }).fill(id.slice(0, 17) + (id[17] === "1" ? "2" : "1"));
    await next(page).tap();
    await expect.poll(() => problemOf(page, "身份证号码").textContent()).toContain("身份证号码有误");
    expect(await page.locator(".step-of").textContent()).toContain("第 1 步");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("idNumber");

    // The current step's circle, flagged: its number must not be red on red.
    const circle = page.locator(".steps li.current.has-errors .step-number");
    const colors = await circle.evaluate((el) => {
      const s = getComputedStyle(el);
      return { fg: s.color, bg: s.backgroundColor };
    });
    expect(contrast(colors.fg, colors.bg)).toBeGreaterThanOrEqual(4.5);

    // Corrected, still focused in the field: one tap moves on.
    await page.getByLabel("身份证号码", { exact: true }).fill(id);
    await next(page).tap();
    await expect.poll(() => page.locator(".step-of").textContent()).toContain("第 2 步");
    expect(await visibleSteps(page)).toBe(1);
  });

  it("leaving a field before the checks have arrived posts nothing: the form waits for them, then checks in the phone", async () => {
    const page = await phone();
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    // A slow connection: the checks (loaded on the first touch of the form) take two seconds to come.
    let arrived = false;
    await page.route(/\/assets\/validation-[^/]*\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 2000));
      await route.continue();
      arrived = true;
    });
    await page.goto(`${baseURL}/register`, { waitUntil: "domcontentloaded" });
    await page.locator("form.registration[data-enhanced]").waitFor({ state: "attached" });
    await page.getByLabel("姓名", { exact: true }).fill("王");
    await page.getByLabel("身份证号码", { exact: true }).fill("1306");
    await page.getByLabel("手机号码", { exact: true }).fill("138");
    await page.getByLabel("姓名", { exact: true }).focus();
    expect(arrived).toBe(false);
    expect(posts).toEqual([]);
    expect(await page.locator(".steps li.has-errors").count()).toBe(0);
    // Once they are here, leaving a field checks it in the phone, still without asking the server.
    await expect.poll(() => arrived, { timeout: 30_000 }).toBe(true);
    await page.getByLabel("身份证号码", { exact: true }).focus();
    await page.getByLabel("手机号码", { exact: true }).focus();
    await expect.poll(() => problemOf(page, "身份证号码").textContent()).toContain("身份证号码");
    expect(posts).toEqual([]);
    expect(await page.locator(".steps li.has-errors").count()).toBe(1);
  });

  it("下一步 as the first touch of the form (its checks not fetched yet) checks step ① in the phone: nothing posted, no other step flagged", async () => {
    const page = await phone();
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.goto(`${baseURL}/register`, { waitUntil: "networkidle" });
    await page.locator("form.registration[data-enhanced]").waitFor({ state: "attached" });
    await next(page).tap();
    await expect.poll(() => problemOf(page, "手机号码").textContent()).toContain("请填写手机号码");
    expect(await problemOf(page, "姓名").textContent()).toContain("请填写姓名");
    expect(await page.locator(".step-of").textContent()).toContain("第 1 步");
    // Steps ② to ⑤ were never shown: none is flagged, and the server was not asked.
    expect(await page.locator(".steps li.has-errors").count()).toBe(1);
    expect(await page.locator(".steps li.current.has-errors").count()).toBe(1);
    expect(posts).toEqual([]);
  });
});

/**
 * Issue 15 asks for every list page under 100 KB of HTML (down from 1.19 MB with every candidate).
 * 20 cards with their breakdowns folded in the markup and again in the hydration data measured
 * ~127 KB (employer) and ~143 KB (coordinator); a card now carries only its match id and reads its
 * breakdown when opened (routes/match-breakdown.tsx; a link to that page without JavaScript).
 */
const LIST_PAGE_BUDGET_KB = 100;

describe("candidate lists", () => {
  it(
    "an order's or posting's candidates: the best 20, breakdowns folded, 'more' without JavaScript, a page of HTML " +
      "within the budget for employer and coordinator",
    async () => {
      // The target with the most candidates, of the demo employer or of anyone (matching runs in the workers after the start).
      const biggest = async (employerName: string | null) =>
        (
          await h.db.query<{ kind: string; id: string; n: number }>(
            `
      SELECT CASE WHEN m."postingId" IS NOT NULL THEN 'postings' ELSE 'orders' END AS kind,
        coalesce(m."postingId", m."trainingOrderId") AS id, count(*)::int AS n
        FROM "Match" m LEFT JOIN "JobPosting" p ON p.id = m."postingId" LEFT JOIN "TrainingOrder" o ON o.id = m."trainingOrderId"
        JOIN "Employer" e ON e.id = coalesce(p."employerId", o."employerId")
       WHERE $1::text IS NULL OR e.name = $1 GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
            [employerName],
          )
        ).rows[0];
      await expect.poll(async () => (await biggest(null))?.n ?? 0, { timeout: 150_000, interval: 2000 }).toBeGreaterThan(100);
      // The demo employer's own lists are smaller (13–35 once matched): at most 20 shown, "more" is checked on the coordinator's.
      await expect.poll(async () => (await biggest("北京康乐家政服务有限公司"))?.n ?? 0, { timeout: 60_000, interval: 2000 }).toBeGreaterThan(0);

      const own = (await biggest("北京康乐家政服务有限公司"))!;
      const employer = await phone();
      await signIn(employer, baseURL, "employer", DEMO_PASSWORD);
      await employer.waitForURL(`${baseURL}/employer`);
      const employerPath = `/employer/${own.kind}/${own.id}`;
      const html = await (await employer.request.get(`${baseURL}${employerPath}`)).text();
      expect(Buffer.byteLength(html)).toBeLessThan(LIST_PAGE_BUDGET_KB * KB);
      await employer.goto(`${baseURL}${employerPath}`, { waitUntil: "networkidle" });
      const shown = await employer.getByTestId("candidate").count();
      expect(shown).toBeLessThanOrEqual(20);
      expect(shown).toBeGreaterThanOrEqual(Math.min(20, own.n));
      expect(await employer.getByTestId("more-limit").textContent()).toContain(`显示 ${shown} / 共`);
      expect(await employer.locator("[data-testid=candidate] details.reasons[open]").count()).toBe(0);
      expect(await overflowsHorizontally(employer)).toBe(false);
      // Opened, a card reads its breakdown (employer's view) and shows it in place, at 390 px.
      const card = employer.getByTestId("candidate").first();
      expect(await card.getByTestId("factor-breakdown").count()).toBe(0);
      await card.getByText("推荐理由").click();
      await expect.poll(() => card.getByTestId("factor-breakdown").textContent(), { timeout: 20_000 }).toMatch(/分/);
      expect(await overflowsHorizontally(employer)).toBe(false);

      // A coordinator on the biggest list of all (200 ranked, as the 199), without JavaScript.
      const all = (await biggest(null))!;
      const noJs = await phone({ javaScriptEnabled: false });
      await signIn(noJs, baseURL, "hebei", DEMO_PASSWORD);
      await noJs.waitForURL(/\/coordinator/);
      const staffPath = `/coordinator/${all.kind}/${all.id}/matches`;
      const staffHtml = await (await noJs.request.get(`${baseURL}${staffPath}`)).text();
      console.log(
        JSON.stringify({
          page: "candidate lists",
          employerKB: Math.round(Buffer.byteLength(html) / KB),
          coordinatorKB: Math.round(Buffer.byteLength(staffHtml) / KB),
        }),
      );
      expect(Buffer.byteLength(staffHtml)).toBeLessThan(LIST_PAGE_BUDGET_KB * KB);
      await noJs.goto(`${baseURL}${staffPath}`);
      expect(await noJs.getByTestId("ranked-match").count()).toBe(20);
      expect(await noJs.locator("[data-testid=ranked-match] details[open]").count()).toBe(0);
      // Without JavaScript the opened fold links to the breakdown's own page, in zh and in en.
      const ranked = noJs.getByTestId("ranked-match").first();
      await ranked.getByText("评分构成", { exact: true }).click();
      await ranked.getByTestId("breakdown-link").click();
      await noJs.waitForURL(/\/matches\/[0-9a-f-]{36}\/breakdown$/);
      expect(await noJs.getByTestId("factor-breakdown").textContent()).toMatch(/分/);
      expect(await overflowsHorizontally(noJs)).toBe(false);
      await noJs.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL }]);
      await noJs.reload();
      expect(await noJs.getByRole("heading", { level: 1 }).textContent()).toBe("How the score was made");
      expect(await noJs.getByTestId("factor-breakdown").textContent()).toMatch(/pts|point/i);
      await noJs.context().addCookies([{ name: LOCALE_COOKIE, value: "zh-CN", url: baseURL }]);
      await noJs.goto(`${baseURL}${staffPath}`);
      await noJs.getByTestId("more-limit").getByRole("link").click();
      await noJs.waitForURL(/limit=40/);
      expect(await noJs.getByTestId("ranked-match").count()).toBe(40);
      expect(await overflowsHorizontally(noJs)).toBe(false);
    },
    300_000,
  );
});

describe("tables on a phone", () => {
  it("the plan table scrolls in its box with the region column in place and a hint; the page never scrolls sideways", async () => {
    const page = await phone();
    await signIn(page, baseURL, "hebei", DEMO_PASSWORD);
    await page.waitForURL(/\/coordinator/);
    await page.goto(`${baseURL}/coordinator/plans`, { waitUntil: "networkidle" });
    const box = page.locator(".table-wrap.wide");
    await box.waitFor();
    expect(await page.getByTestId("table-hint").isVisible()).toBe(true);
    expect(await overflowsHorizontally(page)).toBe(false);
    const first = box.locator("tbody tr").first().locator("td").first();
    expect(await first.evaluate((el) => getComputedStyle(el).position)).toBe("sticky");
    // Scrolled to the far right, the region name is still where it was.
    const x = (await first.boundingBox())!.x;
    await box.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    expect(Math.abs((await first.boundingBox())!.x - x)).toBeLessThan(2);
    // Every header on one or two lines: no column squeezed to a character a line.
    for (const th of await box.locator("thead th").all()) expect((await th.boundingBox())!.height).toBeLessThan(80);
  });

  it("import problems are cards on a phone: the ID number on one line beside its column's name", async () => {
    const page = await phone();
    await signIn(page, baseURL, "fuping", DEMO_PASSWORD);
    await page.waitForURL(`${baseURL}/coordinator`);
    await page.goto(`${baseURL}/coordinator/imports`, { waitUntil: "networkidle" });
    const id = makeResidentId("130624", "1987-05-30", 77);
    const roster = stringify([
      ["姓名", "身份证号", "手机号", "户籍县"],
      ["错号码", id.slice(0, 17) + (id[17] === "1" ? "2" : "1"), "13900000077", "阜平县"],
    ]);
    await page.getByLabel("花名册文件").setInputFiles({ name: "手机表格.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${roster}`) });
    await page.getByRole("button", { name: "上传并导入" }).click();
    await page.waitForURL(/\/coordinator\/imports\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId("import-status").textContent(), { timeout: 90_000, interval: 500 }).toBe("已完成");
    const value = page.getByTestId("import-errors").locator("tbody tr").first().locator("code");
    const lineHeight = await value.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 24);
    expect((await value.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    expect(await page.getByTestId("import-errors").locator("tbody tr").first().textContent()).toContain("身份证号码有误");
    expect(await overflowsHorizontally(page)).toBe(false);
  });
});

/** WCAG contrast ratio of two CSS rgb()/rgba() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map(Number)
      .map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
