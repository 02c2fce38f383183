// Training orders: drafted and submitted by their employer, approved or rejected by a coordinator
// of the region where the class will run (or of its provider). Every change bumps `version` and
// writes outbox and audit rows in one transaction; edits carry the version they started from.
import { calendarDayOrNull as isoDay, dayDate } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { isProvinceStaff, canEditDrafts } from "~/domain/employer";
import { regionPrefix } from "~/domain/regions";
import {
  availableOrderActions,
  canReviewOrder,
  EMPLOYER_ORDER_ACTIONS,
  orderEditable,
  orderTransition,
  REVIEW_ORDER_ACTIONS,
  type OrderAction,
  type TrainingOrderStatus,
} from "~/domain/training-order";
import type { Prisma } from "~/generated/prisma/client";
import type { TrainingOrderInput } from "~/features/employers/index";
import { auditIndexedChange } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { conflict, invalid, refused, type Outcome, type Problem } from "~/platform/outcome";
import { ownEmployer, writingEmployer } from "~/features/employers/index.server";
import { occupationNames, regionNames } from "~/platform/selects";
import { columnsOf } from "~/platform/input-columns";

const day = (s: string | undefined) => (s ? dayDate(s) : null);
type Ctx = { ip: string | null; source?: "form" | "api" };

async function referenceProblems(input: TrainingOrderInput, db: Db): Promise<Problem[]> {
  const [occupation, region, provider] = await Promise.all([
    db.occupation.findUnique({ where: { code: input.occupationCode }, select: { code: true } }),
    db.region.findUnique({ where: { code: input.locationRegionCode }, select: { level: true } }),
    input.providerId ? db.trainingProvider.findUnique({ where: { id: input.providerId }, select: { id: true } }) : Promise.resolve({ id: null }),
  ]);
  return [
    ...(occupation ? [] : [{ field: "occupationCode", message: "emp.occupationRequired" }]),
    ...(region?.level === "COUNTY" ? [] : [{ field: "locationRegionCode", message: "emp.order.locationRequired" }]),
    ...(provider ? [] : [{ field: "providerId", message: "emp.invalidChoice" }]),
  ];
}

/** The order's columns that hold their field as it is; its days and general modules follow rules (below). */
const ORDER_COLUMNS = [
  "kind",
  "occupationCode",
  "title",
  "description",
  "classSize",
  "trainingHours",
  "providerId",
  "locationRegionCode",
  "locationAddress",
  "attendanceThreshold",
  "assessmentRequired",
  "commitHires",
  "commitWage",
  "retentionMonths",
] as const;

function orderData(input: TrainingOrderInput) {
  return {
    ...columnsOf(input, ORDER_COLUMNS),
    scheduleStart: day(input.scheduleStart),
    scheduleEnd: day(input.scheduleEnd),
    // General modules belong to compound classes only.
    generalModules: input.kind === "COMPOUND" ? input.generalModules : [],
  };
}

/** A new order, as a draft or submitted at once (`submit`, verified employers only). */
export async function createTrainingOrder(
  p: Principal,
  input: TrainingOrderInput,
  opts: Ctx & { submit?: boolean },
  db: Db = getDb(),
): Promise<Outcome<{ orderId: string; status: TrainingOrderStatus }>> {
  const writing = await writingEmployer(p, db);
  if (!writing.ok) return writing;
  const { employer } = writing;
  const problems = await referenceProblems(input, db);
  if (problems.length) return { ok: false, kind: "invalid", problems };
  let status: TrainingOrderStatus = "DRAFT";
  if (opts.submit) {
    const t = orderTransition("DRAFT", "submit", { employerStatus: employer.status });
    if (!t.ok) return refused(`emp.refusal.${t.reason}`);
    status = t.to;
  }
  return db.$transaction(async (tx) => {
    const order = await tx.trainingOrder.create({ data: { ...orderData(input), employerId: employer.id, status } });
    await auditIndexedChange(
      tx,
      { type: "trainingOrder", id: order.id, version: order.version, regionCode: input.locationRegionCode },
      {
        actor: p,
        action: "trainingOrder.create",
        detail: { status, kind: input.kind, source: opts.source ?? "form" },
        ip: opts.ip,
      },
    );
    return { ok: true as const, orderId: order.id, status };
  });
}

