// npm run bench [-- --search-docs 100000,1000000] [-- --only search,import]: speed is measured here, never in timed
// tests. Prints Markdown tables; each section replaces its own block in docs/benchmarks.md (between
// <!-- bench:NAME --> markers), so running one section keeps the other figures.
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { hashPassword, verifyPassword } from "~/services/auth.server";
import { benchDashboard } from "./dashboard.bench";
import { benchImport } from "./import.bench";
import { benchMatching } from "./matching.bench";
import { benchRegistration } from "./register.bench";
import { benchSearch } from "./search.bench";
import { benchQueue } from "./queue.bench";
import { benchNightly } from "./nightly.bench";
import { benchMeilisearchPayload } from "./meilisearch.bench";
import { benchFuzz } from "./fuzz.bench";
import { benchPhone } from "./phone.bench";

const { values } = parseArgs({
  options: {
    docs: { type: "string", default: "100000" },
    "meili-docs": { type: "string", default: "100000" },
    "search-docs": { type: "string", default: "100000,1000000" },
    "roster-rows": { type: "string", default: "100000" },
    "dashboard-workers": { type: "string" },
    only: { type: "string" },
    "fuzz-requests": { type: "string", default: "10000" },
    json: { type: "boolean", default: false },
    "search-hydrate": { type: "string", default: "100000" },
    "search-db": { type: "string" },
    "nightly-workers": { type: "string", default: "100000" },
    "nightly-postings": { type: "string", default: "1000" },
    "nightly-full-max": { type: "string", default: "100000" },
    "register-seconds": { type: "string", default: "60" },
    "phone-runs": { type: "string", default: "5" },
  },
});

const DOC = "docs/benchmarks.md";
const only = values.only ? new Set(values.only.split(",").map((s) => s.trim())) : null;
let lines: string[] = [];
const out = (s = "") => {
  lines.push(s);
  if (!values.json) console.log(s);
};
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"} · Node ${process.version}`;
const loadAverage = () => os.loadavg().map((x) => Number(x.toFixed(2)));

/**
 * Runs one named section if selected and writes its block into docs/benchmarks.md. The section returns
 * its figures: with --json they are printed as one JSON line, with the machine and its load average at
 * the start and end, so every section can be compared across runs without reading the Markdown.
 */
