// Registration under load: real server (production build, `app/cli/start.ts --only web`) on a
// scratch database, posting the public form with distinct valid people. Every request comes from
// its own address (X-Forwarded-For through the trusted loopback proxy), so the per-IP limit is not
// what is being measured. For each web process count (WEB_CONCURRENCY) in the same run: an
// open-loop phase at a steady rate (one request every 1/rate s, sent on schedule whatever the
// answers do, each timed from when it was due, so a stalled generator counts against the server),
// the same rate as autocannon's `overallRate` sends it (every connection fires once at the top of
// each second: bursts of `rate` at once, the worst case of a village meeting submitting together),
// and a saturation phase (many clients that never pause: the throughput the server tops out at).
// CPU is the server's process tree's (/proc).
import autocannon from "autocannon";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import { makeResidentId } from "~/domain/resident-id";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { REDIS_URL } from "../setup/env";
import { ensureTemplate } from "../setup/global-setup";
import { spawnPlatform, waitForHealthy } from "../e2e/server";

export type LoadPhase = {
  /** steady: one every 1/rate s · bursts: `rate` at once each second (autocannon) · saturation: closed loop. */
  kind: "steady" | "bursts" | "saturation";
  connections: number;
  rate: number | null;
  seconds: number;
  requests: number;
  ok: number;
  other: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  perSecond: number;
  serverCpuSeconds: number;
};
export type RegisterBenchRun = { webProcesses: number; steady: LoadPhase; bursts: LoadPhase; saturation: LoadPhase; loadAverage: number[] };

/** A distinct valid ID number for each n (birth date and sequence vary together). */
function uniqueId(n: number): string {
  const pad = (v: number) => String(v).padStart(2, "0");
  const birth = `${1970 + (n % 30)}-${pad(1 + (Math.floor(n / 30) % 12))}-${pad(1 + (Math.floor(n / 360) % 28))}`;
  return makeResidentId("130624", birth, Math.floor(n / 10080) % 1000);
}

/** CPU seconds used so far by a process and its children (user + system, from /proc). */
function treeCpuSeconds(root: number): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    if (pid === root || ppid === root) total += (Number(fields[11]) + Number(fields[12])) / tick;
  }
  return total;
}

let seq = 0;

/** The next distinct person's form, and the address it comes from. */
function nextRegistration(): { body: string; headers: Record<string, string> } {
  const n = seq++;
  const body = new URLSearchParams({
    fullName: "王测试",
    idNumber: uniqueId(n),
    phone: `139${String(10_000_000 + n).slice(-8)}`,
    countyCode: "130624",
    consentRegistration: "on",
    secret: "bench-secret-1",
    secretConfirm: "bench-secret-1",
    destinationKinds: "BEIJING_TIANJIN",
    minMonthlyWage: "4500",
  }).toString();
  return { body, headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } };
}

function summarise(
  kind: LoadPhase["kind"],
  latencies: number[],
  statuses: Record<string, number>,
  errors: number,
  extra: Omit<LoadPhase, "kind" | "requests" | "ok" | "other" | "p50Ms" | "p95Ms" | "p99Ms" | "perSecond">,
): LoadPhase {
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  const ok = (statuses["302"] ?? 0) + (statuses["303"] ?? 0) + (statuses["200"] ?? 0);
  const { 302: _a, 303: _b, 200: _c, ...other } = statuses;
  if (errors) other.connectionErrors = errors;
  return {
    kind,
    ...extra,
    requests: latencies.length,
    ok,
    other,
    p50Ms: pct(0.5),
    p95Ms: pct(0.95),
    p99Ms: pct(0.99),
    perSecond: latencies.length / extra.seconds,
  };
}

