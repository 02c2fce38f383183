// Summarises a .cpuprofile (V8 sampling profile): self time per function and file, largest first.
// `npx tsx test/bench/profile-summary.ts /tmp/prof/unchanged-night.cpuprofile [rows]`
import fs from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
const [file, rowsArg] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const agg = new Map<string, number>();
for (const [id, us] of self) {
  const f = byId.get(id)!.callFrame;
  const key = `${f.functionName || "(anonymous)"}  ${f.url.replace(/^.*\/(app|node_modules|test)\//, "$1/")}:${f.lineNumber + 1}`;
  agg.set(key, (agg.get(key) ?? 0) + us);
}
// Inclusive time per function name (each sample counted once per function on its stack).
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
for (const [id, us] of self) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    const key = `${f.functionName || "(anonymous)"}  ${f.url.replace(/^.*\/(app|node_modules|test)\//, "$1/")}:${f.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    incl.set(key, (incl.get(key) ?? 0) + us);
  }
}
const rows = Number(rowsArg ?? 30);
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (total sampled ${(total / 1e6).toFixed(2)} s)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
};
show("self time", agg);
show("inclusive time", incl);