async function section(name: string, run: () => Promise<object>): Promise<void> {
  if (only && !only.has(name)) return;
  lines = [];
  const loadAtStart = loadAverage();
  const figures = await run();
  const loadAtEnd = loadAverage();
  if (values.json) console.log(JSON.stringify({ section: name, machine, at: new Date().toISOString(), loadAtStart, loadAtEnd, ...figures }));
  out();
  out(
    `<sub>${name}: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${machine} · load average (1/5/15 min) ` +
      `${loadAtStart.join(" / ")} at the start, ${loadAtEnd.join(" / ")} at the end</sub>`,
  );
  const block = `<!-- bench:${name} -->\n${lines.join("\n")}\n<!-- /bench:${name} -->`;
  fs.mkdirSync("docs", { recursive: true });
  let doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : "";
  if (!doc.startsWith("# Benchmarks"))
    doc =
      "# Benchmarks\n\nEach section below is rewritten by `npm run bench` (or `npm run bench -- --only NAME`); the " + "line under it says when and on what.\n";
  const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  doc = re.test(doc) ? doc.replace(re, block) : `${doc.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(DOC, doc);
}

await section("search", async () => {
  // --search-docs takes a list: each size is built and measured in turn (the previous index is closed first).
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");
  const sizes = [];
  for (const size of values["search-docs"].split(",").map(Number)) {
    // --search-hydrate: the sizes at which a restart (load from PostgreSQL) is also timed.
    // --search-db NAME: keep the seeded restart database NAME (suffixed with the size) and reuse it next time.
    const db = values["search-db"] ? `${values["search-db"]}_${size}` : undefined;
    const search = await benchSearch({ docs: size, hydrate: values["search-hydrate"].split(",").map(Number).includes(size), db });
    sizes.push(search);
    out(`## Embedded search (roaring bitmaps + bigrams, typed columns), ${search.docs.toLocaleString("en")} synthetic worker profiles`);
    out();
    out(
      `Build in memory ${(search.buildMs / 1000).toFixed(1)} s wall / ${(search.buildCpuMs / 1000).toFixed(1)} s CPU ` +
        `· V8 heap ${Math.round(search.heapMb)} MB (${Math.round(search.heapMb - search.heapBeforeMb)} MB of it the ` +
        `index) + CRoaring native ${Math.round(search.nativeMb)} MB · RSS ${Math.round(search.rssMb)} MB · load ` +
        `average (1/5/15 min) at query time ${load(search.loadAverage)}`,
    );
    if (search.hydration) {
      const h = search.hydration;
      out();
      const sn = h.snapshot;
      out(`Restart to searchable, CPU of this process only (PostgreSQL's work shows in wall time):`);
      out();
      out(`| restart | wall s | CPU s | text query meanwhile (PostgreSQL, GIN) | load average (1/5/15 min) |`);
      out(`|---|---:|---:|---:|---|`);
      out(
        `| built from every document (narrow projection of search_document; no snapshot) | ${(h.ms / 1000).toFixed(1)} ` +
          `| ${(h.cpuMs / 1000).toFixed(1)} | ${h.warmingQueryMs.toFixed(0)} ms, ${h.warmingTotal} matches | ` +
          `${load(h.loadAverage)} |`,
      );
      out(
        `| restored from the snapshot (${(sn.write.bytes / 1e6).toFixed(0)} MB) + replay of ` +
          `${sn.changes.updated.toLocaleString("en")} updates and ${sn.changes.deleted.toLocaleString("en")} deletions ` +
          `after it | ${(sn.ms / 1000).toFixed(1)} | ${(sn.cpuMs / 1000).toFixed(1)} | ${sn.warmingQueryMs.toFixed(0)} ` +
          `ms | ${load(sn.loadAverage)} |`,
      );
      out();
      out(
        `Writing the snapshot (a worker, once changes settle): ${(sn.write.ms / 1000).toFixed(1)} s wall / ` +
          `${(sn.write.cpuMs / 1000).toFixed(1)} s CPU · reading its bytes alone from PostgreSQL: ` +
          `${(sn.readMs / 1000).toFixed(1)} s wall / ${(sn.readCpuMs / 1000).toFixed(1)} s CPU · every restart's count ` +
          `and a query's matches are checked against the live engine`,
      );
    }
    out();
    out(`| query | matches | brute-force scan | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms |`);
    out(`|---|---:|---:|---:|---:|---:|---:|`);
    for (const q of search.queries)
      out(
        `| ${q.name} | ${q.total} | ${q.bruteForceTotal} | ${q.p50Ms.toFixed(2)} | ${q.p95Ms.toFixed(2)} | ` +
          `${q.cpuP50Ms.toFixed(2)} | ${q.cpuP95Ms.toFixed(2)} |`,
      );
    out();
  }
  return { sizes };
});

