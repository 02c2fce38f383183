// The matching policy: every weight is data an administrator can change (Setting "matching.policy"),
// validated by this schema. docs/matching.md explains each number and why it has its default.
import { z } from "zod";

const w = (max: number) => z.number().min(0).max(max);

export const matchPolicySchema = z
  .object({
    /** Points for each side of the match. Reciprocal: the employer's side and the worker's side weigh the same. */
    sidePoints: w(50),
    /** Relative weights inside the employer's side for a job posting. */
    postingSide: z.object({ skill: w(10), certificate: w(10), experience: w(10), availability: w(10) }),
    /** Relative weights inside the employer's side for a training order (the class teaches the skill). */
    trainingSide: z.object({
      willingToTrain: w(10),
      priorSkill: w(10),
      experience: w(10),
      availability: w(10),
      /** Distance from home to where the class is held (a stored policy from before this weight gets the default). */
      trainingSite: w(10).default(2),
    }),
    /** Relative weights inside the worker's side (what the person asked for). */
    workerSide: z.object({ destination: w(10), wage: w(10), occupation: w(10) }),
    /** Points for an employer that kept its hiring commitments (share kept × points; unknown = half). */
    employerRecord: w(20),
    /** Policy priority points, added to the score (they reorder, never hide or unlock anyone). */
    priority: z.object({ registeredPoor: w(15), priorityFactors: w(15), atRiskOfPoverty: w(15) }),
    /** Points taken off when the person declined this employer's invitation before. */
    declinedEmployerPenalty: w(50),
    /** Days a person may become available after the start date before the pair is excluded. */
    availabilityGraceDays: z.number().int().min(0).max(365),
    /** Largest share of a class's places one village may take while people from other villages wait. */
    villageShareCap: z.number().min(0.1).max(1),
    topN: z.number().int().min(1).max(1000),
    nearMissN: z.number().int().min(0).max(200),
  })
  .superRefine((p, ctx) => {
    const max = 2 * p.sidePoints + p.employerRecord + p.priority.registeredPoor + p.priority.priorityFactors + p.priority.atRiskOfPoverty;
    if (max > 100) ctx.addIssue({ code: "custom", path: ["sidePoints"], message: "matching.policy.overHundred" });
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    if (sum(p.postingSide) === 0) ctx.addIssue({ code: "custom", path: ["postingSide"], message: "matching.policy.sideEmpty" });
    if (sum(p.trainingSide) === 0) ctx.addIssue({ code: "custom", path: ["trainingSide"], message: "matching.policy.sideEmpty" });
    if (sum(p.workerSide) === 0) ctx.addIssue({ code: "custom", path: ["workerSide"], message: "matching.policy.sideEmpty" });
  });

export type MatchPolicy = z.infer<typeof matchPolicySchema>;

export const DEFAULT_MATCH_POLICY: MatchPolicy = Object.freeze({
  sidePoints: 42,
  postingSide: { skill: 5, certificate: 2, experience: 1, availability: 2 },
  trainingSide: { willingToTrain: 5, priorSkill: 1, experience: 1, availability: 3, trainingSite: 2 },
  workerSide: { destination: 4, wage: 4, occupation: 2 },
  employerRecord: 6,
  priority: { registeredPoor: 5, priorityFactors: 3, atRiskOfPoverty: 2 },
  declinedEmployerPenalty: 10,
  availabilityGraceDays: 90,
  villageShareCap: 0.5,
  topN: 200,
  nearMissN: 20,
}) as MatchPolicy;

/** A stored policy, or the default when it is missing or no longer valid (an old shape never breaks matching). */
export function readMatchPolicy(json: unknown): MatchPolicy {
  const parsed = matchPolicySchema.safeParse(json);
  return parsed.success ? parsed.data : DEFAULT_MATCH_POLICY;
}

/** Points each factor slot can give for one kind of target; computed once per policy and target kind. */
export type SlotPoints = {
  /** Employer side, four slots: posting = skill, certificate, experience, availability; order = willingToTrain, priorSkill, experience, availability. */
  e1: number;
  e2: number;
  e3: number;
  e4: number;
  /** Orders only: the training site's distance from home (0 for a posting). */
  e5: number;
  dest: number;
  wage: number;
  occ: number;
  record: number;
  poor: number;
  prio: number;
  risk: number;
  penalty: number;
};

export function slotPoints(policy: MatchPolicy, kind: "posting" | "trainingOrder"): SlotPoints {
  const side =
    kind === "posting"
      ? [policy.postingSide.skill, policy.postingSide.certificate, policy.postingSide.experience, policy.postingSide.availability]
      : [
          policy.trainingSide.willingToTrain,
          policy.trainingSide.priorSkill,
          policy.trainingSide.experience,
          policy.trainingSide.availability,
          policy.trainingSide.trainingSite,
        ];
  const eSum = side.reduce((a, b) => a + b, 0) || 1;
  const ws = policy.workerSide;
  const wSum = ws.destination + ws.wage + ws.occupation || 1;
  const s = policy.sidePoints;
  return {
    e1: (s * side[0]) / eSum,
    e2: (s * side[1]) / eSum,
    e3: (s * side[2]) / eSum,
    e4: (s * side[3]) / eSum,
    e5: kind === "posting" ? 0 : (s * side[4]) / eSum,
    dest: (s * ws.destination) / wSum,
    wage: (s * ws.wage) / wSum,
    occ: (s * ws.occupation) / wSum,
    record: policy.employerRecord,
    poor: policy.priority.registeredPoor,
    prio: policy.priority.priorityFactors,
    risk: policy.priority.atRiskOfPoverty,
    penalty: policy.declinedEmployerPenalty,
  };
}
