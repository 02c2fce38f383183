// fast-check arbitraries shared by the engine's property tests (columns.test.ts, fingerprint.test.ts).
// Small value sets so random workers and targets collide often (same occupation, same township,
// ties). Test code only: app/features.test.ts lets a *.test-support.ts file import fast-check.
import fc from "fast-check";

export const OCC = ["electrician", "welder", "elderly-carer", "luggage-maker"];

/** A calendar day from 40 days before TODAY (2026-11-28) to 200 after. */
export const day = fc.integer({ min: -40, max: 200 }).map((d) => new Date(Date.UTC(2026, 10, 28 + d)).toISOString().slice(0, 10));

export const skill = fc.record({
  occupationCode: fc.constantFrom(...OCC),
  level: fc.option(fc.integer({ min: 1, max: 5 })),
  hasCertificate: fc.boolean(),
  yearsExperience: fc.option(fc.integer({ min: 0, max: 12 })),
});

/** A worker's preference, its destinations among `regions`, its minimum wage among `wages`. */
export const preference = (regions: string[], wages: number[]) =>
  fc.record({
    destinationKinds: fc.uniqueArray(fc.constantFrom("BEIJING_TIANJIN", "OTHER_OUT_OF_PROVINCE", "WITHIN_HEBEI", "LOCAL_COUNTY", "HOME_BASED" as const), {
      maxLength: 3,
    }),
    destinationRegionCodes: fc.uniqueArray(fc.constantFrom(...regions), { maxLength: 2 }),
    occupationCodes: fc.uniqueArray(fc.constantFrom(...OCC), { maxLength: 2 }),
    minMonthlyWage: fc.option(fc.constantFrom(...wages)),
    willingToTrain: fc.boolean(),
    trainingKinds: fc.uniqueArray(fc.constantFrom("ORDER_BASED", "POST_BASED", "COMPOUND" as const), { maxLength: 2 }),
    homeBasedOnly: fc.boolean(),
    availableFrom: fc.option(day),
  });

/** A posting's required skills: at most `maxLength`, each an occupation with or without a minimum level. */
export const requiredSkills = (maxLength: number) =>
  fc.array(fc.record({ occupationCode: fc.constantFrom(...OCC), minLevel: fc.option(fc.integer({ min: 1, max: 5 })) }), { maxLength });