await section("nightly", async () => {
  // --nightly-workers takes a list (e.g. 100000,1000000): each size is seeded and measured in turn.
  const sizes = [];
  for (const size of values["nightly-workers"].split(",").map(Number)) {
    // Above --nightly-full-max only the cold load of the columns and single-posting re-matches are measured.
    const n = await benchNightly({ workers: size, postings: Number(values["nightly-postings"]), nights: size <= Number(values["nightly-full-max"]) });
    sizes.push(n);
    const f = n.firstNight,
      u = n.unchangedNight,
      o = n.onePosting;
    const M = (x: number) => `${(x / 1e6).toFixed(1)} M`;
    out(
      `## Nightly re-match through the matching service (columnar engine, warm worker columns, diff writes): ` +
        `${n.workers.toLocaleString("en")} workers × ${n.postings.toLocaleString("en")} open postings (scratch database)`,
    );
    out();
    out(
      `Load average (1/5/15 min) at the end: ${n.loadAverage.map((x) => x.toFixed(2)).join(" / ")} on ` +
        `${os.cpus().length} cores · CPU = this process only (PostgreSQL's work shows in wall time) · heap ` +
        `${Math.round(n.heapMb)} MB, RSS ${Math.round(n.rssMb)} MB · seeding ${n.seedSeconds.toFixed(1)} s (not counted)`,
    );
    out();
    out(`| run | wall s | CPU s | candidate pairs | rows written | goal |`);
    out(`|---|---:|---:|---:|---:|---|`);
    if (!n.nights)
      out(
        `| nights | not measured at this size (--nightly-full-max); worker columns loaded cold from PostgreSQL in ` +
          `${f.columnsLoadS.toFixed(1)} s | | | | |`,
      );
    else
      out(
        `| first night (cold: worker columns loaded from PostgreSQL in ${f.columnsLoadS.toFixed(1)} s, ${f.shards} ` +
          `shards, ${f.matches.toLocaleString("en")} matches + ${f.nearMisses.toLocaleString("en")} near-misses kept) | ` +
          `${f.wallS.toFixed(1)} | ${f.cpuS.toFixed(1)} | ${f.pairsScored.toLocaleString("en")} | ` +
          `${f.rowsWritten.toLocaleString("en")} | < 300 s at 1M |`,
      );
    if (n.nights)
      out(
        `| unchanged night (warm) | ${u.wallS.toFixed(1)} | ${u.cpuS.toFixed(1)} | ` +
          `${u.pairsScored.toLocaleString("en")} | ${u.rowsWritten.toLocaleString("en")} | < 90 s, 0 rows |`,
      );
    out();
    out(`| one posting's re-match end to end (posting changed, load + refresh + rank + diff + write), ${o.runs} postings | p50 ms | p95 ms |`);
    out(`|---|---:|---:|`);
    out(`| wall | ${o.wallP50Ms.toFixed(0)} | ${o.wallP95Ms.toFixed(0)} |`);
    out(`| CPU | ${o.cpuP50Ms.toFixed(0)} | ${o.cpuP95Ms.toFixed(0)} |`);
    out();
    const ratio = n.nights
      ? `the unchanged night's candidate pairs per CPU second are ${n.ratioToDotCpu.toFixed(3)} × that (it includes ` +
        `reading the stored rows' fingerprints and comparing them; no explanation is built for an unchanged row)`
      : "no nightly figure at this size";
    out(
      `Rows written per single re-match on average: ${o.rowsWrittenAvg.toFixed(0)} · goal: p95 < 1 s at 1M. Raw ` +
        `Float32 dot product over ${n.workers.toLocaleString("en")} workers in the same run: ` +
        `${M(n.dot.pairsPerSecondCpu)} pairs/s CPU (${M(n.dot.pairsPerSecondWall)} wall); ${ratio}.`,
    );
    out();
  }
  return { sizes };
});

await section("queue", async () => {
  const q = await benchQueue();
  out(`## Queue throughput: no-op jobs through the queue port (addBulk in chunks of 1,000, one Worker)`);
  out();
  out(`| backend | jobs | concurrency | added/s | processed/s | end to end s | CPU s (bench process) |`);
  out(`|---|---:|---:|---:|---:|---:|---:|`);
  for (const r of q.rows)
    out(
      `| ${r.backend} | ${r.jobs.toLocaleString("en")} | ${r.concurrency} | ` +
        `${Math.round(r.addPerSecond).toLocaleString("en")} | ${Math.round(r.processPerSecond).toLocaleString("en")} | ` +
        `${r.endToEndSeconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} |`,
    );
  out();
  out(
    `PostgreSQL backend / Redis, processed per second, same run: **${q.pgToRedis.toFixed(2)}×** (goal ≥ 0.25×) · ` +
      `load average (1/5/15 min) at the start ${q.loadAverage.map((x) => x.toFixed(2)).join(" / ")}`,
  );
  out();
  return q;
});

await section("argon2", async () => {
  const samples: number[] = [];
  const h = await hashPassword("benchmark-password");
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await verifyPassword(h, "benchmark-password");
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  out(`## Password verification (argon2id, 19 MiB, t=2)`);
  out();
  out(`p50 ${samples[10].toFixed(1)} ms · p95 ${samples[18].toFixed(1)} ms per sign-in attempt (one core)`);

  out();
  return { samplesMs: samples, p50Ms: samples[10], p95Ms: samples[18] };
});

