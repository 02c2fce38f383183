// Annual plans: set and revised by the coordinator of that level (a county's by the county's
// coordinator, a prefecture's by the prefecture's, the province's by the province's; admins any),
// read by anyone whose scope covers the region. Every save keeps a revision (who, when, the
// targets, the note) and carries the version it was made from, so a plan changed in the meantime
// is not overwritten.
import type { Principal } from "~/domain/access";
import { canReadRegion, isAdmin } from "~/domain/access";
import { PLAN_TARGETS, planChanges, rollUpGaps, sumTargets, type PlanTargets } from "~/domain/plans";
import type { Prisma } from "~/generated/prisma/client";
import type { PlanInput } from "./schema";
import { audit } from "~/services/audit.server";
import { regionInScope } from "./dashboard.server";
import { getDb, isUniqueViolation, WRITE_TX, type Db } from "~/services/db.server";
import { conflict, refused, type Outcome } from "~/platform/outcome";

/** Plans are set at the level the coordinator works at, not above or below it. */
export function canEditPlan(p: Principal, regionCode: string): boolean {
  if (isAdmin(p)) return true;
  return p.grants.some((g) => g.role === "COORDINATOR" && g.regionCode === regionCode);
}

const targetsOf = (row: PlanTargets): PlanTargets => Object.fromEntries(PLAN_TARGETS.map((t) => [t, row[t]])) as PlanTargets;

export type PlanView = NonNullable<Awaited<ReturnType<typeof planPage>>>;

/** The plan page: the region's plan and history, its children's plans and where they do not add up. */
export async function planPage(p: Principal, regionCode: string, year: number, db: Db = getDb()) {
  const region = await regionInScope(p, regionCode, db);
  if (!region) return null;
  const childLevel = region.level === "PROVINCE" ? "PREFECTURE" : region.level === "PREFECTURE" ? "COUNTY" : null;
  const [plan, children, parentPlan] = await Promise.all([
    db.annualPlan.findUnique({
      where: { regionCode_year: { regionCode, year } },
      include: { revisions: { orderBy: { version: "desc" } } },
    }),
    childLevel
      ? db.region.findMany({
          where: { parentCode: regionCode, level: childLevel },
          orderBy: { code: "asc" },
          select: { code: true, name: true, nameEn: true, annualPlans: { where: { year } } },
        })
      : Promise.resolve([]),
    region.parentCode && canReadRegion(p, region.parentCode)
      ? db.annualPlan.findUnique({ where: { regionCode_year: { regionCode: region.parentCode, year } } })
      : Promise.resolve(null),
  ]);
  const userIds = [...new Set([plan?.updatedById, ...(plan?.revisions.map((r) => r.changedById) ?? [])].filter((x): x is string => !!x))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } });
  const who = new Map(users.map((u) => [u.id, u.displayName]));
  const childPlans = children.flatMap((c) => (c.annualPlans[0] ? [targetsOf(c.annualPlans[0])] : []));
  // Oldest first to compare each revision with the one before it; shown newest first.
  const ordered = [...(plan?.revisions ?? [])].reverse();
  const history = ordered
    .map((r, i) => ({
      version: r.version,
      at: r.createdAt.toISOString(),
      by: r.changedById ? (who.get(r.changedById) ?? null) : null,
      note: r.note,
      changes: planChanges(i === 0 ? {} : (ordered[i - 1].snapshot as Partial<PlanTargets>), r.snapshot as unknown as PlanTargets),
    }))
    .reverse();
  return {
    region,
    year,
    childLevel,
    plan: plan
      ? {
          ...targetsOf(plan),
          version: plan.version,
          updatedAt: plan.updatedAt.toISOString(),
          updatedBy: plan.updatedById ? (who.get(plan.updatedById) ?? null) : null,
        }
      : null,
    canEdit: canEditPlan(p, regionCode),
    history,
    children: children.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, plan: c.annualPlans[0] ? targetsOf(c.annualPlans[0]) : null })),
    childrenSum: childPlans.length ? sumTargets(childPlans) : null,
    childrenWithoutPlan: children.filter((c) => !c.annualPlans[0]).length,
    gaps: plan ? rollUpGaps(targetsOf(plan), childPlans) : [],
    parentPlan: parentPlan ? targetsOf(parentPlan) : null,
  };
}

