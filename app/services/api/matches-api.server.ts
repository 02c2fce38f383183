// /api/v1 matches: ranked matches with factor breakdown and explanation for a posting, a training
// order or a worker, and "re-match" requests (202). Scope as on the screens (match-views.server.ts):
// employer tokens their own targets with people masked; coordinators their region's people.
import { z } from "zod";
import type { Principal } from "~/domain/access";
import { rematchJobFor, requestRematchFor, targetMatchesForApi, workerMatchesForApi, type RematchRef, type TargetRef } from "~/features/matching/index.server";
import { apiError, apiJson, requireApiPrincipal, requireMethod } from "./api.server";

const FactorSchema = z.object({
  factor: z.string(),
  weight: z.number().nullable(),
  value: z.number().nullable(),
  contribution: z.number().nullable(),
  note: z.string().nullable().meta({ description: "plain Chinese" }),
  noteEn: z.string().nullable(),
});
const ReasonSchema = z.object({ code: z.string(), detail: z.string().nullable(), detailEn: z.string().nullable() });
const MATCH_STATUSES = ["PROPOSED", "SHORTLISTED", "INVITED", "ACCEPTED", "DECLINED", "HIRED", "WITHDRAWN"] as const;
const matchCore = {
  id: z.string(),
  rank: z.number().int().nullable().meta({ description: "1 = best; null for hand-made matches" }),
  score: z.number().meta({ description: "0–100" }),
  status: z.enum(MATCH_STATUSES),
  hardConstraintsMet: z.boolean(),
  factors: z.array(FactorSchema),
  explanationZh: z.string(),
  explanationEn: z.string().nullable(),
};
/** A near miss: someone (or a target) left out, and why; followed by whom or what it is about. */
const nearMissCore = {
  id: z.string(),
  score: z.number(),
  reasons: z.array(ReasonSchema),
  explanationZh: z.string(),
  explanationEn: z.string().nullable(),
};
const TargetSchema = z.object({ kind: z.enum(["posting", "trainingOrder"]), id: z.string(), title: z.string(), status: z.string() });

export const MatchComputationSchema = z.object({
  computedAt: z.string().nullable().meta({ description: "when the ranking was computed (ISO 8601); null if never" }),
  runId: z.string().nullable().meta({ description: "the MatchRun that computed it" }),
  runKind: z.enum(["target", "nightly"]).nullable().meta({ description: "a re-match of this target, or the nightly run" }),
  jobId: z.string().nullable().meta({ description: "the queue job of a target re-match (GET /api/v1/jobs/{jobId})" }),
  engine: z.string().nullable(),
  targetVersion: z.number().int().nullable().meta({ description: "the target version the ranking read" }),
  currentVersion: z.number().int().nullable(),
  upToDate: z.boolean().meta({ description: "computed from the target's current version" }),
});

export const TargetMatchesSchema = z.object({
  target: TargetSchema,
  computed: MatchComputationSchema,
  total: z.number().int(),
  items: z.array(
    z.object({
      ...matchCore,
      worker: z.object({
        id: z.string().nullable().meta({ description: "null for employer tokens (masked until the person accepts an invitation)" }),
        name: z.string().meta({ description: "employer tokens: surname only until acceptance" }),
        ageBand: z.string().nullable(),
        countyCode: z.string().nullable(),
        isRegisteredPoor: z.boolean().nullable(),
      }),
    }),
  ),
  nearMisses: z
    .array(z.object({ ...nearMissCore, workerId: z.string(), suggestedTrainingOrderId: z.string().nullable() }))
    .meta({ description: "Staff only: the strongest people left out and why; empty for employer tokens" }),
});

export const WorkerMatchesSchema = z.object({
  workerId: z.string(),
  items: z.array(z.object({ ...matchCore, target: TargetSchema })),
  nearMisses: z.array(z.object({ ...nearMissCore, target: TargetSchema, suggestedTrainingOrderId: z.string().nullable() })),
});

export const RematchResultSchema = z.object({
  queued: z.literal(true),
  jobId: z.string().nullable().meta({ description: "follow it with GET /api/v1/jobs/{jobId}" }),
});

export const RematchJobSchema = z.object({
  id: z.string(),
  name: z.enum(["match-target", "match-worker"]),
  state: z.enum(["waiting", "active", "completed", "failed"]),
  entity: z.object({ type: z.enum(["posting", "trainingOrder", "worker"]), id: z.string(), version: z.number().int() }),
  queuedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  attempts: z.number().int(),
  result: z
    .object({
      runId: z.string().nullable().meta({ description: "the MatchRun written (target re-matches); the matches answer then names it" }),
      open: z.boolean().nullable(),
      matches: z.number().int().nullable(),
      nearMisses: z.number().int().nullable(),
      rowsWritten: z.number().int().nullable(),
      targetVersion: z.number().int().nullable(),
    })
    .nullable()
    .meta({ description: "when completed" }),
});

const notFound = (what: string) => apiError(404, "not_found", `No such ${what}`);

export async function targetMatchesResponse(request: Request, ref: TargetRef): Promise<Response> {
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const view = await targetMatchesForApi(principal, ref);
  if (!view) return notFound(ref.kind === "posting" ? "posting" : "training order");
  return apiJson(view);
}

export async function workerMatchesResponse(request: Request, workerId: string): Promise<Response> {
  const principal = await requireApiPrincipal(request, ["COORDINATOR"]);
  const view = await workerMatchesForApi(principal, workerId);
  if (!view) return notFound("worker");
  return apiJson(view);
}

export async function rematchResponse(request: Request, ref: RematchRef, ip: string | null): Promise<Response> {
  requireMethod(request, ["POST"]);
  const principal: Principal = await requireApiPrincipal(request, ref.entityType === "worker" ? ["COORDINATOR"] : ["COORDINATOR", "EMPLOYER"]);
  const result = await requestRematchFor(principal, ref, ip);
  if (!result) return notFound(ref.entityType === "trainingOrder" ? "training order" : ref.entityType);
  return apiJson(result, 202);
}

/** GET /api/v1/jobs/:jobId — a re-match job's state; 404 for a job that does not exist or is not this caller's to see. */
export async function rematchJobResponse(request: Request, jobId: string): Promise<Response> {
  requireMethod(request, ["GET"]);
  const principal = await requireApiPrincipal(request, ["COORDINATOR", "EMPLOYER"]);
  const view = await rematchJobFor(principal, jobId);
  if (!view) return notFound("job");
  return apiJson(view);
}

export const methodNotAllowed = () => apiError(405, "method_not_allowed", "Use POST");