await section("import", async () => {
  const roster = await benchImport({ rows: Number(values["roster-rows"]) });
  out(`## Roster import, ${roster.rows.toLocaleString("en")} generated rows (1% invalid), the command's path into a scratch database`);
  out();
  out(
    `CSV ${roster.fileMb.toFixed(1)} MB, XLSX ${roster.xlsxMb.toFixed(1)} MB · RSS before ` +
      `${Math.round(roster.baselineRssMb)} MB · counting the rows (the progress bar's total) ` +
      `${roster.countSeconds.toFixed(1)} s · goal: 100,000 new rows in under 60 s`,
  );
  out();
  out(`| run | seconds | rows/s | peak RSS MB | live heap MB, start → last batch | new / updated / unchanged / rejected |`);
  out(`|---|---:|---:|---:|---:|---|`);
  for (const r of roster.runs)
    out(
      `| ${r.label} | ${r.seconds.toFixed(1)} | ${Math.round(r.rowsPerSecond)} | ${Math.round(r.peakRssMb)} | ` +
        `${Math.round(r.heapBeforeMb)} → ${Math.round(r.heapAtEndMb)} | ${r.counts.imported} / ${r.counts.updated} / ` +
        `${r.counts.unchanged} / ${r.counts.rejected} |`,
    );

  out();
  return roster;
});

await section("phone", async () => {
  const p = await benchPhone({ runs: Number(values["phone-runs"]) });
  const KB = (b: number) => (b / 1024).toFixed(0);
  out(`## A phone on fast 3G with 4× CPU slowdown: ${p.page}, empty cache (production build, \`--only web\`)`);
  out();
  out(
    `DevTools' fast 3G (562.5 ms round trip, 1.44 Mbit/s down) and 4× CPU slowdown through CDP, 390 × 844 (\`test/e2e/throttle.ts\`). ` +
      `Usable = the registration form hydrated (\`form.registration[data-enhanced]\`), from navigation start. Goal (issue 15): ≤ 150 KB, usable ≤ 3 s.`,
  );
  out();
  out(`| run | transferred KB | document KB | scripts (files) | CSS KB | usable ms |`);
  out(`|---:|---:|---:|---|---:|---:|`);
  p.runs.forEach((r, i) =>
    out(
      `| ${i + 1} | ${KB(r.transferred)} | ${KB(r.byType.Document ?? 0)} | ${KB(r.byType.Script ?? 0)} KB (${r.countByType.Script ?? 0}) | ` +
        `${KB(r.byType.Stylesheet ?? 0)} | ${Math.round(r.usableMs)} |`,
    ),
  );
  out();
  out(
    `Usable: min ${Math.round(p.usableMs.min)} ms, median ${Math.round(p.usableMs.median)} ms, max ${Math.round(p.usableMs.max)} ms · ` +
      `load average (1/5/15 min) at the start: ${p.loadAverage.map((x) => x.toFixed(2)).join(" / ")}`,
  );
  return p;
});

