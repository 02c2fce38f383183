// A cheap phone on a slow network, as Chrome DevTools defines "fast 3G" (562.5 ms round trip,
// 1.6 Mbit/s down, 750 kbit/s up, each × 0.9 as DevTools applies them) with the CPU slowed 4×:
// what a page costs in bytes over the wire, and how long until it can be used.
import type { Browser } from "playwright-core";

/** The phone of issue 15's walkthrough (390 × 844). Kept here, not in browser.ts, so a plain script can use this file too. */
export const PHONE_390 = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

export const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9, uploadThroughput: ((750 * 1024) / 8) * 0.9 };
export const CPU_SLOWDOWN = 4;

export type ThrottledLoad = {
  /** Bytes received for the page and everything it loaded (headers included, as DevTools counts "transferred"). */
  transferred: number;
  byType: Record<string, number>;
  /** How many responses of each type (Document, Script, Stylesheet, Fetch…). */
  countByType: Record<string, number>;
  /** From the start of navigation until `usable` held in the page. */
  usableMs: number;
};

/**
 * Loads `url` in a fresh phone-sized context (empty cache) under fast 3G and 4× CPU slowdown and
 * waits until `usable` (a selector) is in the page: for /register, the form once React has taken it
 * over (its steps, Next and the checks on each field work only from then on).
 */
export async function throttledLoad(browser: Browser, url: string, usable = "form.registration[data-enhanced]"): Promise<ThrottledLoad> {
  const context = await browser.newContext({ ...PHONE_390, locale: "zh-CN" });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", FAST_3G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    const types = new Map<string, string>();
    const byType: Record<string, number> = {};
    const countByType: Record<string, number> = {};
    let transferred = 0;
    cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
    cdp.on("Network.loadingFinished", (e) => {
      transferred += e.encodedDataLength;
      const type = types.get(e.requestId) ?? "Other";
      byType[type] = (byType[type] ?? 0) + e.encodedDataLength;
      countByType[type] = (countByType[type] ?? 0) + 1;
    });
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForSelector(usable, { state: "attached", timeout: 60_000 });
    const usableMs = await page.evaluate(() => performance.now());
    await page.waitForLoadState("networkidle");
    return { transferred, byType, countByType, usableMs };
  } finally {
    await context.close();
  }
}
