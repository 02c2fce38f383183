// The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with.
// Later issues register their resources by adding entries to `operations`.
import { z } from "zod";
import { WorkerCoreSchema } from "~/features/registration/index";
import { FollowUpResultSchema, PlacementSchema, PlacementStatusChangeSchema } from "~/features/placements/index";
import {
  FollowUpQuerySchema,
  FollowUpResourceSchema,
  FollowUpTaskSchema,
  PlacementDetailSchema,
  PlacementQuerySchema,
  PlacementResourceSchema,
} from "./placements-api.server";
import {
  EmployerProfileSchema,
  EmployerStatusChangeSchema,
  PostingSchema,
  PostingStatusChangeSchema,
  TrainingOrderSchema,
  TrainingOrderStatusChangeSchema,
} from "~/features/employers/index";
import { pageOf } from "./api.server";
import {
  EmployerQuerySchema,
  EmployerResourceSchema,
  PostingQuerySchema,
  PostingResourceSchema,
  TrainingOrderQuerySchema,
  TrainingOrderResourceSchema,
} from "./employers-api.server";
import { PlanBodySchema, PlanResourceSchema, ProgressResourceSchema } from "~/features/plans/index.server";
import { RematchJobSchema, RematchResultSchema, TargetMatchesSchema, WorkerMatchesSchema } from "./matches-api.server";
import {
  AttendanceResourceSchema,
  ClassPageSchema,
  ClassQuerySchema,
  ClassResourceSchema,
  EnrolResultSchema,
  EnrollmentResourceSchema,
} from "./classes-api.server";
import { AttendanceSchema, ClassPatchSchema, ClassSchema, EnrolSchema, EnrollmentPatchSchema } from "~/features/training/index";
import {
  PaymentBatchBodySchema,
  PaymentBatchResultSchema,
  SubsidyClaimChangeSchema,
  SubsidyClaimDetailSchema,
  SubsidyClaimPageSchema,
  SubsidyClaimQuerySchema,
  SubsidyPolicyListSchema,
} from "./subsidies-api.server";
import {
  ErrorSchema,
  MeSchema,
  WorkerWriteResultSchema,
  OccupationSchema,
  PageQuerySchema,
  RegionQuerySchema,
  RegionSchema,
  WorkerMaskedSchema,
  WorkerPageSchema,
} from "./schemas";

type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tags: string[];
  query?: z.ZodObject;
  pathParams?: string[];
  body?: z.ZodType;
  response: z.ZodType;
};