/** Open loop at a steady rate: a request is due every 1/rate s and goes then, on a kept-alive connection (a new one if all are busy). */
async function steadyPhase(baseURL: string, serverPid: number, { rate, seconds }: { rate: number; seconds: number }): Promise<LoadPhase> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let maxInFlight = 0;
  let inFlight = 0;
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const { body, headers } = nextRegistration();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const req = http.request(`${baseURL}/register`, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on("end", () => {
          latencies.push(performance.now() - due);
          statuses[res.statusCode ?? 0] = (statuses[String(res.statusCode)] ?? 0) + 1;
          inFlight--;
          resolve();
        });
      });
      req.on("error", (error: NodeJS.ErrnoException) => {
        const what = `error ${error.code ?? error.message}`;
        statuses[what] = (statuses[what] ?? 0) + 1;
        inFlight--;
        resolve();
      });
      req.end(body);
    });
  const cpuBefore = treeCpuSeconds(serverPid);
  const started = performance.now();
  const total = Math.round(rate * seconds);
  const sent: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent.push(send(due));
  }
  await Promise.all(sent);
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  return summarise("steady", latencies, statuses, 0, {
    connections: maxInFlight,
    rate,
    seconds: elapsed,
    serverCpuSeconds: treeCpuSeconds(serverPid) - cpuBefore,
  });
}

/** autocannon: with `rate`, its `overallRate` (bursts of `rate` at the top of each second); without, a closed loop of `connections` clients. */
async function autocannonPhase(
  baseURL: string,
  serverPid: number,
  opts: { connections: number; rate?: number; seconds?: number; amount?: number },
): Promise<LoadPhase> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const cpuBefore = treeCpuSeconds(serverPid);
  const started = performance.now();
  const result = await autocannon({
    url: `${baseURL}/register`,
    connections: opts.connections,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds }),
    requests: [{ method: "POST", setupRequest: (req: Record<string, unknown>) => ({ ...req, ...nextRegistration() }) }],
    setupClient: (client: { on: (e: string, cb: (...a: number[]) => void) => void }) => {
      client.on("response", (statusCode: number, _bytes: number, responseTime: number) => {
        latencies.push(responseTime);
        statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      });
    },
  } as unknown as autocannon.Options);
  const seconds = (performance.now() - started) / 1000;
  return summarise(opts.rate ? "bursts" : "saturation", latencies, statuses, result.errors + result.timeouts, {
    connections: opts.connections,
    rate: opts.rate ?? null,
    seconds,
    serverCpuSeconds: treeCpuSeconds(serverPid) - cpuBefore,
  });
}

async function withServer<T>(webProcesses: number, run: (baseURL: string, server: ChildProcess) => Promise<T>): Promise<T> {
  const template = await ensureTemplate();
  const db = `lb_bench_reg_${process.pid}_${webProcesses}`;
  await cloneTemplate(template, db);
  const platform = await spawnPlatform(db, ["--only", "web"], { REDIS_URL, DEMO_SEED: "off", WEB_CONCURRENCY: String(webProcesses) });
  const { baseURL, child } = platform;
  // BENCH_SERVER_LOG=1: the server's own log on this terminal as it runs.
  if (process.env.BENCH_SERVER_LOG) [child.stdout, child.stderr].forEach((s) => s?.pipe(process.stderr));
  try {
    await waitForHealthy(baseURL, 240_000, () => child.exitCode !== null).catch((error) => {
      throw new Error(`${String(error)}\n${platform.output()}`);
    });
    // Every web process up and its routes loaded before the clock starts.
    await new Promise((r) => setTimeout(r, 3000));
    for (let i = 0; i < 4 * webProcesses; i++) await fetch(`${baseURL}/register`, { headers: { connection: "close" } }).then((r) => r.text());
    return await run(baseURL, child);
  } finally {
    await platform.stop();
    await dropDatabase(db);
  }
}

/**
 * The goal: at a steady `rate` registrations/s (36,000 an hour at 10/s), p95 < 300 ms
 * and no errors; and the saturation throughput. Measured with 1 web process and with one per core.
 */
export async function benchRegistration({
  webProcesses = [1, os.availableParallelism()],
  rate = 10,
  seconds = 60,
  saturationConnections = 50,
  saturationAmount = 1000,
} = {}): Promise<RegisterBenchRun[]> {
  const runs: RegisterBenchRun[] = [];
  for (const n of [...new Set(webProcesses)]) {
    runs.push(
      await withServer(n, async (baseURL, server) => {
        const loadAverage = os.loadavg();
        const steady = await steadyPhase(baseURL, server.pid!, { rate, seconds });
        const bursts = await autocannonPhase(baseURL, server.pid!, { connections: rate, rate, seconds });
        const saturation = await autocannonPhase(baseURL, server.pid!, { connections: saturationConnections, amount: saturationAmount });
        return { webProcesses: n, steady, bursts, saturation, loadAverage };
      }),
    );
  }
  return runs;
}
