// Playwright (library only) driving Debian's Chromium: the bundled browser download cannot run here.
import pg from "pg";
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

import { launch } from "./chromium";

export { CHROMIUM, launch } from "./chromium";

export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Signs in on the login page; given `home` (e.g. "/coordinator"), waits until the page lands there. */
export async function signIn(page: Page, baseURL: string, identifier: string, password: string, home?: string) {
  await page.goto(`${baseURL}/login`);
  await page.getByLabel("账号").fill(identifier);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  if (home !== undefined) await page.waitForURL(`${baseURL}${home}`);
}

/** True when the page is wider than the viewport (a phone user would have to scroll sideways). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** One browser for a test file: launched before its tests, closed after them. */
export function browserPerFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/**
 * One browser and one database client for a test file (opened before its tests, closed after),
 * and a fresh phone-sized Chinese page per call of `phone()`.
 */
export function e2eHarness(databaseUrl: string) {
  const browser = browserPerFile();
  let db: pg.Client | undefined;
  beforeAll(async () => {
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
  });
  return {
    get browser(): Browser {
      return browser();
    },
    get db(): pg.Client {
      return db!;
    },
    // Not closed after each test (pagesClosedAfterEachTest): the journeys carry a signed-in page from one
    // test to the next; the pages go with the browser after the file.
    async phone(): Promise<Page> {
      const context = await browser().newContext({ ...PHONE, locale: "zh-CN" });
      return context.newPage();
    },
  };
}

/**
 * Opens pages, each in a context of its own (`options` added to or overriding `defaults`: a
 * phone-sized Chinese one unless told), and closes all of them after each test.
 */
export function pagesClosedAfterEachTest(browser: () => Browser, defaults: BrowserContextOptions = { ...PHONE, locale: "zh-CN" }) {
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  return async (options: BrowserContextOptions = {}): Promise<Page> => {
    const context = await browser().newContext({ ...defaults, ...options });
    contexts.push(context);
    return context.newPage();
  };
}

/**
 * One browser for a test file and, for each test, a fresh phone-sized Chinese page in a context of
 * its own (`options` added to or overriding those), closed after the test.
 */
export function pagePerTest(options: BrowserContextOptions = {}): { readonly page: Page; readonly context: BrowserContext } {
  const open = pagesClosedAfterEachTest(browserPerFile());
  let page: Page | undefined;
  beforeEach(async () => {
    page = await open(options);
  });
  return {
    get page() {
      return page!;
    },
    get context() {
      return page!.context();
    },
  };
}
