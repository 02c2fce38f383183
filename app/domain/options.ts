// What the forms offer to choose from, as the pages receive it: places grouped under their
// county or district, occupations under their category.

export type RegionOption = { code: string; name: string; nameEn: string | null };
export type RegionGroup = RegionOption & { children: RegionOption[] };
export type OccupationGroup = { category: string; occupations: { code: string; nameZh: string; nameEn: string }[] };
export type RegistrationOptions = { counties: RegionGroup[]; destinations: RegionGroup[]; occupations: OccupationGroup[] };
