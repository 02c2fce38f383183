// The reference tables an administrator can correct (issue 14), and the poverty-county levels.
// Shared by the service and the admin screen (which must not import server modules).
export const REFERENCE_TABLES = ["minimumWage", "povertyCounty", "occupation", "areaCode"] as const;
export type ReferenceTable = (typeof REFERENCE_TABLES)[number];
export const POVERTY_LEVELS = ["NATIONAL_KEY", "CONTIGUOUS_AREA", "PROVINCIAL", "NONE"] as const;
export type PovertyLevel = (typeof POVERTY_LEVELS)[number];
