// A cheap phone on fast 3G with the CPU slowed 4× (issue 15): /register loaded with an empty cache,
// several times in a row, against the production build (`--only web`, no demo data, so no
// background work shares the cores). The same measurement as test/e2e/phone.test.ts, which asserts
// the bytes and prints the time; here the time is the figure, with the machine's load beside it.
import os from "node:os";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { REDIS_URL } from "../setup/env";
import { ensureTemplate } from "../setup/global-setup";
import { spawnPlatform, waitForHealthy } from "../e2e/server";
import { launch } from "../e2e/chromium";
import { throttledLoad, type ThrottledLoad } from "../e2e/throttle";

export type PhoneBench = { page: string; runs: ThrottledLoad[]; usableMs: { min: number; median: number; max: number }; loadAverage: number[] };

export async function benchPhone({ runs = 5, page = "/register" } = {}): Promise<PhoneBench> {
  const db = `lb_bench_phone_${process.pid}`;
  await cloneTemplate(await ensureTemplate(), db);
  const platform = await spawnPlatform(db, ["--only", "web"], { REDIS_URL, DEMO_SEED: "off", WEB_CONCURRENCY: "1" });
  const browser = await launch();
  try {
    await waitForHealthy(platform.baseURL, 240_000, () => platform.child.exitCode !== null);
    await fetch(`${platform.baseURL}${page}`).then((r) => r.text());
    const loadAverage = os.loadavg();
    const loads: ThrottledLoad[] = [];
    for (let i = 0; i < runs; i++) loads.push(await throttledLoad(browser, `${platform.baseURL}${page}`));
    const usable = loads.map((l) => l.usableMs).sort((a, b) => a - b);
    return { page, runs: loads, usableMs: { min: usable[0], median: usable[Math.floor(usable.length / 2)], max: usable[usable.length - 1] }, loadAverage };
  } finally {
    await browser.close();
    await platform.stop();
    await dropDatabase(db);
  }
}