await section("registration", async () => {
  const runs = await benchRegistration({ seconds: Number(values["register-seconds"]) });
  type Phase = Awaited<ReturnType<typeof benchRegistration>>[number]["steady"];
  const phaseName = (p: Phase) =>
    p.kind === "steady"
      ? `${p.rate}/s steady, open loop (one every ${1000 / p.rate!} ms)`
      : p.kind === "bursts"
        ? `${p.rate}/s as ${p.rate} at once each second (autocannon overallRate)`
        : `${p.connections} clients closed loop`;
  const phase = (p: Phase) =>
    `${phaseName(p)} | ${p.requests} | ${p.ok} | ` +
    `${Object.keys(p.other).length ? JSON.stringify(p.other) : "0"} | ${Math.round(p.p50Ms)} | ` +
    `${Math.round(p.p95Ms)} | ${Math.round(p.p99Ms)} | ${p.perSecond.toFixed(1)} | ${((p.serverCpuSeconds / Math.max(1, p.requests)) * 1000).toFixed(0)}`;
  out(`## Public registration under load (production build, \`--only web\`, PostgreSQL + Redis)`);
  out();
  out(
    `Goal (issue 13): at a steady 10 registrations/s, p95 < 300 ms and no errors; and the saturation throughput. ` +
      `Each registration hashes its sign-in secret with argon2id (19 MiB, t=2) and writes one transaction. ` +
      `Steady: timed from when each request was due. ` +
      `Bursts: what the earlier figures measured (autocannon's overallRate fires every connection at the top of each second).`,
  );
  out();
  out(`| web processes | load | requests | registered | errors | p50 ms | p95 ms | p99 ms | answered/s | server CPU ms per request |`);
  out(`|---:|---|---:|---:|---|---:|---:|---:|---:|---:|`);
  for (const r of runs) {
    out(`| ${r.webProcesses} | ${phase(r.steady)} |`);
    out(`| ${r.webProcesses} | ${phase(r.bursts)} |`);
    out(`| ${r.webProcesses} | ${phase(r.saturation)} |`);
  }
  out();
  const loads = runs.map((r) => `${r.webProcesses} process${r.webProcesses > 1 ? "es" : ""}: ${r.loadAverage.map((x) => x.toFixed(2)).join(" / ")}`);
  out(`Load average (1/5/15 min) at the start of each server's run: ${loads.join(" · ")}`);
  return { runs };
});

await section("matching", async () => {
  const m = await benchMatching({ workers: 1_000_000, nightlyWorkers: 100_000, nightlyPostings: 1000 });
  const M = (x: number) => `${(x / 1e6).toFixed(1)} M`;
  const t = m.throughput;
  out(`## Matching: scoring core in process (synthetic workers; database load and match upserts excluded)`);
  out();
  out(
    `${m.workers.toLocaleString("en")} workers encoded into columns in ${m.encodeSeconds.toFixed(1)} s (generation ` +
      `included) · typed arrays ${Math.round(m.typedArrayMb)} MB + ids and dictionaries ${Math.round(m.heapMb)} MB ` +
      `of heap. CPU = this process's CPU time (the wall clock on a shared machine also counts waiting for a core).`,
  );
  out();
  out(`| measurement | pairs/s (CPU) | pairs/s (wall) | vs dot-product scan (CPU) |`);
  out(`|---|---:|---:|---:|`);
  out(
    `| Float32Array dot product, ${t.features} features × ${m.workers.toLocaleString("en")} workers (one core's ` +
      `practical limit) | ${M(t.dot.pairsPerSecondCpu)} | ${M(t.dot.pairsPerSecondWall)} | 1.00 |`,
  );
  out(
    `| full scoring: every hard constraint + every factor, no pruning (${t.eligible.toLocaleString("en")} ` +
      `eligible) | ${M(t.full.pairsPerSecondCpu)} | ${M(t.full.pairsPerSecondWall)} | ` +
      `${(t.full.pairsPerSecondCpu / t.dot.pairsPerSecondCpu).toFixed(2)} |`,
  );
  out(
    `| engine as run: candidate generation + exact pruning, same posting, same top 200 | ` +
      `${M(t.engine.pairsPerSecondCpu)} | ${M(t.engine.pairsPerSecondWall)} | ` +
      `${(t.engine.pairsPerSecondCpu / t.dot.pairsPerSecondCpu).toFixed(2)} |`,
  );
  out();
  const o = m.onePosting;
  out(`| one posting vs ${m.workers.toLocaleString("en")} workers, hard filters, top 200 (${o.runs} postings) | p50 ms | p95 ms | max ms |`);
  out(`|---|---:|---:|---:|`);
  out(`| CPU | ${o.cpu.p50.toFixed(1)} | ${o.cpu.p95.toFixed(1)} | ${o.cpu.max.toFixed(1)} |`);
  out(`| wall | ${o.wall.p50.toFixed(1)} | ${o.wall.p95.toFixed(1)} | ${o.wall.max.toFixed(1)} |`);
  out();
  out(
    `Per posting on average: ${Math.round(o.consideredAvg).toLocaleString("en")} candidates looked at, ` +
      `${Math.round(o.eligibleAvg).toLocaleString("en")} eligible, ${o.top} kept · goal: p95 under 50 ms.`,
  );
  out();
  const nn = m.nightly;
  out(
    `Nightly re-match, columnar path: ${nn.workers.toLocaleString("en")} workers × ` +
      `${nn.postings.toLocaleString("en")} open postings = ${((nn.workers * nn.postings) / 1e6).toFixed(0)} M pairs in ` +
      `${nn.cpuSeconds.toFixed(1)} s CPU (${nn.wallSeconds.toFixed(1)} s wall) · ${M(nn.pairsPerSecondCpu)} pairs/s ` +
      `CPU (${M(nn.pairsPerSecondWall)} wall) · ${nn.matches.toLocaleString("en")} ranked matches.`,
  );
  return m;
});

