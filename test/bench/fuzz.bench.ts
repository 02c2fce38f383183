// Issue 16's fuzz goal: 10,000 hostile HTTP requests at the real web server (production build, a
// scratch database cloned from the migrated template, this machine's Redis) with 0 × 5xx. Every
// route pattern of app/routes.ts, ids replaced by NUL, broken %-escapes, 5 kB strings, lone
// surrogates, non-UUIDs and random UUIDs; random query strings and bodies (form, JSON, raw bytes);
// as anonymous, seeker-less roles (admin, coordinator, employer) and an API token. A figure, not
// a test: the suite keeps its fast fuzzers (test/integration/*-fuzz*, register-action).
import fc from "fast-check";
import { createApiToken } from "~/services/api-tokens.server";
import { disconnectDb, getDb } from "~/services/db.server";
import { setConfig } from "~/services/env.server";
import { closeProducer } from "~/services/queue.server";
import routes from "~/routes";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { testConfig } from "../setup/env";
import { makeAdmin, makeCoordinator, makeEmployer, makePosting, makeWorker } from "../setup/factories";
import { ensureTemplate } from "../setup/global-setup";
import { startTestWebServer } from "../setup/web-server";

export type FuzzBenchResult = {
  requests: number;
  statuses: Record<string, number>;
  fiveHundreds: number;
  consoleErrors: number;
  wallS: number;
  cpuS: number;
  concurrency: number;
  samples5xx: string[];
};

/** Route patterns from app/routes.ts, nested ones joined to their layout's path (":param" segments are where hostile ids go). */
function routePatterns(): string[] {
  type Entry = { path?: string; children?: Entry[] };
  const walk = (entries: Entry[], base: string): string[] =>
    entries.flatMap((r) => {
      const p = r.path ? (base ? `${base}/${r.path}` : r.path) : base;
      return [p, ...walk(r.children ?? [], p)];
    });
  return [...new Set(walk(routes as Entry[], ""))].map((p) => `/${p}`);
}

export async function benchFuzz({
  requests = 10_000,
  concurrency = 8,
  seed = 16,
}: { requests?: number; concurrency?: number; seed?: number } = {}): Promise<FuzzBenchResult> {
  const dbName = `lb_bench_fuzz_${process.pid}`;
  await cloneTemplate(await ensureTemplate(), dbName);
  setConfig(testConfig(dbName));
  let consoleErrors = 0;
  const realError = console.error;
  console.error = (...args: unknown[]) => {
    consoleErrors++;
    if (consoleErrors <= 3) realError(...args);
  };
  const web = await startTestWebServer();
  try {
    const county = (await getDb().region.findFirst({ where: { level: "COUNTY", code: { startsWith: "13" } }, select: { code: true } }))!.code;
    const worker = await makeWorker(county);
    const { user: employerUser, employer } = await makeEmployer();
    const posting = await makePosting(employer.id, { status: "OPEN" });
    const cookies = ["", await (await makeAdmin()).cookie(), await (await makeCoordinator(county)).cookie(), await employerUser.cookie()];
    const token = (await createApiToken({ name: "fuzz", role: "COORDINATOR", regionCode: county })).token;

    const hostileId = fc.oneof(
      fc.constantFrom(
        "%00",
        "a%00b",
        "%ZZ",
        "%E0%A4%A",
        "%F0%9F",
        "..%2F..%2Fetc%2Fpasswd",
        "%ED%A0%80",
        "x".repeat(5000),
        "-1",
        "0",
        "null",
        "undefined",
        "NaN",
        "%27%3B--",
        "%3Cscript%3E",
        worker.id,
        posting.id,
        employer.id,
      ),
      fc.uuid(),
      fc
        .string({ unit: "binary", maxLength: 40 })
        .map(encodeURIComponent)
        .filter((s) => s.length > 0),
      fc.string({ maxLength: 20 }).map((s) => encodeURIComponent(s) || "x"),
    );
    const query = fc.oneof(
      fc.constant(""),
      fc
        .array(
          fc.tuple(
            fc.constantFrom("q", "page", "identifier", "status", "county", "year", "unmask", "_data", "redirectTo", "lng", "x"),
            fc.oneof(hostileId, fc.string({ maxLength: 30 }).map(encodeURIComponent)),
          ),
          { maxLength: 4 },
        )
        .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`),
    );
    const body = fc.oneof(
      fc.constant(null),
      fc
        .array(
          fc.tuple(
            fc.constantFrom("intent", "identifier", "password", "fullName", "idNumber", "phone", "matchId", "queue", "jobId", "title", "headcount", "x"),
            fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), hostileId),
          ),
          { maxLength: 8 },
        )
        .map((pairs) => ({ type: "application/x-www-form-urlencoded", data: new URLSearchParams(pairs).toString() })),
      fc.jsonValue({ maxDepth: 3 }).map((v) => ({ type: "application/json", data: JSON.stringify(v) })),
      fc.uint8Array({ maxLength: 300 }).map((a) => ({ type: "multipart/form-data; boundary=xyz", data: Buffer.from(a).toString("latin1") })),
    );
    const patterns = routePatterns();
    const request = fc.record({
      method: fc.constantFrom("GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "HEAD", "PATCH"),
      pattern: fc.constantFrom(...patterns),
      ids: fc.array(hostileId, { minLength: 3, maxLength: 3 }),
      query,
      body,
      who: fc.constantFrom(0, 1, 2, 3, 4),
    });
    const cases = fc.sample(request, { numRuns: requests, seed });

    const statuses: Record<string, number> = {};
    const samples5xx: string[] = [];
    let next = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const one = async (c: (typeof cases)[number]) => {
      let i = 0;
      const path = c.pattern.replace(/:\w+|\*/g, () => c.ids[i++ % 3]) + c.query;
      const headers: Record<string, string> = { "Sec-Fetch-Site": "same-origin", Origin: web.baseURL };
      if (c.who === 4) headers.Authorization = `Bearer ${token}`;
      else if (cookies[c.who]) headers.Cookie = cookies[c.who];
      const hasBody = c.body && !["GET", "HEAD"].includes(c.method);
      if (hasBody) headers["Content-Type"] = c.body!.type;
      let status: string;
      try {
        const res = await fetch(`${web.baseURL}${path}`, {
          method: c.method,
          headers,
          body: hasBody ? c.body!.data : undefined,
          redirect: "manual",
          signal: AbortSignal.timeout(60_000),
        });
        await res.arrayBuffer().catch(() => undefined);
        status = String(res.status);
      } catch (error) {
        status = `error:${(error as Error).name}`;
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      if ((status.startsWith("5") || status.startsWith("error")) && samples5xx.length < 10) samples5xx.push(`${status} ${c.method} ${path.slice(0, 120)}`);
    };
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < cases.length) await one(cases[next++]);
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    const fiveHundreds = Object.entries(statuses)
      .filter(([s]) => s.startsWith("5") || s.startsWith("error"))
      .reduce((n, [, v]) => n + v, 0);
    return {
      requests,
      statuses,
      fiveHundreds,
      consoleErrors,
      wallS: (performance.now() - t0) / 1000,
      cpuS: (cpu.user + cpu.system) / 1e6,
      concurrency,
      samples5xx,
    };
  } finally {
    console.error = realError;
    await web.close();
    await closeProducer().catch(() => {});
    await disconnectDb();
    await dropDatabase(dbName);
  }
}
