// /api/v1 placements and follow-ups: the pages' schemas and services answered as JSON. Scope as on
// the pages: coordinator tokens their region (by the worker's county), an employer token its own
// placements — without flags that would tell it about the person's other jobs or other employers.
import { calendarDayOrNull as day } from "~/platform/china-time";
import { z } from "zod";
import type { Principal } from "~/domain/access";
import { FLAG_CODES, TRANSFER_TYPES, VERIFICATION_STATUSES, countsTowardPlan, type PlacementFlag } from "~/domain/placement";
import { getI18n } from "~/i18n/i18n";
import { pickResource } from "./api.server";
import { PageQuerySchema } from "./schemas";
import type { followUpsOfPlacement, listFollowUps } from "~/features/placements/index.server";
import type { listPlacements, placementFor } from "~/features/placements/index.server";

const en = () => getI18n("en").t;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const PlacementResourceSchema = z.object({
  id: z.string(),
  workerId: z.string(),
  workerName: z.string(),
  workerCountyCode: z.string(),
  employerId: z.string(),
  employerName: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  monthlyWage: z.number().int(),
  workRegionCode: z.string(),
  transferType: z.enum(TRANSFER_TYPES),
  verification: z.enum(VERIFICATION_STATUSES),
  countsTowardPlan: z.boolean().meta({ description: "Only VERIFIED placements count toward plans" }),
  flags: z.array(z.object({ code: z.enum(FLAG_CODES), message: z.string(), detail: z.record(z.string(), z.union([z.string(), z.number()])) })),
  sampledForReverification: z.boolean(),
  reverifiedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const PlacementDetailSchema = PlacementResourceSchema.extend({
  postingId: z.string().nullable(),
  trainingClassId: z.string().nullable(),
  workAddress: z.string().nullable(),
  hasVerificationNote: z
    .boolean()
    .meta({ description: "A verification note was written; its text is never sent here (an audited reveal on the placement page)" }),
  verifiedAt: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export const PlacementQuerySchema = z.object({
  verification: z.enum(VERIFICATION_STATUSES).optional(),
  queue: z.enum(["review", "reverify"]).optional(),
  ...PageQuerySchema.shape,
});

export const FollowUpResourceSchema = z.object({
  id: z.string(),
  placementId: z.string(),
  dueMonth: z.number().int(),
  dueAt: z.string(),
  state: z.enum(["scheduled", "open", "overdue", "done"]),
  openedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  stillEmployed: z.boolean().nullable(),
  monthlyWage: z.number().int().nullable(),
  leaveReason: z.string().nullable().meta({ description: "A LEAVE_REASONS code (coordinators in scope only)" }),
  hasNote: z.boolean().meta({ description: "A note was written; its text is never sent here (an audited reveal on the follow-up page)" }),
});
export const FollowUpTaskSchema = FollowUpResourceSchema.extend({
  countyCode: z.string().nullable(),
  workerId: z.string(),
  workerName: z.string(),
  employerName: z.string(),
  atRiskOfPoverty: z.boolean(),
});
export const FollowUpQuerySchema = z.object({ status: z.enum(["open", "overdue", "done"]).default("open") });

/** What an employer token may know of the flags: nothing about the person's other jobs or links. */
function flagsFor(p: Principal, flags: PlacementFlag[]) {
  const staff = p.employerId == null;
  const t = en();
  return flags
    .filter((f) => staff || f.code === "belowMinimumWage" || f.code === "belowCommittedWage" || f.code === "employerNotVerified")
    .map((f) => ({
      code: f.code,
      detail: f.detail,
      message: t(`out.flag.${f.code}`, {
        ...f.detail,
        endText: f.detail.end ? ` to ${f.detail.end}` : ", ongoing",
        viaText: f.detail.via ? t(`out.flag.via.${f.detail.via}`) : "",
        interpolation: { escapeValue: false },
      }),
    }));
}

type ListRow = Awaited<ReturnType<typeof listPlacements>>["rows"][number];
export function toPlacementResource(p: Principal, r: ListRow): z.infer<typeof PlacementResourceSchema> {
  return {
    id: r.id,
    workerId: r.worker.id,
    workerName: r.worker.fullName,
    workerCountyCode: r.worker.countyCode,
    employerId: r.employer.id,
    employerName: r.employer.name,
    startDate: day(r.startDate)!,
    endDate: day(r.endDate),
    monthlyWage: r.monthlyWage,
    workRegionCode: r.workRegion.code,
    transferType: r.transferType,
    verification: r.verification,
    countsTowardPlan: countsTowardPlan(r.verification),
    flags: flagsFor(p, r.flags),
    sampledForReverification: p.employerId == null && r.sampledAt !== null,
    reverifiedAt: p.employerId == null ? iso(r.reverifiedAt) : null,
    createdAt: r.createdAt.toISOString(),
  };
}

type DetailRow = NonNullable<Awaited<ReturnType<typeof placementFor>>>;
export function toPlacementDetail(p: Principal, r: DetailRow): z.infer<typeof PlacementDetailSchema> {
  return {
    ...toPlacementResource(p, r),
    postingId: r.postingId,
    trainingClassId: r.trainingClassId,
    workAddress: r.workAddress,
    hasVerificationNote: p.employerId == null && r.hasVerificationNote,
    verifiedAt: iso(r.verifiedAt),
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

type FollowUpRow = Awaited<ReturnType<typeof followUpsOfPlacement>>[number];
export function toFollowUpResource(placementId: string, f: FollowUpRow): z.infer<typeof FollowUpResourceSchema> {
  return pickResource(FollowUpResourceSchema, { ...f, placementId, dueAt: day(f.dueAt)!, openedAt: iso(f.openedAt), completedAt: iso(f.completedAt) });
}

type TaskRow = Awaited<ReturnType<typeof listFollowUps>>["rows"][number];
export function toFollowUpTask(f: TaskRow): z.infer<typeof FollowUpTaskSchema> {
  return {
    ...toFollowUpResource(f.placementId, f),
    countyCode: f.countyCode,
    workerId: f.placement.worker.id,
    workerName: f.placement.worker.fullName,
    employerName: f.placement.employer.name,
    atRiskOfPoverty: f.placement.worker.atRiskOfPoverty,
  };
}