/** Edits a draft, or a rejected order (which becomes a draft again, its rejection reason kept in the audit log). */
export async function updateTrainingOrder(
  p: Principal,
  orderId: string,
  input: TrainingOrderInput,
  version: number,
  opts: Ctx,
  db: Db = getDb(),
): Promise<Outcome | null> {
  const [employer, order] = await Promise.all([
    ownEmployer(p, db),
    p.employerId ? db.trainingOrder.findFirst({ where: { id: orderId, employerId: p.employerId } }) : null,
  ]);
  if (!employer || !order) return null;
  if (!canEditDrafts(employer.status)) return refused("emp.refusal.accountCannotWrite");
  if (!orderEditable(order.status)) return refused("emp.refusal.notEditable");
  if (order.version !== version) return conflict;
  const problems = await referenceProblems(input, db);
  if (problems.length) return { ok: false, kind: "invalid", problems };
  return db.$transaction(async (tx) => {
    const changed = await tx.trainingOrder.updateMany({
      where: { id: order.id, version, status: order.status },
      data: { ...orderData(input), status: "DRAFT", statusReason: null, version: { increment: 1 } },
    });
    if (changed.count === 0) return conflict;
    await auditIndexedChange(
      tx,
      { type: "trainingOrder", id: order.id, version: version + 1, regionCode: input.locationRegionCode },
      {
        actor: p,
        action: "trainingOrder.update",
        detail: { fromVersion: version, fromStatus: order.status },
        ip: opts.ip,
      },
    );
    return { ok: true as const };
  });
}

/**
 * One step on an order: the employer submits, withdraws or cancels its own; a coordinator in scope
 * approves or rejects. Null when the order is absent or not the caller's to act on (the same answer).
 */
export async function actOnTrainingOrder(
  p: Principal,
  orderId: string,
  action: OrderAction,
  reason: string | undefined,
  opts: Ctx,
  db: Db = getDb(),
): Promise<Outcome<{ status: TrainingOrderStatus }> | null> {
  const order = await db.trainingOrder.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      status: true,
      employerId: true,
      locationRegionCode: true,
      employer: { select: { status: true } },
      provider: { select: { regionCode: true } },
    },
  });
  if (!order) return null;
  const asEmployer = EMPLOYER_ORDER_ACTIONS.includes(action);
  if (asEmployer && order.employerId !== p.employerId) return null;
  if (
    REVIEW_ORDER_ACTIONS.includes(action) &&
    !canReviewOrder(p, { locationRegionCode: order.locationRegionCode, providerRegionCode: order.provider?.regionCode ?? null })
  )
    return null;
  const t = orderTransition(order.status, action, { employerStatus: order.employer.status, reason });
  if (!t.ok) return t.reason === "reasonRequired" ? invalid("reason", "emp.reasonRequired") : refused(`emp.refusal.${t.reason}`);
  return db.$transaction(async (tx) => {
    const changed = await tx.trainingOrder.updateMany({
      where: { id: order.id, status: order.status },
      data: {
        status: t.to,
        version: { increment: 1 },
        statusReason: action === "reject" || action === "cancel" ? reason!.trim() : null,
        ...(action === "approve" ? { approvedById: p.kind === "user" ? p.id : null, approvedAt: new Date() } : {}),
      },
    });
    if (changed.count === 0) return conflict;
    const { version } = await tx.trainingOrder.findUniqueOrThrow({ where: { id: order.id }, select: { version: true } });
    await auditIndexedChange(
      tx,
      { type: "trainingOrder", id: order.id, version, regionCode: order.locationRegionCode },
      {
        actor: p,
        action: `trainingOrder.${action}`,
        detail: { from: order.status, to: t.to, ...(reason ? { reason } : {}) },
        ip: opts.ip,
      },
    );
    return { ok: true as const, status: t.to };
  });
}

// ───────────── reading ─────────────

/** Orders a coordinator reviews: located in their region or run by a provider there; province staff all. */
export function orderReviewScopeWhere(p: Principal): Prisma.TrainingOrderWhereInput {
  if (isProvinceStaff(p)) return {};
  const roots = p.grants.filter((g) => g.role === "COORDINATOR" && g.regionCode).map((g) => regionPrefix(g.regionCode!));
  if (roots.length === 0) return { id: "__none__" };
  return { OR: roots.flatMap((prefix) => [{ locationRegionCode: { startsWith: prefix } }, { provider: { regionCode: { startsWith: prefix } } }]) };
}

