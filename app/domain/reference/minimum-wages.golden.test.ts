// The minimum-wage table against figures transcribed separately from the notices
// (test/golden/minimum-wages.golden.json), never against itself: the earlier table passed a test
// that expected exactly the figures written in it, while lawful wages were flagged as fraud.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { placementFlags, type FlagFacts } from "../placement";
import { MINIMUM_WAGES, minimumWageFor, staleProvinces } from "./minimum-wages";

type HebeiTable = {
  document: string;
  effective: string;
  monthly: Record<string, number>;
  tiers: Record<string, Record<string, string[]>>;
  formerNames?: Record<string, string>;
  lowestTier?: string;
};
type Golden = {
  hebei2023: HebeiTable;
  hebei2019: HebeiTable;
  cases: { what: string; region: string; day: string; wage: number; flagged: boolean; minimum?: number }[];
};
type Region = { code: string; name: string; level: string; parentCode: string | null };
const golden = JSON.parse(readFileSync(new URL("../../../test/golden/minimum-wages.golden.json", import.meta.url), "utf8")) as Golden;
const regions = (JSON.parse(readFileSync(new URL("../../../prisma/reference/regions.json", import.meta.url), "utf8")) as { regions: Region[] }).regions;
const hebeiCounties = regions.filter((r) => r.level === "county" && r.code.startsWith("13"));
const prefectureCode = (name: string) => regions.find((r) => r.level === "prefecture" && r.name === name)!.code;

/**
 * The notice's 实行地区 lists, by name, turned into county codes: tier per county. A name the
 * notice uses for a unit since renamed maps through `formerNames` ("" = now part of districts the
 * list covers as 市区). With `rest`, every county named nowhere gets that tier.
 */
function goldenTiers(table: HebeiTable, rest?: number): Map<string, number> {
  const tierOf = new Map<string, number>();
  const current = (n: string) => table.formerNames?.[n] ?? n;
  const named = new Set(
    Object.values(table.tiers)
      .flatMap((byPref) => Object.values(byPref).flat())
      .filter((n) => n !== "市区" && !n.startsWith("-"))
      .map(current),
  );
  for (const [tier, byPref] of Object.entries(table.tiers)) {
    for (const [pref, places] of Object.entries(byPref)) {
      const p = prefectureCode(pref);
      const inPref = hebeiCounties.filter((c) => c.parentCode === p);
      for (const place of places) {
        if (place.startsWith("-")) continue;
        if (place === "市区") {
          const excluded = new Set(places.filter((x) => x.startsWith("-")).map((x) => x.slice(1)));
          for (const d of inPref.filter((c) => c.name.endsWith("区") && !excluded.has(c.name) && !named.has(c.name))) tierOf.set(d.code, Number(tier));
        } else {
          if (current(place) === "") continue;
          const c = hebeiCounties.find((x) => x.name === current(place));
          expect(c, `${pref} ${place}`).toBeDefined();
          tierOf.set(c!.code, Number(tier));
        }
      }
    }
  }
  if (rest !== undefined) for (const c of hebeiCounties) if (!tierOf.has(c.code)) tierOf.set(c.code, rest);
  return tierOf;
}

const base = (region: string, day: string, wage: number): FlagFacts => ({
  placement: { id: "p", startDate: day, endDate: null, monthlyWage: wage, workRegionCode: region },
  otherPlacements: [],
  employer: { name: "e", status: "VERIFIED" },
  order: null,
  staffLinks: [],
});

