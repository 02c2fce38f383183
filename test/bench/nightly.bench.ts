// Nightly re-match end to end through the matching service (not the pure core): a scratch database
// cloned from the test template gets synthetic workers in several counties and open postings, then
// each county runs matchCounty (load from PostgreSQL, score, write PROPOSED rows in one
// transaction) and finishNightly ranks across counties — the work of the BullMQ flow, without the
// queue. Script-style; `npm run bench -- --only nightly` calls benchNightly.
import { chinaToday } from "~/platform/china-time";
import { randomUUID } from "node:crypto";
import { disconnectDb, getDb } from "~/services/db.server";
import { setConfig } from "~/services/env.server";
import { finishNightly, matchCounty, type CountyTotals } from "~/services/matching.server";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { testConfig } from "../setup/env";
import { ensureTemplate } from "../setup/global-setup";

export type NightlyBench = { workers: number; counties: number; postings: number; seedSeconds: number; countySeconds: number; finishSeconds: number; pairsScored: number; matches: number; nearMisses: number };

export async function benchNightly({ counties = 10, perCounty = 500, postings = 50 } = {}): Promise<NightlyBench> {
  const name = `lb_test_${process.pid}_nightly`;
  await cloneTemplate(await ensureTemplate(), name);
  setConfig(testConfig(name));
  const db = getDb();
  try {
    const t0 = performance.now();
    const codes = (await db.region.findMany({ where: { level: "COUNTY", code: { startsWith: "13" } }, select: { code: true }, orderBy: { code: "asc" }, take: counties })).map((r) => r.code);
    const occupations = ["domestic-helper", "elderly-carer"];
    const workers = codes.flatMap((county, ci) => Array.from({ length: perCounty }, (_, i) => ({
      id: randomUUID(), fullName: `工人${ci}-${i}`, idNumberCipher: "x", idNumberHash: `bench-${ci}-${i}`, idNumberMasked: "1306**********0000",
      sex: "FEMALE" as const, birthDate: new Date(Date.UTC(1970 + ((ci * 7 + i) % 30), i % 12, 1 + (i % 27))), countyCode: county,
      isRegisteredPoor: (ci + i) % 3 === 0, villageName: `村${i % 9}`,
    })));
    for (let i = 0; i < workers.length; i += 5000) await db.worker.createMany({ data: workers.slice(i, i + 5000) });
    await db.workerSkill.createMany({ data: workers.map((w, i) => ({ workerId: w.id, occupationCode: occupations[i % 2], level: i % 7 === 0 ? null : 1 + (i % 5), yearsExperience: i % 11 })) });
    await db.workerPreference.createMany({
      data: workers.map((w, i) => ({ workerId: w.id, destinationKinds: i % 4 === 0 ? ["WITHIN_HEBEI" as const] : ["BEIJING_TIANJIN" as const], destinationRegionCodes: [], occupationCodes: [occupations[i % 2]], minMonthlyWage: 4000 + (i % 9) * 600 })),
    });
    const employer = await db.employer.create({
      data: { name: "基准家政公司", creditCode: "91110105MA0BENCH01", districtCode: "110105", industry: "domestic-services", contactName: "张经理", contactPhoneCipher: "x", contactPhoneMasked: "139****2222", status: "VERIFIED" },
    });
    await db.jobPosting.createMany({
      data: Array.from({ length: postings }, (_, i) => ({
        employerId: employer.id, occupationCode: occupations[i % 2], title: `岗位${i}`, headcount: 1 + (i % 5), wageMin: 5000 + (i % 4) * 500, wageMax: 6500 + (i % 6) * 600,
        workRegionCode: i % 5 === 0 ? "120101" : "110105", status: "OPEN" as const, publishedAt: new Date(),
      })),
    });
    const seedSeconds = (performance.now() - t0) / 1000;
    const run = await db.matchRun.create({ data: { kind: "nightly", detail: { today: chinaToday() } } });
    const t1 = performance.now();
    const totals: CountyTotals[] = [];
    for (const county of codes) totals.push(await matchCounty(run.id, county));
    const t2 = performance.now();
    const result = await finishNightly(run.id, totals);
    const t3 = performance.now();
    return {
      workers: workers.length, counties: codes.length, postings, seedSeconds, countySeconds: (t2 - t1) / 1000, finishSeconds: (t3 - t2) / 1000,
      pairsScored: result.pairsScored, matches: result.matchesUpserted, nearMisses: result.nearMisses,
    };
  } finally {
    await disconnectDb();
    await dropDatabase(name);
  }
}
