// The matching engine's public interface (docs/matching.md). Pure: no I/O.
export * from "./types";
export { DEFAULT_MATCH_POLICY, matchPolicySchema, readMatchPolicy, slotPoints, type MatchPolicy, type SlotPoints } from "./policy";
export { scorePair, scoreWithFacts, targetFacts, targetKindMask, UNCHECKED_CERTIFICATE, type TargetFacts } from "./score";
export { rankTarget, compareRanked, suggestTrainingOrder, nearMissOf, NEAR_MISS_CODES } from "./rank";
export { allocateTrainingPlaces, type Allocation, type AllocationReason, type AllocationResult } from "./allocate";
export {
  encodeWorkers,
  encodeWorkerStream,
  rankColumns,
  rankColumnParts,
  decodeWorker,
  retireWorker,
  columnsByteLength,
  type WorkerColumns,
  type ColumnHit,
  type ColumnRankOptions,
  type ColumnRankResult,
  type PartHit,
} from "./columns";
export { ageYears, dayNumber } from "./kernel";
export { pairFingerprint, targetPrint, valueHash, type TargetPrint } from "./fingerprint";
export { CATEGORY_NEIGHBOURS, relatedOccupations, type OccupationCategory } from "./related";
export { candidateOccupations, isCandidate, targetOccupations } from "./candidates";
