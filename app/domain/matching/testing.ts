// Builders for tests, scenarios and benchmarks: a reasonable default for every field, overridden
// per case so each test shows only what it is about.
import type { MatchPreference, MatchWorker, PostingTarget, TrainingOrderTarget } from "./types";

export const TODAY = "2026-11-28";

export function pref(over: Partial<MatchPreference> = {}): MatchPreference {
  return {
    destinationKinds: [],
    destinationRegionCodes: [],
    occupationCodes: [],
    minMonthlyWage: null,
    willingToTrain: true,
    trainingKinds: [],
    homeBasedOnly: false,
    availableFrom: null,
    ...over,
  };
}

export function worker(id: string, over: Partial<MatchWorker> = {}): MatchWorker {
  return {
    id,
    version: 1,
    countyCode: "130624",
    townshipCode: "130624100",
    villageKey: "130624100201",
    birthDate: "1988-03-15",
    skills: [],
    preference: pref(),
    isRegisteredPoor: false,
    hasPriorityFactors: false,
    atRiskOfPoverty: false,
    status: "REGISTERED",
    declinedEmployerIds: [],
    declinedByTargetIds: [],
    ...over,
  };
}

export function posting(over: Partial<PostingTarget> = {}): PostingTarget {
  return {
    kind: "posting",
    id: "posting-1",
    version: 1,
    employerId: "employer-1",
    occupationCode: "electrician",
    wageMin: 5500,
    wageMax: 6500,
    workRegionCode: "110105",
    startDate: "2026-12-15",
    requirements: { skills: [], certificates: [] },
    ageMin: null,
    ageMax: null,
    headcount: 5,
    housing: false,
    meals: false,
    socialInsurance: true,
    employerRecord: null,
    ...over,
  };
}

export function trainingOrder(over: Partial<TrainingOrderTarget> = {}): TrainingOrderTarget {
  return {
    kind: "trainingOrder",
    id: "order-1",
    version: 1,
    employerId: "employer-1",
    trainingKind: "ORDER_BASED",
    occupationCode: "elderly-carer",
    classSize: 10,
    placesLeft: 10,
    locationRegionCode: "130624",
    workRegionCode: "110108",
    scheduleStart: "2027-01-05",
    commitWage: 5000,
    commitHires: 8,
    employerRecord: null,
    ...over,
  };
}

export const LABELS = {
  occupation: (code: string) =>
    (
      ({
        electrician: { zh: "电工", en: "electrician" },
        welder: { zh: "焊工", en: "welder" },
        "elderly-carer": { zh: "养老护理员", en: "elderly carer" },
        "domestic-helper": { zh: "家政服务员", en: "domestic helper" },
        "luggage-maker": { zh: "箱包制作工", en: "luggage maker" },
      }) as Record<string, { zh: string; en: string }>
    )[code],
  region: (code: string) =>
    (
      ({
        "110105": { zh: "北京市朝阳区", en: "Chaoyang, Beijing" },
        "110108": { zh: "北京市海淀区", en: "Haidian, Beijing" },
        "130624": { zh: "阜平县", en: "Fuping County" },
      }) as Record<string, { zh: string; en: string }>
    )[code],
};
