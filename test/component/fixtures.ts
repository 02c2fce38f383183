// Data for the component tests, built from the project's own sources so it cannot drift quietly:
// the registration form's lists from the reference files the database is seeded from
// (prisma/reference), shaped by the route's type; class pages typed with the loader's type.
import type { RegionGroup, RegionOption, RegistrationOptions } from "~/services/registration-page.server";
import occupationsFile from "../../prisma/reference/occupations.json";
import regionsFile from "../../prisma/reference/regions.json";
import townshipsFile from "../../prisma/reference/townships-13.json";

type RegionRow = { code: string; name: string; nameEn: string | null };
type TownshipRow = { code: string; name: string; countyCode: string };
type OccupationRow = { code: string; nameZh: string; nameEn: string; category: string };

const regions: RegionRow[] = regionsFile.regions;
const townships: TownshipRow[] = townshipsFile.townships;
const occupations: OccupationRow[] = occupationsFile.occupations;

const region = (code: string): RegionOption => {
  const r = regions.find((x) => x.code === code);
  if (!r) throw new Error(`no region ${code} in prisma/reference/regions.json`);
  return { code: r.code, name: r.name, nameEn: r.nameEn };
};
const group = (parent: string, children: string[]): RegionGroup => ({ ...region(parent), children: children.map(region) });

/**
 * What registrationOptions() answers, for a few places: 保定市's 阜平县 and 唐县 as household
 * counties, Beijing and Tianjin districts as destinations, the domestic and textile trades.
 */
export function registrationOptionsFixture(): RegistrationOptions {
  return {
    counties: [group("130600", ["130624", "130627"])],
    destinations: [group("110000", ["110101", "110105"]), group("120000", ["120101"])],
    occupations: ["domestic", "textile"].map((category) => ({
      category,
      occupations: occupations.filter((o) => o.category === category).map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
    })),
  };
}

/** What /register/regions answers for a county (townshipsOf). */
export function townshipsFixture(countyCode: string): RegionOption[] {
  return townships.filter((t) => t.countyCode === countyCode).map((t) => ({ code: t.code, name: t.name, nameEn: null }));
}