export const operations: Operation[] = [
  { method: "get", path: "/api/v1/me", summary: "Who this token is: role and region scope", tags: ["meta"], response: MeSchema },
  {
    method: "get",
    path: "/api/v1/regions",
    summary: "GB/T 2260 regions (filter by parent or level)",
    tags: ["reference"],
    query: RegionQuerySchema,
    response: z.object({ items: z.array(RegionSchema) }),
  },
  {
    method: "get",
    path: "/api/v1/occupations",
    summary: "The occupation taxonomy",
    tags: ["reference"],
    response: z.object({ items: z.array(OccupationSchema) }),
  },
  {
    method: "get",
    path: "/api/v1/workers",
    summary: "Workers in the token's region scope, masked",
    tags: ["workers"],
    query: PageQuerySchema,
    response: WorkerPageSchema,
  },
  {
    method: "post",
    path: "/api/v1/workers",
    tags: ["workers"],
    summary:
      "Register or update workers (one object, or { workers: [...] } up to 500). Same validation and outcome as the " +
      "roster import: an existing ID number is updated, never duplicated.",
    body: z.union([WorkerCoreSchema, z.object({ workers: z.array(WorkerCoreSchema).max(500) })]),
    response: WorkerWriteResultSchema,
  },
  {
    method: "get",
    path: "/api/v1/workers/{workerId}",
    summary: "One worker, masked; 404 when outside the token's scope",
    tags: ["workers"],
    pathParams: ["workerId"],
    response: WorkerMaskedSchema,
  },
  // Employers, postings and training orders (issue 4): the bodies are the pages' form schemas.
  {
    method: "get",
    path: "/api/v1/employers",
    summary: "Employers in the token's scope (province coordinators: all; others: located in, or training in, their region; an employer token: itself)",
    tags: ["employers"],
    query: EmployerQuerySchema,
    response: pageOf(EmployerResourceSchema),
  },
  {
    method: "post",
    path: "/api/v1/employers",
    summary: "Enter an employer (coordinators, admins): PENDING until verified; 201 with the employer",
    tags: ["employers"],
    body: EmployerProfileSchema,
    response: EmployerResourceSchema,
  },
  {
    method: "get",
    path: "/api/v1/employers/{employerId}",
    summary: "One employer (contact phone masked)",
    tags: ["employers"],
    pathParams: ["employerId"],
    response: EmployerResourceSchema,
  },
  {
    method: "patch",
    path: "/api/v1/employers/{employerId}",
    summary:
      "Verify (VERIFIED), reject (REJECTED, reason), suspend (SUSPENDED, reason; closes open postings) or reinstate; " +
      "409 when the change is not allowed from the current status",
    tags: ["employers"],
    pathParams: ["employerId"],
    body: EmployerStatusChangeSchema,
    response: EmployerResourceSchema,
  },
  {
    method: "get",
    path: "/api/v1/postings",
    summary: "Job postings (an employer token: its own)",
    tags: ["postings"],
    query: PostingQuerySchema,
    response: pageOf(PostingResourceSchema),
  },
  {
    method: "post",
    path: "/api/v1/postings",
    summary:
      "Create a job posting as a DRAFT (employer tokens); no filter on sex, ethnicity or household registration " + "exists, and such wording is refused",
    tags: ["postings"],
    body: PostingSchema,
    response: PostingResourceSchema,
  },
  {
    method: "get",
    path: "/api/v1/postings/{postingId}",
    summary: "One job posting",
    tags: ["postings"],
    pathParams: ["postingId"],
    response: PostingResourceSchema,
  },
  {
    method: "patch",
    path: "/api/v1/postings/{postingId}",
    summary: "Publish (OPEN; verified employers), fill (FILLED), close (CLOSED) or reopen; EXPIRED is set by the deadline job only",
    tags: ["postings"],
    pathParams: ["postingId"],
    body: PostingStatusChangeSchema,
    response: PostingResourceSchema,
  },
  {
    method: "get",
    path: "/api/v1/training-orders",
    summary: "Training orders (an employer token: its own; coordinators: those they review)",
    tags: ["training orders"],
    query: TrainingOrderQuerySchema,
    response: pageOf(TrainingOrderResourceSchema),
  },
  {
    method: "post",
    path: "/api/v1/training-orders",
    summary: "Create a training order as a DRAFT (employer tokens); ORDER_BASED needs commitHires, commitWage and retentionMonths",
    tags: ["training orders"],
    body: TrainingOrderSchema,
    response: TrainingOrderResourceSchema,
  },
  {
    method: "get",
    path: "/api/v1/training-orders/{orderId}",
    summary: "One training order",
    tags: ["training orders"],
    pathParams: ["orderId"],
    response: TrainingOrderResourceSchema,
  },
  {
    method: "patch",
    path: "/api/v1/training-orders/{orderId}",
    summary:
      "Employer: submit (SUBMITTED), withdraw (DRAFT), cancel (CANCELLED, reason). Coordinator in scope: approve " + "(APPROVED) or reject (REJECTED, reason)",
    tags: ["training orders"],
    pathParams: ["orderId"],
    body: TrainingOrderStatusChangeSchema,
    response: TrainingOrderResourceSchema,
  },
  // Annual plans and progress (issue 7).
  {
    method: "get",
    path: "/api/v1/plans/{regionCode}/{year}",
    summary: "A region's annual plan (404 when not set or outside the token's scope)",
    tags: ["plans"],
    pathParams: ["regionCode", "year"],
    response: PlanResourceSchema,
  },
  {
    method: "put",
    path: "/api/v1/plans/{regionCode}/{year}",
    summary:
      "Set (201) or revise (200) a plan; only the coordinator of that level (county, prefecture, province) or an " +
      "admin. Send `version` to refuse with 409 when it changed meanwhile; every save keeps a revision",
    tags: ["plans"],
    pathParams: ["regionCode", "year"],
    body: PlanBodySchema,
    response: PlanResourceSchema,
  },
  {
    method: "get",
    path: "/api/v1/plans/{regionCode}/{year}/progress",
    summary:
      "Progress computed from the records: actual (person-times and persons apart), % of plan, pace expected by " +
      "today, year-end projection, status, funnel, monthly cumulative vs plan line, child regions ranked",
    tags: ["plans"],
    pathParams: ["regionCode", "year"],
    response: ProgressResourceSchema,
  },
  // Matching (issue 5): ranked matches with the factor breakdown and explanation; re-match requests.
  {
    method: "get",
    path: "/api/v1/postings/{postingId}/matches",
    summary:
      "Ranked matches of a posting with factor breakdown and explanation (employer tokens: own postings, people " +
      "masked; coordinators: people in their region, with near-misses)",
    tags: ["matching"],
    pathParams: ["postingId"],
    response: TargetMatchesSchema,
  },
  {
    method: "get",
    path: "/api/v1/training-orders/{orderId}/matches",
    summary: "Ranked matches of a training order (same scope as for postings)",
    tags: ["matching"],
    pathParams: ["orderId"],
    response: TargetMatchesSchema,
  },
  {
    method: "get",
    path: "/api/v1/workers/{workerId}/matches",
    summary: "A worker's matches and near-misses (coordinators and admins, by region)",
    tags: ["matching"],
    pathParams: ["workerId"],
    response: WorkerMatchesSchema,
  },
  {
    method: "post",
    path: "/api/v1/postings/{postingId}/rematch",
    summary: "Queue a re-match of a posting; 202 { queued: true, jobId } (follow it with GET /api/v1/jobs/{jobId})",
    tags: ["matching"],
    pathParams: ["postingId"],
    response: RematchResultSchema,
  },
  {
    method: "post",
    path: "/api/v1/training-orders/{orderId}/rematch",
    summary: "Queue a re-match of a training order; 202 { queued: true, jobId }",
    tags: ["matching"],
    pathParams: ["orderId"],
    response: RematchResultSchema,
  },
  {
    method: "post",
    path: "/api/v1/workers/{workerId}/rematch",
    summary: "Queue a re-match of a worker (coordinators in scope); 202 { queued: true, jobId }",
    tags: ["matching"],
    pathParams: ["workerId"],
    response: RematchResultSchema,
  },
  {
    method: "get",
    path: "/api/v1/jobs/{jobId}",
    summary: "State of a re-match job (waiting, active, completed, failed), scoped like the request that queued it; 404 otherwise",
    tags: ["matching"],
    pathParams: ["jobId"],
    response: RematchJobSchema,
  },
  // Training classes (issue 6): the class pages' schemas; coordinators by region, provider staff their provider's classes.
  {
    method: "get",
    path: "/api/v1/classes",
    summary: "Training classes in scope (coordinators: their region; provider staff: their provider's)",
    tags: ["classes"],
    query: ClassQuerySchema,
    response: ClassPageSchema,
  },
  {
    method: "post",
    path: "/api/v1/classes",
    summary:
      "Form a class (coordinators) from an approved order (trainingOrderId) or the county's own plan; sessions are " +
      "generated from the dates, weekdays and times; 201 with the class",
    tags: ["classes"],
    body: ClassSchema,
    response: ClassResourceSchema,
  },
  {
    method: "get",
    path: "/api/v1/classes/{classId}",
    summary: "One class with its sessions, counts and completion rate",
    tags: ["classes"],
    pathParams: ["classId"],
    response: ClassResourceSchema,
  },
  {
    method: "patch",
    path: "/api/v1/classes/{classId}",
    summary:
      "Change a class's terms (version required; fields left out stay), start it (status RUNNING; its order moves to " +
      "IN_PROGRESS) or finish it (status FINISHED: the completion rule decides COMPLETED / FAILED; 409 before the " +
      "last day, with unmarked sessions or missing assessments)",
    tags: ["classes"],
    pathParams: ["classId"],
    body: ClassPatchSchema,
    response: ClassResourceSchema,
  },
  {
    method: "get",
    path: "/api/v1/classes/{classId}/enrollments",
    summary: "The class's enrolments, masked (waiting list in order)",
    tags: ["classes"],
    pathParams: ["classId"],
    response: z.object({ items: z.array(EnrollmentResourceSchema) }),
  },
  {
    method: "post",
    path: "/api/v1/classes/{classId}/enrollments",
    summary:
      "Enrol (coordinators): { workerId } in their region, { matchId } of an accepted order candidate, or { " +
      "allAccepted: true }. A seat while places are free, else the waiting list; a person in an overlapping class is " +
      "refused (named in the message)",
    tags: ["classes"],
    pathParams: ["classId"],
    body: EnrolSchema,
    response: EnrolResultSchema,
  },
  {
    method: "patch",
    path: "/api/v1/classes/{classId}/enrollments/{enrollmentId}",
    summary:
      "Record a dropout ({ status: DROPPED, dropReason, dropNote }) — a seat freed before the start goes to the " +
      "waiting list — and/or an assessment ({ assessment: { score, passed, certificateNumber } })",
    tags: ["classes"],
    pathParams: ["classId", "enrollmentId"],
    body: EnrollmentPatchSchema,
    response: EnrollmentResourceSchema,
  },
  {
    method: "get",
    path: "/api/v1/classes/{classId}/sessions/{sessionId}/attendance",
    summary: "A session's marks, and whether the caller may change them now",
    tags: ["classes"],
    pathParams: ["classId", "sessionId"],
    response: AttendanceResourceSchema,
  },
  {
    method: "put",
    path: "/api/v1/classes/{classId}/sessions/{sessionId}/attendance",
    summary:
      "Mark a session (provider staff and coordinators from the session's day until 48 h after it ends; afterwards " +
      "coordinators only, with a reason). Audited with before/after",
    tags: ["classes"],
    pathParams: ["classId", "sessionId"],
    body: AttendanceSchema,
    response: AttendanceResourceSchema,
  },
  // Placements and follow-ups (issue 6): the bodies are the pages' form schemas.
  {
    method: "get",
    path: "/api/v1/placements",
    summary:
      "Placements (coordinator tokens: workers of their region; an employer token: its own, without flags about the " +
      "person's other jobs). Only VERIFIED ones count toward plans",
    tags: ["placements"],
    query: PlacementQuerySchema,
    response: pageOf(PlacementResourceSchema),
  },
  {
    method: "post",
    path: "/api/v1/placements",
    summary:
      "Record a placement (coordinators): UNVERIFIED, or FLAGGED with the reasons (overlap, below minimum or " +
      "committed wage, unverified employer, staff of employer or provider); 201",
    tags: ["placements"],
    body: PlacementSchema,
    response: PlacementDetailSchema,
  },
  {
    method: "get",
    path: "/api/v1/placements/{placementId}",
    summary: "One placement with its flags and their reasons",
    tags: ["placements"],
    pathParams: ["placementId"],
    response: PlacementDetailSchema,
  },
  {
    method: "patch",
    path: "/api/v1/placements/{placementId}",
    summary:
      "Verify (VERIFIED; a flagged one needs a note), flag (FLAGGED, note) or reject (REJECTED, note; withdraws a " +
      "verified one) — the worker's county coordinator or above. Verifying schedules the 1/3/6/12-month follow-ups",
    tags: ["placements"],
    pathParams: ["placementId"],
    body: PlacementStatusChangeSchema,
    response: PlacementDetailSchema,
  },
  {
    method: "get",
    path: "/api/v1/placements/{placementId}/follow-ups",
    summary: "The follow-ups of one placement",
    tags: ["follow-ups"],
    pathParams: ["placementId"],
    response: z.object({ items: z.array(FollowUpResourceSchema) }),
  },
  {
    method: "get",
    path: "/api/v1/follow-ups",
    summary: "Follow-up tasks of the token's region: open (opened on the due day), overdue (due day passed, not recorded) or done",
    tags: ["follow-ups"],
    query: FollowUpQuerySchema,
    response: z.object({ status: z.string(), counts: z.record(z.string(), z.number()), items: z.array(FollowUpTaskSchema) }),
  },
  {
    method: "get",
    path: "/api/v1/follow-ups/{followUpId}",
    summary: "One follow-up task",
    tags: ["follow-ups"],
    pathParams: ["followUpId"],
    response: FollowUpTaskSchema,
  },
  {
    method: "put",
    path: "/api/v1/follow-ups/{followUpId}",
    summary:
      "Record the result: still employed (wage) or left (reason). Employed at 6 months or later = stable employment; " +
      "left = matchable again, and a registered-poor worker is flagged at risk of returning to poverty",
    tags: ["follow-ups"],
    pathParams: ["followUpId"],
    body: FollowUpResultSchema,
    response: FollowUpTaskSchema,
  },
  // Subsidies (issue 18): policies as data; claims made from the records, reviewed with separation of duties, paid in batches.
  {
    method: "get",
    path: "/api/v1/subsidy-policies",
    summary:
      "Subsidy policies: each code's current version (amount, eligibility including the certificate level, validity, " +
      "legal source) with its earlier versions",
    tags: ["subsidies"],
    response: SubsidyPolicyListSchema,
  },
  {
    method: "get",
    path: "/api/v1/subsidy-claims",
    summary: "Subsidy claims of the token's region (made from the records, never typed), with flags and their reasons",
    tags: ["subsidies"],
    query: SubsidyClaimQuerySchema,
    response: SubsidyClaimPageSchema,
  },
  {
    method: "get",
    path: "/api/v1/subsidy-claims/{claimId}",
    summary: "One claim with the records that prove it, the policy's legal source and the payee account masked",
    tags: ["subsidies"],
    pathParams: ["claimId"],
    response: SubsidyClaimDetailSchema,
  },
  {
    method: "patch",
    path: "/api/v1/subsidy-claims/{claimId}",
    summary:
      "Submit (PREPARED; needs a payee account), approve (APPROVED; never by whoever prepared it; above the " +
      "thresholds only prefecture/province; a flagged claim needs a note) or reject (REJECTED, note). A token acts " +
      "as the people behind it (the user it was issued for and its creator): none of them approves what they " +
      "prepared; a token with nobody behind it gets 403 token_without_person",
    tags: ["subsidies"],
    pathParams: ["claimId"],
    body: SubsidyClaimChangeSchema,
    response: SubsidyClaimDetailSchema,
  },
  {
    method: "post",
    path: "/api/v1/subsidy-claims/batch",
    summary: "Put every approved claim of a county into a payment batch; 201 (a token with nobody behind it: 403 token_without_person)",
    tags: ["subsidies"],
    body: PaymentBatchBodySchema,
    response: PaymentBatchResultSchema,
  },
];

