// /api/v1 for employers, job postings and training orders: the same schemas and services as the
// pages (so validation, lifecycles, audit and outbox rows are identical), answered as JSON with
// English messages and field paths. Scope as on the pages: an employer token (its employerId)
// reaches its own records only; coordinator tokens their region; out of scope reads as absent.
import { calendarDayOrNull as day } from "~/platform/china-time";
import { z } from "zod";
import type { Principal } from "~/domain/access";
import { decisionForStatus } from "~/domain/employer";
import { postingActionFor } from "~/domain/posting";
import { orderActionFor } from "~/domain/training-order";
import type { Outcome } from "~/platform/outcome";
import { decideEmployer, employerForApi } from "~/features/employers/index.server";
import { changePostingStatus, postingContent, postingForApi } from "~/features/employers/index.server";
import { actOnTrainingOrder, orderForApi } from "~/features/training/index.server";
import { apiError, apiNotFound, pickResource, stepAnswer } from "./api.server";
import { PageQuerySchema } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ───────────── resources (also the OpenAPI response schemas) ─────────────

export const EmployerResourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  districtCode: z.string(),
  industry: z.string(),
  address: z.string().nullable(),
  contactName: z.string(),
  contactPhoneMasked: z.string().meta({ description: "e.g. 139****5678; never in full" }),
  status: z.enum(["PENDING", "VERIFIED", "REJECTED", "SUSPENDED"]),
  statusReason: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const PostingResourceSchema = z.object({
  id: z.string(),
  employerId: z.string(),
  occupationCode: z.string(),
  title: z.string(),
  description: z.string(),
  headcount: z.number().int(),
  wageMin: z.number().int(),
  wageMax: z.number().int(),
  workRegionCode: z.string(),
  workAddress: z.string().nullable(),
  startDate: z.string().nullable(),
  contractMonths: z.number().int().nullable(),
  housing: z.boolean(),
  meals: z.boolean(),
  socialInsurance: z.boolean(),
  travelSubsidy: z.number().int().nullable(),
  requirements: z.object({
    skills: z.array(z.object({ occupationCode: z.string(), minLevel: z.number().int().nullable() })),
    certificates: z.array(z.string()),
  }),
  ageMin: z.number().int().nullable(),
  ageMax: z.number().int().nullable(),
  deadline: z.string().nullable(),
  status: z.enum(["DRAFT", "OPEN", "FILLED", "CLOSED", "EXPIRED"]),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const TrainingOrderResourceSchema = z.object({
  id: z.string(),
  employerId: z.string(),
  kind: z.enum(["ORDER_BASED", "POST_BASED", "COMPOUND"]),
  occupationCode: z.string(),
  title: z.string(),
  description: z.string(),
  classSize: z.number().int(),
  trainingHours: z.number().int(),
  providerId: z.string().nullable(),
  scheduleStart: z.string().nullable(),
  scheduleEnd: z.string().nullable(),
  locationRegionCode: z.string(),
  locationAddress: z.string().nullable(),
  attendanceThreshold: z.number().int(),
  assessmentRequired: z.boolean(),
  generalModules: z.array(z.string()),
  commitHires: z.number().int().nullable(),
  commitWage: z.number().int().nullable(),
  retentionMonths: z.number().int().nullable(),
  status: z.enum(["DRAFT", "SUBMITTED", "APPROVED", "REJECTED", "IN_PROGRESS", "COMPLETED", "CANCELLED"]),
  statusReason: z.string().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

type EmployerRow = NonNullable<Awaited<ReturnType<typeof employerForApi>>>;
export function toEmployerResource(e: EmployerRow): z.infer<typeof EmployerResourceSchema> {
  return { ...e, verifiedAt: iso(e.verifiedAt), createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString() };
}

type PostingRow = NonNullable<Awaited<ReturnType<typeof postingForApi>>>;
export function toPostingResource(p: PostingRow): z.infer<typeof PostingResourceSchema> {
  return pickResource(PostingResourceSchema, {
    ...p,
    ...postingContent(p),
    publishedAt: iso(p.publishedAt),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  });
}

type OrderRow = NonNullable<Awaited<ReturnType<typeof orderForApi>>>;
export function toOrderResource(o: OrderRow): z.infer<typeof TrainingOrderResourceSchema> {
  return pickResource(TrainingOrderResourceSchema, {
    ...o,
    scheduleStart: day(o.scheduleStart),
    scheduleEnd: day(o.scheduleEnd),
    approvedAt: iso(o.approvedAt),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  });
}

const notAllowed = (from: string, to: string) => apiError(409, "transition_refused", `A change from ${from} to ${to} is not allowed`);

// ───────────── status changes: the status asked for → the lifecycle step ─────────────

export async function changeEmployerStatusFromApi(
  p: Principal,
  employerId: string,
  to: z.infer<typeof EmployerResourceSchema>["status"],
  reason: string | undefined,
  ip: string | null,
): Promise<Response> {
  return changeStatus({
    what: "employer",
    read: () => employerForApi(p, employerId),
    to,
    stepFor: decisionForStatus,
    run: (decision) => decideEmployer(p, employerId, decision, reason, ip),
    resource: toEmployerResource,
  });
}

export async function changePostingStatusFromApi(
  p: Principal,
  postingId: string,
  to: z.infer<typeof PostingResourceSchema>["status"],
  ip: string | null,
): Promise<Response> {
  return changeStatus({
    what: "posting",
    read: async () => {
      const current = await postingForApi(p, postingId);
      return current?.employerId === p.employerId ? current : null;
    },
    to,
    stepFor: postingActionFor,
    run: (action) => changePostingStatus(p, postingId, action, { ip, source: "api" }),
    resource: toPostingResource,
  });
}

export async function changeOrderStatusFromApi(
  p: Principal,
  orderId: string,
  to: z.infer<typeof TrainingOrderResourceSchema>["status"],
  reason: string | undefined,
  ip: string | null,
): Promise<Response> {
  return changeStatus({
    what: "training order",
    read: () => orderForApi(p, orderId),
    to,
    stepFor: orderActionFor,
    run: (action) => actOnTrainingOrder(p, orderId, action, reason, { ip, source: "api" }),
    resource: toOrderResource,
  });
}

/** A status asked for: the record in scope (404), the lifecycle step that reaches it (409 when none), the step, the record as it is now. */
async function changeStatus<Row extends { status: string }, To extends string, Step>(c: {
  what: string;
  read: () => Promise<Row | null>;
  to: To;
  stepFor: (from: Row["status"], to: To) => Step | null | undefined;
  run: (step: Step) => Promise<Outcome | null | undefined>;
  resource: (row: Row) => unknown;
}): Promise<Response> {
  const current = await c.read();
  if (!current) return apiNotFound(c.what);
  const step = c.stepFor(current.status, c.to);
  if (!step) return notAllowed(current.status, c.to);
  return stepAnswer(await c.run(step), c.what, async () => c.resource((await c.read())!));
}

// ───────────── list queries ─────────────

const page = PageQuerySchema.shape;
export const EmployerQuerySchema = z.object({ status: EmployerResourceSchema.shape.status.optional(), ...page });
export const PostingQuerySchema = z.object({ status: PostingResourceSchema.shape.status.optional(), employerId: z.uuid().optional(), ...page });
export const TrainingOrderQuerySchema = z.object({ status: TrainingOrderResourceSchema.shape.status.optional(), ...page });
