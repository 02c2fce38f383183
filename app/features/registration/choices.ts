// The choices a job seeker's form offers, without zod: the form renders them on its first load,
// while the schemas that check them (schema.ts) reach the browser only when the form is first used.
export const EDUCATION = ["NONE", "PRIMARY", "JUNIOR_SECONDARY", "SENIOR_SECONDARY", "VOCATIONAL", "COLLEGE", "BACHELOR_OR_ABOVE"] as const;
export const TRANSFER_TYPES = ["BEIJING_TIANJIN", "OTHER_OUT_OF_PROVINCE", "WITHIN_HEBEI", "LOCAL_COUNTY", "HOME_BASED"] as const;
export const TRAINING_KINDS = ["ORDER_BASED", "POST_BASED", "COMPOUND"] as const;
export const PRIORITY_FACTORS = ["seriousIllness", "severeDisability", "studentsInHousehold", "noIndustry"] as const;

/** The consent texts people agree to; the version is stored with each consent. */
export const CONSENT_VERSIONS = { registration: "registration-2026-11", priorityFactors: "priority-factors-2026-11" } as const;