function schemaOf(s: z.ZodType, io: "input" | "output" = "output") {
  return z.toJSONSchema(s, { target: "openapi-3.0", unrepresentable: "any", io });
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters = [
      ...(op.pathParams ?? []).map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      ...(op.query
        ? Object.entries(op.query.shape).map(([name, s]) => ({
            name,
            in: "query",
            required: !(s as z.ZodType).safeParse(undefined).success,
            schema: schemaOf(s as z.ZodType),
          }))
        : []),
    ];
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      tags: op.tags,
      security: [{ bearer: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body, "input") } } } } : {}),
      responses: {
        200: { description: "OK", content: { "application/json": { schema: schemaOf(op.response) } } },
        400: { description: "Invalid request; `fields` lists each problem with its path", content: { "application/json": { schema: schemaOf(ErrorSchema) } } },
        401: { description: "Missing or invalid token", content: { "application/json": { schema: schemaOf(ErrorSchema) } } },
        403: { description: "The token's role may not use this", content: { "application/json": { schema: schemaOf(ErrorSchema) } } },
        404: { description: "Not found (or outside the token's scope)", content: { "application/json": { schema: schemaOf(ErrorSchema) } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "LaborBridge API",
      version: "1",
      description: "劳务桥 API. Bearer tokens are scoped like users: a coordinator token sees its region subtree only. Personal data is masked.",
    },
    servers: [{ url: "/" }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths,
  };
}