await section("meilisearch", async () => {
  const m = await benchMeilisearchPayload({ docs: Number(values["meili-docs"]) });
  out(`## Meilisearch payloads, ${m.docs.toLocaleString("en")} worker documents (worker-side CPU and bytes sent; no server runs here)`);
  out();
  out(`| variant | wall ms | CPU ms | MB sent | requests | largest request MB |`);
  out(`|---|---:|---:|---:|---:|---:|`);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  for (const v of m.variants)
    out(`| ${v.name} | ${v.wallMs.toFixed(0)} | ${v.cpuMs.toFixed(0)} | ${mb(v.bytes)} | ${v.batches} | ${mb(v.largestBatchBytes)} |`);
  out();
  out(
    `Query building (phrases, operators stripped): ${Math.round(m.queriesPerSecond).toLocaleString("en")} ` +
      `queries/s (the load average is under the table).`,
  );
  return m;
});

await section("dashboard", async () => {
  const d = await benchDashboard({ workers: Number(values["dashboard-workers"] ?? 1_000_000) });
  out(
    `## Coordinators' dashboard: ${d.workers.toLocaleString("en")} workers, ${d.enrollments.toLocaleString("en")} ` +
      `enrollments, ${d.placements.toLocaleString("en")} placements, ${d.followUps.toLocaleString("en")} follow-ups ` +
      `(scratch database, set-based SQL)`,
  );
  out();
  out(
    `Data set built in ${d.buildSeconds.toFixed(1)} s · refresh job (DashboardStat for the year, all counties) ` +
      `${d.refreshSeconds.toFixed(1)} s · goal: province dashboard p95 under 500 ms`,
  );
  out();
  out(`| dashboard | p50 ms | p95 ms |`);
  out(`|---|---:|---:|`);
  for (const r of d.runs) out(`| ${r.name} | ${r.p50Ms.toFixed(1)} | ${r.p95Ms.toFixed(1)} |`);
  return d;
});

await section("fuzz", async () => {
  const f = await benchFuzz({ requests: Number(values["fuzz-requests"]) });
  out(
    `## Hostile HTTP requests (issue 16): ${f.requests.toLocaleString("en")} generated requests at the real web ` +
      `server (production build), ${f.concurrency} at a time`,
  );
  out();
  out(
    `Every route pattern of app/routes.ts with hostile ids (NUL, broken %-escapes, 5 kB, lone surrogates, ` +
      `non-UUIDs), query strings and bodies (form, JSON, raw bytes), as anonymous, admin, coordinator, employer and ` +
      `an API token. **5xx (or no answer): ${f.fiveHundreds}** · console.error: ${f.consoleErrors} · ` +
      `${f.wallS.toFixed(0)} s wall / ${f.cpuS.toFixed(0)} s CPU (server and client share this process)`,
  );
  out();
  out(`| status | requests |`);
  out(`|---|---:|`);
  for (const [s, n] of Object.entries(f.statuses).sort()) out(`| ${s} | ${n.toLocaleString("en")} |`);
  if (f.samples5xx.length) for (const s of f.samples5xx) out(`- ${s}`);
  return f;
});

// Every selected section has written its block. End here rather than wait on handles an in-process
// section leaves open (the fuzz section runs the web server in this process, with its pools and Redis clients).
process.exit(0);
