// Plain data the matching engine works on. The matching service loads these from the database;
// nothing here knows about Prisma, queues or HTTP. Day fields accept "YYYY-MM-DD" strings or Date
// values (Prisma's @db.Date comes back as a Date at UTC midnight).
import type { WorkerStatus } from "../lifecycle";

export type DestinationKind = "BEIJING_TIANJIN" | "OTHER_OUT_OF_PROVINCE" | "WITHIN_HEBEI" | "LOCAL_COUNTY" | "HOME_BASED";
export const DESTINATION_KINDS: readonly DestinationKind[] = ["BEIJING_TIANJIN", "OTHER_OUT_OF_PROVINCE", "WITHIN_HEBEI", "LOCAL_COUNTY", "HOME_BASED"];
export type TrainingKind = "ORDER_BASED" | "POST_BASED" | "COMPOUND";
export const TRAINING_KINDS: readonly TrainingKind[] = ["ORDER_BASED", "POST_BASED", "COMPOUND"];

export type Day = string | Date;

export type MatchSkill = {
  occupationCode: string;
  /** 1 = highest … 5 = entry; null when the person has experience but no graded level. */
  level: number | null;
  hasCertificate: boolean;
  yearsExperience: number | null;
};

export type MatchPreference = {
  destinationKinds: DestinationKind[];
  destinationRegionCodes: string[];
  occupationCodes: string[];
  minMonthlyWage: number | null;
  willingToTrain: boolean;
  trainingKinds: TrainingKind[];
  homeBasedOnly: boolean;
  availableFrom: Day | null;
};

export type MatchWorker = {
  id: string;
  version: number;
  countyCode: string;
  townshipCode: string | null;
  /** villageCode ?? villageName: who counts as "the same village" for fair allocation; null = unknown. */
  villageKey: string | null;
  birthDate: Day;
  skills: MatchSkill[];
  preference: MatchPreference | null;
  isRegisteredPoor: boolean;
  hasPriorityFactors: boolean;
  atRiskOfPoverty: boolean;
  status: WorkerStatus;
  /** Employers whose invitation this person declined before (soft penalty). */
  declinedEmployerIds: string[];
  /** Postings/orders whose employer declined this person (hard exclusion for that target). */
  declinedByTargetIds: string[];
};

export type PostingTarget = {
  kind: "posting";
  id: string;
  version: number;
  employerId: string;
  occupationCode: string;
  wageMin: number;
  wageMax: number;
  workRegionCode: string;
  startDate: Day | null;
  requirements: { skills: { occupationCode: string; minLevel: number | null }[]; certificates: string[] };
  ageMin: number | null;
  ageMax: number | null;
  headcount: number;
  housing: boolean;
  meals: boolean;
  socialInsurance: boolean;
  /**
   * Occupations one training step from this one (./related.ts). A person whose skills are only in
   * these — no skill in, and no wish for, the posting's trade — is not proposed but kept as a
   * near-miss (skillMissing) with a training suggestion in the posting's occupation.
   */
  relatedOccupations?: string[];
  /** Work done at home or in a village workshop (家庭作坊/扶贫车间), e.g. the occupation is home-based possible. */
  homeBased?: boolean;
  /** Share of the employer's hiring commitments kept, 0..1, or null when nothing is due yet (app/domain/commitments.ts). */
  employerRecord: number | null;
};

export type TrainingOrderTarget = {
  kind: "trainingOrder";
  id: string;
  version: number;
  employerId: string;
  trainingKind: TrainingKind;
  occupationCode: string;
  classSize: number;
  placesLeft: number;
  /** Where the class is held. */
  locationRegionCode: string;
  /** Where graduates will work (the employer's location); destination preference uses it, else the class location. */
  workRegionCode?: string | null;
  scheduleStart: Day | null;
  commitWage: number | null;
  commitHires: number | null;
  employerRecord: number | null;
};

export type MatchTarget = PostingTarget | TrainingOrderTarget;

/** One line of the breakdown stored in Match.factors. `weight` = the most points this factor can give. */
export type Factor = { factor: string; weight: number; value: number; contribution: number; note: string; noteEn: string };

export type HardFailureCode =
  | "notMatchable"
  | "employerDeclined"
  | "underAge"
  | "ageOutOfRange"
  | "skillMissing"
  | "skillLevelLow"
  | "certificateMissing"
  | "wageBelowFloor"
  | "homeBasedOnly"
  | "wantsLocalWork"
  | "notWillingToTrain"
  | "availableTooLate";

export type HardFailure = { code: HardFailureCode; detail: string; detailEn: string };

export type PairResult = {
  eligible: boolean;
  failed: HardFailure[];
  /** 0–100, two decimals. For an ineligible pair it is what the person would have scored (used to pick near-misses). */
  score: number;
  factors: Factor[];
  explanationZh: string;
  explanationEn: string;
  /** Set when the only things missing are a skill, a level or a certificate: training can close the gap. */
  skillGap?: { occupationCode: string };
};

/** Names for explanations; codes are shown when a name is unknown. */
export type MatchLabels = {
  occupation?: (code: string) => { zh: string; en: string } | null | undefined;
  region?: (code: string) => { zh: string; en: string } | null | undefined;
};

export type ScoreContext = { today: Day; labels?: MatchLabels };

export type RankedMatch = { workerId: string; workerVersion: number; villageKey: string | null; rank: number; result: PairResult };

export type NearMiss = {
  workerId: string;
  workerVersion: number;
  score: number;
  reasons: HardFailure[];
  explanationZh: string;
  explanationEn: string;
  suggestedTrainingOrderId: string | null;
};

export type OpenTrainingOrder = { id: string; occupationCode: string; placesLeft: number };

export type RankOptions = { today: Day; openTrainingOrders?: OpenTrainingOrder[]; labels?: MatchLabels };

export type RankResult = { matches: RankedMatch[]; nearMisses: NearMiss[]; pairsScored: number };