const listSelect = {
  id: true,
  title: true,
  kind: true,
  status: true,
  classSize: true,
  trainingHours: true,
  commitHires: true,
  commitWage: true,
  retentionMonths: true,
  scheduleStart: true,
  createdAt: true,
  employer: { select: { id: true, name: true, status: true } },
  occupation: occupationNames,
  locationRegion: regionNames,
} satisfies Prisma.TrainingOrderSelect;

export async function listOrdersForReview(p: Principal, filter: { status?: TrainingOrderStatus } = {}, db: Db = getDb()) {
  const scope = orderReviewScopeWhere(p);
  const [rows, counts] = await Promise.all([
    db.trainingOrder.findMany({
      where: { AND: [scope, { status: filter.status ?? { not: "DRAFT" } }] },
      orderBy: [{ updatedAt: "desc" }],
      take: 200,
      select: listSelect,
    }),
    db.trainingOrder.groupBy({ by: ["status"], where: { AND: [scope, { status: { not: "DRAFT" } }] }, _count: { _all: true } }),
  ]);
  return { rows, counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<TrainingOrderStatus, number>> };
}

const detailInclude = {
  occupation: { select: { code: true, nameZh: true, nameEn: true } },
  locationRegion: { select: { code: true, name: true, nameEn: true } },
  provider: { select: { id: true, name: true, regionCode: true } },
  employer: { select: { id: true, name: true, status: true, districtCode: true } },
  _count: { select: { matches: true, classes: true } },
} satisfies Prisma.TrainingOrderInclude;

/** An order for a coordinator in scope (drafts stay the employer's own business), with the actions open to them. */
export async function orderForReview(p: Principal, orderId: string, db: Db = getDb()) {
  const order = await db.trainingOrder.findFirst({
    where: { AND: [{ id: orderId, status: { not: "DRAFT" } }, orderReviewScopeWhere(p)] },
    include: detailInclude,
  });
  if (!order) return null;
  return { order, actions: availableOrderActions(order.status, "reviewer") };
}

export async function orderForEmployer(p: Principal, orderId: string, db: Db = getDb()) {
  if (!p.employerId) return null;
  const order = await db.trainingOrder.findFirst({ where: { id: orderId, employerId: p.employerId }, include: detailInclude });
  if (!order) return null;
  const hired = await db.match.count({ where: { trainingOrderId: orderId, status: "HIRED" } });
  return { order, hired, actions: availableOrderActions(order.status, "employer"), editable: orderEditable(order.status) };
}

export function orderFormValues(o: NonNullable<Awaited<ReturnType<typeof orderForEmployer>>>["order"]) {
  const s = (v: number | null) => (v === null ? undefined : String(v));
  return {
    kind: o.kind,
    occupationCode: o.occupationCode,
    title: o.title,
    description: o.description,
    classSize: String(o.classSize),
    trainingHours: String(o.trainingHours),
    providerId: o.providerId ?? undefined,
    scheduleStart: isoDay(o.scheduleStart) ?? undefined,
    scheduleEnd: isoDay(o.scheduleEnd) ?? undefined,
    locationRegionCode: o.locationRegionCode,
    locationAddress: o.locationAddress ?? undefined,
    attendanceThreshold: String(o.attendanceThreshold),
    assessmentRequired: o.assessmentRequired ? "on" : undefined,
    generalModules: o.generalModules,
    commitHires: s(o.commitHires),
    commitWage: s(o.commitWage),
    retentionMonths: s(o.retentionMonths),
    version: String(o.version),
  };
}

/** API reads: an employer its own orders; staff those in their review scope. */
function orderReadScope(p: Principal): Prisma.TrainingOrderWhereInput {
  if (p.employerId && !p.grants.some((g) => g.role === "COORDINATOR" || g.role === "ADMIN")) return { employerId: p.employerId };
  return { AND: [orderReviewScopeWhere(p), { status: { not: "DRAFT" } }] };
}

export async function orderForApi(p: Principal, orderId: string, db: Db = getDb()) {
  return db.trainingOrder.findFirst({ where: { AND: [{ id: orderId }, orderReadScope(p)] } });
}

export async function listOrdersForApi(p: Principal, q: { status?: TrainingOrderStatus; page: number; pageSize: number }, db: Db = getDb()) {
  const where: Prisma.TrainingOrderWhereInput = { AND: [orderReadScope(p), q.status ? { status: q.status } : {}] };
  const [total, items] = await Promise.all([
    db.trainingOrder.count({ where }),
    db.trainingOrder.findMany({ where, orderBy: { createdAt: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
  ]);
  return { total, items };
}
