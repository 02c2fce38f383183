import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { supervise } from "./supervise";

describe("supervise (the launcher's worker restarts)", () => {
  it("starts a crashed child again with doubling backoff, and not after stop", async () => {
    const lines: string[] = [];
    let stopping = false;
    const starts: number[] = [];
    const s = supervise(
      () => {
        starts.push(Date.now());
        // Crashes at once, like a worker process that lost its database.
        return spawn(process.execPath, ["-e", "process.exit(3)"], { stdio: "ignore" });
      },
      { log: (l) => lines.push(l), isStopping: () => stopping, name: "workers", minDelayMs: 100, maxDelayMs: 400 },
    );
    await expect.poll(() => starts.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    stopping = true;
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    expect(gaps[2]).toBeGreaterThanOrEqual(400);
    expect(lines[0]).toMatch(/workers exited unexpectedly \(3\); starting again/);
    const count = starts.length;
    await new Promise((r) => setTimeout(r, 900));
    expect(starts.length).toBeLessThanOrEqual(count + 1);
    expect(s.restarts).toBeGreaterThanOrEqual(3);
  });
});

describe("surviveConnectionLoss", () => {
  it("an unhandled 'error' from a pg client whose server restarted (57P01) is survived; any other crash still ends the process", async () => {
    const { spawnSync } = await import("node:child_process");
    const script = (error: string) => `
      import { surviveConnectionLoss } from "./app/cli/supervise.ts";
      import { EventEmitter } from "node:events";
      surviveConnectionLoss((l) => console.log(l));
      setTimeout(() => new EventEmitter().emit("error", ${error}), 10);
      setTimeout(() => { console.log("still up"); process.exit(0); }, 300);`;
    const run = (error: string) =>
      spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script(error)], { encoding: "utf8", cwd: process.cwd() });
    const lost = run(`Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })`);
    expect(lost.stdout).toContain("connection lost (57P01)");
    expect(lost.stdout).toContain("still up");
    expect(lost.status).toBe(0);
    const bug = run(`new TypeError("a bug")`);
    expect(bug.stdout).not.toContain("still up");
    expect(bug.status).toBe(1);
  }, 30_000);
});
