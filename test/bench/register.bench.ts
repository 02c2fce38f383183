// Registration throughput: real server (production build) on a scratch database, N concurrent
// clients posting the public form with distinct valid people. Every client comes from its own
// address (X-Forwarded-For through the trusted loopback proxy), so the per-IP limit is not what
// is being measured.
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { makeResidentId } from "~/domain/resident-id";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { databaseUrl, REDIS_URL } from "../setup/env";
import { ensureTemplate } from "../setup/global-setup";
import { freePort, waitForHealthy } from "../e2e/server";

export type RegisterBenchResult = { connections: number; requests: number; ok: number; other: Record<string, number>; p50Ms: number; p95Ms: number; p99Ms: number; perSecond: number };

/** A distinct valid ID number for each n (birth date and sequence vary together). */
function uniqueId(n: number): string {
  const pad = (v: number) => String(v).padStart(2, "0");
  const birth = `${1970 + (n % 30)}-${pad(1 + (Math.floor(n / 30) % 12))}-${pad(1 + (Math.floor(n / 360) % 28))}`;
  return makeResidentId("130624", birth, Math.floor(n / 10080) % 1000);
}

export async function benchRegistration({ connections = 50, amount = 1000 } = {}): Promise<RegisterBenchResult> {
  const template = await ensureTemplate();
  const db = `lb_bench_reg_${process.pid}`;
  await cloneTemplate(template, db);
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "app/cli/start.ts", "--only", "web"], {
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", DATABASE_URL: databaseUrl(db), REDIS_URL, PORT: String(port), HOST: "127.0.0.1",
      SESSION_SECRET: randomBytes(32).toString("hex"), PII_ENCRYPTION_KEY: randomBytes(32).toString("base64"), PII_HMAC_KEY: randomBytes(32).toString("base64"), DEMO_SEED: "off",
    },
    stdio: ["ignore", "ignore", process.env.BENCH_SERVER_LOG ? "inherit" : "ignore"],
  });
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthy(baseURL, 240_000, () => server.exitCode !== null);
    await fetch(`${baseURL}/register`);
    let seq = 0;
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const result = await autocannon({
      url: `${baseURL}/register`,
      connections,
      amount,
      requests: [{
        method: "POST",
        setupRequest: (req: Record<string, unknown>) => {
          const n = seq++;
          const body = new URLSearchParams({
            fullName: "王测试", idNumber: uniqueId(n),
            phone: `139${String(10_000_000 + n).slice(-8)}`, countyCode: "130624", consentRegistration: "on", secret: "bench-secret-1", secretConfirm: "bench-secret-1",
            destinationKinds: "BEIJING_TIANJIN", minMonthlyWage: "4500",
          }).toString();
          return { ...req, body, headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } };
        },
      }],
      setupClient: (client: { on: (e: string, cb: (...a: number[]) => void) => void }) => {
        client.on("response", (statusCode: number, _bytes: number, responseTime: number) => {
          latencies.push(responseTime);
          statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
        });
      },
    } as unknown as autocannon.Options);
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
    const ok = (statuses["302"] ?? 0) + (statuses["303"] ?? 0) + (statuses["200"] ?? 0);
    const { 302: _a, 303: _b, 200: _c, ...other } = statuses;
    return { connections, requests: latencies.length, ok, other, p50Ms: pct(0.5), p95Ms: pct(0.95), p99Ms: pct(0.99), perSecond: result.requests.average };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await dropDatabase(db);
  }
}