describe("minimum wages against the notices", () => {
  it("every Hebei county has an explicit 2023 row (no county falls back to a province-wide default)", () => {
    for (const c of hebeiCounties) {
      const row = MINIMUM_WAGES.find((e) => e.prefix === c.code && e.effective === golden.hebei2023.effective);
      expect(row, `${c.code} ${c.name}`).toBeDefined();
    }
  });

  it(
    "Hebei 2023: each county's amount is its tier in the notice; the only departures are rows marked unverified, " + "and they are lower (never a false flag)",
    () => {
      const tiers = goldenTiers(golden.hebei2023, 3);
      const departures: string[] = [];
      for (const c of hebeiCounties) {
        const expected = golden.hebei2023.monthly[String(tiers.get(c.code))];
        const row = minimumWageFor(c.code, "2024-06-01")!;
        expect(row.source, c.code).toBe(golden.hebei2023.document);
        if (row.monthly !== expected) {
          expect(row.verified, `${c.code} ${c.name}: ${row.monthly} ≠ ${expected}`).toBe(false);
          expect(row.monthly, c.code).toBeLessThan(expected);
          departures.push(c.name);
        }
      }
      // Districts made from counties in 2016/2020 whose membership of "市区" the notice's text leaves open.
      expect(departures.sort()).toEqual(["任泽区", "南和区", "肥乡区"].sort());
    },
  );

  it(
    "Hebei 2019-11-01 to 2022: counties the 2019 table names (as far as it was read) have their tier, every other " +
      "county the lowest of its four; departures are unverified and lower",
    () => {
      const t2019 = golden.hebei2019;
      const tiers = goldenTiers(t2019);
      const lowest = t2019.monthly[t2019.lowestTier!];
      expect(lowest).toBe(Math.min(...Object.values(t2019.monthly)));
      const departures: string[] = [];
      let unread = 0;
      for (const c of hebeiCounties) {
        for (const day of [t2019.effective, "2022-12-31"]) {
          const row = minimumWageFor(c.code, day)!;
          expect(row.source, `${c.code} ${day}`).toBe(t2019.document);
          const tier = tiers.get(c.code);
          if (tier === undefined) {
            expect({ monthly: row.monthly, verified: row.verified }, `${c.code} ${c.name}`).toEqual({ monthly: lowest, verified: false });
          } else if (row.monthly !== t2019.monthly[String(tier)]) {
            expect(row.verified, `${c.code} ${c.name}: ${row.monthly} ≠ ${t2019.monthly[String(tier)]}`).toBe(false);
            expect(row.monthly, c.code).toBeLessThan(t2019.monthly[String(tier)]);
            if (day === t2019.effective) departures.push(c.name);
          }
        }
        if (!tiers.has(c.code)) unread++;
      }
      // 肥乡区, 永年区, 冀州区 were listed as counties by the previous notice; 任泽区, 南和区 were counties until 2020.
      expect(departures.sort()).toEqual(["任泽区", "南和区", "冀州区", "永年区", "肥乡区"].sort());
      expect(unread).toBeGreaterThan(0);
      // The day before the notice there is no Hebei row at all (no flag rather than a guess).
      expect(minimumWageFor("130681", "2019-10-31")).toBeNull();
    },
  );

  it.each(golden.cases)("$what", (c) => {
    const flags = placementFlags(base(c.region, c.day, c.wage)).filter((f) => f.code === "belowMinimumWage");
    expect(flags.length > 0).toBe(c.flagged);
    if (c.flagged) {
      expect(flags[0].detail.minimum).toBe(c.minimum);
      expect(String(flags[0].detail.source).length).toBeGreaterThan(10);
    }
  });

  it("says which provinces' newest row is old enough that a newer notice is likely (injected clock)", () => {
    const table = [
      { prefix: "11", effective: "2025-09-01", monthly: 2540, label: "", source: "" },
      { prefix: "130125", effective: "2023-01-01", monthly: 2000, label: "", source: "" },
    ];
    expect(staleProvinces(table, "2025-12-31")).toEqual([]);
    expect(staleProvinces(table, "2026-01-02")).toEqual([{ province: "13", newest: "2023-01-01" }]);
    expect(staleProvinces(table, "2028-09-02")).toEqual([
      { province: "11", newest: "2025-09-01" },
      { province: "13", newest: "2023-01-01" },
    ]);
  });
});