/** A plan as the API answers it. */
export async function planForApi(p: Principal, regionCode: string, year: number, db: Db = getDb()) {
  const region = await regionInScope(p, regionCode, db);
  if (!region) return null;
  const plan = await db.annualPlan.findUnique({ where: { regionCode_year: { regionCode, year } } });
  return { region, plan };
}

export function toPlanResource(regionCode: string, year: number, plan: (PlanTargets & { version: number; updatedAt: Date }) | null) {
  return plan ? { regionCode, year, ...targetsOf(plan), version: plan.version, updatedAt: plan.updatedAt.toISOString() } : null;
}

/**
 * Creates (version 0 → 1) or revises a plan. `input.version` is the version the form was loaded
 * at (0 for none); an API caller may leave it out to overwrite whatever is there.
 */
export async function savePlan(
  p: Principal,
  regionCode: string,
  year: number,
  input: PlanInput,
  opts: { ip: string | null },
  db: Db = getDb(),
): Promise<Outcome<{ version: number; created: boolean }> | null> {
  const region = await regionInScope(p, regionCode, db);
  if (!region) return null;
  if (!canEditPlan(p, regionCode)) return refused("plans.refusal.notYourLevel");
  const targets = targetsOf(input as PlanTargets);
  const actorId = p.kind === "user" ? p.id : null;
  try {
    return await db.$transaction(async (tx) => {
      const current = await tx.annualPlan.findUnique({ where: { regionCode_year: { regionCode, year } } });
      if (input.version !== undefined && input.version !== (current?.version ?? 0)) return conflict;
      let version: number;
      if (!current) {
        const created = await tx.annualPlan.create({ data: { regionCode, year, ...targets, updatedById: actorId } });
        version = created.version;
      } else {
        const changed = await tx.annualPlan.updateMany({
          where: { id: current.id, version: current.version },
          data: { ...targets, updatedById: actorId, version: { increment: 1 } },
        });
        if (changed.count === 0) return conflict;
        version = current.version + 1;
        // A plan that predates revisions (e.g. seeded) gets its first version recorded before it changes.
        const hasOwn = await tx.annualPlanRevision.findUnique({
          where: { planId_version: { planId: current.id, version: current.version } },
          select: { id: true },
        });
        if (!hasOwn)
          await tx.annualPlanRevision.create({
            data: {
              planId: current.id,
              version: current.version,
              snapshot: targetsOf(current) as Prisma.InputJsonValue,
              changedById: current.updatedById,
              createdAt: current.updatedAt,
            },
          });
      }
      const planId = current?.id ?? (await tx.annualPlan.findUniqueOrThrow({ where: { regionCode_year: { regionCode, year } }, select: { id: true } })).id;
      await tx.annualPlanRevision.create({
        data: { planId, version, snapshot: targets as Prisma.InputJsonValue, note: input.note ?? null, changedById: actorId },
      });
      await audit(
        {
          actor: p,
          action: current ? "plan.revise" : "plan.create",
          entityType: "AnnualPlan",
          entityId: planId,
          regionCode,
          detail: { year, version, changes: planChanges(current ? targetsOf(current) : {}, targets) } as Prisma.InputJsonValue,
          ip: opts.ip,
        },
        tx,
      );
      return { ok: true as const, version, created: !current };
    }, WRITE_TX);
  } catch (error) {
    // Two first saves of the same plan at once: the loser is told the plan changed.
    if (isUniqueViolation(error)) return conflict;
    throw error;
  }
}
